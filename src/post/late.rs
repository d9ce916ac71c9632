//! Front matter formats whose code release builds fetch when a text first needs it.
//!
//! TOML's code is most of `toml_edit` (34.5 KB gzip when it was in the first load) and
//! JSON's is serde_json's value tree; new drafts are YAML, whose code is always there.
//! The post reaches the other two through this table, which the fetched part fills in
//! ([`install_formats`]). Until then such a front matter answers
//! [`PostError::NotReady`], and the app reads the text again once the code is there
//! (src/ui/formats_part.rs). Other builds call the code directly.

use super::{Format, PostError, Value};

/// Top-level fields in file order.
pub(crate) type Fields = Vec<(String, Value)>;

/// One format's functions, as the post calls them. `first_line` is the file line the
/// front matter's content starts on, so that errors and key lines name file lines.
#[derive(Clone, Copy)]
pub(crate) struct Code {
    /// Top-level fields, or the syntax error.
    pub parse: fn(content: &str, first_line: usize) -> Result<Fields, PostError>,
    /// The file line of `key`.
    pub key_line: fn(content: &str, first_line: usize, key: &str) -> Option<usize>,
    /// The content with `key` set, every other byte kept.
    pub set: fn(content: &str, first_line: usize, key: &str, &Value) -> Result<String, PostError>,
    /// The content without `key`; `None` when it is not there.
    pub remove: fn(content: &str, key: &str) -> Option<String>,
}

#[derive(Clone, Copy)]
struct Formats {
    toml: Code,
    json: Code,
}

fn here() -> Formats {
    Formats {
        toml: super::toml::CODE,
        json: super::json::CODE,
    }
}

#[cfg(recap_split)]
static CODE: std::sync::OnceLock<Formats> = std::sync::OnceLock::new();

/// The functions of `format` (TOML or JSON), or `NotReady` naming the front matter's
/// first line.
fn code(format: Format, first_line: usize) -> Result<Code, PostError> {
    #[cfg(not(recap_split))]
    let formats = Some(here());
    #[cfg(recap_split)]
    let formats = CODE.get().copied();
    let formats = formats.ok_or(PostError::NotReady {
        format,
        line: first_line.saturating_sub(1).max(1),
    })?;
    Ok(match format {
        Format::Json => formats.json,
        // YAML never comes here (see `Post`); TOML is the other one.
        Format::Toml | Format::Yaml => formats.toml,
    })
}

/// Whether TOML and JSON front matter can be read and edited now. Always true, except
/// in release builds before the code that reads them has been fetched.
///
/// ```
/// assert!(recap::post::formats_ready());
/// ```
pub fn formats_ready() -> bool {
    code(Format::Toml, 1).is_ok()
}

/// Makes TOML and JSON front matter readable: the part of a release build that carries
/// their code calls this once it has arrived. Elsewhere the code is always there, and
/// this does nothing.
pub fn install_formats() {
    #[cfg(recap_split)]
    let _ = CODE.set(here());
}

pub(crate) fn parse(format: Format, content: &str, first_line: usize) -> Result<Fields, PostError> {
    (code(format, first_line)?.parse)(content, first_line)
}

pub(crate) fn key_line(
    format: Format,
    content: &str,
    first_line: usize,
    key: &str,
) -> Option<usize> {
    (code(format, first_line).ok()?.key_line)(content, first_line, key)
}

pub(crate) fn set(
    format: Format,
    content: &str,
    first_line: usize,
    key: &str,
    value: &Value,
) -> Result<String, PostError> {
    (code(format, first_line)?.set)(content, first_line, key, value)
}

pub(crate) fn remove(
    format: Format,
    content: &str,
    first_line: usize,
    key: &str,
) -> Result<Option<String>, PostError> {
    Ok((code(format, first_line)?.remove)(content, key))
}
