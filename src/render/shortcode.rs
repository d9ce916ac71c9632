//! Finding and reading Hugo shortcodes: `{{< name args >}}`, `{{% name args %}}`,
//! their closing tags `{{< /name >}}`, and the escaped form `{{</* name */>}}`.

use std::ops::Range;

/// One shortcode tag as written in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    /// The shortcode name (`figure`, `x`, `tweet`...), without the `/` of a closing tag.
    pub name: String,
    /// Arguments in order: `Some(key)` for `key="value"`, `None` for positional ones.
    pub args: Vec<(Option<String>, String)>,
    /// `{{% %}}` (Markdown inner content) rather than `{{< >}}`.
    pub markdown: bool,
    /// A closing tag such as `{{< /details >}}`.
    pub closing: bool,
    /// Ends in `/>}}`: a self-closing tag of a paired shortcode.
    pub self_closing: bool,
}

impl Shortcode {
    /// The named argument `key`, else the positional argument at `position`.
    ///
    /// ```
    /// use recap::render::shortcode::{parse_tag, Found};
    /// let Some((Found::Tag(sc), _)) = parse_tag(r#"{{< x user="TBeijen" id="1069903784120381440" >}}"#) else { panic!() };
    /// assert_eq!(sc.arg("id", 1), Some("1069903784120381440"));
    /// let Some((Found::Tag(sc), _)) = parse_tag("{{< tweet 1069903784120381440 >}}") else { panic!() };
    /// assert_eq!(sc.arg("id", 0), Some("1069903784120381440"));
    /// ```
    pub fn arg(&self, key: &str, position: usize) -> Option<&str> {
        let named = self
            .args
            .iter()
            .find(|(k, _)| k.as_deref() == Some(key))
            .map(|(_, v)| v.as_str());
        named.or_else(|| {
            self.args
                .iter()
                .filter(|(k, _)| k.is_none())
                .nth(position)
                .map(|(_, v)| v.as_str())
        })
    }

    /// A named argument only.
    pub fn named(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k.as_deref() == Some(key))
            .map(|(_, v)| v.as_str())
    }
}

/// What a shortcode tag in the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A shortcode to render.
    Tag(Shortcode),
    /// `{{</* ... */>}}`: shown literally, without the comment markers, as Hugo does.
    Literal(String),
}

/// Parses the shortcode tag at the start of `s`; returns it and its length in bytes.
pub fn parse_tag(s: &str) -> Option<(Found, usize)> {
    scan_tag(s).ok()
}

/// [`parse_tag`], and when `s` does not start with a tag, how far into `s` the attempt
/// read before giving up (a quoted argument left open reads to the end): what the
/// outcome depends on either way.
pub fn scan_tag(s: &str) -> Result<(Found, usize), usize> {
    let markdown = if s.starts_with("{{<") {
        false
    } else if s.starts_with("{{%") {
        true
    } else {
        return Err(2.min(s.len()));
    };
    let close = if markdown { "%}}" } else { ">}}" };
    let mut p = Cursor { s, pos: 3 };
    p.skip_ws();
    if p.rest().starts_with("/*") {
        let end_marker = if markdown { "*/%}}" } else { "*/>}}" };
        let end = p.rest().find(end_marker).ok_or(s.len())? + p.pos;
        let inner = &s[p.pos + 2..end];
        let text = format!("{}{inner}{close}", &s[..3]);
        return Ok((Found::Literal(text), end + end_marker.len()));
    }
    let closing = p.eat('/');
    p.skip_ws();
    let name = p.word().ok_or(p.pos + 1)?;
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
    {
        return Err(p.pos);
    }
    let mut args = Vec::new();
    loop {
        p.skip_ws();
        let rest = p.rest();
        if rest.starts_with(close) {
            let shortcode = Shortcode {
                name,
                args,
                markdown,
                closing,
                self_closing: false,
            };
            return Ok((Found::Tag(shortcode), p.pos + close.len()));
        }
        if rest.starts_with('/') && rest[1..].trim_start().starts_with(close) {
            let ws = rest[1..].len() - rest[1..].trim_start().len();
            let shortcode = Shortcode {
                name,
                args,
                markdown,
                closing,
                self_closing: true,
            };
            return Ok((Found::Tag(shortcode), p.pos + 1 + ws + close.len()));
        }
        if rest.is_empty() || rest.starts_with("{{") {
            return Err((p.pos + 2).min(s.len()));
        }
        // A value that does not end reads to the end of the text.
        let first = p.value().ok_or(s.len())?;
        if p.eat('=') {
            let value = p.value().ok_or(s.len())?;
            args.push((Some(first), value));
        } else {
            args.push((None, first));
        }
    }
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// A bare word: up to white space, `=`, or the end of the tag.
    fn word(&mut self) -> Option<String> {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '"' || c == '`')
            .unwrap_or(rest.len());
        let mut word = &rest[..end];
        for close in [">}}", "%}}", "/>}}", "/%}}"] {
            if let Some(i) = word.find(close) {
                word = &word[..i];
            }
        }
        if word.is_empty() {
            return None;
        }
        self.pos += word.len();
        Some(word.to_string())
    }

    /// A bare word, a `"quoted"` string with backslash escapes, or a `` `raw` `` string.
    fn value(&mut self) -> Option<String> {
        if self.eat('"') {
            let mut out = String::new();
            let mut chars = self.rest().char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        self.pos += i + 1;
                        return Some(out);
                    }
                    '\\' => {
                        let (_, next) = chars.next()?;
                        out.push(next);
                    }
                    c => out.push(c),
                }
            }
            None
        } else if self.eat('`') {
            let end = self.rest().find('`')?;
            let value = self.rest()[..end].to_string();
            self.pos += end + 1;
            Some(value)
        } else {
            self.word()
        }
    }
}

