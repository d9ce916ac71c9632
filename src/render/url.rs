//! Which link and image targets the preview keeps.

/// Whether a link or image target is safe to keep: http, https, mailto, relative
/// paths and `#` fragments. The scheme is read the way a browser does, after dropping
/// white space and control characters and ignoring case, so `JaVa\tScRiPt:` is caught.
/// Entities are already decoded by the Markdown parser (and by the HTML sanitizer).
///
/// ```
/// use recap::render::url::is_safe_url;
/// assert!(is_safe_url("https://example.org/a?b#c"));
/// assert!(is_safe_url("/img/a.jpg") && is_safe_url("#notes") && is_safe_url("mailto:a@b.c"));
/// assert!(!is_safe_url(" java\tscript:alert(1)"));
/// assert!(!is_safe_url("data:text/html,<script>alert(1)</script>"));
/// ```
pub fn is_safe_url(url: &str) -> bool {
    let folded: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    match folded.find([':', '/', '?', '#']) {
        Some(i) if folded.as_bytes()[i] == b':' => {
            matches!(&folded[..i], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// The target itself when safe, else `#` (a click on it stays on the page).
pub fn safe_url_or_hash(url: &str) -> &str {
    if is_safe_url(url) {
        url
    } else {
        "#"
    }
}
