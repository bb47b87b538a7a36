function (cluster) {
  // A stack of reports at one place: a disc in the reports' colour (grey when
  // they differ) with their count. The colours are the layer's own style values.
  var colours = {};
  cluster.getAllChildMarkers().forEach(function (m) {
    var c = m.options.fillColor || "#ff7f00";
    colours[c] = (colours[c] || 0) + 1;
  });
  var keys = Object.keys(colours);
  var colour = keys.length === 1 ? keys[0] : "#555555";
  var n = cluster.getChildCount();
  var size = n < 10 ? 26 : n < 100 ? 32 : 38;
  return L.divIcon({
    html: '<div style="background:' + colour + '"><span>' + n + "</span></div>",
    className: "atlas-cluster",
    iconSize: L.point(size, size)
  });
}
