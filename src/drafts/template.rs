//! The text a new draft starts with: a recap skeleton.

use crate::post::PostDate;

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
