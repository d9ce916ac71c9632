//! Writing tools as plain text transformations: toolbar formatting, talk sections,
//! tweets and figures to insert, the outline and the statistics. The UI applies each
//! [`TextEdit`] through the browser's editing commands, so every one is a single step
//! of the browser's own undo.
//!
//! Offsets are byte offsets into the text as the textarea holds it (`\n` line breaks).

mod checks;
mod format;
mod insert;
mod link_paste;
mod list_indent;
mod outline;
mod raw_html;
mod stats;
mod tweet_link;

pub use checks::{checks, Check};
pub use format::{block_prefix, wrap, BlockStyle};
pub use insert::{figure_shortcode, insert_block as insert_block_at, talk_section, Talk};
pub use link_paste::link_over_selection;
pub use list_indent::{indent_list_items, ListIndent};
pub use outline::{outline, OutlineEntry};
pub use raw_html::{raw_html_check, raw_html_lines};
pub use stats::{counted, stats, Stats};
pub use tweet_link::{TweetForm, TweetLink};

use std::ops::Range;

/// Replace `range` with `insert`, then select `select` (offsets in the new text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// What to replace, in the old text.
    pub range: Range<usize>,
    /// The new text for it.
    pub insert: String,
    /// The selection afterwards, in the new text.
    pub select: Range<usize>,
}

impl TextEdit {
    /// The edit applied to `text`, for tests and previews.
    ///
    /// ```
    /// use recap::writing::TextEdit;
    /// let e = TextEdit { range: 0..1, insert: "AB".into(), select: 2..2 };
    /// assert_eq!(e.apply("abc"), "ABbc");
    /// ```
    pub fn apply(&self, text: &str) -> String {
        format!(
            "{}{}{}",
            &text[..self.range.start],
            self.insert,
            &text[self.range.end..]
        )
    }

    /// The smallest edit that turns `old` into `new` (their common start and end
    /// stay), with the cursor after the inserted text.
    ///
    /// ```
    /// use recap::writing::TextEdit;
    /// let e = TextEdit::between("title: A\ntags: []\n", "title: B\ntags: []\n");
    /// assert_eq!((e.range, e.insert.as_str()), (7..8, "B"));
    /// ```
    pub fn between(old: &str, new: &str) -> TextEdit {
        let (prefix, suffix) = common_ends(old.as_bytes(), new);
        let insert = new[prefix..new.len() - suffix].to_string();
        let end = prefix + insert.len();
        TextEdit {
            range: prefix..old.len() - suffix,
            insert,
            select: end..end,
        }
    }
}

/// How many bytes `old` and `new` share at their start, then at their end (the two
/// never overlap), cut back to char boundaries. Where the bytes are equal the
/// boundaries are too, so checking `new` is enough.
///
/// ```
/// assert_eq!(recap::writing::common_ends(b"abcXdef", "abcYYdef"), (3, 3));
/// assert_eq!(recap::writing::common_ends("aé".as_bytes(), "aè"), (1, 0));
/// ```
pub fn common_ends(old: &[u8], new: &str) -> (usize, usize) {
    let bytes = new.as_bytes();
    let mut prefix = old.iter().zip(bytes).take_while(|(a, b)| a == b).count();
    while !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = old.len().min(bytes.len()) - prefix;
    let mut suffix = old
        .iter()
        .rev()
        .zip(bytes.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !new.is_char_boundary(bytes.len() - suffix) {
        suffix -= 1;
    }
    (prefix, suffix)
}

/// Converts a byte offset in `text` to the UTF-16 offset a textarea uses.
///
/// ```
/// assert_eq!(recap::writing::utf16_offset("é😀x", 6), 3);
/// ```
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].encode_utf16().count()
}

/// Converts a textarea's UTF-16 offset to a byte offset in `text`.
///
/// ```
/// assert_eq!(recap::writing::byte_offset("é😀x", 3), 6);
/// ```
pub fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}
