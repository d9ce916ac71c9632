//! `make bench`, native half: on the sample recap (and the external corpus draft when
//! there is one) and on 100 KB and 1 MB recaps generated from the sample, a full
//! render (`Post::parse` + `render_blocks`), and a keystroke as the editor sends it:
//! the delta applied to the text and the touched blocks rendered again
//! (`EditorText::apply` + `RenderedBody::edit`), typed at places spread through the
//! prose, with how the renderer handled them. Prints a table and writes
//! `target/bench/native.json`. It measures; it asserts nothing.

mod recap_gen;

use recap::drafts::{EditorChange, EditorText, LinePos};
use recap::post::{body_start_line, lenient_body, Post};
use recap::render::{render_blocks, BodyChange, RenderOptions, RenderedBody};
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

/// `count` single-character keystrokes at places spread through the prose of `text`,
/// each applied as the editor sends it and rendered incrementally: median and p95 of
/// one keystroke, in ms, and how the renderer handled them.
fn keystrokes(text: &str, count: usize) -> (f64, f64, recap::render::RenderStats) {
    let opts = RenderOptions::default();
    let mut t = EditorText::new(text.to_string());
    let mut rendered = RenderedBody::new(lenient_body(t.as_str()), &opts);
    let body_line = body_start_line(text).unwrap_or(0);
    let places: Vec<LinePos> = (body_line..t.line_count())
        .filter_map(|l| {
            let line = &t.as_str()[t.line_content(l)];
            let first = line.chars().next()?;
            let space = line[line.len() / 2..].find(' ')? + line.len() / 2;
            first
                .is_ascii_alphabetic()
                .then(|| LinePos::new(l, line[..space].encode_utf16().count()))
        })
        .collect();
    let mut times = Vec::with_capacity(count);
    for k in 0..count {
        let at = places[k * places.len() / count];
        let started = Instant::now();
        let before = body_start_line(t.as_str());
        let edit = t
            .apply(&[EditorChange {
                from: at,
                to: at,
                insert: "x".into(),
            }])
            .expect("a change");
        let after = body_start_line(t.as_str());
        if let BodyChange::Edit(e) = BodyChange::of(edit.first, edit.old, edit.new, before, after) {
            std::hint::black_box(rendered.edit(lenient_body(t.as_str()), e));
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95), rendered.stats())
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
        "{:<22} {:>10} {:>8} {:>12} {:>12} {:>14} {:>14} {:>22}",
        "document",
        "bytes",
        "blocks",
        "full median",
        "full p95",
        "keystroke med",
        "keystroke p95",
        "windows/whole/blocks"
    );
    for (name, text) in &docs {
        let runs = if text.len() > 500_000 { 15 } else { 60 };
        let blocks = render_blocks(lenient_body(text), &RenderOptions::default()).len();
        let (full_med, full_p95) = measure(runs, || {
            std::hint::black_box(pipeline(text));
        });
        let (key_med, key_p95, stats) = keystrokes(text, 200);
        println!(
            "{name:<22} {:>10} {blocks:>8} {full_med:>9.2} ms {full_p95:>9.2} ms {key_med:>11.3} ms {key_p95:>11.3} ms {:>22}",
            text.len(),
            format!("{}/{}/{} w{} f{}", stats.windows, stats.full, stats.blocks_rendered, stats.widened, stats.followers)
        );
        rows.push(format!(
            "{{\"document\":\"{name}\",\"bytes\":{},\"blocks\":{blocks},\"full_median_ms\":{full_med:.3},\"full_p95_ms\":{full_p95:.3},\"keystroke_median_ms\":{key_med:.4},\"keystroke_p95_ms\":{key_p95:.4},\"keystrokes\":{},\"windows\":{},\"whole_renders\":{},\"blocks_rendered\":{},\"runs\":{runs}}}",
            text.len(),
            stats.edits,
            stats.windows,
            stats.full,
            stats.blocks_rendered
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
