//! A small HTML tokenizer for tests: enough to read the renderer's own output (which
//! escapes `<` in text, so every `<` starts a real tag) and the spec's expected HTML.

#![allow(dead_code)]

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Start {
        name: String,
        attrs: Vec<(String, Option<String>)>,
    },
    End(String),
    Text(String),
    Other(String),
}

pub fn tokenize(html: &str) -> Vec<Token> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let is_tag = b
            .get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!' || *c == b'?');
        if !is_tag {
            i += 1;
            continue;
        }
        if text_start < i {
            out.push(Token::Text(html[text_start..i].to_string()));
        }
        if html[i..].starts_with("<!--") {
            let end = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            out.push(Token::Other(html[i..end].to_string()));
            i = end;
        } else if b[i + 1] == b'!' || b[i + 1] == b'?' {
            let end = html[i..].find('>').map_or(b.len(), |e| i + e + 1);
            out.push(Token::Other(html[i..end].to_string()));
            i = end;
        } else if b[i + 1] == b'/' {
            let end = html[i..].find('>').map_or(b.len(), |e| i + e + 1);
            let name = html[i + 2..end - 1].trim().to_ascii_lowercase();
            out.push(Token::End(name));
            i = end;
        } else {
            let (tok, end) = start_tag(html, i);
            out.push(tok);
            i = end;
        }
        text_start = i;
    }
    if text_start < b.len() {
        out.push(Token::Text(html[text_start..].to_string()));
    }
    out
}

fn start_tag(html: &str, at: usize) -> (Token, usize) {
    let b = html.as_bytes();
    let mut i = at + 1;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = html[at + 1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
            i += 1;
        }
        let key = html[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = html[vs..].find(q as char).map_or(b.len(), |e| vs + e);
                i = (ve + 1).min(b.len());
                &html[vs..ve]
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                &html[vs..i]
            };
            attrs.push((key, Some(value.to_string())));
        } else {
            attrs.push((key, None));
        }
    }
    (Token::Start { name, attrs }, i)
}

/// Decodes the character references a browser would in an attribute or text.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    "colon" => Some(':'),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
