//! The status bar's numbers: words, reading time, talks, tweets and links.

use super::outline::outline;
use crate::post::lenient_body;
use crate::render::shortcode::{find_all, Found};
use crate::render::tweet::TWEET_SHORTCODES;
use pulldown_cmark::{Event, Options, Tag};

/// What the status bar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Words in the body (front matter and markup not counted).
    pub words: usize,
    /// Minutes to read at 200 words a minute, rounded up.
    pub minutes: usize,
    /// Talks: `###` headings.
    pub talks: usize,
    /// Tweets: tweet shortcodes and pasted embeds.
    pub tweets: usize,
    /// Links, bare URLs included.
    pub links: usize,
}

/// `n` and the noun for it, as the status bar says it: "1 talk", "2 talks".
///
/// ```
/// use recap::writing::counted;
/// assert_eq!(counted(1, "link", "links"), "1 link");
/// assert_eq!(counted(0, "tweet", "tweets"), "0 tweets");
/// assert_eq!(counted(14, "talk", "talks"), "14 talks");
/// ```
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Counts for the body of `text`.
///
/// ```
/// use recap::writing::stats;
/// let s = stats("---\ntitle: x\n---\n## Day 1\n\n### [Talk](https://a.example)\n\nSee https://b.example now.\n\n{{< x user=\"a\" id=\"1\" >}}\n");
/// assert_eq!((s.talks, s.tweets, s.links), (1, 1, 2));
/// assert_eq!(s.words, 6); // Day, 1, Talk, See, the URL, now
/// ```
pub fn stats(text: &str) -> Stats {
    let body = lenient_body(text);
    let shortcodes = find_all(body, &[]);
    let tweets_in_shortcodes = shortcodes
        .iter()
        .filter(|(_, f)| {
            matches!(f, Found::Tag(s) if !s.closing && TWEET_SHORTCODES.contains(&s.name.as_str()))
        })
        .count();
    // Shortcodes are not words: blank them out before counting.
    let mut prose = body.to_string();
    for (range, _) in shortcodes.iter().rev() {
        prose.replace_range(range.clone(), &" ".repeat(range.len()));
    }
    let mut words = 0;
    let mut links = 0;
    let mut tweets = 0;
    let finder = linkify::LinkFinder::new();
    let mut in_link = 0usize;
    for event in crate::render::markdown(
        &prose,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::Link { .. }) => {
                links += 1;
                in_link += 1;
            }
            Event::End(pulldown_cmark::TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Text(t) => {
                words += t
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count();
                if in_link == 0 {
                    links += finder.links(&t).count();
                }
            }
            Event::Code(t) => words += t.split_whitespace().count(),
            Event::Html(h) | Event::InlineHtml(h) if h.contains("class=\"twitter-tweet\"") => {
                tweets += 1;
            }
            _ => {}
        }
    }
    tweets += tweets_in_shortcodes;
    Stats {
        words,
        minutes: words.div_ceil(200),
        talks: outline(text).iter().filter(|e| e.level == 3).count(),
        tweets,
        links,
    }
}
