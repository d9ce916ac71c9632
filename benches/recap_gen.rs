//! Long recaps for the benchmarks, generated from a recap's talk sections (the sample
//! recap of `tests/data/posts/`): its front matter and intro, then its `###` sections
//! repeated (numbered, under `## Day N` headings) until the text reaches the wanted
//! size. Footnote references are left out, as a long recap has few of them.

/// A recap of at least `bytes` bytes built from `draft`.
pub fn long_recap(draft: &str, bytes: usize) -> String {
    let body_start = draft.find("\n## ").map_or(draft.len(), |i| i + 1);
    let (head, rest) = draft.split_at(body_start);
    let sections: Vec<String> = rest
        .split("\n### ")
        .skip(1)
        .map(|s| without_footnote_refs(s.split("\n## ").next().unwrap_or(s).trim_end()))
        .collect();
    assert!(!sections.is_empty(), "the recap has no ### sections");
    let mut out = head.to_string();
    let mut n = 0;
    let mut day = 0;
    while out.len() < bytes {
        if n % 8 == 0 {
            day += 1;
            out.push_str(&format!("\n## Day {day}\n"));
        }
        let section = &sections[n % sections.len()];
        out.push_str(&format!("\n### {} (part {n})\n", section.trim_start()));
        n += 1;
    }
    out.push('\n');
    out
}

/// `text` without `[^label]` footnote references.
fn without_footnote_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[^") {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}
