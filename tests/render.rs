//! The preview renders Markdown as Hugo publishes it, with cards for shortcodes.

use recap::render::{render_blocks, render_html, RenderOptions};

fn hugo(md: &str) -> String {
    render_html(md, &RenderOptions::default())
}

#[test]
fn goldmark_extensions_are_on_by_default() {
    let html = hugo("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo\n\nTerm\n: Definition\n");
    assert!(
        html.contains("<table>") && html.contains("<td>2</td>"),
        "{html}"
    );
    assert!(html.contains("<del>gone</del>"), "{html}");
    assert!(
        html.contains("checked=\"\"") && html.contains("type=\"checkbox\""),
        "{html}"
    );
    assert!(
        html.contains("<dt>Term</dt>") && html.contains("<dd>Definition</dd>"),
        "{html}"
    );
}

#[test]
fn strict_commonmark_turns_every_extension_off() {
    let md =
        "~~gone~~ and \"quotes\" -- www.example.org\n\n## Title\n\n{{< x user=\"a\" id=\"1\" >}}\n";
    let html = render_html(md, &RenderOptions::commonmark());
    assert!(
        html.contains("~~gone~~ and \"quotes\" -- www.example.org"),
        "{html}"
    );
    assert!(html.contains("<h2>Title</h2>"), "{html}");
    assert!(
        html.contains("{{&lt; x user=\"a\" id=\"1\" &gt;}}"),
        "{html}"
    );
}

#[test]
fn typographer_matches_goldmark() {
    let html = hugo("It's 'the wrong way' -- or \"not\"... ask 'why'.\n");
    assert!(
        html.contains("It’s ’the wrong way’ – or “not”… ask ‘why’."),
        "{html}"
    );
    // Escaped and entity-written quotes stay as they are, as in goldmark.
    assert!(hugo("\\'x\\' and &quot;y&quot;\n").contains("'x' and \"y\""));
    // No curly quotes inside code.
    assert!(hugo("`'a'` and\n\n    'b'\n").contains("<code>'a'</code>"));
}

#[test]
fn headings_get_hugo_ids_and_repeats_are_numbered() {
    let html = hugo("## Day 1\n\n## Day 1\n\n### [Talk: one](https://example.org/x)\n\n## Custom {#mine .wide}\n");
    assert!(html.contains("<h2 id=\"day-1\">"), "{html}");
    assert!(html.contains("<h2 id=\"day-1-1\">"), "{html}");
    assert!(
        html.contains("<h3 id=\"talk-onehttpsexampleorgx\">"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"mine\">Custom</h2>"), "{html}");
}

#[test]
fn bare_urls_and_addresses_become_links_but_not_in_code_or_links() {
    let html = hugo("See https://example.org/a_b-c and www.example.org or me@example.com.\n\n`https://in.code` [text](https://x.org)\n");
    assert!(
        html.contains("<a href=\"https://example.org/a_b-c\">https://example.org/a_b-c</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://www.example.org\">www.example.org</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"mailto:me@example.com\">me@example.com</a>"),
        "{html}"
    );
    assert!(html.contains("<code>https://in.code</code>"), "{html}");
    assert_eq!(html.matches("<a ").count(), 4, "{html}");
}

#[test]
fn more_marker_is_a_visible_summary_divider() {
    let html = hugo("Summary.\n\n<!--more-->\n\nRest.\n");
    assert!(html.contains("class=\"summary-divider\""), "{html}");
    assert!(!html.contains("&lt;!--more"), "{html}");
}

#[test]
fn footnotes_are_numbered_and_listed_at_the_end_like_goldmark() {
    let html = hugo("A[^b] and B[^a].\n\n[^a]: Note A.\n[^b]: Note B.\n\nAfter.\n");
    assert!(
        html.contains("<sup id=\"fnref:1\"><a href=\"#fn:1\""),
        "{html}"
    );
    let list = &html[html.find("class=\"footnotes\"").expect("footnotes section")..];
    assert!(
        list.find("Note B").unwrap() < list.find("Note A").unwrap(),
        "{html}"
    );
    assert!(html.find("After.").unwrap() < html.find("class=\"footnotes\"").unwrap());
}

