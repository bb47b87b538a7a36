function (feature, layer) {
  // Each marker carries its own tooltip and popup (escaped HTML built in Python):
  // inside a marker cluster the layer group is never on the map, so texts bound
  // to the group would never open.
  var p = feature.properties || {};
  if (p._tooltip) { layer.bindTooltip(p._tooltip, {sticky: true}); }
  if (p._popup) { layer.bindPopup(p._popup, {maxWidth: 360}); }
}
