// The map component's front end (Streamlit custom components v2, no build step).
// Shows the folium page it is given in its iframe and reports the feature last
// clicked there (posted by clicks.js inside the page) as the state value "clicked".
// Pan and zoom send nothing, so they never rerun the script.

const MESSAGE = "raqqa-atlas:map-click";

export default function ({ parentElement, data, setStateValue }) {
  const frame = parentElement.querySelector("iframe.atlas-map-frame");
  frame.style.height = `${data.height}px`;
  // A rerun with the same map must not reload it: the reader keeps their pan and zoom.
  if (frame.srcdoc !== data.html) {
    frame.srcdoc = data.html;
  }
  // One listener per frame, holding this run's setStateValue.
  if (frame.atlasOnMessage) {
    window.removeEventListener("message", frame.atlasOnMessage);
  }
  frame.atlasOnMessage = (event) => {
    if (event.source !== frame.contentWindow || !event.data || event.data.type !== MESSAGE) {
      return;
    }
    setStateValue("clicked", event.data.feature);
  };
  window.addEventListener("message", frame.atlasOnMessage);
  return () => {
    window.removeEventListener("message", frame.atlasOnMessage);
    frame.atlasOnMessage = null;
  };
}