#[test]
fn tweets_from_every_shortcode_form_become_cards() {
    for (md, id, handle) in [
        (
            "{{< x user=\"TBeijen\" id=\"1069903784120381440\" >}}",
            "1069903784120381440",
            Some("TBeijen"),
        ),
        (
            "{{< tweet user=\"grampelberg\" id=\"1070005094089809921\" >}}",
            "1070005094089809921",
            Some("grampelberg"),
        ),
        ("{{< twitter user=\"a_b\" id=\"42\" >}}", "42", Some("a_b")),
        (
            "{{< tweet 1069903784120381440 >}}",
            "1069903784120381440",
            None,
        ),
        ("{{% tweet user=\"x\" id=\"7\" %}}", "7", Some("x")),
    ] {
        let html = hugo(&format!("Before\n\n{md}\n\nAfter\n"));
        assert!(
            html.contains(&format!(
                "<figure class=\"tweet-card\" data-tweet-id=\"{id}\">"
            )),
            "{md}: {html}"
        );
        assert!(
            !html.contains("<p><figure"),
            "a card is a block, not inside a paragraph: {html}"
        );
        if let Some(h) = handle {
            assert!(html.contains(&format!(">@{h}</a>")), "{md}: {html}");
            assert!(
                html.contains(&format!("href=\"https://x.com/{h}/status/{id}\"")),
                "{md}: {html}"
            );
        }
    }
}

#[test]
fn a_tweet_without_an_id_is_a_chip_not_a_broken_card() {
    let html = hugo("{{< x user=\"a\" >}}\n");
    assert!(
        html.contains("shortcode-chip") && !html.contains("tweet-card"),
        "{html}"
    );
}

#[test]
fn figures_show_the_image_or_a_placeholder_with_the_path() {
    let sc = "{{< figure src=\"/img/lego.jpg\" title=\"There's your cluster\" caption=\"Lego\" alt=\"bricks\" >}}";
    let html = hugo(sc);
    assert!(html.contains("class=\"figure-placeholder\""), "{html}");
    assert!(
        html.contains("/img/lego.jpg")
            && html.contains("<h4>There&#39;s your cluster</h4>")
            && html.contains("<p>Lego</p>"),
        "{html}"
    );
    assert!(!html.contains("<img"), "{html}");
    let opts = RenderOptions {
        base_url: Some("https://blog.example.org/".into()),
        ..RenderOptions::default()
    };
    let html = render_html(sc, &opts);
    assert!(
        html.contains("<img src=\"https://blog.example.org/img/lego.jpg\" alt=\"bricks\">"),
        "{html}"
    );
    let html = hugo("{{< figure src=\"https://cdn.example.org/a.png\" link=\"https://example.org\" width=\"300\" >}}");
    assert!(html.contains("<a href=\"https://example.org\"><img src=\"https://cdn.example.org/a.png\" alt=\"\" width=\"300\"></a>"), "{html}");
}

#[test]
fn youtube_gist_toc_ref_and_unknown_shortcodes() {
    let html = hugo("{{< youtube dQw4w9WgXcQ >}}\n");
    assert!(
        html.contains("data-youtube-id=\"dQw4w9WgXcQ\"") && !html.contains("<iframe"),
        "{html}"
    );
    let html = hugo("{{< gist spf13 7896402 >}}\n");
    assert!(
        html.contains("href=\"https://gist.github.com/spf13/7896402\""),
        "{html}"
    );
    let html = hugo("{{< toc >}}\n\n## Day 1\n\n### Talk\n\n## Day 2\n");
    assert!(html.contains("<nav id=\"TableOfContents\" class=\"toc\"><ul><li><a href=\"#day-1\">Day 1</a><ul><li><a href=\"#talk\">Talk</a></li></ul></li><li><a href=\"#day-2\">Day 2</a></li></ul></nav>"), "{html}");
    let html = hugo("See [the post]({{< ref \"other.md\" >}}).\n");
    assert!(html.contains("<a href=\"#\">the post</a>"), "{html}");
    let html = hugo("{{< notice warning \"Heads up\" >}}\n");
    assert!(
        html.contains("<span class=\"chip-name\">notice</span>")
            && html.contains("&quot;warning&quot;"),
        "{html}"
    );
    let html = hugo("{{< details summary=\"More\" >}}\nHidden *text*\n{{< /details >}}\n");
    assert!(
        html.contains("<em>text</em>") && html.contains(">/details</span>"),
        "{html}"
    );
    let html = hugo("{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n");
    assert!(
        html.contains("<pre><code class=\"language-go\">func main() {}\n</code></pre>"),
        "{html}"
    );
}

