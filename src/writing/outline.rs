//! The outline of a recap: days (`##`) and talks (`###`), with their lines.

use crate::post::{lenient_body, lenient_body_line};
use crate::render::heading_id::HeadingIds;
use pulldown_cmark::{Event, HeadingLevel, Options, Tag, TagEnd};

/// One heading of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    /// 2 for a day, 3 for a talk (1 for a top heading).
    pub level: u8,
    /// The heading's text, without Markdown.
    pub text: String,
    /// Its line in the whole text (0-based, front matter counted).
    pub line: usize,
    /// The id Hugo gives it, for links to it.
    pub id: String,
}

/// The headings of levels 1 to 3 in the body of `text`, in order.
///
/// ```
/// use recap::writing::outline;
/// let o = outline("---\ntitle: x\n---\n## Day 1\n\n### [A talk](https://a.example)\n");
/// assert_eq!(o.len(), 2);
/// assert_eq!((o[1].level, o[1].text.as_str(), o[1].line), (3, "A talk", 5));
/// assert_eq!(o[0].id, "day-1");
/// ```
pub fn outline(text: &str) -> Vec<OutlineEntry> {
    let body = lenient_body(text);
    let first_line = lenient_body_line(text);
    let lines = crate::render::lines::LineIndex::new(body);
    let mut out = Vec::new();
    let mut ids = HeadingIds::default();
    let mut current: Option<(u8, String, usize, usize)> = None;
    let options = Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES;
    for (event, range) in crate::render::markdown(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 0,
                };
                current = Some((level, String::new(), range.start, range.end));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s, _, _)) = current.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text, start, end)) = current.take() {
                    let source = body[start..end].lines().next().unwrap_or("");
                    let source = source.trim_start().trim_start_matches('#').trim();
                    let id = ids.next_for(source);
                    if level > 0 {
                        out.push(OutlineEntry {
                            level,
                            text: text.trim().to_string(),
                            line: first_line + lines.line_of(start),
                            id,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}
