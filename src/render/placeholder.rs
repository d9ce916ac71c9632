//! Shortcodes stand in the Markdown as inert placeholders, so Markdown never mangles
//! their arguments; the block transform turns each back into its card.
//!
//! A placeholder is `U+E000 index U+E001`. Those private-use characters never come
//! from the writer: [`without_markers`] replaces them in the body first.

use super::shortcode::{self, Found, Shortcode};
use super::RenderOptions;
use pulldown_cmark::{CowStr, Event, Tag};
use std::borrow::Cow;

pub(super) const PH_OPEN: char = '\u{E000}';
pub(super) const PH_CLOSE: char = '\u{E001}';

/// What a placeholder in the Markdown stands for, and its source (shown as written
/// where Markdown turned it into code after all).
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub item: Item,
    pub source: String,
}

/// What a shortcode is.
#[derive(Debug, Clone)]
pub(super) enum Item {
    /// A shortcode call.
    Tag(Shortcode),
    /// An escaped shortcode (`{{</* x */>}}`): its text, shown as written.
    Literal(String),
    /// `{{< highlight >}}` with the code up to its closing tag.
    Highlight(Shortcode, String),
}

/// The body with any of our marker characters replaced (they never come from the
/// writer: the replacement makes sure).
pub(super) fn without_markers(body: &str) -> Cow<'_, str> {
    // Both markers start with the byte 0xEE: look for that byte first (a fast scan)
    // rather than for two chars at every char of a long body.
    if body.as_bytes().contains(&0xEE) && body.contains([PH_OPEN, PH_CLOSE]) {
        Cow::Owned(body.replace([PH_OPEN, PH_CLOSE], "\u{FFFD}"))
    } else {
        Cow::Borrowed(body)
    }
}

/// What [`replace_shortcodes`] makes of a body.
pub(super) struct Prepared {
    /// The text with placeholders.
    pub text: String,
    /// What each placeholder stands for.
    pub items: Vec<Placed>,
}

/// Replaces shortcodes outside code with placeholders that keep the line count.
pub(super) fn replace_shortcodes(body: &str, opts: &RenderOptions) -> Prepared {
    if !body.contains("{{") {
        return Prepared {
            text: body.to_string(),
            items: Vec::new(),
        };
    }
    let mut code = Vec::new();
    for (event, range) in super::markdown(body, opts.parser_options()).into_offset_iter() {
        if matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) {
            code.push(range);
        }
    }
    let found = shortcode::find_all(body, &code);
    let mut items = Vec::new();
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    let mut i = 0;
    while i < found.len() {
        let (range, what) = &found[i];
        let mut end = range.end;
        let item = match what {
            Found::Literal(text) => Item::Literal(text.clone()),
            Found::Tag(sc) if sc.name == "highlight" && !sc.closing => {
                let close = found[i + 1..].iter().position(
                    |(_, f)| matches!(f, Found::Tag(c) if c.closing && c.name == "highlight"),
                );
                match close {
                    Some(j) => {
                        let (close_range, _) = &found[i + 1 + j];
                        let inner = body[range.end..close_range.start].to_string();
                        end = close_range.end;
                        i += 1 + j;
                        Item::Highlight(sc.clone(), inner)
                    }
                    None => Item::Tag(sc.clone()),
                }
            }
            Found::Tag(sc) => Item::Tag(sc.clone()),
        };
        out.push_str(&body[last..range.start]);
        out.push(PH_OPEN);
        out.push_str(&items.len().to_string());
        out.push(PH_CLOSE);
        // Keep line numbers: a tag over several lines leaves its line breaks.
        for _ in body[range.start..end].matches('\n') {
            out.push('\n');
        }
        items.push(Placed {
            item,
            // On one line: the placeholder keeps the source's line breaks after it.
            source: body[range.start..end].replace(['\r', '\n'], " "),
        });
        last = end;
        i += 1;
    }
    out.push_str(&body[last..]);
    Prepared { text: out, items }
}

/// Splits text at placeholders: `Ok(text)` pieces and `Err(index)` placeholders.
pub(super) fn split_placeholders(text: &str) -> Vec<Result<&str, usize>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(PH_OPEN) {
        let after = &rest[open + PH_OPEN.len_utf8()..];
        let Some(close) = after.find(PH_CLOSE) else {
            break;
        };
        let Ok(index) = after[..close].parse::<usize>() else {
            break;
        };
        if open > 0 {
            out.push(Ok(&rest[..open]));
        }
        out.push(Err(index));
        rest = &after[close + PH_CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push(Ok(rest));
    }
    out
}

/// `s` without its placeholders (a link title cannot hold a card).
pub(super) fn strip_placeholders(s: CowStr<'_>) -> CowStr<'_> {
    if !s.contains(PH_OPEN) {
        return s;
    }
    let text: String = split_placeholders(&s)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    CowStr::from(text)
}