#[test]
fn shortcodes_in_code_stay_as_written_and_escaped_ones_show_literally() {
    let html = hugo("`{{< x id=\"1\" >}}`\n\n```\n{{< figure src=\"a\" >}}\n```\n\n{{</* figure src=\"a\" */>}}\n");
    assert!(
        html.contains("<code>{{&lt; x id=\"1\" &gt;}}</code>"),
        "{html}"
    );
    assert!(
        html.contains("<pre><code>{{&lt; figure src=\"a\" &gt;}}\n</code></pre>"),
        "{html}"
    );
    assert!(
        html.contains("<p>{{&lt; figure src=\"a\" &gt;}}</p>"),
        "{html}"
    );
    assert!(!html.contains("figure-card"), "{html}");
}

#[test]
fn blocks_have_stable_keys_and_line_ranges() {
    let body = "# Title\n\nFirst paragraph\nstill first.\n\n* a\n* b\n\nSame\n\nSame\n";
    let blocks = render_blocks(body, &RenderOptions::default());
    let lines: Vec<_> = blocks.iter().map(|b| b.lines.clone()).collect();
    assert_eq!(lines, vec![1..2, 3..5, 6..8, 9..10, 11..12]);
    assert_eq!(
        blocks.iter().map(|b| b.html.as_str()).collect::<String>(),
        render_html(body, &RenderOptions::default())
    );
    // Identical blocks still get distinct keys.
    assert_ne!(blocks[3].key, blocks[4].key);
    // Editing one block changes only its key.
    let edited = render_blocks(
        &body.replace("First paragraph", "First paragraph, edited"),
        &RenderOptions::default(),
    );
    let changed: Vec<bool> = blocks
        .iter()
        .zip(&edited)
        .map(|(a, b)| a.key != b.key)
        .collect();
    assert_eq!(changed, vec![false, true, false, false, false]);
    // Same text, same keys.
    assert_eq!(render_blocks(body, &RenderOptions::default()), blocks);
}

#[test]
fn a_block_after_a_multi_line_shortcode_keeps_its_line_numbers() {
    let body = "{{< figure\n  src=\"/a.jpg\"\n  title=\"t\" >}}\n\n## After\n";
    let blocks = render_blocks(body, &RenderOptions::default());
    assert_eq!(blocks.last().unwrap().lines, 5..6);
}

#[test]
fn a_tweet_card_keeps_its_key_when_a_paragraph_above_changes() {
    let body = "Intro.\n\n{{< x user=\"a\" id=\"1\" >}}\n\nOutro.\n";
    let before = render_blocks(body, &RenderOptions::default());
    let after = render_blocks(
        &body.replace("Intro.", "Intro, longer."),
        &RenderOptions::default(),
    );
    assert_eq!(before[1].key, after[1].key);
    assert_ne!(before[0].key, after[0].key);
}

#[test]
fn a_block_keeps_its_key_when_a_block_is_added_above_it() {
    let opts = RenderOptions::default();
    let before = render_blocks("First paragraph.\n\n## Day 1\n", &opts);
    let after = render_blocks("Intro.\n\nFirst paragraph.\n\n## Day 1\n", &opts);
    assert_eq!(before.len(), 2);
    assert_eq!(after.len(), 3);
    assert_eq!(
        after[1].key, before[0].key,
        "the old first block is unchanged"
    );
    assert_eq!(after[2].key, before[1].key);
    assert_eq!(after[1].lines, 3..4);
}
