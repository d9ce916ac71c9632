//! A property of the sanitizer gate: whatever dangerous piece sits in whatever
//! container, nested however deep, the rendered HTML passes an independent checker.
//!
//! Markdown is generated from a grammar of hostile pieces (raw tags with event
//! handlers, `javascript:`/`data:` URLs, entity-encoded schemes, broken tags, `<svg>`
//! and `<math>`, shortcode arguments with quotes, heading attributes, link titles)
//! placed inside every container pulldown-cmark knows (paragraph, heading, blockquote,
//! lists, task lists, tables, footnotes, definition lists, emphasis, strong,
//! strikethrough, links, images, code), nested. The checker is a small allowlist walker
//! written here, independent of the sanitizer: it knows which tags and attributes are
//! harmless and which URL schemes are allowed, nothing more.
//!
//! Seeded and reproducible: `RECAP_SEED=<n>` repeats a run, `RECAP_CASES=<n>` sets how
//! many documents (default 3000). A failure prints the seed, the case and the Markdown.

mod support;

use recap::render::{render_html, RenderOptions};
use support::html::{decode_entities, tokenize, Token};

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Raw HTML that would run script, load something, or style the page if let through.
const RAW: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\">",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<div onclick=\"alert(1)\">click</div>",
    "<a href=\"javascript:alert(1)\">js</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
    "<a href=\"&#106;&#97;vascript:alert(1)\">entities</a>",
    "<a href=\" javascript:alert(1)\">space</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
    "<a href=\"vbscript:msgbox(1)\">vb</a>",
    "<script>alert(1)</script>",
    "<script src=https://evil.example/x.js></script>",
    "<style>body{display:none}</style>",
    "<p style=\"background:url(javascript:alert(1))\">styled</p>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<body onload=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<template><img src=x onerror=alert(1)></template>",
    "<img src=x onerror=alert(1)//",
    "<img src=x\nonerror=alert(1)>",
    "<<img src=x onerror=alert(1)>>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<base href=\"javascript:/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<a href=\"https://ok.example\" onmouseover=\"alert(1)\">ok</a>",
    "<span class=\"tweet-card\" onclick=\"alert(1)\">lookalike</span>",
    "<blockquote class=\"twitter-tweet\"><p>t <img src=x onerror=alert(1)></p>&mdash; A (@a) <a href=\"javascript:alert(1)\">May 1</a></blockquote>",
];

/// Markdown-level vectors: link targets, titles, autolinks, references, attributes.
const MARKDOWN: &[&str] = &[
    "[js](javascript:alert(1))",
    "[js](JaVaScRiPt:alert(1))",
    "[js](<javascript:alert(1)>)",
    "[js](&#106;avascript:alert(1))",
    "[js](java&#x09;script:alert(1))",
    "[js](javascript&colon;alert(1))",
    "[data](data:text/html,<script>alert(1)</script>)",
    "![img](javascript:alert(1))",
    "![img](data:image/svg+xml,<svg onload=alert(1)>)",
    "![<img src=x onerror=alert(1)>](https://ok.example/a.png)",
    "[t](https://ok.example \"\\\"><img src=x onerror=alert(1)>\")",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "[ref][evil]",
    "https://ok.example/\"onmouseover=\"alert(1)",
    "www.ok.example/<script>alert(1)</script>",
    "`<img src=x onerror=alert(1)>`",
    "&lt;img src=x onerror=alert(1)&gt;",
];

/// Shortcodes with hostile arguments.
const SHORTCODES: &[&str] = &[
    "{{< figure src=\"javascript:alert(1)\" link=\"javascript:alert(1)\" title=\"<script>alert(1)</script>\" >}}",
    "{{< figure src=\"https://ok.example/a.jpg\" alt=\"&quot; onerror=&quot;alert(1)\" caption=\"<img src=x onerror=alert(1)>\" >}}",
    "{{< x user=\"&quot;><script>alert(1)</script>\" id=\"1\" >}}",
    "{{< x user=\"a\" id=\"1&quot; onclick=&quot;alert(1)\" >}}",
    "{{< tweet \"1<script>\" >}}",
    "{{< youtube id=\"x&quot; onload=&quot;alert(1)\" title=\"<svg onload=alert(1)>\" >}}",
    "{{< gist \"a&quot;><script>\" \"1\" >}}",
    "{{< unknown a=\"<img src=x onerror=alert(1)>\" b='\"><iframe src=javascript:alert(1)>' >}}",
    "{{< ref \"<script>alert(1)</script>\" >}}",
    "[x]({{< ref \"javascript:alert(1)\" >}})",
    "{{< highlight \"js&quot;><script>\" >}}</code><script>alert(1)</script>{{< /highlight >}}",
    "{{</* figure src=\"<img src=x onerror=alert(1)>\" */>}}",
    "{{< toc >}}",
];

