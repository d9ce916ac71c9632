//! YAML front matter: values through a real YAML parser, edits confined to one key's lines.
//!
//! No maintained Rust crate edits YAML losslessly, so edits work on the text: each
//! top-level key owns the line it starts on plus its indented (or `- `) continuation
//! lines. Everything outside the edited key's lines stays byte-identical.

use super::{Format, PostError, Value};
use std::ops::Range;

/// Parses YAML front matter `content` into its top-level fields, in file order.
/// `first_line` is the file line the content starts on, for error messages.
pub(crate) fn parse(content: &str, first_line: usize) -> Result<Vec<(String, Value)>, PostError> {
    let docs = super::yaml_values::documents(content).map_err(|e| PostError::Syntax {
        format: Format::Yaml,
        line: first_line + e.marker().line().saturating_sub(1),
        column: e.marker().col() + 1,
        message: e.info().to_string(),
    })?;
    match docs.into_iter().next() {
        None | Some(Some(Value::Null)) => Ok(Vec::new()),
        Some(Some(Value::Map(fields))) => Ok(fields),
        Some(other) => Err(PostError::NotAMap {
            format: Format::Yaml,
            line: first_line,
            found: other.unwrap_or(Value::Null).kind().to_string(),
        }),
    }
}

/// The lines one top-level key occupies in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyBlock {
    pub key: String,
    /// Byte range in the content: from the key's first character to the end of its last line.
    pub span: Range<usize>,
}

/// Finds the lines of every top-level key.
pub(crate) fn key_blocks(content: &str) -> Vec<KeyBlock> {
    let mut blocks: Vec<KeyBlock> = Vec::new();
    let mut pos = 0;
    while pos < content.len() {
        let end = super::front_matter::line_end(content, pos);
        let line = super::front_matter::trim_eol(&content[pos..end]);
        if is_continuation(line) {
            if let Some(last) = blocks.last_mut() {
                // A blank line belongs to the key only if more of its lines follow.
                if !line.trim().is_empty() && last.span.end >= pos_before_blanks(content, pos) {
                    last.span.end = end;
                }
            }
        } else if let Some(key) = key_of_line(line) {
            blocks.push(KeyBlock {
                key,
                span: pos..end,
            });
        }
        pos = end;
    }
    blocks
}

/// The start of the run of blank lines that ends at `pos` (or `pos` itself).
fn pos_before_blanks(content: &str, pos: usize) -> usize {
    let mut start = pos;
    while start > 0 {
        let prev = content[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if !content[prev..start].trim().is_empty() {
            break;
        }
        start = prev;
    }
    start
}

fn is_continuation(line: &str) -> bool {
    line.starts_with([' ', '\t']) || line == "-" || line.starts_with("- ") || line.trim().is_empty()
}

fn key_of_line(line: &str) -> Option<String> {
    if line.starts_with(['#', '-', '.']) {
        return None;
    }
    let (key, rest) = if let Some(q @ ('"' | '\'')) = line.chars().next() {
        let close = line[1..].find(q)? + 1;
        (&line[1..close], &line[close + 1..])
    } else {
        let colon = line
            .find(": ")
            .or_else(|| line.strip_suffix(':').map(str::len))?;
        (&line[..colon], &line[colon..])
    };
    let rest = rest.trim_start();
    (rest == ":" || rest.starts_with(": ") || rest.starts_with(":\t"))
        .then(|| key.trim().to_string())
}

/// How this file writes things, so a new or changed value looks like its neighbours.
#[derive(Debug, Clone)]
struct Style {
    /// What goes before `- ` on a list item line (the corpus uses two spaces).
    list_indent: String,
    /// Lists written as `[a, b]` rather than one `- ` line per item.
    flow_lists: bool,
    /// The quote to use when a string cannot be written plain.
    quote: char,
    /// Write plain scalars where that reads back as the same string.
    plain: bool,
    eol: &'static str,
}

impl Style {
    fn of_file(content: &str, crlf: bool) -> Style {
        let mut style = Style {
            list_indent: "  ".into(),
            flow_lists: false,
            quote: '"',
            plain: true,
            eol: if crlf { "\r\n" } else { "\n" },
        };
        let mut saw_block_list = false;
        for line in content.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("- ") || trimmed == "-" {
                if !saw_block_list {
                    style.list_indent = line[..line.len() - trimmed.len()].to_string();
                }
                saw_block_list = true;
            }
        }
        let mut saw_flow_list = false;
        let mut saw_quote = false;
        for block in key_blocks(content) {
            let value = value_text(&content[block.span.clone()]);
            if value.starts_with('[') {
                saw_flow_list = true;
            }
            if !saw_quote {
                if let Some(q @ ('"' | '\'')) = value.chars().next() {
                    style.quote = q;
                    saw_quote = true;
                }
            }
        }
        style.flow_lists = saw_flow_list && !saw_block_list;
        style
    }

    /// Adapts the file's style to the way the replaced key was written.
    fn for_existing(mut self, block_text: &str) -> Style {
        let value = value_text(block_text);
        match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                self.quote = q;
                self.plain = false;
            }
            Some('[') => self.flow_lists = true,
            None if block_text.contains('-') => {
                self.flow_lists = false;
                if let Some(item) = block_text.lines().nth(1) {
                    let trimmed = item.trim_start();
                    if trimmed.starts_with('-') {
                        self.list_indent = item[..item.len() - trimmed.len()].to_string();
                    }
                }
            }
            _ => {}
        }
        self
    }
}

