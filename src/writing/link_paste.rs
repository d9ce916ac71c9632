//! A web address pasted over selected words makes them a link, as in GitHub's and
//! HackMD's editors: a recap links talk titles, speakers and slides all the time, and
//! select-then-paste is quicker than the toolbar's link and its placeholder.

use super::TextEdit;
use std::ops::Range;

/// The edit that turns the selected words into a Markdown link to `pasted`:
/// `[words](address)`, with the cursor after it. `None` (an ordinary paste) unless
/// `pasted` is one `http://` or `https://` address and the selection is words on one
/// line of the body (not the front matter, whose YAML would read `[` as a list): not
/// empty, not itself an address (pasting a new address over an old one replaces
/// it), with no `[` or `]` that would break the link's text. Spaces at the ends of
/// the selection stay outside the link. An address with unbalanced
/// parentheses goes in `<...>`, where CommonMark (and so Hugo) reads it whole.
///
/// ```
/// use recap::writing::link_over_selection;
/// let t = "See the slides of the talk.";
/// let e = link_over_selection(t, 8..14, " https://example.org/deck.pdf\n").unwrap();
/// assert_eq!(e.apply(t), "See the [slides](https://example.org/deck.pdf) of the talk.");
/// // Not an address, or nothing selected: an ordinary paste.
/// assert!(link_over_selection(t, 8..14, "slides, again").is_none());
/// assert!(link_over_selection(t, 8..8, "https://example.org/").is_none());
/// ```
pub fn link_over_selection(text: &str, sel: Range<usize>, pasted: &str) -> Option<TextEdit> {
    // In the front matter a link would be YAML (`[` opens a list): a plain paste.
    if sel.start < crate::post::lenient_body_start(text) {
        return None;
    }
    let selected = text.get(sel.clone())?;
    let words = selected.trim();
    if words.is_empty() || words.contains(['\n', '\r', '[', ']']) || web_address(words).is_some() {
        return None;
    }
    let address = web_address(pasted.trim())?;
    let start = sel.start + (selected.len() - selected.trim_start().len());
    let end = start + words.len();
    let destination = if balanced_parens(address) {
        address.to_string()
    } else {
        format!("<{address}>")
    };
    let insert = format!("[{words}]({destination})");
    let after = start + insert.len();
    Some(TextEdit {
        range: start..end,
        insert,
        select: after..after,
    })
}

/// `s` when it is one web address that a link destination can hold as it is: a
/// scheme of `http` or `https`, a host, and no spaces, control characters, angle
/// brackets or backslashes (which CommonMark would read as escapes).
fn web_address(s: &str) -> Option<&str> {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return None;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let bad = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\');
    (!host.is_empty() && !s.contains(bad)).then_some(s)
}