/// Every shortcode tag in `text` outside the `skip` ranges (code spans and blocks).
pub fn find_all(text: &str, skip: &[Range<usize>]) -> Vec<(Range<usize>, Found)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = text[pos..].find("{{") {
        let start = pos + i;
        if let Some(code) = skip.iter().find(|r| r.contains(&start)) {
            pos = code.end.max(start + 2);
            continue;
        }
        match parse_tag(&text[start..]) {
            Some((found, len)) => {
                out.push((start..start + len, found));
                pos = start + len;
            }
            None => pos = start + 2,
        }
    }
    out
}

/// Whether every `{{` of `text` reads to its end on its own line: each is a whole
/// tag on one line (and not a `highlight`, whose code runs over lines, nor holding a
/// `|`, which would split a table cell the placeholder does not), or plainly no tag
/// within its line. Then putting placeholders in cannot change the text's blocks, and
/// the blocks can be rendered one by one.
///
/// ```
/// use recap::render::shortcode::one_line_tags;
/// assert!(one_line_tags("a {{< x user=\"a\" id=\"1\" >}} b\n{{ .Title }}\n"));
/// assert!(!one_line_tags("{{< figure\nsrc=\"x\" >}}"));
/// assert!(!one_line_tags("{{< highlight go >}}\nx\n{{< /highlight >}}"));
/// ```
pub fn one_line_tags(text: &str) -> bool {
    for (at, _) in text.match_indices("{{") {
        let rest = &text[at..];
        let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
        match scan_tag(line) {
            Ok((Found::Tag(sc), len)) => {
                if sc.name == "highlight" || line[..len].contains('|') {
                    return false;
                }
            }
            Ok((Found::Literal(_), _)) => {}
            Err(reach) if reach < line.len() => {}
            Err(_) => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> Shortcode {
        match parse_tag(s) {
            Some((Found::Tag(t), len)) => {
                assert_eq!(len, s.len(), "{s}");
                t
            }
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn reads_named_positional_and_quoted_arguments() {
        let t =
            tag(r#"{{< figure src="/img/a b.jpg" title="There's your \"cluster\"" width=300 >}}"#);
        assert_eq!(t.name, "figure");
        assert_eq!(t.named("src"), Some("/img/a b.jpg"));
        assert_eq!(t.named("title"), Some("There's your \"cluster\""));
        assert_eq!(t.named("width"), Some("300"));
        let t = tag("{{% gist spf13 7896402 \"img.html\" %}}");
        assert!(t.markdown);
        assert_eq!(t.arg("user", 0), Some("spf13"));
        assert_eq!(t.arg("file", 2), Some("img.html"));
        let t = tag("{{<tweet 1069903784120381440>}}");
        assert_eq!(t.arg("id", 0), Some("1069903784120381440"));
        let t = tag("{{< highlight go `linenos=table` >}}");
        assert_eq!(t.arg("options", 1), Some("linenos=table"));
    }

    #[test]
    fn reads_closing_and_self_closing_tags() {
        let t = tag("{{< /details >}}");
        assert!(t.closing);
        assert_eq!(t.name, "details");
        assert!(tag("{{< details summary=\"x\" />}}").self_closing);
    }

    #[test]
    fn escaped_shortcodes_are_literal() {
        let (found, len) = parse_tag("{{</* figure src=\"x\" */>}} after").unwrap();
        assert_eq!(found, Found::Literal("{{< figure src=\"x\" >}}".into()));
        assert_eq!(len, "{{</* figure src=\"x\" */>}}".len());
    }

    #[test]
    fn text_that_only_looks_like_a_shortcode_is_left_alone() {
        for s in [
            "{{< >}}",
            "{{< figure src=\"unterminated >}}",
            "{{< x",
            "{{ .Title }}",
            "{{<figure {{< x >}}",
        ] {
            assert!(parse_tag(s).is_none(), "{s}");
        }
    }

    #[test]
    fn skips_code_ranges() {
        let text = "`{{< x >}}` and {{< y >}}";
        let code: Range<usize> = 0..11;
        let found = find_all(text, std::slice::from_ref(&code));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 16..text.len());
    }
}
