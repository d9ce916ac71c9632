//! Where a post holds raw HTML, for sites that do not publish it.

use super::Check;
use crate::post::{lenient_body, lenient_body_line};
use crate::render::lines::LineIndex;
use crate::render::shortcode::find_all;
use crate::render::RenderOptions;
use pulldown_cmark::{Event, Tag};

/// The 0-based lines (in the whole text) of each raw HTML block and inline tag of the
/// body, as Hugo's Markdown reads them. Shortcodes are not HTML; comments and the
/// `<!--more-->` divider are left out (they are not meant to be seen anyway).
///
/// ```
/// let text = "---\ntitle: x\n---\nA <b>bold</b> word.\n\n<blockquote class=\"twitter-tweet\">hi</blockquote>\n\n{{< figure src=\"a.jpg\" >}}\n";
/// assert_eq!(recap::writing::raw_html_lines(text), [3, 3, 5]);
/// ```
pub fn raw_html_lines(text: &str) -> Vec<usize> {
    let body = lenient_body(text);
    let first = lenient_body_line(text);
    // Shortcode tags blanked (same length, line breaks kept): `{{<figure ...>}}` is not
    // an HTML tag to Hugo.
    let mut blanked = body.as_bytes().to_vec();
    for (range, _) in find_all(body, &[]) {
        for b in &mut blanked[range] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    let blanked = String::from_utf8(blanked).unwrap_or_default();
    let lines = LineIndex::new(&blanked);
    let mut out = Vec::new();
    let mut in_html_block = false;
    let opts = RenderOptions::default().parser_options();
    for (event, range) in crate::render::markdown(&blanked, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => in_html_block = true,
            Event::End(pulldown_cmark::TagEnd::HtmlBlock) => in_html_block = false,
            Event::Html(h) if in_html_block => {
                let t = h.trim();
                let seen = out.last() == Some(&(first + lines.line_of(range.start)));
                if !t.is_empty() && !t.starts_with("<!--") && !seen {
                    out.push(first + lines.line_of(range.start));
                }
            }
            Event::InlineHtml(h) | Event::Html(h) if !h.trim_start().starts_with("<!--") => {
                out.push(first + lines.line_of(range.start));
            }
            _ => {}
        }
    }
    out
}

/// The check a site that does not publish raw HTML adds: how many places, and the
/// line of the first.
pub fn raw_html_check(text: &str) -> Option<Check> {
    let places = raw_html_lines(text);
    let first = *places.first()?;
    let n = places.len();
    Some(Check {
        line: first,
        message: format!(
            "Raw HTML will not be published: {n} place{} (this site's markup.goldmark.renderer.unsafe is false). Use a shortcode such as {{{{< x >}}}} for tweets.",
            if n == 1 { "" } else { "s" }
        ),
    })
}
