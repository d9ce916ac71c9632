//! Every post of a real blog round-trips byte for byte, and editing its tags or title
//! changes only that key's lines. The folder is `RECAP_CORPUS`, else `../shared/corpus`.

use recap::post::Post;
use std::path::PathBuf;

fn corpus() -> Vec<(String, String)> {
    let dir = std::env::var_os("RECAP_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "no corpus at {}: set RECAP_CORPUS to run the corpus tests",
            dir.display()
        );
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

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
    for (name, text) in corpus() {
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
        if inside && line.starts_with([' ', '-']) && !line.trim().is_empty() {
            continue;
        }
        inside = false;
        out.push_str(line);
    }
    out
}

#[test]
fn editing_tags_on_every_corpus_post_changes_only_the_tags_block() {
    for (name, text) in corpus() {
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
}

#[test]
fn editing_the_title_on_every_corpus_post_changes_one_line() {
    for (name, text) in corpus() {
        let mut post = Post::parse(&text).unwrap();
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
}

#[test]
fn removing_and_restoring_tags_is_lossless_in_meaning() {
    for (name, text) in corpus() {
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
