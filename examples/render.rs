//! Renders a post file's body to HTML on stdout: `cargo run --example render -- FILE`.
//! Used to compare the preview with Hugo (`../shared/tools/hugo-parity`).

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: render FILE.md");
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
    print!(
        "{}",
        recap::render::render_html(body, &recap::render::RenderOptions::default())
    );
}
