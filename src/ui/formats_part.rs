//! TOML's and JSON's front matter code, fetched when a text first needs it (release
//! builds; see [`crate::post::formats_ready`]). New drafts are YAML; a Hugo site's
//! posts are often TOML, and then this part comes with the site.

use super::on_demand::{on_demand, OnDemandError};
use super::Doc;
use crate::post::{front_matter_format, Format};
use leptos::prelude::*;
use std::cell::Cell;

on_demand! {
    in formats;
    /// Fetches the code and hands it to the post.
    async fn install() -> () {
        crate::post::install_formats()
    }
}

/// The code, fetched first if it is not there yet.
pub async fn formats_code() -> Result<(), OnDemandError> {
    if crate::post::formats_ready() {
        return Ok(());
    }
    install().await
}

thread_local! {
    static FETCHING: Cell<bool> = const { Cell::new(false) };
}

/// Fetches the code (one fetch at a time) that a text in `format` needs. Once it is
/// there, everything read from texts is read again: the open post, the drafts list,
/// the details panel. If it cannot be fetched, a notice names the format, and the next
/// text that needs it tries again.
fn fetch(doc: Doc, format: Format) {
    if crate::post::formats_ready() || FETCHING.with(|f| f.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        let fetched = install().await;
        FETCHING.with(|f| f.set(false));
        match fetched {
            Ok(()) => {
                doc.front_matter.update(|n| *n += 1);
                doc.listing.update(|n| *n += 1);
                doc.settled.update(|n| *n += 1);
            }
            Err(e) => doc.notify(
                true,
                format!("{format} front matter cannot be read yet: {e}"),
            ),
        }
    });
}

/// Fetches the code as soon as a text needs it: the open post's front matter, or any
/// stored draft's (the drafts list shows their titles). Only the front matter's
/// delimiters are read, not its fields: on a phone nothing at start parses them.
pub fn fetch_when_needed(doc: Doc) {
    Effect::new(move |_| {
        // Once there, for good: the effect stops following the texts.
        if crate::post::formats_ready() {
            return;
        }
        doc.front_matter.track();
        let needs = |f: &Format| matches!(f, Format::Toml | Format::Json);
        let open = doc.text_with(front_matter_format).filter(needs);
        let stored = doc.drafts.with(|scan| {
            scan.drafts
                .iter()
                .filter_map(|d| front_matter_format(&d.text))
                .find(needs)
        });
        if let Some(format) = open.or(stored) {
            fetch(doc, format);
        }
    });
}
