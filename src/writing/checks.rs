//! Things to fix before publishing, each with the line to jump to.

use super::outline::OutlineEntry;
use crate::post::{lenient_body, lenient_body_line, Post};
use crate::render::shortcode::{find_all, Found};
use crate::render::tweet::{Tweet, TWEET_SHORTCODES};
use crate::render::DRAWN_SHORTCODES;
use pulldown_cmark::{Event, Options, Tag};

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The line it is about (0-based, in the whole text).
    pub line: usize,
    /// What is wrong, for the writer.
    pub message: String,
}

/// Everything worth a look in `text`. `other_tags` are the tags used in the writer's
/// other drafts and posts, to catch `Devops` here against `DevOps` there.
///
/// ```
/// use recap::writing::{checks, outline};
/// let text = "---\ntags: [Devops]\n---\n[slides]()\n";
/// let found = checks(text, &outline(text), &["DevOps".to_string()]);
/// let messages: Vec<&str> = found.iter().map(|c| c.message.as_str()).collect();
/// assert!(messages.contains(&"No title."));
/// assert!(messages.iter().any(|m| m.contains("“Devops” is spelled “DevOps” elsewhere")));
/// assert!(messages.iter().any(|m| m.contains("has no target")));
/// ```
pub fn checks(text: &str, outline: &[OutlineEntry], other_tags: &[String]) -> Vec<Check> {
    let mut out = Vec::new();
    let body = lenient_body(text);
    let first_line = lenient_body_line(text);
    let lines = crate::render::lines::LineIndex::new(body);
    let line_at = |offset: usize| first_line + lines.line_of(offset);
    match Post::parse(text) {
        Err(e) => out.push(Check {
            line: e.line().saturating_sub(1),
            message: e.to_string(),
        }),
        Ok(post) => {
            let fields = post.fields();
            let key_line = |k: &str| post.line_of_key(k).unwrap_or(1).saturating_sub(1);
            if fields.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                out.push(Check {
                    line: key_line("title"),
                    message: "No title.".into(),
                });
            }
            if fields.date.is_none() {
                out.push(Check {
                    line: key_line("date"),
                    message: "No date: Hugo sorts and files the post by it.".into(),
                });
            }
            if let Some(d) = &fields.description {
                let n = d.chars().count();
                if n > 160 {
                    out.push(Check {
                        line: key_line("description"),
                        message: format!(
                            "The description has {n} characters; search results cut it after about 160."
                        ),
                    });
                }
            }
            for tag in &fields.tags {
                if let Some(other) = other_tags
                    .iter()
                    .find(|o| o.to_lowercase() == tag.to_lowercase() && *o != tag)
                {
                    out.push(Check {
                        line: key_line("tags"),
                        message: format!(
                            "Tag “{tag}” is spelled “{other}” elsewhere: Hugo makes them one tag page, shown with one spelling."
                        ),
                    });
                }
            }
        }
    }
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    for (event, range) in crate::render::markdown(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.trim().is_empty() => {
                out.push(Check {
                    line: line_at(range.start),
                    message: format!("The link “{}” has no target.", body[range].trim()),
                });
            }
            Event::Html(h) | Event::InlineHtml(h)
                if h.contains("twitter-tweet") && h.contains("<blockquote") =>
            {
                let end = body[range.start..]
                    .find("</blockquote>")
                    .map_or(body.len(), |i| range.start + i + "</blockquote>".len());
                if Tweet::from_embed(&body[range.start..end]).is_none() {
                    out.push(Check {
                        line: line_at(range.start),
                        message: "A pasted tweet has no link to its post, so it has no id.".into(),
                    });
                }
            }
            _ => {}
        }
    }
    let mut seen: Vec<(String, usize)> = Vec::new();
    for entry in outline {
        let base = entry.id.as_str();
        if let Some((_, first)) = seen.iter().find(|(id, _)| {
            base.strip_prefix(id.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty())
        }) {
            out.push(Check {
                line: entry.line,
                message: format!(
                    "The heading “{}” repeats the one on line {}: its link id becomes “{}”.",
                    entry.text,
                    first + 1,
                    entry.id
                ),
            });
        }
        seen.push((entry.id.clone(), entry.line));
    }
    for (range, found) in find_all(body, &[]) {
        let Found::Tag(sc) = found else { continue };
        if sc.closing {
            continue;
        }
        let line = line_at(range.start);
        if !DRAWN_SHORTCODES.contains(&sc.name.as_str()) {
            out.push(Check {
                line,
                message: format!(
                    "Unknown shortcode “{}”: the preview cannot show it; check that your theme has it.",
                    sc.name
                ),
            });
        } else if TWEET_SHORTCODES.contains(&sc.name.as_str())
            && Tweet::from_shortcode(&sc).is_none()
        {
            out.push(Check {
                line,
                message: format!("The {} shortcode has no tweet id.", sc.name),
            });
        }
    }
    out.sort_by_key(|c| c.line);
    out
}
