//! Cards for the other shortcodes: YouTube and gists (links only, nothing loads by
//! itself), `highlight`, literal escaped shortcodes, and a chip for anything unknown.

use super::gate::OwnHtml;
use super::html::escape;
use super::shortcode::Shortcode;

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `{{< youtube ID >}}` / `{{< youtube id="ID" title="..." >}}`: a card with the video's
/// title and a link; no request goes to YouTube until the writer clicks.
pub fn youtube(sc: &Shortcode) -> OwnHtml {
    let Some(id) = sc.arg("id", 0).filter(|id| is_token(id)) else {
        return chip(sc);
    };
    let title = sc
        .named("title")
        .map_or_else(|| format!("YouTube video {id}"), str::to_string);
    OwnHtml::new(format!(
        "<div class=\"embed-card youtube-card\" data-youtube-id=\"{id}\"><span class=\"embed-kind\">YouTube</span> <span class=\"embed-title\">{}</span> <a class=\"embed-open\" href=\"https://www.youtube.com/watch?v={id}\">Watch on YouTube</a></div>",
        escape(&title)
    ))
}

/// `{{< gist USER ID [FILE] >}}`: a card linking to the gist.
pub fn gist(sc: &Shortcode) -> OwnHtml {
    let (Some(user), Some(id)) = (sc.arg("user", 0), sc.arg("id", 1)) else {
        return chip(sc);
    };
    if !is_token(user) || !is_token(id) {
        return chip(sc);
    }
    let file = sc
        .arg("file", 2)
        .map(|f| format!(" · {}", escape(f)))
        .unwrap_or_default();
    OwnHtml::new(format!(
        "<div class=\"embed-card gist-card\"><span class=\"embed-kind\">Gist</span> <a class=\"embed-open\" href=\"https://gist.github.com/{user}/{id}\">{user}/{id}{file}</a></div>"
    ))
}

/// `{{< highlight LANG >}}code{{< /highlight >}}`: a code block.
pub fn highlight(sc: &Shortcode, code: &str) -> OwnHtml {
    let lang: String = sc
        .arg("lang", 0)
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '#' | '.'))
        .collect();
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{lang}\"")
    };
    let code = code.strip_prefix('\n').unwrap_or(code);
    OwnHtml::new(format!("<pre><code{class}>{}</code></pre>", escape(code)))
}

/// Any shortcode the preview does not draw: a labelled chip with its name and arguments.
pub fn chip(sc: &Shortcode) -> OwnHtml {
    let mut args = String::new();
    for (key, value) in &sc.args {
        args.push(' ');
        if let Some(k) = key {
            args.push_str(&escape(k));
            args.push('=');
        }
        args.push_str(&escape(&format!("\"{value}\"")));
    }
    let slash = if sc.closing { "/" } else { "" };
    OwnHtml::new(format!(
        "<span class=\"shortcode-chip\" title=\"Hugo shortcode\"><span class=\"chip-name\">{slash}{}</span>{}</span>",
        escape(&sc.name),
        if args.is_empty() { String::new() } else { format!("<span class=\"chip-args\">{args}</span>") }
    ))
}
