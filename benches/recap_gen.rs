//! Long recaps for the benchmarks, generated from the corpus draft's talk sections:
//! its front matter and intro, then its `###` sections repeated (numbered, under
//! `## Day N` headings) until the text reaches the wanted size.

/// A recap of at least `bytes` bytes built from `draft`.
pub fn long_recap(draft: &str, bytes: usize) -> String {
    let body_start = draft.find("\n## ").map_or(draft.len(), |i| i + 1);
    let (head, rest) = draft.split_at(body_start);
    let sections: Vec<&str> = rest.split("\n### ").skip(1).map(|s| s.trim_end()).collect();
    let mut out = head.to_string();
    let mut n = 0;
    let mut day = 0;
    while out.len() < bytes {
        if n % 8 == 0 {
            day += 1;
            out.push_str(&format!("\n## Day {day}\n"));
        }
        let section = sections[n % sections.len()];
        out.push_str(&format!("\n### {} (part {n})\n", section.trim_start()));
        n += 1;
    }
    out.push('\n');
    out
}
