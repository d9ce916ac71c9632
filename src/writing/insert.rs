//! Talk sections and figures, written the way the corpus recap writes them.

use super::TextEdit;

/// A talk to add: its title, the talk's page, and the tracks it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Talk {
    /// The talk's title.
    pub title: String,
    /// The talk's page on the conference site (may be empty).
    pub url: String,
    /// Tracks or topics, shown as `_#Track_` hashtags.
    pub tracks: Vec<String>,
}

/// The `### [Title](url)` section for a talk, with its `_#Track_` line, as a block
/// inserted at `at` (blank lines added where the text around needs them).
///
/// ```
/// use recap::writing::{talk_section, Talk};
/// let talk = Talk {
///     title: "Staying Alive".into(),
///     url: "https://example.org/talk".into(),
///     tracks: vec!["Business & Culture".into(), "SRE".into()],
/// };
/// let text = "## Day 1\n";
/// let edit = talk_section(text, text.len(), &talk);
/// assert_eq!(
///     edit.apply(text),
///     "## Day 1\n\n### [Staying Alive](https://example.org/talk)\n\n_#BusinessCulture #SRE_\n\n"
/// );
/// ```
pub fn talk_section(text: &str, at: usize, talk: &Talk) -> TextEdit {
    let title = escape_link_text(talk.title.trim());
    let title = if title.is_empty() {
        "Talk title".to_string()
    } else {
        title
    };
    let url = talk.url.trim();
    let heading = if url.is_empty() {
        format!("### {title}")
    } else if url.contains([' ', '(', ')']) {
        format!("### [{title}](<{url}>)")
    } else {
        format!("### [{title}]({url})")
    };
    let tags: Vec<String> = talk
        .tracks
        .iter()
        .map(|t| {
            t.chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .map(|t| format!("#{t}"))
        .collect();
    let mut block = heading;
    if !tags.is_empty() {
        block.push_str(&format!("\n\n_{}_", tags.join(" ")));
    }
    insert_block(text, at, &block)
}

/// `{{< figure src="..." caption="..." >}}` as a block at `at`.
///
/// ```
/// use recap::writing::figure_shortcode;
/// let e = figure_shortcode("", 0, "/img/stage.jpg", "The \"main\" stage");
/// assert_eq!(e.insert, "{{< figure src=\"/img/stage.jpg\" caption=`The \"main\" stage` >}}\n\n");
/// ```
pub fn figure_shortcode(text: &str, at: usize, src: &str, caption: &str) -> TextEdit {
    let mut block = format!("{{{{< figure src={}", quote(src.trim()));
    if !caption.trim().is_empty() {
        block.push_str(&format!(" caption={}", quote(caption.trim())));
    }
    block.push_str(" >}}");
    insert_block(text, at, &block)
}

/// A shortcode argument value: double quotes, or a raw backtick string when the
/// value has a double quote itself (Hugo reads both).
pub(crate) fn quote(value: &str) -> String {
    if value.contains('"') && !value.contains('`') {
        format!("`{value}`")
    } else {
        format!("\"{}\"", value.replace('"', "'"))
    }
}

fn escape_link_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// Inserts `block` as its own Markdown block at the line boundary at or before `at`,
/// with a blank line before and after it; the cursor lands after it.
pub fn insert_block(text: &str, at: usize, block: &str) -> TextEdit {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    // Insert at the end of the current line, unless the cursor is at a line start.
    if at > 0 && !text[..at].ends_with('\n') {
        at = text[at..].find('\n').map_or(text.len(), |i| at + i);
    }
    let before = &text[..at];
    let lead = if before.is_empty() || before.ends_with("\n\n") {
        ""
    } else if before.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let after = &text[at..];
    // Exactly one blank line between the block and what follows.
    let trail = if after.starts_with("\n\n") {
        ""
    } else if after.starts_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let insert = format!("{lead}{block}{trail}");
    let cursor = at + insert.len();
    TextEdit {
        range: at..at,
        insert,
        select: cursor..cursor,
    }
}
