//! The draft's text as the editor changes it: each change arrives as a delta in the
//! editor's coordinates and is applied in place, keeping every line's own line ending.
//!
//! The editor (CodeMirror) splits lines at `\r\n`, `\r` and `\n` and shows every break
//! as `\n`; a position there is a line (from 0) and a column in UTF-16 code units.
//! [`EditorText`] keeps the same line model over the draft's bytes, so a position means
//! the same place on both sides. Line breaks the editor inserts take the ending of the
//! line they are typed on: a CRLF post stays CRLF, and in a post that mixes endings,
//! every line not edited keeps its bytes.

use crate::render::lines::line_starts;
use std::ops::Range;

/// A place in the text as the editor counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LinePos {
    /// The line, from 0.
    pub line: usize,
    /// The column in UTF-16 code units, from 0.
    pub col: usize,
}

impl LinePos {
    /// The position at `line`, `col`.
    pub fn new(line: usize, col: usize) -> LinePos {
        LinePos { line, col }
    }
}

/// One change from the editor: replace `from..to` with `insert` (whose line breaks
/// are `\n`, as the editor writes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorChange {
    /// Start of the replaced span.
    pub from: LinePos,
    /// End of the replaced span.
    pub to: LinePos,
    /// The new text.
    pub insert: String,
}

/// Which lines an edit replaced: `old` lines from `first` (at least one, the line
/// the edit starts on) became `new` lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEdit {
    /// The first line touched, from 0.
    pub first: usize,
    /// How many lines were replaced.
    pub old: usize,
    /// How many lines replaced them.
    pub new: usize,
}

