//! Hostile input: nothing in the preview can run script or load from a dangerous URL.
//!
//! Every payload of DOMPurify's test fixtures goes into a Markdown body four ways (as a
//! block, inline, inside a link, inside a pasted tweet), and Markdown-specific vectors
//! are added: link destinations, shortcode arguments, fence info strings, heading IDs,
//! front-matter values. The output is tokenized and checked tag by tag.

mod support;

use recap::render::{header_html, render_html, RenderOptions};
use support::html::{decode_entities, tokenize, Token};

const FORBIDDEN: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "frame",
    "frameset", "svg", "math", "template", "noscript", "applet", "xml", "import",
];
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "background",
    "poster",
    "data",
    "lowsrc",
    "dynsrc",
    "cite",
];

/// Panics with the offending tag if `html` could run script.
fn assert_safe(html: &str, what: &str) {
    for tok in tokenize(html) {
        let Token::Start { name, attrs } = tok else {
            continue;
        };
        assert!(
            !FORBIDDEN.contains(&name.as_str()),
            "{what}: forbidden <{name}> in\n{html}"
        );
        for (key, value) in attrs {
            assert!(
                !key.starts_with("on"),
                "{what}: event handler {key} on <{name}> in\n{html}"
            );
            assert!(
                key != "style",
                "{what}: style attribute on <{name}> in\n{html}"
            );
            if URL_ATTRS.contains(&key.as_str()) {
                let url: String = decode_entities(value.as_deref().unwrap_or(""))
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for bad in ["javascript:", "vbscript:", "data:text/html", "data:"] {
                    assert!(
                        !url.starts_with(bad),
                        "{what}: {key}={url} on <{name}> in\n{html}"
                    );
                }
                let scheme = url.split([':', '/', '?', '#']).next().unwrap_or("");
                let has_scheme = url.len() > scheme.len() && url.as_bytes()[scheme.len()] == b':';
                assert!(
                    !has_scheme || ["http", "https", "mailto"].contains(&scheme),
                    "{what}: scheme {scheme} in {key} in\n{html}"
                );
            }
        }
    }
}

#[derive(serde::Deserialize)]
struct Payload {
    id: usize,
    payload: String,
}

/// DOMPurify's payloads from `tests/data/xss/` (the tests fail when it is missing).
fn payloads() -> Vec<Payload> {
    let text = support::data::read("xss/dompurify-payloads.json");
    let list: Vec<Payload> = serde_json::from_str(&text)
        .expect("tests/data/xss/dompurify-payloads.json is not the payload JSON");
    assert!(list.len() >= 200, "only {} payloads", list.len());
    list
}

#[test]
fn dompurify_payloads_are_inert_in_every_context() {
    let payloads = payloads();
    let opts = RenderOptions::default();
    for p in &payloads {
        let contexts = [
            ("block", format!("Intro\n\n{}\n\nAfter\n", p.payload)),
            ("inline", format!("Some *text* {} and more\n", p.payload.replace('\n', " "))),
            ("link", format!("[{0}]({0}) and [x](<{0}>) and ![{0}]({0})\n", p.payload.replace('\n', " "))),
            (
                "tweet",
                format!(
                    "<blockquote class=\"twitter-tweet\"><p lang=\"en\">{} </p>&mdash; A (@a) <a href=\"https://twitter.com/a/status/1\">May 1</a></blockquote>\n<script async src=\"https://platform.twitter.com/widgets.js\"></script>\n",
                    p.payload.replace('\n', " ")
                ),
            ),
        ];
        for (context, body) in contexts {
            assert_safe(
                &render_html(&body, &opts),
                &format!("payload {} as {context}", p.id),
            );
            assert_safe(
                &render_html(&body, &RenderOptions::commonmark()),
                &format!("payload {} as {context}, strict", p.id),
            );
        }
    }
    support::data::report(&format!(
        "xss: {} DOMPurify payloads, each in 4 contexts, Hugo and strict: nothing unsafe",
        payloads.len()
    ));
}

#[test]
fn markdown_link_destinations_cannot_be_script() {
    let vectors = [
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a](&#106;avascript:alert(1))",
        "[a](&#x6A;&#x61;vascript:alert(1))",
        "[a](java&#x09;script:alert(1))",
        "[a](java&#10;script:alert(1))",
        "[a](<javascript:alert(1)>)",
        "[a]( javascript:alert(1))",
        "[a](vbscript:msgbox(1))",
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![a](javascript:alert(1))",
        "![a](data:image/svg+xml,<svg onload=alert(1)>)",
        "<javascript:alert(1)>",
        "[a][r]\n\n[r]: javascript:alert(1)",
        "[a](javascript&colon;alert(1))",
        "[a](\"onmouseover=\"alert(1))",
        "https://example.org/\"onmouseover=\"alert(1)",
        "www.example.org/<script>alert(1)</script>",
    ];
    for v in vectors {
        let html = render_html(v, &RenderOptions::default());
        assert_safe(&html, v);
    }
}

