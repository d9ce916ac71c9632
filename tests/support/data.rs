//! Test data: the repository's own (`tests/data/`), and an optional external corpus on
//! top. Missing data is a failure that names the path, never a silent pass.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `tests/data/` in this repository.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Reads `tests/data/<rel>` as UTF-8; panics naming the file when it is not there.
pub fn read(rel: &str) -> String {
    let path = dir().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "missing test data {}: {e}. The repository carries it; restore it with `git checkout -- tests/data`.",
            path.display()
        )
    })
}

/// The `.md` files of a folder, sorted by name, as (name, text).
fn posts_in(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut posts = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "md") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            posts.push((name, std::fs::read_to_string(&path)?));
        }
    }
    posts.sort();
    Ok(posts)
}

/// The fixture posts of `tests/data/posts/` (at least a dozen; fewer means the
/// folder is damaged, and the test says so).
pub fn fixture_posts() -> Vec<(String, String)> {
    let dir = dir().join("posts");
    let posts =
        posts_in(&dir).unwrap_or_else(|e| panic!("missing test data {}: {e}", dir.display()));
    assert!(
        posts.len() >= 12,
        "only {} fixture posts in {}: the repository carries more",
        posts.len(),
        dir.display()
    );
    posts
}

/// The sample recap the app ships.
pub fn sample_recap() -> String {
    read("posts/sample-recap.md")
}

/// The external corpus: `RECAP_CORPUS` (which must exist when set), else
/// `../shared/corpus` when it is there. `None` when there is none.
pub fn external_corpus() -> Option<(PathBuf, Vec<(String, String)>)> {
    let (dir, required) = match std::env::var_os("RECAP_CORPUS") {
        Some(d) => (PathBuf::from(d), true),
        None => (
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
            false,
        ),
    };
    if !dir.is_dir() {
        assert!(!required, "RECAP_CORPUS={} is not a folder", dir.display());
        return None;
    }
    let posts =
        posts_in(&dir).unwrap_or_else(|e| panic!("reading the corpus {}: {e}", dir.display()));
    assert!(
        !posts.is_empty(),
        "no .md files in the corpus {}",
        dir.display()
    );
    Some((dir, posts))
}

/// The fixture posts, then the external corpus when there is one, each name prefixed
/// with where it comes from. Prints how many of each `test` checks.
pub fn all_posts(test: &str) -> Vec<(String, String)> {
    let mut posts: Vec<(String, String)> = fixture_posts()
        .into_iter()
        .map(|(n, t)| (format!("tests/data/posts/{n}"), t))
        .collect();
    let fixtures = posts.len();
    match external_corpus() {
        Some((dir, extra)) => {
            report(&format!(
                "{test}: {fixtures} fixture posts and {} posts of the external corpus {}",
                extra.len(),
                dir.display()
            ));
            posts.extend(
                extra
                    .into_iter()
                    .map(|(n, t)| (format!("{}/{n}", dir.display()), t)),
            );
        }
        None => report(&format!(
            "{test}: {fixtures} fixture posts (no external corpus: set RECAP_CORPUS for an extra run)"
        )),
    }
    posts
}

/// Prints a line of the test's report even while the harness captures output (it
/// captures `println!`/`eprintln!` only), so `make test` shows what was checked.
pub fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
