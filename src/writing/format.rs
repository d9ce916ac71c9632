//! Bold, italic, code, links, headings, lists and quotes around the selection.

use super::TextEdit;
use std::ops::Range;

/// Puts `before` and `after` around the selection; with nothing selected, around a
/// selected `placeholder`. Selecting an already wrapped text unwraps it.
///
/// ```
/// use recap::writing::wrap;
/// let e = wrap("say hi", 4..6, "**", "**", "bold text");
/// assert_eq!(e.apply("say hi"), "say **hi**");
/// let e = wrap("say **hi**", 6..8, "**", "**", "bold text");
/// assert_eq!(e.apply("say **hi**"), "say hi");
/// ```
pub fn wrap(
    text: &str,
    sel: Range<usize>,
    before: &str,
    after: &str,
    placeholder: &str,
) -> TextEdit {
    let sel = clamp(text, sel);
    let inner = &text[sel.clone()];
    let outside = sel.start >= before.len()
        && text[..sel.start].ends_with(before)
        && text[sel.end..].starts_with(after);
    if outside && !inner.is_empty() {
        let start = sel.start - before.len();
        return TextEdit {
            range: start..sel.end + after.len(),
            insert: inner.to_string(),
            select: start..start + inner.len(),
        };
    }
    let inner = if inner.is_empty() { placeholder } else { inner };
    let start = sel.start + before.len();
    TextEdit {
        range: sel.clone(),
        insert: format!("{before}{inner}{after}"),
        select: start..start + inner.len(),
    }
}

/// A line-level style for the toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockStyle {
    /// `## ` (a day in a recap).
    Heading2,
    /// `### ` (a talk).
    Heading3,
    /// `* ` bullets.
    List,
    /// `> ` quotes.
    Quote,
}

impl BlockStyle {
    fn prefix(self) -> &'static str {
        match self {
            BlockStyle::Heading2 => "## ",
            BlockStyle::Heading3 => "### ",
            BlockStyle::List => "* ",
            BlockStyle::Quote => "> ",
        }
    }
}

/// Gives every line the selection touches the style's prefix (replacing a heading
/// marker that is there), or takes it away when all of them have it already.
///
/// ```
/// use recap::writing::{block_prefix, BlockStyle};
/// let t = "one\ntwo\n";
/// assert_eq!(block_prefix(t, 0..5, BlockStyle::List).apply(t), "* one\n* two\n");
/// let t = "* one\n* two\n";
/// assert_eq!(block_prefix(t, 0..9, BlockStyle::List).apply(t), "one\ntwo\n");
/// let t = "## Day 1\n";
/// assert_eq!(block_prefix(t, 3..3, BlockStyle::Heading3).apply(t), "### Day 1\n");
/// ```
pub fn block_prefix(text: &str, sel: Range<usize>, style: BlockStyle) -> TextEdit {
    let sel = clamp(text, sel);
    let start = text[..sel.start].rfind('\n').map_or(0, |i| i + 1);
    let end = if sel.end > sel.start && text[..sel.end].ends_with('\n') {
        sel.end - 1
    } else {
        text[sel.end..]
            .find('\n')
            .map_or(text.len(), |i| sel.end + i)
    };
    let lines: Vec<&str> = text[start..end].split('\n').collect();
    let prefix = style.prefix();
    let all_have = lines.iter().all(|l| l.starts_with(prefix));
    let out: Vec<String> = lines
        .iter()
        .map(|l| {
            if all_have {
                l[prefix.len()..].to_string()
            } else if l.starts_with(prefix) {
                l.to_string()
            } else {
                let bare = match style {
                    BlockStyle::Heading2 | BlockStyle::Heading3 => {
                        l.trim_start_matches('#').trim_start()
                    }
                    _ => l,
                };
                format!("{prefix}{bare}")
            }
        })
        .collect();
    let insert = out.join("\n");
    let select = if lines.len() == 1 {
        let e = start + insert.len();
        e..e
    } else {
        start..start + insert.len()
    };
    TextEdit {
        range: start..end,
        insert,
        select,
    }
}

fn clamp(text: &str, sel: Range<usize>) -> Range<usize> {
    let mut a = sel.start.min(text.len());
    let mut b = sel.end.clamp(a, text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    while !text.is_char_boundary(b) {
        b += 1;
    }
    a..b
}
