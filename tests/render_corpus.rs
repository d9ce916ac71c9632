//! The preview renders every post of the corpus: tweets become cards, figures figures.

use recap::post::Post;
use recap::render::{render_html, RenderOptions};
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    std::env::var_os("RECAP_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

#[test]
fn every_corpus_post_renders_and_every_figure_is_a_figure() {
    let Ok(entries) = std::fs::read_dir(corpus_dir()) else {
        eprintln!("no corpus: set RECAP_CORPUS");
        return;
    };
    let mut figures = 0;
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let post = Post::parse(&text).unwrap();
        let html = render_html(post.body(), &RenderOptions::default());
        let expected = post.body().matches("{{< figure").count();
        assert_eq!(
            html.matches("<figure class=\"figure-card\">").count(),
            expected,
            "{:?}",
            entry.path()
        );
        assert!(!html.contains("{{&lt; figure"), "{:?}", entry.path());
        figures += expected;
    }
    assert!(figures > 10, "only {figures} figures in the corpus");
}

#[test]
fn both_tweets_of_the_draft_become_cards() {
    let path = corpus_dir().join("devopscon18-munich-draft.md");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no corpus draft at {path:?}");
        return;
    };
    let post = Post::parse(&text).unwrap();
    let html = render_html(post.body(), &RenderOptions::default());
    assert_eq!(html.matches("class=\"tweet-card\"").count(), 2, "{html}");
    for (id, handle, name) in [
        ("1069903784120381440", "TBeijen", "Tibo Beijen"),
        ("1070005094089809921", "grampelberg", "Thomas"),
    ] {
        let card_at = html.find(&format!("data-tweet-id=\"{id}\"")).expect(id);
        let card = &html[card_at..card_at + html[card_at..].find("</figure>").unwrap()];
        assert!(card.contains(&format!(">@{handle}</a>")), "{card}");
        assert!(
            card.contains(&format!("<span class=\"tweet-name\">{name}</span>")),
            "{card}"
        );
        assert!(
            card.contains(&format!("href=\"https://x.com/{handle}/status/{id}\"")),
            "{card}"
        );
        assert!(card.contains("December 4, 2018"), "{card}");
    }
    assert!(
        !html.contains("widgets.js") && !html.contains("<script"),
        "{html}"
    );
}
