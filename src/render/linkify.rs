//! Bare URLs and e-mail addresses become links, as goldmark's linkify extension does.

use linkify::{LinkFinder, LinkKind};
use std::sync::OnceLock;

/// A piece of text: plain, or a link with its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text that stays text.
    Text(&'a str),
    /// Text that becomes a link to `href`.
    Link {
        /// What the reader sees (the URL as written).
        text: &'a str,
        /// Where it points (`https://` added to `www.`, `mailto:` to addresses).
        href: String,
    },
}

fn finder() -> &'static LinkFinder {
    static FINDER: OnceLock<LinkFinder> = OnceLock::new();
    FINDER.get_or_init(|| {
        let mut f = LinkFinder::new();
        f.kinds(&[LinkKind::Url, LinkKind::Email]);
        f.url_must_have_scheme(false);
        f
    })
}

/// Splits text into plain pieces and links. Only `http(s)://`, `ftp://`, `www.` and
/// e-mail addresses count, as in Hugo; `example.com` alone stays text.
///
/// ```
/// use recap::render::linkify::{split, Piece};
/// let pieces = split("see www.example.org or me@example.com.");
/// assert_eq!(pieces[1], Piece::Link { text: "www.example.org", href: "https://www.example.org".into() });
/// assert_eq!(pieces[3], Piece::Link { text: "me@example.com", href: "mailto:me@example.com".into() });
/// ```
pub fn split(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut last = 0;
    for link in finder().links(text) {
        let s = link.as_str();
        let href = match link.kind() {
            LinkKind::Email => format!("mailto:{s}"),
            _ if s.starts_with("http://")
                || s.starts_with("https://")
                || s.starts_with("ftp://") =>
            {
                s.to_string()
            }
            _ if s.starts_with("www.") => format!("https://{s}"),
            _ => continue,
        };
        if link.start() > last {
            out.push(Piece::Text(&text[last..link.start()]));
        }
        out.push(Piece::Link { text: s, href });
        last = link.end();
    }
    if last < text.len() || out.is_empty() {
        out.push(Piece::Text(&text[last..]));
    }
    out
}
