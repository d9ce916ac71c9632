//! The editor's deltas applied to the draft's own text: every position means the same
//! place as in the editor, and line endings survive, checked against a model of how
//! CodeMirror itself splits and edits lines.

use recap::drafts::{EditorChange, EditorText, LinePos};

/// CodeMirror's view of a text: lines split at `\r\n`, `\r` and `\n`.
fn editor_lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines.push(String::new());
            }
            '\n' => lines.push(String::new()),
            c => lines.last_mut().unwrap().push(c),
        }
    }
    lines
}

/// The change applied the way CodeMirror applies it to its own document.
fn editor_apply(lines: &[String], change: &EditorChange) -> Vec<String> {
    let doc = lines.join("\n");
    let offset = |p: LinePos| -> usize {
        let line = p.line.min(lines.len() - 1);
        let start: usize = lines[..line].iter().map(|l| l.len() + 1).sum();
        let mut units = 0;
        for (i, c) in lines[line].char_indices() {
            if units >= p.col {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + lines[line].len()
    };
    let (a, b) = (offset(change.from), offset(change.to));
    let new = format!("{}{}{}", &doc[..a], change.insert, &doc[b.max(a)..]);
    new.split('\n').map(str::to_string).collect()
}

/// The lines of `text` with their own endings.
fn raw_lines(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut start = 0;
    while i < bytes.len() {
        let n = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => 0,
        };
        if n == 0 {
            i += 1;
            continue;
        }
        out.last_mut().unwrap().push_str(&text[start..i + n]);
        i += n;
        start = i;
        out.push(String::new());
    }
    out.last_mut().unwrap().push_str(&text[start..]);
    out
}

fn change(from: (usize, usize), to: (usize, usize), insert: &str) -> EditorChange {
    EditorChange {
        from: LinePos::new(from.0, from.1),
        to: LinePos::new(to.0, to.1),
        insert: insert.into(),
    }
}

#[test]
fn typing_keeps_each_lines_ending() {
    let mut t = EditorText::new("---\r\ntitle: A\r\n---\r\nBody\nmore\n".into());
    t.apply(&[change((1, 8), (1, 8), "BC")]);
    assert_eq!(t.as_str(), "---\r\ntitle: ABC\r\n---\r\nBody\nmore\n");
    // Enter on a CRLF line writes CRLF; on an LF line, LF.
    t.apply(&[change((1, 10), (1, 10), "\ndate: x")]);
    assert_eq!(
        t.as_str(),
        "---\r\ntitle: ABC\r\ndate: x\r\n---\r\nBody\nmore\n"
    );
    t.apply(&[change((4, 4), (4, 4), "\n")]);
    assert_eq!(
        t.as_str(),
        "---\r\ntitle: ABC\r\ndate: x\r\n---\r\nBody\n\nmore\n"
    );
    // Joining two lines removes exactly one break.
    t.apply(&[change((0, 3), (1, 0), "")]);
    assert_eq!(
        t.as_str(),
        "---title: ABC\r\ndate: x\r\n---\r\nBody\n\nmore\n"
    );
}

#[test]
fn positions_count_utf16_like_the_editor() {
    let t = EditorText::new("é😀x\r\nnext".into());
    assert_eq!(t.offset(LinePos::new(0, 3)), "é😀".len());
    assert_eq!(t.pos("é😀".len()), LinePos::new(0, 3));
    assert_eq!(
        t.offset(LinePos::new(0, 99)),
        "é😀x".len(),
        "clamped to the line"
    );
    assert_eq!(
        t.pos("é😀x\r".len()),
        LinePos::new(0, 4),
        "inside a break: its line's end"
    );
    assert_eq!(t.offset(LinePos::new(1, 0)), "é😀x\r\n".len());
    assert_eq!(t.line_count(), 2);
}

#[test]
fn several_changes_in_one_transaction_apply_together() {
    let mut t = EditorText::new("a\nb\nc\nd\n".into());
    let edit = t
        .apply(&[
            change((0, 0), (0, 1), "A"),
            change((2, 0), (3, 1), "C\nX\nD"),
        ])
        .unwrap();
    assert_eq!(t.as_str(), "A\nb\nC\nX\nD\n");
    assert_eq!((edit.first, edit.old, edit.new), (0, 4, 5));
}

/// splitmix64, for reproducible random edits.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn random_edits_agree_with_the_editor_and_keep_untouched_lines() {
    let texts = [
        "plain\nlf\ntext\n",
        "crlf\r\nall\r\nthe\r\nway\r\n",
        "mixed\r\nlf\nand\r\ncr\rlone\rend",
        "\r\r\n\n\r",
        "é😀 unicode\r\nlines\n",
        "",
    ];
    let inserts = ["", "x", "\n", "ab\ncd", "\n\n", "😀", "é\n", " \n "];
    let mut rng = Rng(7);
    for original in texts {
        let mut t = EditorText::new(original.to_string());
        let mut model = editor_lines(original);
        for step in 0..400 {
            let line_a = rng.below(model.len());
            let line_b = (line_a + rng.below(3)).min(model.len() - 1);
            let len16 = |l: &str| l.encode_utf16().count();
            let col_a = rng.below(len16(&model[line_a]) + 1);
            let col_b = if line_b == line_a {
                col_a + rng.below(len16(&model[line_b]) - col_a + 1)
            } else {
                rng.below(len16(&model[line_b]) + 1)
            };
            // Columns inside a surrogate pair are not positions the editor reports.
            let fix = |line: &str, col: usize| -> usize {
                let mut units = 0;
                for c in line.chars() {
                    if units + c.len_utf16() > col {
                        return units;
                    }
                    units += c.len_utf16();
                }
                units
            };
            let c = change(
                (line_a, fix(&model[line_a], col_a)),
                (line_b, fix(&model[line_b], col_b)),
                inserts[rng.below(inserts.len())],
            );
            let before = raw_lines(t.as_str());
            let edit = t.apply(std::slice::from_ref(&c)).unwrap();
            model = editor_apply(&model, &c);
            let what = format!("{original:?}, step {step}, {c:?}");
            assert_eq!(
                editor_lines(t.as_str()),
                model,
                "{what}: the editor and the draft disagree"
            );
            assert_eq!(t.for_editor(), model.join("\n"), "{what}");
            assert_eq!(t.line_count(), model.len(), "{what}: the line index");
            // Lines outside the edit keep their bytes, endings included.
            let after = raw_lines(t.as_str());
            assert_eq!(
                before[..edit.first],
                after[..edit.first],
                "{what}: lines before"
            );
            let (old_end, new_end) = (edit.first + edit.old, edit.first + edit.new);
            // The edited block's last line keeps its break unless it is the last line.
            if old_end < before.len() {
                assert_eq!(before[old_end..], after[new_end..], "{what}: lines after");
            }
            for (line, expected) in model.iter().enumerate() {
                let r = t.line_content(line);
                assert_eq!(&t.as_str()[r], expected, "{what}: line {line}");
            }
        }
    }
}