/// The text after `key:` on the key's first line.
fn value_text(block_text: &str) -> &str {
    let first = block_text.lines().next().unwrap_or("");
    let colon = if first.starts_with(['"', '\'']) {
        let q = &first[..1];
        first[1..].find(q).map_or(0, |i| i + 2)
    } else {
        0
    };
    first[colon..]
        .find(':')
        .map_or("", |i| first[colon + i + 1..].trim())
}

/// Returns the content with `key` set to `value` (replaced in place, or appended).
pub(crate) fn set(
    content: &str,
    crlf: bool,
    key: &str,
    value: &Value,
) -> Result<String, PostError> {
    let style = Style::of_file(content, crlf);
    let blocks = key_blocks(content);
    match blocks.iter().find(|b| b.key == key) {
        Some(block) => {
            let style = style.for_existing(&content[block.span.clone()]);
            let text = emit_key(key, value, &style);
            Ok(splice(content, block.span.clone(), &text))
        }
        None => {
            let text = emit_key(key, value, &style);
            let at = append_point(content);
            Ok(splice(content, at..at, &text))
        }
    }
}

/// Returns the content without `key`'s lines; `None` when the key is not there.
pub(crate) fn remove(content: &str, key: &str) -> Option<String> {
    key_blocks(content)
        .into_iter()
        .find(|b| b.key == key)
        .map(|b| splice(content, b.span, ""))
}

/// New keys go after the last non-blank line, so trailing blank lines stay last.
fn append_point(content: &str) -> usize {
    let trimmed = content.trim_end_matches(['\n', '\r', ' ', '\t']);
    if trimmed.is_empty() {
        0
    } else {
        super::front_matter::line_end(content, trimmed.len() - 1)
    }
}

fn splice(content: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(content.len() + with.len());
    out.push_str(&content[..range.start]);
    out.push_str(with);
    out.push_str(&content[range.end..]);
    out
}

fn emit_key(key: &str, value: &Value, style: &Style) -> String {
    let key_style = Style {
        plain: true,
        ..style.clone()
    };
    let key_text = scalar(key, &key_style);
    let eol = style.eol;
    match value {
        Value::List(items) if items.is_empty() => format!("{key_text}: []{eol}"),
        Value::List(items) if style.flow_lists => {
            let parts: Vec<String> = items.iter().map(|v| inline(v, style)).collect();
            format!("{key_text}: [{}]{eol}", parts.join(", "))
        }
        Value::List(items) => {
            let mut out = format!("{key_text}:{eol}");
            for item in items {
                out.push_str(&format!(
                    "{}- {}{eol}",
                    style.list_indent,
                    inline(item, style)
                ));
            }
            out
        }
        Value::Map(fields) => {
            let mut out = format!("{key_text}:{eol}");
            for (k, v) in fields {
                out.push_str(&format!(
                    "  {}: {}{eol}",
                    scalar(k, style),
                    inline(v, style)
                ));
            }
            out
        }
        Value::Null => format!("{key_text}:{eol}"),
        other => format!("{key_text}: {}{eol}", inline(other, style)),
    }
}

