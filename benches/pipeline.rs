//! `make bench`, native half: `Post::parse` + `render_blocks` on the sample recap (and
//! the external corpus draft when there is one) and on 100 KB and 1 MB recaps generated
//! from the sample, for the whole text and after a one-character edit. Prints a table
//! and writes `target/bench/native.json`. It measures; it asserts nothing.

mod recap_gen;

use recap::post::{lenient_body, Post};
use recap::render::{render_blocks, RenderOptions};
use std::path::PathBuf;
use std::time::Instant;

fn sample_recap() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/posts/sample-recap.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("missing {}: {e}", path.display()))
}

/// The external corpus's recap draft, when there is one (an extra row).
fn corpus_draft() -> Option<String> {
    let dir = std::env::var_os("RECAP_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    std::fs::read_to_string(dir.join("devopscon18-munich-draft.md")).ok()
}

/// Median and 95th percentile of `runs` timings of `f`, in milliseconds.
fn measure(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    f(); // warm up
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}

fn pipeline(text: &str) -> usize {
    let post = Post::parse(text);
    let blocks = render_blocks(lenient_body(text), &RenderOptions::default());
    blocks.len() + usize::from(post.is_ok())
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let draft = sample_recap();
    if !bench {
        // Run by `cargo test --all-targets`: check the generator and the pipeline
        // once on each size, quickly, without writing figures.
        for size in [100 * 1024, 1024 * 1024] {
            let text = recap_gen::long_recap(&draft, size);
            assert!(text.len() >= size && Post::parse(&text).is_ok());
            assert!(pipeline(&text) > 100);
        }
        return;
    }
    let mut docs = vec![
        ("3 KB (sample recap)", draft.clone()),
        ("100 KB", recap_gen::long_recap(&draft, 100 * 1024)),
        ("1 MB", recap_gen::long_recap(&draft, 1024 * 1024)),
    ];
    if let Some(corpus) = corpus_draft() {
        docs.push(("6 KB (corpus draft)", corpus));
    }
    let mut rows = Vec::new();
    println!(
        "{:<22} {:>10} {:>8} {:>14} {:>14} {:>14}",
        "document", "bytes", "blocks", "full median", "full p95", "edit median"
    );
    for (name, text) in &docs {
        let runs = if text.len() > 500_000 { 15 } else { 60 };
        let blocks = render_blocks(lenient_body(text), &RenderOptions::default()).len();
        let (full_med, full_p95) = measure(runs, || {
            std::hint::black_box(pipeline(text));
        });
        // A one-character edit in the middle of a paragraph: the text the editor
        // hands over after a keystroke, rendered again.
        let at = text[text.len() / 2..]
            .find(". ")
            .map_or(text.len() / 2, |i| text.len() / 2 + i + 1);
        let edited = format!("{}x{}", &text[..at], &text[at..]);
        let (edit_med, edit_p95) = measure(runs, || {
            std::hint::black_box(pipeline(&edited));
        });
        println!(
            "{name:<22} {:>10} {blocks:>8} {full_med:>11.2} ms {full_p95:>11.2} ms {edit_med:>11.2} ms",
            text.len()
        );
        rows.push(format!(
            "{{\"document\":\"{name}\",\"bytes\":{},\"blocks\":{blocks},\"full_median_ms\":{full_med:.3},\"full_p95_ms\":{full_p95:.3},\"edit_median_ms\":{edit_med:.3},\"edit_p95_ms\":{edit_p95:.3},\"runs\":{runs}}}",
            text.len()
        ));
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let json = format!("{{\"native\":[{}]}}\n", rows.join(","));
    match std::fs::write(dir.join("native.json"), json) {
        Ok(()) => println!("wrote target/bench/native.json"),
        Err(e) => eprintln!("could not write target/bench/native.json: {e}"),
    }
    // The generated documents, for the browser half of the bench.
    for (name, text) in &docs[1..3] {
        let file = format!("recap-{}.md", name.replace(' ', "").to_lowercase());
        let _ = std::fs::write(dir.join(file), text);
    }
}
