//! Hugo's `figure` shortcode.

use super::gate::OwnHtml;
use super::html::escape;
use super::shortcode::Shortcode;
use super::url::is_safe_url;

/// Renders `{{< figure src title caption alt link width >}}` like Hugo's own template:
/// an image (or a placeholder when the image cannot be shown) and a caption.
///
/// A site-relative `src` such as `/img/a.jpg` is resolved against `base_url` when there
/// is one; otherwise the preview shows a placeholder with the path, since the image
/// lives in the Hugo site, not in the draft.
pub fn render(sc: &Shortcode, base_url: Option<&str>) -> OwnHtml {
    let src = sc.named("src").unwrap_or("");
    let alt = sc
        .named("alt")
        .or(sc.named("caption"))
        .or(sc.named("title"))
        .unwrap_or("");
    let resolved = resolve(src, base_url);
    let width = sc
        .named("width")
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    let mut out = String::from("<figure class=\"figure-card\">");
    let link = sc.named("link").filter(|l| is_safe_url(l));
    if let Some(link) = link {
        out.push_str(&format!("<a href=\"{}\">", escape(link)));
    }
    match resolved {
        Some(url) => {
            out.push_str(&format!("<img src=\"{}\" alt=\"{}\"", escape(&url), escape(alt)));
            if let Some(w) = width {
                out.push_str(&format!(" width=\"{w}\""));
            }
            out.push('>');
        }
        None => out.push_str(&format!(
            "<span class=\"figure-placeholder\" role=\"img\" aria-label=\"{}\"><span class=\"figure-path\">{}</span></span>",
            escape(alt),
            if src.is_empty() { "figure without src".to_string() } else { escape(src) }
        )),
    }
    if link.is_some() {
        out.push_str("</a>");
    }
    let title = sc.named("title").filter(|t| !t.is_empty());
    let caption = sc.named("caption").filter(|c| !c.is_empty());
    if title.is_some() || caption.is_some() {
        out.push_str("<figcaption>");
        if let Some(t) = title {
            out.push_str(&format!("<h4>{}</h4>", escape(t)));
        }
        if let Some(c) = caption {
            out.push_str(&format!("<p>{}</p>", escape(c)));
        }
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
    OwnHtml::new(out)
}

/// The URL the preview can load the image from, if any.
fn resolve(src: &str, base_url: Option<&str>) -> Option<String> {
    if src.starts_with("https://") || src.starts_with("http://") {
        return is_safe_url(src).then(|| src.to_string());
    }
    let base = base_url?.trim_end_matches('/');
    if src.is_empty() || src.contains(':') {
        return None;
    }
    Some(format!("{base}/{}", src.trim_start_matches('/')))
}
