//! Every post round-trips byte for byte, and editing its tags or title changes only
//! that key's lines: the fixture posts of `tests/data/posts/`, then the external corpus
//! (`RECAP_CORPUS`, else `../shared/corpus` when present) as an extra run.

mod support;

use recap::post::Post;

/// The lines that differ between two texts, after dropping the common first and last lines.
fn changed_lines<'a>(old: &'a str, new: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        a[prefix..a.len() - suffix].to_vec(),
        b[prefix..b.len() - suffix].to_vec(),
    )
}

#[test]
fn every_corpus_post_round_trips_byte_for_byte() {
    for (name, text) in support::data::all_posts("round trip") {
        let post = Post::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(post.to_string(), text, "{name}");
        assert!(text.ends_with(post.body()), "{name}");
    }
}

/// The text without the lines of the top-level `key` (its line and the indented or
/// `- ` lines under it), found independently of the code under test.
fn without_key(text: &str, key: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with(&format!("{key}:")) {
            inside = true;
            continue;
        }
        if inside && (line.starts_with(' ') || line.starts_with("- ")) && !line.trim().is_empty() {
            continue;
        }
        inside = false;
        out.push_str(line);
    }
    out
}

#[test]
fn editing_tags_on_every_corpus_post_changes_only_the_tags_block() {
    let mut yaml = 0;
    for (name, text) in support::data::all_posts("tag edits") {
        // The line-based check below reads YAML block style.
        if !text.starts_with("---") {
            continue;
        }
        yaml += 1;
        let mut post = Post::parse(&text).unwrap();
        let before = post.clone();
        let mut tags = before.fields().tags.clone();
        tags.push("Recap edited".into());
        post.set_tags(tags.clone()).unwrap();
        let printed = post.to_string();
        assert_eq!(
            without_key(&printed, "tags"),
            without_key(&text, "tags"),
            "{name}"
        );
        assert_ne!(printed, text, "{name}");
        assert_eq!(post.fields().tags, tags, "{name}");
        assert_eq!(post.body(), before.body(), "{name}");
        for (key, value) in before.values() {
            if key != "tags" {
                assert_eq!(post.get(key), Some(value), "{name}: {key}");
            }
        }
    }
    assert!(yaml >= 6, "only {yaml} YAML posts checked");
}

#[test]
fn editing_the_title_on_every_corpus_post_changes_one_line() {
    let mut titled = 0;
    for (name, text) in support::data::all_posts("title edits") {
        let mut post = Post::parse(&text).unwrap();
        // A post without a title gets a new line; one with a title changes it in place.
        if post.fields().title.is_none() || !text.starts_with("---") {
            continue;
        }
        titled += 1;
        post.set_title("A title: with 'quotes' and \"more\"")
            .unwrap();
        let printed = post.to_string();
        let (old, new) = changed_lines(&text, &printed);
        assert_eq!(old.len(), 1, "{name}: {old:?}");
        assert!(old[0].starts_with("title:"), "{name}");
        assert_eq!(new.len(), 1, "{name}: {new:?}");
        assert_eq!(
            post.fields().title.as_deref(),
            Some("A title: with 'quotes' and \"more\""),
            "{name}"
        );
    }
    assert!(titled >= 6, "only {titled} titled YAML posts checked");
}

#[test]
fn removing_and_restoring_tags_is_lossless_in_meaning() {
    for (name, text) in support::data::all_posts("tag removal") {
        // Block-style YAML lists: one line per tag plus the key's line.
        if !text.starts_with("---") || !(text.contains("\ntags:\n") || text.contains("\ntags:\r\n"))
        {
            continue;
        }
        let mut post = Post::parse(&text).unwrap();
        let tags = post.fields().tags.clone();
        if tags.is_empty() {
            continue;
        }
        assert!(post.remove("tags").unwrap(), "{name}");
        assert!(post.fields().tags.is_empty(), "{name}");
        assert_eq!(
            post.to_string().lines().count() + tags.len() + 1,
            text.lines().count(),
            "{name}"
        );
        post.set_tags(tags.clone()).unwrap();
        assert_eq!(post.fields().tags, tags, "{name}");
    }
}
