// Injected at the end of the folium page (after the map is built): posts the
// feature under every click on a map layer to the page around the iframe
// (map.js), as {id, properties}. Only clicks are sent; pan and zoom are not.
// It also keeps the page still when the map takes focus, and handles tiles that
// cannot load (offline): see below.
(() => {
  const MESSAGE = "raqqa-atlas:map-click";
  const map = Object.keys(window)
    .filter((name) => name.startsWith("map_"))
    .map((name) => window[name])
    .find((value) => value instanceof L.Map);
  if (!map) {
    return;
  }

  // No jump when the map takes focus. Leaflet focuses its container on the first press
  // (for the keyboard) with a plain focus(), and the browser then scrolls every page
  // around the iframe until the whole map is in view: the first click landed 113 px
  // away from where it was aimed, on nothing. Focusing it first, without scrolling, makes
  // Leaflet's own focus() a no-op (it skips an already focused map).
  const container = map.getContainer();
  const focusStill = () => {
    if (document.activeElement !== container) {
      container.focus({ preventScroll: true });
    }
  };
  for (const type of ["pointerdown", "mousedown", "touchstart"]) {
    container.addEventListener(type, focusStill, { capture: true, passive: true });
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

  // Tiles that cannot load (offline): the plain base map drawn from our own data stays
  // under the tiles; once a few tiles have failed and none has loaded, the tile layer is
  // removed (no more failed requests on every pan) and the map says so, once.
  const TILE_FAILURES = 3;
  const basemapPane = map.getPane("atlasBasemap");
  function watchTiles(layer) {
    if (!(layer instanceof L.TileLayer) || layer.atlasWatched) {
      return;
    }
    layer.atlasWatched = true;
    if (basemapPane) {
      basemapPane.style.zIndex = 150; // under the tiles (200) while they load; seen if they do not
    }
    let failed = 0;
    let loaded = 0;
    layer.on("tileload", () => {
      loaded += 1;
    });
    layer.on("tileerror", () => {
      failed += 1;
      if (loaded === 0 && failed === TILE_FAILURES && map.hasLayer(layer)) {
        map.removeLayer(layer);
        tilesNotice();
      }
    });
  }
  function tilesNotice() {
    if (document.querySelector(".atlas-tiles-notice")) {
      return;
    }
    const notice = L.control({ position: "bottomleft" });
    notice.onAdd = () => {
      const div = L.DomUtil.create("div", "atlas-tiles-notice");
      div.setAttribute("role", "status");
      div.textContent = "Map tiles could not be loaded (no internet?): showing the plain base map.";
      Object.assign(div.style, {
        background: "rgba(255,255,255,0.92)",
        border: "1px solid #bbb",
        borderRadius: "4px",
        padding: "3px 7px",
        font: "12px/1.3 sans-serif",
        color: "#333",
        maxWidth: "260px",
      });
      return div;
    };
    notice.addTo(map);
  }

  function listen(layer) {
    if (typeof layer.on === "function") {
      layer.on("click", send); // Leaflet ignores a listener it already has
    }
    watchTiles(layer);
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
