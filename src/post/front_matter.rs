//! Finding the front matter block: which format, where it starts and ends.
//!
//! This is the structural split only; reading the fields is the job of the format modules.

use super::PostError;
use std::fmt;
use std::ops::Range;

/// The front matter formats Hugo understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
    /// A JSON object at the top of the file.
    Json,
}

impl Format {
    pub(crate) fn closing_hint(self) -> &'static str {
        match self {
            Format::Yaml => "`---`",
            Format::Toml => "`+++`",
            Format::Json => "`}`",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        })
    }
}

/// Where the parts of a post sit in its text (byte ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The front matter, when the file has one.
    pub front_matter: Option<Block>,
    /// The Markdown body.
    pub body: Range<usize>,
}

/// A front matter block found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its format.
    pub format: Format,
    /// The content parsed by the format's parser: between the delimiter lines for YAML
    /// and TOML, the whole object (braces included) for JSON.
    pub content: Range<usize>,
    /// 1-based file line on which `content` starts.
    pub first_line: usize,
    /// Whether its lines end in `\r\n`, so added lines match.
    pub crlf: bool,
}

const BOM: &str = "\u{feff}";

/// Splits `text` into front matter and body without reading any field.
///
/// ```
/// use recap::post::{front_matter::split, Format};
/// let layout = split("+++\ntitle = 'x'\n+++\nHello").unwrap();
/// assert_eq!(layout.front_matter.unwrap().format, Format::Toml);
/// assert_eq!(layout.body, 20..25);
/// ```
pub fn split(text: &str) -> Result<Layout, PostError> {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = &text[start..];
    let delimited = |delim: &str, format| -> Option<Result<Layout, PostError>> {
        let first_end = line_end(rest, 0);
        if trim_eol(&rest[..first_end]).trim_end() != delim {
            return None;
        }
        let crlf = rest[..first_end].ends_with("\r\n");
        let content_start = first_end;
        let mut pos = content_start;
        while pos < rest.len() {
            let end = line_end(rest, pos);
            if trim_eol(&rest[pos..end]).trim_end() == delim {
                return Some(Ok(Layout {
                    front_matter: Some(Block {
                        format,
                        content: start + content_start..start + pos,
                        first_line: 2,
                        crlf,
                    }),
                    body: start + end..text.len(),
                }));
            }
            pos = end;
        }
        Some(Err(PostError::Unterminated { format, line: 1 }))
    };
    if let Some(result) = delimited("---", Format::Yaml) {
        return result;
    }
    if let Some(result) = delimited("+++", Format::Toml) {
        return result;
    }
    if looks_like_json(rest) {
        let Some(close) = json_object_end(rest) else {
            return Err(PostError::Unterminated {
                format: Format::Json,
                line: 1,
            });
        };
        // The rest of the closing brace's line belongs to the front matter.
        let end = line_end(rest, close);
        let crlf = rest[..end].contains("\r\n");
        return Ok(Layout {
            front_matter: Some(Block {
                format: Format::Json,
                content: start..start + close,
                first_line: 1,
                crlf,
            }),
            body: start + end..text.len(),
        });
    }
    Ok(Layout {
        front_matter: None,
        body: start..text.len(),
    })
}

/// A JSON front matter starts with `{` and then a key or `}`; `{{< toc >}}` is a shortcode.
fn looks_like_json(rest: &str) -> bool {
    let mut chars = rest.strip_prefix('{').map(|r| r.trim_start().chars());
    matches!(chars.as_mut().and_then(Iterator::next), Some('"' | '}'))
}

/// Byte index just past the `}` closing the object that starts at 0, if any.
fn json_object_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Index just past the line (its line ending included) that starts at `pos`.
pub(crate) fn line_end(s: &str, pos: usize) -> usize {
    s[pos..].find('\n').map_or(s.len(), |i| pos + i + 1)
}

pub(crate) fn trim_eol(line: &str) -> &str {
    line.strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(line)
}

/// 1-based line number of byte `pos` in `text`.
pub(crate) fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
