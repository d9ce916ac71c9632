//! TOML front matter, read and edited with `toml_edit`, which keeps every untouched byte.

use super::late::{Code, Fields};
use super::{Format, PostError, Value};
use toml_edit::{Document, DocumentMut, Item};

fn syntax_error(content: &str, first_line: usize, e: &toml_edit::TomlError) -> PostError {
    let at = e.span().map_or(0, |s| s.start);
    let line_start = content[..at].rfind('\n').map_or(0, |i| i + 1);
    PostError::Syntax {
        format: Format::Toml,
        line: first_line + super::front_matter::line_of(content, at) - 1,
        column: content[line_start..at].chars().count() + 1,
        message: e.message().trim().trim_end_matches('.').to_string(),
    }
}

/// Parses TOML front matter into its top-level fields, in file order.
fn parse_now(content: &str, first_line: usize) -> Result<Fields, PostError> {
    let doc = Document::parse(content).map_err(|e| syntax_error(content, first_line, &e))?;
    Ok(doc
        .as_table()
        .iter()
        .map(|(k, item)| (k.to_string(), item_value(item)))
        .collect())
}

/// 1-based file line of `key`, from the parser's spans.
fn key_line_now(content: &str, first_line: usize, key: &str) -> Option<usize> {
    let doc = Document::parse(content).ok()?;
    let (k, _) = doc.as_table().get_key_value(key)?;
    let at = k.span()?.start;
    Some(first_line + super::front_matter::line_of(content, at) - 1)
}

fn item_value(item: &Item) -> Value {
    match item {
        Item::None => Value::Null,
        Item::Value(v) => value_of(v),
        Item::Table(t) => Value::Map(
            t.iter()
                .map(|(k, i)| (k.to_string(), item_value(i)))
                .collect(),
        ),
        Item::ArrayOfTables(a) => Value::List(
            a.iter()
                .map(|t| {
                    Value::Map(
                        t.iter()
                            .map(|(k, i)| (k.to_string(), item_value(i)))
                            .collect(),
                    )
                })
                .collect(),
        ),
    }
}

fn value_of(v: &toml_edit::Value) -> Value {
    use toml_edit::Value as T;
    match v {
        T::String(s) => Value::String(s.value().clone()),
        T::Integer(i) => Value::Integer(*i.value()),
        T::Float(f) => Value::Float(f.value().to_string()),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::Datetime(d.value().to_string()),
        T::Array(a) => Value::List(a.iter().map(value_of).collect()),
        T::InlineTable(t) => Value::Map(
            t.iter()
                .map(|(k, v)| (k.to_string(), value_of(v)))
                .collect(),
        ),
    }
}

fn to_toml(value: &Value) -> Option<toml_edit::Value> {
    Some(match value {
        // TOML has no null; callers remove the key instead.
        Value::Null => return None,
        Value::Bool(b) => (*b).into(),
        Value::Integer(i) => (*i).into(),
        Value::Float(f) => f.parse::<f64>().ok()?.into(),
        Value::String(s) => s.as_str().into(),
        Value::Datetime(d) => match d.parse::<toml_edit::Datetime>() {
            Ok(dt) => dt.into(),
            Err(_) => d.as_str().into(),
        },
        Value::List(items) => {
            let array: toml_edit::Array = items.iter().filter_map(to_toml).collect();
            array.into()
        }
        Value::Map(fields) => {
            let mut table = toml_edit::InlineTable::new();
            for (k, v) in fields {
                if let Some(v) = to_toml(v) {
                    table.insert(k, v);
                }
            }
            table.into()
        }
    })
}

/// Returns the content with `key` set to `value`; the key keeps its spacing and place.
fn set_now(
    content: &str,
    first_line: usize,
    key: &str,
    value: &Value,
) -> Result<String, PostError> {
    let mut doc: DocumentMut = content
        .parse()
        .map_err(|e: toml_edit::TomlError| syntax_error(content, first_line, &e))?;
    let Some(mut new) = to_toml(value) else {
        return Ok(remove_now(content, key).unwrap_or_else(|| content.to_string()));
    };
    let line = || key_line_now(content, first_line, key).unwrap_or(first_line);
    match doc.as_table_mut().get_mut(key) {
        Some(Item::Value(old)) => {
            *new.decor_mut() = old.decor().clone();
            // A multi-line array keeps its one-item-per-line layout.
            if let (toml_edit::Value::Array(old_a), toml_edit::Value::Array(new_a)) =
                (&*old, &mut new)
            {
                copy_array_layout(old_a, new_a);
            }
            *old = new;
        }
        Some(_) => {
            return Err(PostError::CannotEdit {
                key: key.to_string(),
                line: line(),
            })
        }
        None => {
            doc.as_table_mut().insert(key, Item::Value(new));
        }
    }
    Ok(doc.to_string())
}

fn copy_array_layout(old: &toml_edit::Array, new: &mut toml_edit::Array) {
    let Some(first) = old.iter().next() else {
        return;
    };
    let prefix = first
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    let suffix = old
        .iter()
        .last()
        .and_then(|v| v.decor().suffix())
        .and_then(|s| s.as_str())
        .unwrap_or("")
        .to_string();
    let count = new.len();
    for (i, v) in new.iter_mut().enumerate() {
        v.decor_mut().set_prefix(prefix.clone());
        v.decor_mut().set_suffix(if i + 1 == count {
            suffix.clone()
        } else {
            String::new()
        });
    }
    new.set_trailing_comma(old.trailing_comma());
    new.set_trailing(old.trailing().as_str().unwrap_or("").to_string());
}

/// Returns the content without `key`; `None` when it is not there.
fn remove_now(content: &str, key: &str) -> Option<String> {
    let mut doc: DocumentMut = content.parse().ok()?;
    doc.as_table_mut().remove(key)?;
    Some(doc.to_string())
}

/// TOML's functions, reached through [`super::late`].
pub(super) const CODE: Code = Code {
    parse: parse_now,
    key_line: key_line_now,
    set: set_now,
    remove: remove_now,
};