/// Whether every `)` closes an earlier `(` and none stays open: then the address can
/// be a destination without brackets.
fn balanced_parens(s: &str) -> bool {
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return false,
            ')' => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linked(text: &str, selected: &str, pasted: &str) -> Option<String> {
        let start = text.find(selected).expect("the selection is in the text");
        link_over_selection(text, start..start + selected.len(), pasted).map(|e| e.apply(text))
    }

    #[test]
    fn selected_words_become_the_link_text_and_the_cursor_goes_after_it() {
        let text = "Keynote by Kelsey Hightower.\n";
        let start = text.find("Kelsey").unwrap();
        let e = link_over_selection(
            text,
            start..start + "Kelsey Hightower".len(),
            "https://github.com/kelseyhightower",
        )
        .unwrap();
        assert_eq!(
            e.apply(text),
            "Keynote by [Kelsey Hightower](https://github.com/kelseyhightower).\n"
        );
        let after = e.apply(text).find(").").unwrap() + 1;
        assert_eq!(e.select, after..after);
    }

    #[test]
    fn spaces_at_the_ends_of_the_selection_stay_outside_the_link() {
        assert_eq!(
            linked("a talk about eBPF here", " eBPF ", "https://ebpf.io/").as_deref(),
            Some("a talk about [eBPF](https://ebpf.io/) here")
        );
    }

    #[test]
    fn the_scheme_may_be_in_capitals_and_the_address_keeps_its_query_and_fragment() {
        assert_eq!(
            linked("the video", "video", "HTTPS://youtu.be/abc?t=42#x").as_deref(),
            Some("the [video](HTTPS://youtu.be/abc?t=42#x)")
        );
        assert_eq!(
            linked("old site", "site", "http://example.org").as_deref(),
            Some("old [site](http://example.org)")
        );
    }

    #[test]
    fn unbalanced_parentheses_put_the_address_in_angle_brackets() {
        assert_eq!(
            linked(
                "see wiki",
                "wiki",
                "https://en.wikipedia.org/wiki/Go_(programming_language)"
            )
            .as_deref(),
            Some("see [wiki](https://en.wikipedia.org/wiki/Go_(programming_language))")
        );
        assert_eq!(
            linked("see wiki", "wiki", "https://example.org/a)b").as_deref(),
            Some("see [wiki](<https://example.org/a)b>)")
        );
        assert_eq!(
            linked("see wiki", "wiki", "https://example.org/a(b").as_deref(),
            Some("see [wiki](<https://example.org/a(b>)")
        );
    }

    #[test]
    fn the_link_renders_as_a_link_to_the_whole_address() {
        for address in [
            "https://example.org/a)b",
            "https://example.org/x_(y)_z?q=1&r=2",
        ] {
            let text = linked("see wiki", "wiki", address).unwrap();
            let html = crate::render::render_html(&text, &crate::render::RenderOptions::default());
            let href = address.replace('&', "&amp;");
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{address}: {html}"
            );
            assert!(html.contains(">wiki</a>"), "{html}");
        }
    }

    #[test]
    fn an_ordinary_paste_when_it_would_not_make_a_good_link() {
        let text = "one [two] three\nfour https://old.example/ five";
        let cases = [
            ("three", "not an address"),
            ("three", "https://a.example/ and more words"),
            ("three", "ftp://files.example/"),
            ("three", "https://"),
            ("three", "https:///path"),
            ("three", "https://a.example/<script>"),
            ("three", "https://a.example/\\_x"),
            ("[two]", "https://a.example/"),
            ("three\nfour", "https://a.example/"),
            ("https://old.example/", "https://new.example/"),
        ];
        for (selected, pasted) in cases {
            assert_eq!(
                linked(text, selected, pasted),
                None,
                "{selected:?} + {pasted:?}"
            );
        }
        assert_eq!(linked("a   b", "   ", "https://a.example/"), None);
        assert!(link_over_selection(text, 3..3, "https://a.example/").is_none());
        assert!(link_over_selection(text, 3..999, "https://a.example/").is_none());
    }

    #[test]
    fn in_the_front_matter_the_paste_is_plain() {
        let text = "---\ntitle: DevOpsCon 2018\n---\nAt DevOpsCon this year.\n";
        let start = text.find("DevOpsCon").unwrap();
        assert_eq!(
            link_over_selection(text, start..start + 9, "https://devopscon.io/"),
            None
        );
        assert_eq!(
            linked(text, "DevOpsCon this", "https://devopscon.io/").as_deref(),
            Some("---\ntitle: DevOpsCon 2018\n---\nAt [DevOpsCon this](https://devopscon.io/) year.\n")
        );
    }

    #[test]
    fn crlf_lines_keep_their_line_breaks() {
        let text = "one talk\r\nnext\r\n";
        assert_eq!(
            linked(text, "talk", "https://a.example/").as_deref(),
            Some("one [talk](https://a.example/)\r\nnext\r\n")
        );
        assert_eq!(linked(text, "talk\r\nnext", "https://a.example/"), None);
    }
}
