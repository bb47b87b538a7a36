function (cluster) {
  // A stack of candidates (uploaded, not reviewed) at one place: hollow, dashed, its
  // count dark, set up and to the right of the point so a stack of reviewed reports
  // there stays readable under it.
  var n = cluster.getChildCount();
  var size = n < 10 ? 24 : n < 100 ? 30 : 36;
  return L.divIcon({
    html: "<div><span>" + n + "</span></div>",
    className: "atlas-cluster atlas-cluster-candidates",
    iconSize: L.point(size, size),
    iconAnchor: L.point(-9, size + 3)  // above and to the right of the point
  });
}
