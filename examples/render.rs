//! Renders a post file's body to HTML on stdout: `cargo run --example render -- FILE`.
//! Used to compare the preview with Hugo (`../shared/tools/hugo-parity`).
//!
//! With `--parts`, prints the parts exactly as the preview shows them (the blocks, then
//! the footnotes) as a JSON array of HTML strings, sanitized natively: the browser test
//! of the sanitizer (`e2e/tests/sanitizer.test.mjs`) compares the app's preview,
//! sanitized by the browser, with it part by part.

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let parts = args.first().is_some_and(|a| a == "--parts");
    if parts {
        args.remove(0);
    }
    let Some(path) = args.first() else {
        eprintln!("usage: render [--parts] FILE.md");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let body = recap::post::lenient_body(&text);
    let opts = recap::render::RenderOptions::default();
    if !parts {
        print!("{}", recap::render::render_html(body, &opts));
        return;
    }
    let parts: Vec<String> = recap::render::RenderedBody::new(body, &opts)
        .parts()
        .iter()
        .map(|p| p.to_string())
        .collect();
    match serde_json::to_string(&parts) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
