//! The few browser calls the UI needs, each failing softly: a browser API that is
//! missing (private windows, old browsers, full disks) never takes the editor down.

use crate::post::PostDate;
use wasm_bindgen::JsCast;

/// Milliseconds since the epoch, from the browser clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Now, in the browser's own UTC offset, to the minute: the date a new post gets.
pub fn local_now() -> Option<PostDate> {
    let d = js_sys::Date::new_0();
    // getTimezoneOffset is UTC minus local time, in minutes.
    let offset = -(d.get_timezone_offset() as i32);
    PostDate::from_parts(
        d.get_full_year() as i32,
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        0,
        offset,
    )
}

/// `n` as JavaScript writes it (`Number.prototype.toString`), for the page's styles
/// and storage: Rust's float formatting would be one more large function for the
/// browser to compile in the app's start, and to ship in the first load.
pub fn js_number(n: f64) -> Option<String> {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .ok()
        .map(String::from)
}

/// The window's width in CSS pixels, when there is a window.
pub fn window_width() -> Option<f64> {
    web_sys::window()?.inner_width().ok()?.as_f64()
}

/// Whether the window is narrow enough for the one-pane layout (tabs, overlaying
/// drafts list); the same 800 px as the stylesheet's breakpoint.
pub fn is_narrow() -> bool {
    window_width().is_some_and(|w| w <= 800.0)
}

/// A `blob:` URL for `bytes` of type `mime` (the caller revokes it when done).
pub fn blob_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Offers `bytes` as a download named `name`. Returns false when the browser refused.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The click has started the download; the URL can go once it has been read.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    true
}

thread_local! {
    /// Whether the app's first frame is painted: see [`after_first_frame`].
    static FIRST_FRAME_PAINTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` in a task after the app's first frame, or in the next task once that is
/// painted. What the first frame can do without (the status line's counts, a part's
/// code wanted at start) then does not delay it: on a wide screen that frame shows the
/// page with its preview. A zero timer, as those had before, could run before the
/// frame and delay its paint. A page opened hidden paints no frame: what waits here
/// comes when it is first shown.
pub fn after_first_frame(f: impl FnOnce() + 'static) {
    // One body for every caller, not a copy of its closures per caller's type.
    first_frame_then(Box::new(f));
}

fn first_frame_then(f: Box<dyn FnOnce()>) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    // An animation frame's callbacks run before that frame's rendering: a timer they
    // set runs after it.
    let task = move || {
        set_timeout(
            move || {
                FIRST_FRAME_PAINTED.set(true);
                f();
            },
            std::time::Duration::ZERO,
        );
    };
    if FIRST_FRAME_PAINTED.get() {
        task();
    } else {
        request_animation_frame(task);
    }
}

/// Resolves as [`after_first_frame`] runs its function: what follows the `await`
/// runs outside the task that awaited it, after the app's first frame.
pub async fn first_frame_painted() {
    // A promise the timer resolves, awaited as this file awaits the browser's others.
    let painted = js_sys::Promise::new(&mut |resolve, _reject| {
        after_first_frame(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
}

/// A file the writer picked or dropped: its name and its exact bytes.
pub struct PickedFile {
    /// The file's name.
    pub name: String,
    /// Its bytes (a BOM and CRLF stay as they are).
    pub bytes: Vec<u8>,
}

/// Reads every file of a list as bytes, in order. A file that cannot be read comes
/// back as an error naming it.
pub async fn read_files(list: web_sys::FileList) -> Vec<Result<PickedFile, String>> {
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        let name = file.name();
        let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        out.push(match read {
            Ok(buffer) => Ok(PickedFile {
                name,
                bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
            }),
            Err(_) => Err(format!("{name}: the browser could not read this file.")),
        });
    }
    out
}

/// Copies `text` to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Asks the browser to keep this origin's storage under storage pressure, and
/// reports how much is used: `(used, quota)` in bytes, when the browser says.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    if let Ok(p) = storage.persist() {
        // Chromium grants or denies without asking; either way the app goes on.
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
    }
    let estimate = wasm_bindgen_futures::JsFuture::from(storage.estimate().ok()?)
        .await
        .ok()?;
    let estimate: web_sys::StorageEstimate = estimate.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Whether the browser promised to keep this origin's storage under pressure.
pub async fn storage_persisted() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let answer = wasm_bindgen_futures::JsFuture::from(storage.persisted().ok()?)
        .await
        .ok()?;
    answer.as_bool()
}

/// Asks the writer a yes/no question; no answer (a blocked dialog) counts as no.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// A User Timing mark (`performance.mark`), for `make bench` to split start-up into
/// download, compile, mount and first render. Does nothing where the API is missing.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
