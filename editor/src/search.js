// The search panel and its commands, bundled apart from the editor (build.mjs) and
// fetched the first time a search key is pressed: about 7 KB gzip that the first
// load does not wait for. Its CodeMirror imports resolve to the editor bundle's
// re-exports of `@codemirror/state` and `view` (recap-editor.js), so both run on one
// CodeMirror.
export {
  search,
  searchKeymap,
  openSearchPanel,
  findNext,
  findPrevious,
  selectSelectionMatches,
  gotoLine,
  selectNextOccurrence,
} from "@codemirror/search";