/// The draft text with the editor's line index.
///
/// ```
/// use recap::drafts::{EditorChange, EditorText, LinePos};
/// let mut t = EditorText::new("a\r\nb\nc".into());
/// // The writer presses Enter at the end of the first line (a CRLF line).
/// t.apply(&[EditorChange { from: LinePos::new(0, 1), to: LinePos::new(0, 1), insert: "\nx".into() }]);
/// assert_eq!(t.as_str(), "a\r\nx\r\nb\nc");
/// assert_eq!(t.for_editor(), "a\nx\nb\nc");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EditorText {
    text: String,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl EditorText {
    /// Indexes `text`.
    pub fn new(text: String) -> EditorText {
        let starts = line_starts(&text, 0);
        EditorText { text, starts }
    }

    /// The text, line endings as the draft has them.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How many lines the editor shows.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of line `line`'s content (without its break).
    pub fn line_content(&self, line: usize) -> Range<usize> {
        let line = line.min(self.starts.len() - 1);
        let start = self.starts[line];
        let end = match self.starts.get(line + 1) {
            Some(&next) => {
                let bytes = self.text.as_bytes();
                if next >= 2 && bytes[next - 2] == b'\r' && bytes[next - 1] == b'\n' {
                    next - 2
                } else {
                    next - 1
                }
            }
            None => self.text.len(),
        };
        start..end
    }

    /// The line break after line `line` (`""` for the last line).
    fn line_break(&self, line: usize) -> &str {
        let content = self.line_content(line);
        let next = self.starts.get(line + 1).copied().unwrap_or(content.end);
        &self.text[content.end..next]
    }

    /// The byte offset of an editor position (clamped to the text).
    pub fn offset(&self, pos: LinePos) -> usize {
        let content = self.line_content(pos.line);
        if pos.line >= self.starts.len() {
            return self.text.len();
        }
        let mut units = 0;
        for (i, c) in self.text[content.clone()].char_indices() {
            if units >= pos.col {
                return content.start + i;
            }
            units += c.len_utf16();
        }
        content.end
    }

    /// The editor position of a byte offset (inside a line break: its line's end).
    pub fn pos(&self, offset: usize) -> LinePos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let content = self.line_content(line);
        let mut end = offset.min(content.end);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        LinePos {
            line,
            col: self.text[content.start..end].encode_utf16().count(),
        }
    }

    /// The text as the editor holds it: every line break `\n`.
    pub fn for_editor(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for line in 0..self.starts.len() {
            if line > 0 {
                out.push('\n');
            }
            out.push_str(&self.text[self.line_content(line)]);
        }
        out
    }

    /// Applies one transaction's changes (positions in the text before any of them,
    /// in order, not overlapping) and says which lines changed, or `None` when
    /// nothing did.
    pub fn apply(&mut self, changes: &[EditorChange]) -> Option<LineEdit> {
        let mut sorted: Vec<&EditorChange> = changes.iter().collect();
        sorted.sort_by_key(|c| (c.from, c.to));
        // From the last to the first: earlier positions stay valid.
        let mut any = false;
        let mut delta: isize = 0;
        let mut first = usize::MAX;
        let mut last_old = 0;
        for change in sorted.iter().rev() {
            let edit = self.apply_one(change);
            first = first.min(edit.first);
            last_old = last_old.max(edit.first + edit.old);
            delta += edit.new as isize - edit.old as isize;
            any = true;
        }
        if !any {
            return None;
        }
        let old = last_old - first;
        Some(LineEdit {
            first,
            old,
            new: (old as isize + delta) as usize,
        })
    }

    fn apply_one(&mut self, change: &EditorChange) -> LineEdit {
        let from = self.offset(change.from);
        let to = self.offset(change.to).max(from);
        let (from_pos, to_pos) = (self.pos(from), self.pos(to));
        // Inserted breaks take the ending of the line the edit starts on (the text's
        // first ending when that line has none: the last line).
        let ending = match self.line_break(from_pos.line) {
            "" => self.first_break().unwrap_or("\n"),
            e => e,
        };
        let mut insert = if ending == "\n" {
            change.insert.clone()
        } else {
            change.insert.replace('\n', ending)
        };
        // A lone `\r` break right before a `\n` break would read as one `\r\n` and
        // swallow a line. Where the edit makes them meet, the second break (one the
        // edit wrote, or the one it ends on) becomes `\r\n`: still two breaks.
        let bytes = self.text.as_bytes();
        if insert.ends_with('\r') && bytes.get(to) == Some(&b'\n') {
            insert.push('\n');
        }
        let next = insert.as_bytes().first().or(bytes.get(to)).copied();
        if from > 0 && bytes[from - 1] == b'\r' && next == Some(b'\n') {
            insert.insert(0, '\r');
        }
        let start = self.line_content(from_pos.line).start;
        let old_next_start = self.starts.get(to_pos.line + 1).copied();
        self.text.replace_range(from..to, &insert);
        let shift = insert.len() as isize - (to - from) as isize;
        self.reindex(from_pos.line, to_pos.line, start, old_next_start, shift)
    }

    /// After lines `first..=last` were rewritten in place: their starts again, the
    /// later starts shifted by `shift` bytes.
    fn reindex(
        &mut self,
        first: usize,
        last: usize,
        start: usize,
        old_next_start: Option<usize>,
        shift: isize,
    ) -> LineEdit {
        let region_end = match old_next_start {
            Some(next) => (next as isize + shift) as usize,
            None => self.text.len(),
        };
        // The starts inside the rewritten region (after its first line's start).
        let mut inner = line_starts(&self.text[start..region_end], start);
        inner.remove(0);
        // A region that ends with a break has the next line's start as its last entry.
        if old_next_start.is_some() {
            inner.pop();
        }
        let new_count = inner.len() + 1;
        let tail: Vec<usize> = self.starts[last + 1..]
            .iter()
            .map(|&s| (s as isize + shift) as usize)
            .collect();
        self.starts.truncate(first + 1);
        self.starts.extend(inner);
        self.starts.extend(tail);
        LineEdit {
            first,
            old: last - first + 1,
            new: new_count,
        }
    }

    fn first_break(&self) -> Option<&str> {
        (self.starts.len() > 1).then(|| self.line_break(0))
    }
}