#[test]
fn shortcode_arguments_are_escaped_wherever_they_land() {
    let vectors = [
        r#"{{< figure src="javascript:alert(1)" link="javascript:alert(1)" title="<script>alert(1)</script>" caption="<img src=x onerror=alert(1)>" >}}"#,
        r#"{{< figure src="https://ok.example/a.jpg" alt="&quot; onerror=&quot;alert(1)" width="1 onerror=alert(1)" >}}"#,
        r#"{{< x user="&quot;><script>alert(1)</script>" id="1" >}}"#,
        r#"{{< x user="a" id="1&quot; onclick=&quot;alert(1)" >}}"#,
        r#"{{< tweet "1<script>" >}}"#,
        r#"{{< youtube id="x&quot; onload=&quot;alert(1)" title="<svg onload=alert(1)>" >}}"#,
        r#"{{< gist "a&quot;><script>" "1" >}}"#,
        r#"{{< unknown a="<img src=x onerror=alert(1)>" b="&quot;><iframe src=javascript:alert(1)>" >}}"#,
        r#"{{< ref "<script>alert(1)</script>" >}}"#,
        r#"[x]({{< ref "javascript:alert(1)" >}})"#,
        r#"{{< highlight "js&quot;><script>" >}}</code><script>alert(1)</script>{{< /highlight >}}"#,
        r#"<div>{{< figure src="x" title="<script>alert(1)</script>" >}}</div>"#,
    ];
    for v in vectors {
        let html = render_html(v, &RenderOptions::default());
        assert_safe(&html, v);
        assert!(!html.contains("<script"), "{v}: {html}");
        assert!(!html.contains("<img src=\"x\""), "{v}: {html}");
    }
}

#[test]
fn fence_info_strings_only_become_safe_language_classes() {
    for info in [
        "\"><script>alert(1)</script>",
        "js\" onmouseover=\"alert(1)",
        "js' onclick='x",
        "<img src=x onerror=alert(1)>",
        "c++ --flags",
    ] {
        let html = render_html(
            &format!("```{info}\ncode\n```\n"),
            &RenderOptions::default(),
        );
        assert_safe(&html, info);
        for tok in tokenize(&html) {
            if let Token::Start { name, attrs } = tok {
                for (k, v) in attrs {
                    assert!(!(name == "code" && k != "class"), "{info}: {k} on code");
                    if k == "class" {
                        let v = v.unwrap_or_default();
                        assert!(
                            v.starts_with("language-")
                                && v.chars()
                                    .all(|c| c.is_alphanumeric() || "_-+#.".contains(c)),
                            "{info}: class {v}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn heading_ids_cannot_break_out_of_their_attribute() {
    for v in [
        "# \"><img src=x onerror=alert(1)>",
        "# a {#\"><img onerror=alert(1)>}",
        "# x {#a onclick=alert(1)}",
        "# x {.a style=color:red}",
    ] {
        let html = render_html(v, &RenderOptions::default());
        assert_safe(&html, v);
    }
    // The id itself survives.
    assert!(
        render_html("# x {#my-id}", &RenderOptions::default()).contains("<h1 id=\"my-id\">x</h1>")
    );
}

#[test]
fn front_matter_values_are_escaped_in_the_post_header() {
    let post = recap::post::Post::parse(
        "---\ntitle: '<script>alert(1)</script>'\ntags:\n  - '\"><img src=x onerror=alert(1)>'\n  - '<iframe src=javascript:alert(1)>'\ndate: 2024-01-01\n---\n",
    )
    .unwrap();
    let html = header_html(post.fields());
    assert_safe(&html, "header");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}

#[test]
fn remembered_sanitizing_gives_exactly_what_sanitizing_gives() {
    use recap::render::sanitize::{clean_fragment, clean_fragment_cached, text_only};
    let list = payloads();
    // Twice over: the second round comes from the memory.
    for _ in 0..2 {
        for p in &list {
            let remembered = clean_fragment_cached(&p.payload);
            assert_eq!(remembered, clean_fragment(&p.payload));
            assert_safe(&remembered, &p.payload);
            // Text only: never a tag, whatever the payload.
            let text = text_only(&p.payload);
            assert!(!text.contains('<') && !text.contains('>'), "{text}");
        }
    }
}

#[test]
fn raw_html_is_sanitized_in_every_container() {
    let img = "<img src=x onerror=alert(1)>";
    let cases = [
        (
            "footnote",
            format!("A note[^1].\n\n[^1]: {img} in the note\n"),
        ),
        (
            "footnote block",
            format!("A note[^1].\n\n[^1]: Text\n\n    {img}\n"),
        ),
        (
            "table cell",
            format!("| a | b |\n|---|---|\n| {img} | x |\n"),
        ),
        ("list item", format!("* one\n* {img}\n")),
        ("nested list", format!("* one\n  * {img}\n")),
        ("definition", format!("Term\n: {img}\n")),
        ("blockquote", format!("> {img}\n")),
        ("heading", format!("## Title {img}\n")),
        ("link text", format!("[x {img}](https://example.org)\n")),
        ("emphasis", format!("*{img}*\n")),
        ("task list", format!("- [ ] {img}\n")),
    ];
    for (container, body) in cases {
        let html = render_html(&body, &RenderOptions::default());
        assert_safe(&html, container);
        assert!(
            html.contains("<img src=\"x\">"),
            "{container}: the image stays, without its handler: {html}"
        );
    }
}
