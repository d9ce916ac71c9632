//! The `toc` shortcode: a table of contents of the body's headings, as Hugo's
//! `.TableOfContents` (levels 2 and 3 by default).

use super::gate::OwnHtml;
use super::html::escape;

/// A heading as the table of contents needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The heading's ID.
    pub id: String,
    /// The heading's text, plain.
    pub text: String,
}

/// Nested lists of links to the headings of levels 2 and 3.
pub fn render(entries: &[TocEntry]) -> OwnHtml {
    let mut out = String::from("<nav id=\"TableOfContents\" class=\"toc\"><ul>");
    let mut depth = 0;
    let mut open_item = false;
    for e in entries.iter().filter(|e| (2..=3).contains(&e.level)) {
        let level = usize::from(e.level - 2);
        while depth < level {
            out.push_str("<ul>");
            depth += 1;
            open_item = false;
        }
        while depth > level {
            out.push_str("</li></ul>");
            depth -= 1;
        }
        if open_item {
            out.push_str("</li>");
        }
        out.push_str(&format!(
            "<li><a href=\"#{}\">{}</a>",
            escape(&e.id),
            escape(&e.text)
        ));
        open_item = true;
    }
    while depth > 0 {
        out.push_str("</li></ul>");
        depth -= 1;
    }
    if open_item {
        out.push_str("</li>");
    }
    out.push_str("</ul></nav>");
    OwnHtml::new(out)
}
