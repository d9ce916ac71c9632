//! JSON front matter: values through `serde_json`, edits confined to one member's text.

use super::late::{Code, Fields};
use super::{Format, PostError, Value};
use std::ops::Range;

/// JSON's functions, reached through [`super::late`].
pub(super) const CODE: Code = Code {
    parse: parse_now,
    key_line: key_line_now,
    set: |content, _, key, value| Ok(set_now(content, key, value)),
    remove: remove_now,
};

/// Parses a JSON front matter object into its members, in file order.
fn parse_now(content: &str, first_line: usize) -> Result<Fields, PostError> {
    let parsed: serde_json::Value =
        serde_json::from_str(content).map_err(|e| PostError::Syntax {
            format: Format::Json,
            line: first_line + e.line().saturating_sub(1),
            column: e.column(),
            message: e
                .to_string()
                .split(" at line")
                .next()
                .unwrap_or_default()
                .to_string(),
        })?;
    let serde_json::Value::Object(_) = parsed else {
        return Err(PostError::NotAMap {
            format: Format::Json,
            line: first_line,
            found: from_json(parsed).kind().into(),
        });
    };
    // Members in file order: serde_json's map is sorted unless `preserve_order` is on.
    Ok(members(content)
        .into_iter()
        .map(|m| {
            let v =
                serde_json::from_str(&content[m.value.clone()]).unwrap_or(serde_json::Value::Null);
            (m.key, from_json(v))
        })
        .collect())
}

fn from_json(v: serde_json::Value) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(b),
        J::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Float(n.to_string()), Value::Integer),
        J::String(s) => Value::String(s),
        J::Array(items) => Value::List(items.into_iter().map(from_json).collect()),
        J::Object(map) => Value::Map(map.into_iter().map(|(k, v)| (k, from_json(v))).collect()),
    }
}

fn to_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Integer(i) => J::from(*i),
        Value::Float(f) => f
            .parse::<f64>()
            .map(J::from)
            .unwrap_or_else(|_| J::String(f.clone())),
        Value::String(s) | Value::Datetime(s) => J::String(s.clone()),
        Value::List(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(fields) => J::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
    }
}

/// A top-level member's place in the object text.
#[derive(Debug)]
struct Member {
    key: String,
    /// From the key's opening quote to the end of the value.
    span: Range<usize>,
    value: Range<usize>,
}

/// 1-based file line of member `key`.
fn key_line_now(content: &str, first_line: usize, key: &str) -> Option<usize> {
    let member = members(content).into_iter().find(|m| m.key == key)?;
    Some(first_line + super::front_matter::line_of(content, member.span.start) - 1)
}

/// Top-level members of a valid JSON object, with their byte ranges.
fn members(content: &str) -> Vec<Member> {
    let bytes = content.as_bytes();
    let mut out = Vec::new();
    let mut i = content.find('{').map_or(bytes.len(), |i| i + 1);
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'"' {
            return out;
        }
        let key_start = i;
        i = skip_string(bytes, i);
        let key = serde_json::from_str(&content[key_start..i]).unwrap_or_default();
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b':') {
            i += 1;
        }
        let value_start = i;
        let mut depth = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    i = skip_string(bytes, i);
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => break,
                b'}' | b']' => depth -= 1,
                b',' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        let value_end = value_start + content[value_start..i].trim_end().len();
        out.push(Member {
            key,
            span: key_start..value_end,
            value: value_start..value_end,
        });
    }
}

fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Returns the object text with member `key` set to `value`.
fn set_now(content: &str, key: &str, value: &Value) -> String {
    let text = serde_json::to_string(&to_json(value)).unwrap_or_else(|_| "null".into());
    let list = members(content);
    if let Some(m) = list.iter().find(|m| m.key == key) {
        return format!(
            "{}{}{}",
            &content[..m.value.start],
            text,
            &content[m.value.end..]
        );
    }
    let key_json = serde_json::to_string(key).unwrap_or_default();
    match list.last() {
        Some(last) => {
            // Same indentation as the member before it.
            let line_start = content[..last.span.start].rfind('\n').map_or(0, |i| i + 1);
            let indent = &content[line_start..last.span.start];
            let sep = if indent.trim().is_empty() && content[..last.span.start].contains('\n') {
                let eol = if content.contains("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                format!(",{eol}{indent}")
            } else {
                ", ".to_string()
            };
            format!(
                "{}{sep}{key_json}: {text}{}",
                &content[..last.span.end],
                &content[last.span.end..]
            )
        }
        None => {
            let open = content.find('{').map_or(0, |i| i + 1);
            format!("{}{key_json}: {text}{}", &content[..open], &content[open..])
        }
    }
}

/// Returns the object text without member `key`, with its separating comma.
fn remove_now(content: &str, key: &str) -> Option<String> {
    let list = members(content);
    let index = list.iter().position(|m| m.key == key)?;
    let range = if index > 0 {
        list[index - 1].span.end..list[index].span.end
    } else if let Some(next) = list.get(1) {
        list[0].span.start..next.span.start
    } else {
        list[0].span.clone()
    };
    Some(format!(
        "{}{}",
        &content[..range.start],
        &content[range.end..]
    ))
}
