//! The usual Hugo keys, read into types.

use super::{PostDate, PostError, Value};

/// The front-matter keys a recap uses, typed. Unknown keys stay in [`super::Post::values`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    /// `title`.
    pub title: Option<String>,
    /// `author` (a list of names is joined with commas).
    pub author: Option<String>,
    /// `date`: the publication date.
    pub date: Option<PostDate>,
    /// `lastmod`: the last change.
    pub lastmod: Option<PostDate>,
    /// `url`: the permalink path, as this blog keeps it.
    pub url: Option<String>,
    /// `slug`: the last part of the permalink.
    pub slug: Option<String>,
    /// `draft`: not published yet.
    pub draft: Option<bool>,
    /// `description`: the summary shown in lists and search results.
    pub description: Option<String>,
    /// `categories`.
    pub categories: Vec<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `aliases`: old URLs that redirect here.
    pub aliases: Vec<String>,
}

impl Fields {
    /// Reads the known keys from `values`; `line_of` finds a key's line for errors.
    pub(crate) fn read(
        values: &[(String, Value)],
        line_of: impl Fn(&str) -> usize,
    ) -> Result<Fields, PostError> {
        let mut fields = Fields::default();
        for (key, value) in values {
            let wrong = |expected: &'static str| PostError::WrongType {
                key: key.clone(),
                expected,
                found: value.kind().to_string(),
                line: line_of(key),
            };
            let text = || match value {
                Value::Null => Ok(None),
                Value::List(_) | Value::Map(_) => Err(wrong("text")),
                scalar => Ok(scalar.as_text()),
            };
            let date = || -> Result<Option<PostDate>, PostError> {
                match value {
                    Value::Null => Ok(None),
                    Value::String(s) | Value::Datetime(s) => {
                        s.parse().map(Some).map_err(|_| PostError::InvalidDate {
                            key: key.clone(),
                            value: s.clone(),
                            line: line_of(key),
                        })
                    }
                    _ => Err(wrong("a date such as 2024-05-31T09:30:00+02:00")),
                }
            };
            let list = || match value {
                Value::Null => Ok(Vec::new()),
                Value::List(items) => items
                    .iter()
                    .map(|i| i.as_text().ok_or_else(|| wrong("a list of words")))
                    .collect(),
                Value::Map(_) => Err(wrong("a list of words")),
                scalar => Ok(scalar.as_text().into_iter().collect()),
            };
            match key.as_str() {
                "title" => fields.title = text()?,
                "author" => {
                    fields.author = match value {
                        Value::List(_) => Some(list()?.join(", ")),
                        _ => text()?,
                    }
                }
                "date" => fields.date = date()?,
                "lastmod" => fields.lastmod = date()?,
                "url" => fields.url = text()?,
                "slug" => fields.slug = text()?,
                "description" => fields.description = text()?,
                "draft" => {
                    fields.draft = match value {
                        Value::Bool(b) => Some(*b),
                        Value::Null => None,
                        // YAML 1.1 words, which Jekyll reads as booleans.
                        Value::String(s) => match s.to_ascii_lowercase().as_str() {
                            "true" | "yes" | "on" => Some(true),
                            "false" | "no" | "off" => Some(false),
                            _ => return Err(wrong("true or false")),
                        },
                        _ => return Err(wrong("true or false")),
                    }
                }
                "categories" => fields.categories = list()?,
                "tags" => fields.tags = list()?,
                "aliases" => fields.aliases = list()?,
                _ => {}
            }
        }
        Ok(fields)
    }
}
