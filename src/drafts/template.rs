//! The text a new draft starts with: a recap skeleton.

use crate::post::PostDate;

/// The sample recap a newcomer can open: two days of talks with a figure, a table, a
/// footnote, a pasted tweet and an `x` shortcode. The same file is a test fixture, so
/// the tests check what the app ships.
///
/// ```
/// let post = recap::post::Post::parse(recap::drafts::SAMPLE_RECAP).unwrap();
/// assert_eq!(post.fields().title.as_deref(), Some("Platform Days 2026: a recap"));
/// ```
pub const SAMPLE_RECAP: &str = include_str!("../../tests/data/posts/sample-recap.md");

/// The file name the sample recap is opened under (its drafts list origin).
pub const SAMPLE_RECAP_NAME: &str = "the sample recap";

/// A new recap: front matter with the author, the date and offset, `articles` and the
/// `Conference` tag, an intro line and a first day.
///
/// ```
/// let date = recap::post::PostDate::from_parts(2026, 11, 25, 9, 30, 0, 60).unwrap();
/// let text = recap::drafts::recap_template(Some("Ada"), &date);
/// let post = recap::post::Post::parse(&text).unwrap();
/// assert_eq!(post.fields().author.as_deref(), Some("Ada"));
/// assert_eq!(post.fields().date.as_ref(), Some(&date));
/// assert!(post.body().contains("## Day 1"));
/// ```
pub fn recap_template(author: Option<&str>, date: &PostDate) -> String {
    let mut post =
        crate::post::Post::parse("---\ntitle: ''\n---\n").unwrap_or_else(|_| unreachable!());
    if let Some(author) = author.filter(|a| !a.trim().is_empty()) {
        let _ = post.set("author", author.into());
    }
    let _ = post.set_date(date);
    let _ = post.set_categories(["articles"]);
    let _ = post.set_tags(["Conference"]);
    let _ = post.set_description("");
    format!("{post}A few words about the event: where, when, and why you went.\n\n## Day 1\n\n")
}
