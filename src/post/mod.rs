//! The post file: front matter plus Markdown body, parsed and printed losslessly.
//!
//! A [`Post`] keeps the exact text it was parsed from. Printing returns that text, so
//! a round trip is byte-identical by construction; every edit splices the text of one
//! key and parses the result again, so the typed view can never drift from the text.
//!
//! ```
//! use recap::post::{Post, Value};
//! let text = "---\ntitle: 'Munich'\ntags:\n  - Devops\n---\nNotes\n";
//! let mut post = Post::parse(text).unwrap();
//! assert_eq!(post.to_string(), text);
//! post.set_tags(["DevOps", "Kubernetes"]).unwrap();
//! assert_eq!(post.to_string(), "---\ntitle: 'Munich'\ntags:\n  - DevOps\n  - Kubernetes\n---\nNotes\n");
//! ```

mod date;
mod error;
mod fields;
mod filename;
pub mod front_matter;
mod json;
mod late;
mod toml;
mod value;
mod yaml;
mod yaml_values;

pub use date::{NotADate, PostDate};
pub use error::PostError;
pub use fields::Fields;
pub use filename::{export_filename, slugify};
pub use front_matter::Format;
pub use late::{formats_ready, install_formats};
pub use value::Value;

use front_matter::{Block, Layout};
use std::fmt;

/// A post: its text, where the front matter and body are, and the typed fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    text: String,
    layout: Layout,
    values: Vec<(String, Value)>,
    fields: Fields,
}

impl Post {
    /// Parses a post file. Fails with a [`PostError`] naming the line when the front
    /// matter is unterminated, invalid in its format, or holds a bad date or type.
    pub fn parse(text: &str) -> Result<Post, PostError> {
        let layout = front_matter::split(text)?;
        let values = match &layout.front_matter {
            None => Vec::new(),
            Some(block) => {
                let content = &text[block.content.clone()];
                parse_fields(block.format, content, block.first_line)?
            }
        };
        let fields = Fields::read(&values, |key| {
            key_line(text, layout.front_matter.as_ref(), key)
        })?;
        Ok(Post {
            text: text.to_string(),
            layout,
            values,
            fields,
        })
    }

    /// The Markdown after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.layout.body.clone()]
    }

    /// 1-based line of the file on which the body starts.
    pub fn body_first_line(&self) -> usize {
        front_matter::line_of(&self.text, self.layout.body.start)
    }

    /// The front matter format, or `None` for a file without front matter.
    pub fn format(&self) -> Option<Format> {
        self.layout.front_matter.as_ref().map(|b| b.format)
    }

    /// The front matter text as the file holds it (without `---`/`+++` delimiters).
    pub fn front_matter_text(&self) -> Option<&str> {
        self.layout
            .front_matter
            .as_ref()
            .map(|b| &self.text[b.content.clone()])
    }

    /// The typed usual keys.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Every top-level key and value, in file order, unknown keys included.
    pub fn values(&self) -> &[(String, Value)] {
        &self.values
    }

    /// The value of one top-level key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// 1-based file line on which `key` is written.
    pub fn line_of_key(&self, key: &str) -> Option<usize> {
        self.get(key)?;
        Some(key_line(&self.text, self.layout.front_matter.as_ref(), key))
    }

    /// Sets a top-level key. Only that key's text changes; a new key is added at the end
    /// in the file's own style; a file without front matter gets a YAML one. When the
    /// result would not parse (say, a date that is not a date) nothing changes.
    ///
    /// ```
    /// let mut post = recap::post::Post::parse("+++\ntitle = \"a\"\n+++\n").unwrap();
    /// post.set("draft", true.into()).unwrap();
    /// assert_eq!(post.to_string(), "+++\ntitle = \"a\"\ndraft = true\n+++\n");
    /// ```
    pub fn set(&mut self, key: &str, value: Value) -> Result<(), PostError> {
        let text = match &self.layout.front_matter {
            None => {
                let start = self.layout.body.start;
                let new_block = yaml::set("", false, key, &value)?;
                format!(
                    "{}---\n{new_block}---\n{}",
                    &self.text[..start],
                    &self.text[start..]
                )
            }
            Some(block) => {
                let content = &self.text[block.content.clone()];
                let new_content = match block.format {
                    Format::Yaml => yaml::set(content, block.crlf, key, &value)?,
                    Format::Toml | Format::Json => {
                        late::set(block.format, content, block.first_line, key, &value)?
                    }
                };
                self.splice_front_matter(block, &new_content)
            }
        };
        *self = Post::parse(&text)?;
        Ok(())
    }

    /// Removes a top-level key and only its lines. Returns whether it was there.
    pub fn remove(&mut self, key: &str) -> Result<bool, PostError> {
        let Some(block) = &self.layout.front_matter else {
            return Ok(false);
        };
        let content = &self.text[block.content.clone()];
        let new_content = match block.format {
            Format::Yaml => yaml::remove(content, key),
            Format::Toml | Format::Json => {
                late::remove(block.format, content, block.first_line, key)?
            }
        };
        match new_content {
            None => Ok(false),
            Some(new_content) => {
                let text = self.splice_front_matter(block, &new_content);
                *self = Post::parse(&text)?;
                Ok(true)
            }
        }
    }

    fn splice_front_matter(&self, block: &Block, content: &str) -> String {
        format!(
            "{}{}{}",
            &self.text[..block.content.start],
            content,
            &self.text[block.content.end..]
        )
    }

    /// Sets `title`.
    pub fn set_title(&mut self, title: &str) -> Result<(), PostError> {
        self.set("title", title.into())
    }

    /// Sets `tags`.
    pub fn set_tags<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        tags: I,
    ) -> Result<(), PostError> {
        self.set("tags", Value::strings(tags))
    }

    /// Sets `categories`.
    pub fn set_categories<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        categories: I,
    ) -> Result<(), PostError> {
        self.set("categories", Value::strings(categories))
    }

    /// Sets `date` (as a TOML date literal in TOML front matter).
    pub fn set_date(&mut self, date: &PostDate) -> Result<(), PostError> {
        let value = match self.format() {
            Some(Format::Toml) => Value::Datetime(date.as_str().to_string()),
            _ => Value::String(date.as_str().to_string()),
        };
        self.set("date", value)
    }

    /// Sets `draft`.
    pub fn set_draft(&mut self, draft: bool) -> Result<(), PostError> {
        self.set("draft", draft.into())
    }

    /// Sets `description`.
    pub fn set_description(&mut self, description: &str) -> Result<(), PostError> {
        self.set("description", description.into())
    }
}

