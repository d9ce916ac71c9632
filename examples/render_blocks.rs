//! Renders a post file's body with the native sanitizer and prints its parts' HTML (blocks, then footnotes) as
//! a JSON array: `cargo run --example render_blocks -- FILE`. The browser test of the
//! sanitizer (e2e/tests/sanitizer.test.mjs) compares the app's preview, sanitized by
//! the browser, with it block by block.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: render_blocks FILE.md");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let body = recap::post::lenient_body(&text);
    // The parts exactly as the preview shows them: the blocks, then the footnotes.
    let blocks: Vec<String> =
        recap::render::RenderedBody::new(body, &recap::render::RenderOptions::default())
            .parts()
            .iter()
            .map(|p| p.to_string())
            .collect();
    match serde_json::to_string(&blocks) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
