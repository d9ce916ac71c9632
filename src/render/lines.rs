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
