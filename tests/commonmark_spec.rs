//! The CommonMark 0.31.2 spec examples in strict mode (`RenderOptions::commonmark()`).
//!
//! Every example without raw HTML must match the spec's HTML after the spec's own
//! normalization. Two groups are reported apart, with the reason they differ:
//! examples with raw HTML (it goes through the sanitizer), and examples whose link
//! target or fence class the safety policy changes on purpose.

mod support;

use recap::render::{render_html, RenderOptions};
use support::html::{decode_entities, tokenize, Token};

#[derive(serde::Deserialize)]
struct Example {
    example: usize,
    section: String,
    markdown: String,
    html: String,
}

/// The spec's examples, from `tests/data/commonmark/` (the test fails when missing).
fn spec() -> Vec<Example> {
    let text = support::data::read("commonmark/spec-0.31.2.json");
    serde_json::from_str(&text)
        .expect("tests/data/commonmark/spec-0.31.2.json is not the spec's JSON")
}

const BLOCK_TAGS: &[&str] = &[
    "article",
    "header",
    "aside",
    "hgroup",
    "blockquote",
    "hr",
    "iframe",
    "body",
    "li",
    "map",
    "button",
    "object",
    "canvas",
    "ol",
    "caption",
    "output",
    "col",
    "p",
    "colgroup",
    "pre",
    "dd",
    "progress",
    "div",
    "section",
    "dl",
    "table",
    "td",
    "dt",
    "tbody",
    "embed",
    "textarea",
    "fieldset",
    "tfoot",
    "figcaption",
    "th",
    "figure",
    "thead",
    "footer",
    "tr",
    "form",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "video",
    "script",
    "style",
];

/// The spec's `normalize.py`: collapse white space outside `<pre>`, drop it next to
/// block tags, sort attributes, write character references one way.
fn normalize(html: &str) -> String {
    let mut out = String::new();
    let mut in_pre = false;
    let mut last: Option<(bool, String)> = None; // (was start tag, tag name)
    for tok in tokenize(html) {
        match tok {
            Token::Text(t) => {
                let mut data = decode_entities(&t)
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;");
                if !in_pre {
                    let mut collapsed = String::new();
                    let mut ws = false;
                    for c in data.chars() {
                        if c.is_whitespace() && c != '\u{a0}' {
                            if !ws {
                                collapsed.push(' ');
                            }
                            ws = true;
                        } else {
                            collapsed.push(c);
                            ws = false;
                        }
                    }
                    data = collapsed;
                }
                if let Some((was_start, name)) = &last {
                    if name == "br" {
                        data = data.trim_start_matches('\n').to_string();
                    }
                    if BLOCK_TAGS.contains(&name.as_str()) && !in_pre {
                        data = if *was_start {
                            data.trim_start().to_string()
                        } else {
                            data.trim().to_string()
                        };
                    }
                }
                out.push_str(&data);
                last = None;
            }
            Token::Start { name, mut attrs } => {
                if name == "pre" {
                    in_pre = true;
                }
                if BLOCK_TAGS.contains(&name.as_str()) {
                    out.truncate(out.trim_end().len());
                }
                attrs.sort();
                out.push('<');
                out.push_str(&name);
                for (k, v) in attrs {
                    out.push(' ');
                    out.push_str(&k);
                    if let Some(v) = v {
                        let v = decode_entities(&v)
                            .replace('&', "&amp;")
                            .replace('"', "&quot;");
                        out.push_str(&format!("=\"{v}\""));
                    }
                }
                out.push('>');
                let void = matches!(name.as_str(), "br" | "hr" | "img" | "input");
                last = Some((!void, name));
            }
            Token::End(name) => {
                if name == "pre" {
                    in_pre = false;
                } else if BLOCK_TAGS.contains(&name.as_str()) {
                    out.truncate(out.trim_end().len());
                }
                out.push_str(&format!("</{name}>"));
                last = Some((false, name));
            }
            Token::Other(s) => {
                out.push_str(&s);
                last = None;
            }
        }
    }
    out.trim().to_string()
}

/// Raw HTML: a tag of the expected output stands verbatim in the Markdown.
fn has_raw_html(ex: &Example) -> bool {
    let mut rest = ex.html.as_str();
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        if ex.markdown.contains(&rest[i..end]) {
            return true;
        }
        rest = &rest[end..];
    }
    false
}

/// Why the safety policy changes an example on purpose, if it does.
fn policy_difference(ex: &Example) -> Option<&'static str> {
    for tok in tokenize(&ex.html) {
        if let Token::Start { attrs, .. } = tok {
            for (k, v) in &attrs {
                let v = decode_entities(v.as_deref().unwrap_or(""));
                if (k == "href" || k == "src") && !recap::render::url::is_safe_url(&v) {
                    return Some(
                        "link target with a scheme other than http, https or mailto becomes `#`",
                    );
                }
                if k == "class"
                    && v.starts_with("language-")
                    && !v["language-".len()..]
                        .chars()
                        .all(|c| c.is_alphanumeric() || "_-+#.".contains(c))
                {
                    return Some("fence info string reduced to safe class characters");
                }
            }
        }
    }
    None
}

#[test]
fn commonmark_spec_examples_match_in_strict_mode() {
    let examples = spec();
    assert_eq!(examples.len(), 655);
    let opts = RenderOptions::commonmark();
    let (mut passed, mut raw, mut policy, mut failed) = (0, Vec::new(), Vec::new(), Vec::new());
    for ex in &examples {
        let ours = normalize(&render_html(&ex.markdown, &opts));
        let expected = normalize(&ex.html);
        if ours == expected {
            passed += 1;
        } else if let Some(reason) = policy_difference(ex) {
            policy.push((ex.example, reason));
        } else if has_raw_html(ex) {
            raw.push(ex.example);
        } else {
            failed.push(format!(
                "example {} ({}):\n  markdown: {:?}\n  expected: {expected}\n  ours:     {ours}",
                ex.example, ex.section, ex.markdown
            ));
        }
    }
    support::data::report(&format!(
        "CommonMark 0.31.2 strict: compared {} examples, {passed} identical, {} differ only by sanitized raw HTML, {} by policy",
        examples.len(),
        raw.len(),
        policy.len()
    ));
    println!("raw HTML, sanitized so it differs ({}): {raw:?}", raw.len());
    for (n, reason) in &policy {
        println!("example {n}: {reason}");
    }
    assert!(
        failed.is_empty(),
        "{} examples without raw HTML differ:\n{}",
        failed.len(),
        failed.join("\n")
    );
    assert!(passed >= 580, "only {passed} examples identical");
}

#[test]
fn the_normalizer_only_forgives_what_the_spec_forgives() {
    assert_eq!(
        normalize("<p>a  b</p>\n<ul>\n<li>x</li>\n</ul>"),
        normalize("<p>a b</p><ul><li>x</li></ul>")
    );
    assert_ne!(normalize("<p>a</p>"), normalize("<p>b</p>"));
    assert_ne!(
        normalize("<pre><code>a  b</code></pre>"),
        normalize("<pre><code>a b</code></pre>")
    );
    assert_ne!(
        normalize("<a href=\"x\">y</a>"),
        normalize("<a href=\"#\">y</a>")
    );
}
