//! The allowlist sanitizer every piece of raw HTML from the document goes through
//! before it reaches the preview, with the policy of [`super::policy`].
//!
//! Natively, ammonia applies it here. The app's WebAssembly build carries no HTML
//! parser: there the gate marks a block with raw HTML, and the browser parses and walks
//! it with the same policy before it enters the preview (`ui::sanitizer`).

#[cfg(not(target_arch = "wasm32"))]
use ammonia::Builder;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::OnceLock;

#[cfg(not(target_arch = "wasm32"))]
fn builder() -> &'static Builder<'static> {
    use super::policy;
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = Builder::empty();
        b.tags(policy::TAGS.iter().copied().collect())
            .clean_content_tags(policy::CLEAN_CONTENT_TAGS.iter().copied().collect())
            .generic_attributes(policy::GENERIC_ATTRIBUTES.iter().copied().collect())
            .tag_attributes(
                policy::TAG_ATTRIBUTES
                    .iter()
                    .map(|(tag, names)| (*tag, names.iter().copied().collect()))
                    .collect(),
            )
            .url_schemes(policy::URL_SCHEMES.iter().copied().collect())
            .link_rel(Some(policy::LINK_REL))
            .strip_comments(true)
            // ammonia passes a URL it cannot parse (" javascript:...") as relative;
            // browsers strip that space and run it: the policy reads the scheme as they do.
            .attribute_filter(policy::filter_value);
        b
    })
}

/// Sanitizes an HTML fragment: scripts, styles, frames, forms, event handlers and
/// unsafe URLs are removed; the text stays. Native only: the app's build leaves it
/// to the browser (see the module doc).
///
/// ```
/// let out = recap::render::sanitize::clean_fragment(r#"<a href="jav&#x09;ascript:alert(1)" onclick="x()">hi</a><script>alert(2)</script>"#);
/// assert_eq!(out, r#"<a rel="noopener noreferrer">hi</a>"#);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn clean_fragment(html: &str) -> String {
    builder().clean(html).to_string()
}

/// [`clean_fragment`] with a memory of recent results: most raw HTML blocks (pasted
/// tweets) are the same as at the last keystroke, and parsing them again is the
/// costliest part of a render.
///
/// ```
/// let out = recap::render::sanitize::clean_fragment_cached("<b onclick=x()>hi</b>");
/// assert_eq!(out, "<b>hi</b>");
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn clean_fragment_cached(html: &str) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::hash::{DefaultHasher, Hash, Hasher};
    /// Enough for every raw block of a very long recap; past it, start afresh.
    const MAX_ENTRIES: usize = 8192;
    type Cache = HashMap<u64, (String, String)>;
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(HashMap::new());
    }
    let mut hasher = DefaultHasher::new();
    html.hash(&mut hasher);
    let key = hasher.finish();
    let hit = CACHE.with(|c| {
        c.borrow()
            .get(&key)
            .filter(|(input, _)| input == html)
            .map(|(_, out)| out.clone())
    });
    if let Some(out) = hit {
        return out;
    }
    let out = clean_fragment(html);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_ENTRIES {
            c.clear();
        }
        c.insert(key, (html.to_string(), out.clone()));
    });
    out
}

/// The text of an HTML fragment with every tag and comment removed (and the content of
/// [`super::policy::CLEAN_CONTENT_TAGS`]), as HTML text: it holds no `<` or `>`, and
/// character references stay as written for the browser to read.
///
/// ```
/// use recap::render::sanitize::text_only;
/// assert_eq!(text_only("&mdash; Ana <b>(@ana)</b><script>x()</script> 1 < 2"), "&mdash; Ana (@ana) 1 &lt; 2");
/// assert_eq!(text_only("<img src=x onerror='a>b'>AT&T<!-- <p> -->"), "AT&amp;T");
/// ```
pub fn text_only(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        let c = rest.chars().next().unwrap_or('\0');
        match c {
            '<' if rest.starts_with("<!--") => {
                i += rest[4..].find("-->").map_or(rest.len(), |end| end + 7);
            }
            '<' if bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?')) =>
            {
                let end = tag_end(rest);
                let name: String = rest[1..end]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                i += end;
                if super::policy::CLEAN_CONTENT_TAGS.contains(&name.as_str()) {
                    // Up to and past the matching end tag.
                    let lower = html[i..].to_ascii_lowercase();
                    i += lower
                        .find(&format!("</{name}"))
                        .map_or(html.len() - i, |at| at + tag_end(&html[i + at..]));
                }
            }
            '<' => {
                out.push_str("&lt;");
                i += 1;
            }
            '>' => {
                out.push_str("&gt;");
                i += 1;
            }
            '&' => {
                let reference = rest[1..].find(';').filter(|&n| {
                    n > 0
                        && rest[1..=n]
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'#')
                });
                match reference {
                    Some(n) => {
                        out.push_str(&rest[..n + 2]);
                        i += n + 2;
                    }
                    None => {
                        out.push_str("&amp;");
                        i += 1;
                    }
                }
            }
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// The length of the tag at the start of `s` (through its `>`, quoted values skipped),
/// or all of `s` when it never closes.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}
