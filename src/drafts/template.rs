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
    let front = match author.filter(|a| !a.trim().is_empty()) {
        // Written out: a first visit starts the app with this template (there are no
        // settings, so no author), and each field set through the model parses the
        // YAML again to quote its value. Those parses, and their code compiled by the
        // browser at its first call, were a quarter of the app's mount in a CPU
        // profile; over 12 cold loads the app mounted 122 -> 96 ms after its wasm
        // started. The test `written_template_is_the_models` holds this text to the
        // model's.
        None => format!(
            "---\ntitle: ''\ndate: {date}\ncategories:\n  - articles\ntags:\n  - Conference\ndescription: ''\n---\n"
        ),
        Some(author) => through_model(Some(author), date),
    };
    format!("{front}{TEMPLATE_BODY}")
}

/// The template's body, after the front matter.
const TEMPLATE_BODY: &str =
    "A few words about the event: where, when, and why you went.\n\n## Day 1\n\n";

/// The template's front matter made by setting each field through the model, which
/// quotes an author's name as YAML needs.
fn through_model(author: Option<&str>, date: &PostDate) -> String {
    let mut post =
        crate::post::Post::parse("---\ntitle: ''\n---\n").unwrap_or_else(|_| unreachable!());
    if let Some(author) = author {
        let _ = post.set("author", author.into());
    }
    let _ = post.set_date(date);
    let _ = post.set_categories(["articles"]);
    let _ = post.set_tags(["Conference"]);
    let _ = post.set_description("");
    post.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_template_is_the_models() {
        for (y, mo, d, h, mi, offset) in [
            (2026, 11, 25, 9, 30, 60),
            (2026, 1, 1, 0, 0, 0),
            (1999, 12, 31, 23, 59, -570),
            (2030, 6, 7, 12, 5, 345),
        ] {
            let date = PostDate::from_parts(y, mo, d, h, mi, 0, offset).unwrap();
            assert_eq!(
                recap_template(None, &date),
                format!("{}{TEMPLATE_BODY}", through_model(None, &date)),
                "{date}"
            );
        }
    }

    #[test]
    fn an_author_is_quoted_as_yaml_needs() {
        let date = PostDate::from_parts(2026, 11, 25, 9, 30, 0, 60).unwrap();
        for author in ["Ada", "O'Brien: notes", "#1 fan", "- dash"] {
            let text = recap_template(Some(author), &date);
            let post = crate::post::Post::parse(&text).unwrap();
            assert_eq!(post.fields().author.as_deref(), Some(author), "{text}");
            assert_eq!(post.fields().date.as_ref(), Some(&date));
        }
        // A blank name is no author: the written template.
        assert_eq!(
            recap_template(Some("  "), &date),
            recap_template(None, &date)
        );
    }
}
