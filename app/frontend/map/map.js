// The map component's front end (Streamlit custom components v2, no build step).
// Shows the folium page it is given in its iframe and reports the feature last
// clicked there (posted by clicks.js inside the page) as the state value "clicked".
// Pan and zoom send nothing, so they never rerun the script.

const MESSAGE = "raqqa-atlas:map-click";
const FOCUS = "raqqa-atlas:map-focus";
const READY = "raqqa-atlas:map-ready";

// Ask the page in the frame to frame these bounds ([[south, west], [north, east]]).
function sendFocus(frame, bounds) {
  if (bounds && frame.contentWindow) {
    frame.contentWindow.postMessage({ type: FOCUS, bounds }, window.origin);
  }
}

// Space kept under the map so its bottom edge (and Leaflet's scale bar) stays on screen.
const BOTTOM_MARGIN = 12;
// Never more than this share of the window: on a short or scrolled window the map still leaves
// room to reach the page around it.
const MAX_SHARE = 0.92;

// The frame's top in the page (not the window): Streamlit scrolls its main block, not the window.
function pageTop(frame) {
  let top = frame.getBoundingClientRect().top;
  for (let el = frame.parentElement; el; el = el.parentElement) {
    top += el.scrollTop || 0;
  }
  return top + (window.scrollY || 0);
}

// The map reaches from where it starts down to the window's bottom edge, and never below `least`.
function fitHeight(frame, least) {
  const room = window.innerHeight - pageTop(frame) - BOTTOM_MARGIN;
  const height = Math.max(least, Math.min(room, Math.round(window.innerHeight * MAX_SHARE)));
  if (frame.style.height !== `${height}px`) {
    frame.style.height = `${height}px`;
  }
}

export default function ({ parentElement, data, setStateValue }) {
  const frame = parentElement.querySelector("iframe.atlas-map-frame");
  const fit = () => (data.fill ? fitHeight(frame, data.height) : (frame.style.height = `${data.height}px`));
  fit();
  // A rerun with the same map must not reload it: the reader keeps their pan and zoom.
  // A focus (a table row, a shared link) is sent once per change; a new page asks for it when
  // its map is built (READY), since its load event cannot be told from the blank page's.
  const focus = data.focus ? JSON.stringify(data.focus) : null;
  if (frame.srcdoc !== data.html) {
    frame.srcdoc = data.html;
    frame.atlasFocus = focus;
  } else if (focus !== frame.atlasFocus) {
    frame.atlasFocus = focus;
    sendFocus(frame, data.focus);
  }
  // One listener per frame, holding this run's setStateValue.
  if (frame.atlasOnMessage) {
    window.removeEventListener("message", frame.atlasOnMessage);
  }
  frame.atlasOnMessage = (event) => {
    if (event.source !== frame.contentWindow || !event.data) {
      return;
    }
    if (event.data.type === READY && frame.atlasFocus) {
      sendFocus(frame, JSON.parse(frame.atlasFocus));
    } else if (event.data.type === MESSAGE) {
      setStateValue("clicked", event.data.feature);
    }
  };
  window.addEventListener("message", frame.atlasOnMessage);
  // The page above the map settles after this first render (fonts, widgets): fit again then, and on resize.
  const settle = window.setTimeout(fit, 400);
  window.addEventListener("resize", fit);
  return () => {
    window.clearTimeout(settle);
    window.removeEventListener("resize", fit);
    window.removeEventListener("message", frame.atlasOnMessage);
    frame.atlasOnMessage = null;
  };
}
