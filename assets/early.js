// Shows the draft in a real editor before the app's WebAssembly has arrived: see
// showEarly in editor/src/early.js and recap-editor.js. A timer, so that the app's
// loader (the next script) has already asked for the wasm, which then compiles
// beside this work instead of after it.
import { showEarly } from "./recap-editor.js";

setTimeout(() => showEarly(), 0);
