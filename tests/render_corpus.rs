//! The preview renders every post: tweets become cards, figures figures. The fixture
//! posts of `tests/data/posts/` first, then the external corpus as an extra run.

mod support;

use recap::post::{lenient_body, Post};
use recap::render::{render_html, RenderOptions};

#[test]
fn every_post_renders_and_every_figure_is_a_figure() {
    let mut figures = 0;
    for (name, text) in support::data::all_posts("render") {
        let body = Post::parse(&text)
            .map(|p| p.body().to_string())
            .unwrap_or_else(|_| lenient_body(&text).to_string());
        let html = render_html(&body, &RenderOptions::default());
        // Figures outside code and not escaped (`{{</* figure */>}}` stays text).
        let expected = body.matches("{{< figure").count();
        assert_eq!(
            html.matches("<figure class=\"figure-card\">").count(),
            expected,
            "{name}"
        );
        // Only an escaped figure stays as text, as Hugo prints it.
        assert_eq!(
            html.matches("{{&lt; figure").count(),
            body.matches("{{</* figure").count(),
            "{name}"
        );
        assert!(!html.contains("<script"), "{name}");
        figures += expected;
    }
    assert!(figures >= 2, "only {figures} figures in the posts");
}

#[test]
fn the_sample_recaps_tweets_become_cards() {
    let text = support::data::sample_recap();
    let post = Post::parse(&text).unwrap();
    let html = render_html(post.body(), &RenderOptions::default());
    assert_eq!(html.matches("class=\"tweet-card\"").count(), 2, "{html}");
    // The pasted blockquote: author, handle, date and link come from the embed.
    let card_at = html
        .find("data-tweet-id=\"1846201234567890123\"")
        .expect("the pasted tweet's card");
    let card = &html[card_at..card_at + html[card_at..].find("</figure>").unwrap()];
    assert!(card.contains(">@sam_example</a>"), "{card}");
    assert!(
        card.contains("<span class=\"tweet-name\">Sam Example</span>"),
        "{card}"
    );
    assert!(
        card.contains("href=\"https://x.com/sam_example/status/1846201234567890123\""),
        "{card}"
    );
    assert!(card.contains("October 15, 2026"), "{card}");
    // Raw HTML keeps its straight quotes: the typographer only touches Markdown text.
    assert!(card.contains("<p>\"We don't upgrade clusters."), "{card}");
    // The x shortcode.
    assert!(
        html.contains("data-tweet-id=\"1846512345678901234\""),
        "{html}"
    );
    assert!(
        !html.contains("widgets.js") && !html.contains("<script"),
        "{html}"
    );
    // The figure, the table, the footnote, the summary divider.
    assert!(html.contains("<figure class=\"figure-card\">"), "{html}");
    assert!(
        html.contains("<td class=\"align-right\">40 minutes</td>"),
        "{html}"
    );
    assert!(html.contains("class=\"footnotes\""), "{html}");
    assert!(html.contains("class=\"summary-divider\""), "{html}");
}

#[test]
fn the_external_corpus_recap_has_its_two_tweets_when_present() {
    let Some((dir, posts)) = support::data::external_corpus() else {
        support::data::report("external corpus recap: no external corpus, nothing extra to check");
        return;
    };
    let Some((_, text)) = posts
        .iter()
        .find(|(n, _)| n == "devopscon18-munich-draft.md")
    else {
        support::data::report(&format!(
            "external corpus recap: {} has no devopscon18-munich-draft.md",
            dir.display()
        ));
        return;
    };
    let post = Post::parse(text).unwrap();
    let html = render_html(post.body(), &RenderOptions::default());
    assert_eq!(html.matches("class=\"tweet-card\"").count(), 2, "{html}");
    assert!(!html.contains("<script"), "{html}");
    support::data::report("external corpus recap: checked its 2 tweet cards");
}