/// A value on one line (nested lists and maps in flow style).
fn inline(value: &Value, style: &Style) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => f.clone(),
        Value::Datetime(d) => d.clone(),
        Value::String(s) => scalar(s, style),
        Value::List(items) => {
            let parts: Vec<String> = items.iter().map(|v| inline(v, style)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Map(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{}: {}", scalar(k, style), inline(v, style)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// A string as a YAML scalar: plain when the parser reads it back unchanged,
/// else in the file's quote style, else double-quoted with escapes.
fn scalar(s: &str, style: &Style) -> String {
    if style.plain && reads_back(s, s) {
        return s.to_string();
    }
    if style.quote == '\'' && !s.chars().any(char::is_control) {
        let quoted = format!("'{}'", s.replace('\'', "''"));
        if reads_back(&quoted, s) {
            return quoted;
        }
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn reads_back(written: &str, expected: &str) -> bool {
    if written.is_empty() || written.contains(['\n', '\r']) || written.trim() != written {
        return false;
    }
    match super::yaml_values::documents(&format!("k: {written}\n")).as_deref() {
        Ok([Some(Value::Map(fields)), ..]) => {
            matches!(fields.as_slice(), [(k, Value::String(v))] if k == "k" && v == expected)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: &str = "title: 'A'\ntags:\n  - x\n  - y\n\n# note\ndraft: true\n\n";

    #[test]
    fn key_blocks_cover_continuation_lines_but_not_trailing_blanks_or_comments() {
        let blocks = key_blocks(FM);
        let keys: Vec<_> = blocks
            .iter()
            .map(|b| (b.key.as_str(), &FM[b.span.clone()]))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("title", "title: 'A'\n"),
                ("tags", "tags:\n  - x\n  - y\n"),
                ("draft", "draft: true\n")
            ]
        );
    }

    #[test]
    fn block_scalar_with_inner_blank_line_is_one_block() {
        let fm = "description: |\n  one\n\n  two\nnext: 1\n";
        let blocks = key_blocks(fm);
        assert_eq!(
            &fm[blocks[0].span.clone()],
            "description: |\n  one\n\n  two\n"
        );
        assert_eq!(blocks[1].key, "next");
    }

    #[test]
    fn scalars_are_plain_only_when_they_read_back() {
        let style = Style::of_file("", false);
        assert_eq!(scalar("Kubernetes", &style), "Kubernetes");
        assert_eq!(scalar("CI/CD", &style), "CI/CD");
        assert_eq!(scalar("true", &style), "\"true\"");
        assert_eq!(scalar("a: b", &style), "\"a: b\"");
        assert_eq!(scalar("- x", &style), "\"- x\"");
        assert_eq!(scalar("12", &style), "\"12\"");
        assert_eq!(scalar("it's 1", &style), "it's 1");
        assert_eq!(scalar("it's #1", &style), "\"it's #1\"");
        assert_eq!(scalar("x #1", &style), "\"x #1\"");
        assert_eq!(scalar("", &style), "\"\"");
        assert_eq!(scalar("line\nbreak", &style), "\"line\\nbreak\"");
    }

    #[test]
    fn replacing_keeps_the_keys_quote_and_list_style() {
        let out = set(FM, false, "title", &Value::from("B")).unwrap();
        assert_eq!(out, FM.replace("title: 'A'", "title: 'B'"));
        let out = set(FM, false, "tags", &Value::strings(["z"])).unwrap();
        assert_eq!(out, FM.replace("  - x\n  - y\n", "  - z\n"));
        let flow = "tags: [a, b]\n";
        assert_eq!(
            set(flow, false, "tags", &Value::strings(["c", "d e"])).unwrap(),
            "tags: [c, d e]\n"
        );
    }

    #[test]
    fn appending_goes_before_trailing_blank_lines() {
        let out = set(FM, false, "slug", &Value::from("my-post")).unwrap();
        assert!(out.ends_with("draft: true\nslug: my-post\n\n"), "{out:?}");
        assert_eq!(
            set("", false, "title", &Value::from("x")).unwrap(),
            "title: x\n"
        );
        assert_eq!(
            set("a: 1\r\n", true, "b", &Value::strings(["x"])).unwrap(),
            "a: 1\r\nb:\r\n  - x\r\n"
        );
    }

    #[test]
    fn removing_takes_only_the_keys_lines() {
        assert_eq!(
            remove(FM, "tags").unwrap(),
            "title: 'A'\n\n# note\ndraft: true\n\n"
        );
        assert_eq!(remove(FM, "missing"), None);
    }
}
