//! The download file name: `YYYY-MM-DD-slug.md`, like the blog's own files.

use super::Post;

/// The file name a post is exported under: `YYYY-MM-DD-slug.md`.
///
/// The slug comes from `slug`, else the last segment of `url`, else the title, else
/// `untitled`. It keeps letters and digits (any script), turns everything else into
/// single dashes and stays short, so the name is valid on Windows, macOS and Linux.
///
/// ```
/// let post = recap::post::Post::parse("---\ntitle: 'DevOpsCon: Munich!'\ndate: 2018-12-08T10:00:00+02:00\n---\n").unwrap();
/// assert_eq!(recap::post::export_filename(&post), "2018-12-08-devopscon-munich.md");
/// ```
pub fn export_filename(post: &Post) -> String {
    let fields = post.fields();
    let from_url = fields.url.as_deref().and_then(|u| {
        u.split(['?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('/')
            .find(|s| !s.is_empty())
            .map(|s| s.trim_end_matches(".html").to_string())
    });
    let slug = [fields.slug.clone(), from_url, fields.title.clone()]
        .into_iter()
        .flatten()
        .map(|s| slugify(&s))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "untitled".to_string());
    match &fields.date {
        Some(date) => format!("{}-{slug}.md", date.ymd()),
        None if is_reserved_on_windows(&slug) => format!("{slug}-post.md"),
        None => format!("{slug}.md"),
    }
}

/// Lowercase letters and digits joined by single dashes, at most 80 characters.
///
/// ```
/// assert_eq!(recap::post::slugify("  Hello, Wörld -- 2024!  "), "hello-wörld-2024");
/// ```
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if out.chars().count() >= 80 {
                break;
            }
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

fn is_reserved_on_windows(slug: &str) -> bool {
    let upper = slug.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
}
