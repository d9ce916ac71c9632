//! One value model for YAML, TOML and JSON front matter, so typed fields are read once.

use std::fmt;

/// A front-matter value, independent of the format it was written in.
///
/// Dates stay text ([`Value::Datetime`] for TOML's native dates, [`Value::String`] for
/// YAML/JSON), because Hugo reads them from text and the editor must not reformat them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or an empty YAML value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A number with a fraction, kept as written.
    Float(String),
    /// Text.
    String(String),
    /// A TOML date or date-time literal, as written.
    Datetime(String),
    /// A sequence (`tags`, `categories`, `aliases`...).
    List(Vec<Value>),
    /// A nested table (`params`...), in file order.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// A list of strings, the shape of `tags` and `categories`.
    ///
    /// ```
    /// use recap::post::Value;
    /// assert_eq!(Value::strings(["a", "b"]), Value::List(vec![Value::from("a"), Value::from("b")]));
    /// ```
    pub fn strings<I, S>(items: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Value::List(items.into_iter().map(|s| Value::String(s.into())).collect())
    }

    /// The value as text when it is a scalar (numbers and booleans print as written).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::String(s) | Value::Datetime(s) | Value::Float(s) => Some(s.clone()),
            Value::Integer(i) => Some(i.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::List(_) | Value::Map(_) => None,
        }
    }

    /// What kind of value this is, in words for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "empty",
            Value::Bool(_) => "a yes/no value",
            Value::Integer(_) | Value::Float(_) => "a number",
            Value::String(_) => "text",
            Value::Datetime(_) => "a date",
            Value::List(_) => "a list",
            Value::Map(_) => "a group of fields",
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::List(items) => {
                let parts: Vec<String> = items.iter().map(ToString::to_string).collect();
                write!(f, "[{}]", parts.join(", "))
            }
            Value::Map(_) => f.write_str("{…}"),
            Value::Null => Ok(()),
            other => f.write_str(&other.as_text().unwrap_or_default()),
        }
    }
}
