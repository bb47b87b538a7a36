// Injected at the end of the folium page (after the map is built): posts the
// feature under every click on a map layer to the page around the iframe
// (map.js), as {id, properties}. Only clicks are sent; pan and zoom are not.
(() => {
  const MESSAGE = "raqqa-atlas:map-click";
  const map = Object.keys(window)
    .filter((name) => name.startsWith("map_"))
    .map((name) => window[name])
    .find((value) => value instanceof L.Map);
  if (!map) {
    return;
  }
  let lastClick = null;
  function send(event) {
    // A click on a feature also reaches the layer group holding it: send it once.
    if (event.originalEvent && event.originalEvent === lastClick) {
      return;
    }
    lastClick = event.originalEvent;
    const layer = event.sourceTarget || event.target;
    const feature = layer.feature || (typeof layer.toGeoJSON === "function" ? layer.toGeoJSON() : null);
    if (!feature) {
      return;
    }
    const message = { type: MESSAGE, feature: { id: feature.id ?? null, properties: feature.properties ?? {} } };
    window.parent.postMessage(message, window.origin); // srcdoc: the parent's origin
  }
  function listen(layer) {
    if (typeof layer.on === "function") {
      layer.on("click", send); // Leaflet ignores a listener it already has
    }
  }
  // The page around the frame may ask to frame a place (a table row picked, a shared link).
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || !event.data || event.data.type !== "raqqa-atlas:map-focus") {
      return;
    }
    const fit = () => map.fitBounds(event.data.bounds, { maxZoom: 16, animate: false });
    fit();
    // A new page may still be finishing its first view (a zoom transition), which would end back
    // on the view's frame: fit again once that move has ended.
    map.once("moveend", fit);
  });
  map.eachLayer(listen);
  window.parent.postMessage({ type: "raqqa-atlas:map-ready" }, window.origin); // send me the focus, if any
  map.on("layeradd", (event) => listen(event.layer)); // overlays switched on later
})();