/// One hostile piece (single line unless `multiline`).
fn piece(rng: &mut Rng, multiline: bool) -> String {
    let p = match rng.below(3) {
        0 => rng.pick(RAW),
        1 => rng.pick(MARKDOWN),
        _ => rng.pick(SHORTCODES),
    };
    if multiline {
        p.to_string()
    } else {
        p.replace('\n', " ")
    }
}

/// Inline content: words and hostile pieces, maybe wrapped in inline containers.
fn inline(rng: &mut Rng, depth: usize) -> String {
    let mut parts = vec!["text".to_string()];
    for _ in 0..1 + rng.below(3) {
        parts.push(piece(rng, false));
    }
    let mut s = parts.join(" ");
    if depth > 0 {
        s = match rng.below(7) {
            0 => format!("*{s}*"),
            1 => format!("**{s}**"),
            2 => format!("~~{s}~~"),
            3 => format!("[{s}](https://ok.example/)"),
            4 => format!("![{s}](https://ok.example/a.png)"),
            5 => format!("_a_ {} _b_", inline(rng, depth - 1)),
            _ => s,
        };
    }
    s
}

/// A block of Markdown, nested up to `depth` containers deep. `notes` collects the
/// footnote definitions (they are written at the end of the document).
fn block(rng: &mut Rng, depth: usize, notes: &mut Vec<String>) -> String {
    let indent = |text: &str, by: &str| -> String {
        text.lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    l.to_string()
                } else {
                    format!("{by}{l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    if depth == 0 {
        return match rng.below(4) {
            0 => piece(rng, true),
            1 => format!("{}\n", inline(rng, 2)),
            2 => format!(
                "```{}\n{}\n```",
                rng.pick(&["js", "\"><img src=x onerror=alert(1)>", "", "c++ x"]),
                piece(rng, true)
            ),
            _ => inline(rng, 1),
        };
    }
    let inner = block(rng, depth - 1, notes);
    match rng.below(12) {
        0 => format!(
            "## {} {{#id{} onclick=alert(1) .tweet-card style=x}}",
            inline(rng, 1),
            rng.below(9)
        ),
        1 => inner
            .lines()
            .map(|l| format!("> {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        2 => format!("* {}\n* {}", indent(&inner, "  "), inline(rng, 1)),
        3 => format!("1. {}\n2. {}", indent(&inner, "   "), inline(rng, 1)),
        4 => format!("- [ ] {}\n- [x] {}", inline(rng, 1), indent(&inner, "  ")),
        5 => format!(
            "| a | b |\n|---|---|\n| {} | {} |",
            inline(rng, 1).replace('|', "\\|"),
            piece(rng, false).replace('|', "\\|")
        ),
        6 => {
            let n = notes.len() + 1;
            notes.push(format!("[^n{n}]: {}", indent(&inner, "    ")));
            format!("A claim[^n{n}] {}", inline(rng, 1))
        }
        7 => format!("Term {}\n: {}", inline(rng, 0), indent(&inner, "  ")),
        8 => format!("* outer\n  * {}", indent(&inner, "    ")),
        9 => format!("<div>\n\n{inner}\n\n</div>"),
        10 => format!("{}\n{}", inline(rng, 1), inner),
        _ => inner,
    }
}

fn document(rng: &mut Rng) -> String {
    let mut notes = Vec::new();
    let mut blocks = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let depth = rng.below(4);
        blocks.push(block(rng, depth, &mut notes));
    }
    blocks.extend(notes);
    blocks.push("[evil]: javascript:alert(1) \"<img src=x onerror=alert(1)>\"".into());
    blocks.join("\n\n") + "\n"
}

/// Tags that cannot run script or load anything dangerous on their own.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
    "area",
    "article",
    "aside",
    "section",
    "address",
    "acronym",
    "big",
    "font",
    "hgroup",
];

/// Attributes that carry no script and no style of their own.
const ATTRS: &[&str] = &[
    "href",
    "src",
    "alt",
    "title",
    "class",
    "id",
    "width",
    "height",
    "align",
    "colspan",
    "rowspan",
    "start",
    "rel",
    "lang",
    "dir",
    "datetime",
    "cite",
    "role",
    "aria-label",
    "data-tweet-id",
    "data-youtube-id",
    "loading",
    "hreflang",
    "span",
    "valign",
    "open",
    "abbr",
    "headers",
    "scope",
    "color",
    "face",
    "size",
    "char",
    "charoff",
    "summary",
    "axis",
    "nowrap",
    "value",
    "reversed",
    "type",
    "checked",
    "disabled",
    "coords",
    "shape",
];

const URL_ATTRS: &[&str] = &["href", "src", "cite"];

/// The independent checker: `Err` names what is wrong.
fn check(html: &str) -> Result<(), String> {
    for tok in tokenize(html) {
        match tok {
            Token::Start { name, attrs } => {
                if !TAGS.contains(&name.as_str()) {
                    return Err(format!("tag <{name}> is not on the allowlist"));
                }
                for (key, value) in attrs {
                    let value = decode_entities(value.as_deref().unwrap_or(""));
                    if !ATTRS.contains(&key.as_str()) {
                        return Err(format!("attribute {key} on <{name}>"));
                    }
                    if name == "input" && key == "type" && value != "checkbox" {
                        return Err(format!("<input type={value}>"));
                    }
                    if URL_ATTRS.contains(&key.as_str()) {
                        let folded: String = value
                            .chars()
                            .filter(|c| !c.is_whitespace() && !c.is_control())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        if let Some(colon) = folded.find(':') {
                            let scheme = &folded[..colon];
                            let before_path = !scheme.contains(['/', '?', '#']);
                            if before_path && !matches!(scheme, "http" | "https" | "mailto") {
                                return Err(format!("{key}={value:?} on <{name}>"));
                            }
                        }
                    }
                }
            }
            Token::Other(s) => return Err(format!("markup {s:?} left in the output")),
            Token::End(_) | Token::Text(_) => {}
        }
    }
    Ok(())
}

#[test]
fn the_checker_catches_what_it_must() {
    for bad in [
        "<p onclick=\"x\">a</p>",
        "<script>a</script>",
        "<a href=\"javascript:x\">a</a>",
        "<a href=\"JAVA&#x09;SCRIPT:x\">a</a>",
        "<img src=\"data:image/png,x\">",
        "<svg></svg>",
        "<p style=\"color:red\">a</p>",
        "<td style=\"text-align: right\">1</td>",
        "<!-- c -->",
        "<input type=\"text\">",
    ] {
        assert!(check(bad).is_err(), "{bad}");
    }
    for good in [
        "<p><a href=\"https://x.example/a:b\" rel=\"noopener noreferrer\">a</a></p>",
        "<img src=\"/img/a.jpg\" alt=\"x\">",
        "<a href=\"#fn:1\">1</a>",
        "<td class=\"align-right\">1</td>",
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>",
    ] {
        assert!(check(good).is_ok(), "{good}: {:?}", check(good));
    }
}

#[test]
fn generated_hostile_documents_render_to_allowlisted_html() {
    let seed: u64 = std::env::var("RECAP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2026);
    let cases: usize = std::env::var("RECAP_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let mut rng = Rng(seed);
    let mut raw_html_cases = 0;
    for case in 0..cases {
        let md = document(&mut rng);
        if md.contains('<') {
            raw_html_cases += 1;
        }
        for (mode, opts) in [
            ("hugo", RenderOptions::default()),
            ("strict", RenderOptions::commonmark()),
        ] {
            let html = render_html(&md, &opts);
            if let Err(why) = check(&html) {
                panic!(
                    "seed {seed}, case {case} ({mode}): {why}\n--- markdown ---\n{md}\n--- html ---\n{html}"
                );
            }
        }
    }
    assert!(
        raw_html_cases > cases / 2,
        "the generator makes too little raw HTML"
    );
    support::data::report(&format!(
        "sanitizer property: {cases} generated documents (seed {seed}), Hugo and strict, all pass the allowlist checker"
    ));
}
