//! Where the editor is on the screen at start, remembered for the early editor
//! (`editor/src/early.js`): on the next start it shows the draft at that place, in a
//! window of the same size, so the text does not jump when the app takes it in. Only
//! the start's place counts: the panels a writer opens or closes later are not
//! remembered, and the next start lays them out by the window's width again.

/// The storage entry the early editor reads (`PLACE_KEY` in `editor/src/early.js`).
const PLACE_KEY: &str = "recap:editor-place";

/// Writes where `el` is in the window, and the window's size. Fails silently: without
/// it the early editor guesses its place from the layout's breakpoints.
pub fn remember(el: &web_sys::Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
    let (Some(vw), Some(vh)) = (size(window.inner_width()), size(window.inner_height())) else {
        return;
    };
    let r = el.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return; // hidden (the preview tab on a phone): keep the last place seen
    }
    let mut place = String::from("{");
    for (key, value) in [
        ("vw", vw),
        ("vh", vh),
        ("x", r.x()),
        ("y", r.y()),
        ("w", r.width()),
        ("h", r.height()),
    ] {
        let Some(value) = super::browser::js_number(value) else {
            return;
        };
        if place.len() > 1 {
            place.push(',');
        }
        place.push_str(&format!(r#""{key}":{value}"#));
    }
    place.push('}');
    if let Ok(Some(storage)) = window.local_storage() {
        // Written only when it moved: every write tells the other tabs, which then
        // read their drafts list again.
        if storage.get_item(PLACE_KEY).ok().flatten().as_deref() != Some(place.as_str()) {
            let _ = storage.set_item(PLACE_KEY, &place);
        }
    }
}
