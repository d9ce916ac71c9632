//! Lines as the editor and CommonMark count them: a line ends at `\r\n`, `\r` or `\n`.

/// Where each line of `text` starts, as byte offsets plus `base`. The first entry is
/// `base`; a text that ends with a break has an entry for the empty line after it.
///
/// ```
/// assert_eq!(recap::render::lines::line_starts("a\r\nb\rc\n", 0), [0, 3, 5, 7]);
/// ```
pub fn line_starts(text: &str, base: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![base];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => {
                i += 1;
                continue;
            }
        }
        starts.push(base + i);
    }
    starts
}

/// Whether a line (without its break) is blank, as CommonMark reads it.
pub fn is_blank(line: &str) -> bool {
    line.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Finds the line of a byte offset quickly: one scan of the text, then a binary search
/// per question (counting line breaks from the start for each would be quadratic).
///
/// ```
/// let index = recap::render::lines::LineIndex::new("a\r\nb\nc");
/// assert_eq!((index.line_of(0), index.line_of(3), index.line_of(5)), (0, 1, 2));
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        LineIndex(line_starts(text, 0))
    }

    /// The line (from 0) that byte `offset` is on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset).saturating_sub(1)
    }
}