impl fmt::Display for Post {
    /// Prints the post exactly as its text stands.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The front matter format `text` opens with, without reading its fields; `None`
/// without front matter or when it is never closed.
///
/// ```
/// use recap::post::{front_matter_format, Format};
/// assert_eq!(front_matter_format("+++\ntitle = \"x\"\n+++\n"), Some(Format::Toml));
/// assert_eq!(front_matter_format("# Notes\n"), None);
/// ```
pub fn front_matter_format(text: &str) -> Option<Format> {
    front_matter::split(text)
        .ok()?
        .front_matter
        .map(|b| b.format)
}

/// The Markdown body of `text` for the preview, even when the front matter is broken:
/// an unterminated front matter yields the whole text, so nothing the writer typed
/// disappears from view.
pub fn lenient_body(text: &str) -> &str {
    match front_matter::split(text) {
        Ok(layout) => &text[layout.body],
        Err(_) => text.strip_prefix('\u{feff}').unwrap_or(text),
    }
}

/// The byte offset where [`lenient_body`] starts: past the front matter (and a byte
/// order mark), where a paste or a tool may put Markdown.
///
/// ```
/// assert_eq!(recap::post::lenient_body_start("---\ntitle: x\n---\nBody\n"), 17);
/// assert_eq!(recap::post::lenient_body_start("No front matter\n"), 0);
/// ```
pub fn lenient_body_start(text: &str) -> usize {
    text.len() - lenient_body(text).len()
}

/// How many lines come before [`lenient_body`] (the front matter's, with its
/// delimiters): the 0-based line of the whole text on which the body starts.
///
/// ```
/// assert_eq!(recap::post::lenient_body_line("---\ntitle: x\n---\nBody\n"), 3);
/// assert_eq!(recap::post::lenient_body_line("No front matter\n"), 0);
/// ```
pub fn lenient_body_line(text: &str) -> usize {
    // Lines end at `\r\n`, `\r` or `\n`, as the editor counts them.
    crate::render::lines::line_starts(&text[..lenient_body_start(text)], 0).len() - 1
}

/// The 0-based line the body starts on, when it starts at the beginning of a line
/// (a front matter that ends the text without a line break leaves the empty body
/// mid-line; the rest of a JSON front matter's closing line belongs to it).
///
/// ```
/// assert_eq!(recap::post::body_start_line("---\ntitle: x\n---\nBody\n"), Some(3));
/// assert_eq!(recap::post::body_start_line("{\"title\": \"x\"} Body\n"), Some(1));
/// assert_eq!(recap::post::body_start_line("{\"title\": \"x\"}"), None);
/// ```
pub fn body_start_line(text: &str) -> Option<usize> {
    let prefix = &text[..lenient_body_start(text)];
    let at_line_start = prefix.strip_prefix('\u{feff}').unwrap_or(prefix).is_empty()
        || prefix.ends_with(['\n', '\r']);
    at_line_start.then(|| lenient_body_line(text))
}

fn key_line(text: &str, block: Option<&Block>, key: &str) -> usize {
    let Some(block) = block else { return 1 };
    let content = &text[block.content.clone()];
    let offset_line = |pos: usize| front_matter::line_of(text, block.content.start + pos);
    match block.format {
        Format::Yaml => yaml::key_blocks(content)
            .iter()
            .find(|b| b.key == key)
            .map_or(block.first_line, |b| offset_line(b.span.start)),
        Format::Toml | Format::Json => {
            late::key_line(block.format, content, block.first_line, key).unwrap_or(block.first_line)
        }
    }
}

/// Parses a whole document of `format` (front matter content, or a site's config file)
/// into its top-level keys, in file order; errors name lines from `first_line` on.
pub(crate) fn parse_fields(
    format: Format,
    content: &str,
    first_line: usize,
) -> Result<Vec<(String, Value)>, PostError> {
    match format {
        Format::Yaml => yaml::parse(content, first_line),
        Format::Toml | Format::Json => late::parse(format, content, first_line),
    }
}
