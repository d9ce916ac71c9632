// Search keys that fetch the search panel (src/search.js, bundled as recap-search.js)
// on first use, then hand over to its own keymap.
import { Compartment } from "@codemirror/state";
import { keymap } from "@codemirror/view";

/** Where a state holds the search extension once it is loaded (empty until then). */
const slot = new Compartment();
let loaded = null;
let loading = null;

function load() {
  // Next to the editor bundle (build.mjs keeps the path as written), so a sub-path
  // deployment finds it too. A failed fetch may be tried again at the next key.
  loading ??= import("./recap-search.js").then(
    (m) => (loaded = m),
    (error) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Puts the loaded search extension into `view`'s state (once per state), then runs `name`. */
function run(view, m, name) {
  if (slot.get(view.state).length === 0) {
    view.dispatch({ effects: slot.reconfigure([m.search({ top: true }), keymap.of(m.searchKeymap)]) });
  }
  return m[name](view);
}

/** A key's command: at once when the panel's code is here, else once it has arrived. */
function lazy(name) {
  return (view) => {
    if (loaded) return run(view, loaded, name);
    load().then(
      (m) => {
        if (view.dom.isConnected) run(view, m, name);
      },
      (error) => console.error("Recap: the search panel did not load", error),
    );
    return true;
  };
}

/**
 * The search extension's place and the keys that load it, the same keys as
 * CodeMirror's `searchKeymap`. Put it before other keymaps: once loaded, the real
 * keymap in the slot answers first.
 */
export function lazySearch() {
  return [
    slot.of([]),
    keymap.of([
      { key: "Mod-f", run: lazy("openSearchPanel") },
      { key: "F3", run: lazy("findNext"), shift: lazy("findPrevious"), preventDefault: true },
      { key: "Mod-g", run: lazy("findNext"), shift: lazy("findPrevious"), preventDefault: true },
      { key: "Mod-Shift-l", run: lazy("selectSelectionMatches") },
      { key: "Mod-Alt-g", run: lazy("gotoLine") },
      { key: "Mod-d", run: lazy("selectNextOccurrence"), preventDefault: true },
    ]),
  ];
}
