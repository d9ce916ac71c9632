//! The incremental preview is byte-identical to a full render after every edit.
//!
//! Random edits (typing, deleting, pasting Markdown that opens fences, tables,
//! footnotes, link definitions, headings, quotes, shortcodes, raw HTML, front-matter
//! delimiters) at random places of every fixture post (and the external corpus, when
//! there is one), applied as the editor applies them. After each: the rendered parts
//! equal a full render of the new body, and the splices turn the old parts into the
//! new ones. Seeded (`RECAP_SEED`), `RECAP_EDITS` edits per post (default 150).

mod support;

use recap::drafts::{EditorChange, EditorText, LinePos};
use recap::post::{body_start_line, lenient_body};
use recap::render::{
    render_blocks, BodyChange, BodyEdit, LivePreview, RenderOptions, RenderedBody,
};
use std::rc::Rc;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What writers type and paste, weighted towards what changes document-wide state.
const INSERTS: &[&str] = &[
    "x", "word ", " ", "\n", "\n\n", "'", "\"", "it's ", "\"quoted\" ", "'single' ", "--",
    "```\n", "```go\n", "~~~\n", "    indented\n", "# ", "## Heading\n", "### [Talk](https://t.example)\n",
    "Setext\n===\n", "\n---\n", "* item\n", "- [ ] task\n", "1. first\n", "  * nested\n", "> quote\n",
    "| a | b |\n|---|---:|\n| 1 | 2 |\n", "[^1]", "[^1]: A note.\n", "[^n]: Another\n",
    "[ref]", "[ref]: https://ref.example \"T\"\n", "[link](https://l.example)", "https://bare.example ",
    "{{< x user=\"a\" id=\"1\" >}}", "{{< figure src=\"/img/a.jpg\" >}}\n", "{{< toc >}}\n",
    "{{< highlight go >}}\n", "{{< /highlight >}}\n", "{{< figure\nsrc=\"x\" >}}", "{{</* x */>}}",
    "<div>\n", "</div>\n", "<!-- ", " -->", "<!--more-->\n", "<script>\n", "</script>\n",
    "<pre>\n", "</pre>\n", "<blockquote class=\"twitter-tweet\"><p>t</p>&mdash; A (@a) <a href=\"https://twitter.com/a/status/1\">May 1</a></blockquote>\n",
    "---\n", "+++\n", "{#custom-id}", "Term\n: Definition\n", "~~gone~~", "é😀", "\r\n", "\t",
];

/// A random edit of the text as the editor shows it.
fn random_change(rng: &mut Rng, t: &EditorText) -> EditorChange {
    let count = t.line_count();
    let line_a = rng.below(count);
    let content = |l: usize| &t.as_str()[t.line_content(l)];
    let col_of = |line: &str, rng: &mut Rng| -> usize {
        // A column at a char boundary (never inside a surrogate pair).
        let chars: Vec<char> = line.chars().collect();
        let k = rng.below(chars.len() + 1);
        chars[..k].iter().map(|c| c.len_utf16()).sum()
    };
    let from = LinePos::new(line_a, col_of(content(line_a), rng));
    let to = match rng.below(4) {
        0 | 1 => from,
        2 => {
            // A few characters further on the same line (at a char boundary).
            let line = content(line_a);
            let mut col = from.col;
            for c in line.chars().scan(0, |units, c| {
                let at = *units;
                *units += c.len_utf16();
                Some((at, c))
            }) {
                if c.0 >= from.col && col - from.col < 6 {
                    col = c.0 + c.1.len_utf16();
                }
            }
            LinePos::new(line_a, col.min(from.col + 6).max(from.col))
        }
        _ => {
            let line_b = (line_a + 1 + rng.below(3)).min(count - 1);
            LinePos::new(line_b, col_of(content(line_b), rng))
        }
    };
    let (from, to) = if to < from { (to, from) } else { (from, to) };
    let insert = if rng.below(5) == 0 {
        String::new()
    } else {
        INSERTS[rng.below(INSERTS.len())].replace("\r\n", "\n")
    };
    EditorChange { from, to, insert }
}

fn check_post(name: &str, text: &str, edits: usize, rng: &mut Rng) -> (u64, u64) {
    let opts = RenderOptions::default();
    let mut t = EditorText::new(text.to_string());
    let mut rendered = RenderedBody::new(lenient_body(t.as_str()), &opts);
    let mut parts = rendered.parts();
    let mut full = 0;
    for step in 0..edits {
        let before_line = body_start_line(t.as_str());
        let previous = lenient_body(t.as_str()).to_string();
        let change = random_change(rng, &t);
        let Some(edit) = t.apply(std::slice::from_ref(&change)) else {
            continue;
        };
        let after_line = body_start_line(t.as_str());
        let body = lenient_body(t.as_str());
        let splices = match BodyChange::of(edit.first, edit.old, edit.new, before_line, after_line)
        {
            BodyChange::Unchanged => Vec::new(),
            BodyChange::Edit(e) => rendered.edit(body, e),
            BodyChange::Whole => {
                full += 1;
                let fresh = RenderedBody::new(body, &opts);
                let all = fresh.parts();
                rendered = fresh;
                vec![recap::render::Splice {
                    at: 0,
                    remove: parts.len(),
                    insert: all,
                }]
            }
        };
        for s in splices {
            parts.splice(s.at..s.at + s.remove, s.insert);
        }
        let what = || {
            // The two bodies, for a closer look.
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
            let _ = std::fs::write(dir.join("incremental-before.md"), &previous);
            let _ = std::fs::write(dir.join("incremental-after.md"), body);
            format!("{name}, step {step}, {change:?}\n--- body before ---\n{previous:?}\n--- body ---\n{body:?}")
        };
        let fresh = RenderedBody::new(body, &opts);
        // Spans and lines exactly: the next edit starts from them.
        let (ours, theirs) = (rendered.spans(), fresh.spans());
        let same =
            |a: &(usize, std::ops::Range<usize>), b: &(usize, std::ops::Range<usize>)| a == b;
        if ours.len() != theirs.len() || ours.iter().zip(&theirs).any(|(a, b)| !same(a, b)) {
            let ours: Vec<_> = ours.clone();
            let i = ours
                .iter()
                .zip(&theirs)
                .position(|(a, b)| !same(a, b))
                .unwrap_or(ours.len().min(theirs.len()));
            panic!(
                "{}\nsegment {i} of {} (fresh: {}): {:?} vs fresh {:?}\nours  {:?}\nfresh {:?}",
                what(),
                ours.len(),
                theirs.len(),
                ours.get(i),
                theirs.get(i),
                &ours[i.saturating_sub(2)..(i + 3).min(ours.len())],
                &theirs[i.saturating_sub(2)..(i + 3).min(theirs.len())]
            );
        }
        let expected = render_blocks(body, &opts);
        let got = rendered.blocks();
        if got != expected {
            let i = got
                .iter()
                .zip(&expected)
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(expected.len()));
            let (g, e) = (got.get(i), expected.get(i));
            let detail = match (g, e) {
                (Some(g), Some(e)) if g.html != e.html => {
                    let at = g
                        .html
                        .bytes()
                        .zip(e.html.bytes())
                        .position(|(x, y)| x != y)
                        .unwrap_or(g.html.len().min(e.html.len()));
                    let ctx = |h: &str| {
                        h.get(at.saturating_sub(80)..(at + 80).min(h.len()))
                            .unwrap_or(h)
                            .to_string()
                    };
                    format!(
                        "html differs at byte {at}:\n  ours: {:?}\n  full: {:?}",
                        ctx(&g.html),
                        ctx(&e.html)
                    )
                }
                (Some(g), Some(e)) => format!(
                    "lines {:?} vs {:?}, keys {} vs {}",
                    g.lines, e.lines, g.key, e.key
                ),
                _ => format!("{} blocks vs {}", got.len(), expected.len()),
            };
            panic!("{}\nblock {i}: {detail}", what());
        }
        assert_eq!(
            parts,
            rendered.parts(),
            "{}: the splices do not give the new parts",
            what()
        );
        let joined: String = parts.iter().map(|p: &Rc<str>| &**p).collect();
        assert_eq!(
            joined,
            recap::render::render_html(body, &opts),
            "{}",
            what()
        );
        if let Some(at) = joined.find(['\u{E000}', '\u{E001}']) {
            let context: String = joined[at..].chars().take(40).collect();
            panic!("{}: a placeholder reached the preview: {context:?}", what());
        }
    }
    (rendered.stats().edits, full)
}

#[test]
fn incremental_render_equals_full_render_after_random_edits() {
    let seed: u64 = std::env::var("RECAP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2026);
    let edits: usize = std::env::var("RECAP_EDITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let mut rng = Rng(seed);
    let posts = support::data::all_posts("incremental render");
    let (mut total, mut whole) = (0, 0);
    for (name, text) in &posts {
        let (n, f) = check_post(name, text, edits, &mut rng);
        total += n;
        whole += f;
    }
    assert!(
        total as usize > posts.len() * edits / 2,
        "too few edits reached the body"
    );
    support::data::report(&format!(
        "incremental render: {} posts, {total} body edits (seed {seed}), each equal to a full render; {whole} moved the body start",
        posts.len()
    ));
}

#[test]
fn a_keystroke_in_a_long_recap_renders_a_few_blocks() {
    let sample = support::data::sample_recap();
    let body = lenient_body(&sample);
    let long: String = std::iter::repeat_n(body, 40).collect::<Vec<_>>().join("\n");
    let opts = RenderOptions::default();
    let mut rendered = RenderedBody::new(&long, &opts);
    let before = rendered.stats();
    // Type a word into a paragraph near the middle.
    let mut t = EditorText::new(long.clone());
    let line = t.line_count() / 2;
    let line = (line..t.line_count())
        .find(|&l| t.as_str()[t.line_content(l)].starts_with("Keep what"))
        .expect("a prose line");
    let edit = t
        .apply(&[EditorChange {
            from: LinePos::new(line, 4),
            to: LinePos::new(line, 4),
            insert: "only ".into(),
        }])
        .unwrap();
    let e = match BodyChange::of(edit.first, edit.old, edit.new, Some(0), Some(0)) {
        BodyChange::Edit(e) => e,
        other => panic!("{other:?}"),
    };
    let splices = rendered.edit(t.as_str(), e);
    let stats = rendered.stats();
    assert_eq!(splices.len(), 1, "{splices:?}");
    assert!(
        stats.blocks_rendered - before.blocks_rendered <= 3,
        "{:?}",
        stats
    );
    assert_eq!(stats.full, 0);
    assert_eq!(
        rendered.html(),
        recap::render::render_html(t.as_str(), &opts)
    );
}

#[test]
fn heading_ids_deep_in_a_long_post_stay_right_after_random_edits() {
    // Hundreds of blocks with the same headings over and over: the IDs a window gets
    // come from layers of earlier IDs, which edits must keep right.
    let sample = support::data::sample_recap();
    let body = lenient_body(&sample);
    let long = format!("{sample}\n{}", [body; 12].join("\n"));
    let blocks = RenderedBody::new(lenient_body(&long), &RenderOptions::default())
        .spans()
        .len();
    assert!(blocks > 300, "only {blocks} blocks");
    let mut rng = Rng(7);
    let (edits, _) = check_post("sample recap x13", &long, 400, &mut rng);
    assert!(edits > 200, "too few edits reached the body: {edits}");
}

#[test]
fn a_heading_added_near_the_top_renumbers_the_ids_of_a_window_far_below() {
    let sample = support::data::sample_recap();
    let body = lenient_body(&sample);
    let long = [body; 10].join("\n");
    let opts = RenderOptions::default();
    let mut rendered = RenderedBody::new(&long, &opts);
    let mut t = EditorText::new(long.clone());
    let edit = |t: &mut EditorText, rendered: &mut RenderedBody, line: usize, insert: &str| {
        let change = EditorChange {
            from: LinePos::new(line, 0),
            to: LinePos::new(line, 0),
            insert: insert.into(),
        };
        let e = t.apply(&[change]).unwrap();
        let BodyChange::Edit(e) = BodyChange::of(e.first, e.old, e.new, Some(0), Some(0)) else {
            panic!("not a body edit")
        };
        rendered.edit(t.as_str(), e);
        assert_eq!(
            rendered.html(),
            recap::render::render_html(t.as_str(), &opts),
            "after inserting {insert:?} at line {line}"
        );
    };
    let day1 = |t: &EditorText, nth: usize| {
        (0..t.line_count())
            .filter(|&l| t.as_str()[t.line_content(l)] == *"## Day 1")
            .nth(nth)
            .expect("a Day 1 heading")
    };
    // Typing under a heading deep in the post makes the ID layers before it.
    let deep = day1(&t, 8);
    edit(&mut t, &mut rendered, deep, "x");
    // One more "Day 1" near the top: every later "Day 1" moves up by one.
    let top = day1(&t, 1);
    edit(&mut t, &mut rendered, top, "## Day 1\n\n");
    let deep = day1(&t, 9);
    edit(&mut t, &mut rendered, deep + 1, "y");
}

/// Applies `splices` to `parts` as the preview's DOM applies them.
fn apply_splices(parts: &mut Vec<Rc<str>>, splices: Vec<recap::render::Splice>) {
    for s in splices {
        let end = s.at.saturating_add(s.remove).min(parts.len());
        parts.splice(s.at..end, s.insert);
    }
}

#[test]
fn a_preview_hidden_while_typing_catches_up_to_a_full_render_when_shown() {
    let opts = RenderOptions::default();
    let mut rng = Rng(7);
    for (name, text) in support::data::fixture_posts() {
        let mut t = EditorText::new(text.clone());
        let mut preview = LivePreview::new(opts.clone());
        let mut parts: Vec<Rc<str>> = Vec::new();
        let mut hidden_edits = 0;
        for step in 0..120 {
            if rng.below(10) == 0 {
                let shown = !preview.is_shown();
                apply_splices(
                    &mut parts,
                    preview.set_shown(shown, lenient_body(t.as_str())),
                );
            }
            let before_line = body_start_line(t.as_str());
            let change = random_change(&mut rng, &t);
            let Some(edit) = t.apply(std::slice::from_ref(&change)) else {
                continue;
            };
            let body = lenient_body(t.as_str());
            let splices = match BodyChange::of(
                edit.first,
                edit.old,
                edit.new,
                before_line,
                body_start_line(t.as_str()),
            ) {
                BodyChange::Unchanged => Vec::new(),
                BodyChange::Edit(e) => preview.edit(body, e),
                BodyChange::Whole => preview.replace(body),
            };
            if !preview.is_shown() {
                assert!(
                    splices.is_empty(),
                    "{name}, step {step}: a hidden preview rendered"
                );
                hidden_edits += 1;
            }
            apply_splices(&mut parts, splices);
            if preview.is_shown() {
                assert_eq!(
                    parts,
                    RenderedBody::new(body, &opts).parts(),
                    "{name}, step {step}"
                );
            }
        }
        apply_splices(
            &mut parts,
            preview.set_shown(true, lenient_body(t.as_str())),
        );
        assert_eq!(
            parts,
            RenderedBody::new(lenient_body(t.as_str()), &opts).parts(),
            "{name}: shown at the end"
        );
        assert!(hidden_edits > 0, "{name}: no edit met a hidden preview");
    }
}

#[test]
fn showing_the_preview_again_sends_only_the_blocks_that_changed_meanwhile() {
    let text = "# Day 1\n\nFirst talk.\n\nSecond talk.\n\nThird talk.\n";
    let mut preview = LivePreview::new(RenderOptions::default());
    // Nothing is rendered before the preview first shows.
    assert!(preview.part_lines().is_empty());
    let first = preview.set_shown(true, text);
    assert_eq!(first.len(), 1, "the first showing fills the preview");
    assert_eq!(
        first[0].insert.len(),
        5,
        "four blocks and the footnotes' part"
    );
    assert!(preview.set_shown(false, text).is_empty());
    let edited = "# Day 1\n\nFirst talk.\n\nSecond talk, with notes.\n\nThird talk.\n";
    assert!(preview
        .edit(
            edited,
            BodyEdit {
                first: 4,
                old: 1,
                new: 1
            }
        )
        .is_empty());
    let back = preview.set_shown(true, edited);
    assert_eq!(back.len(), 1);
    assert_eq!((back[0].at, back[0].remove), (2, 1));
    assert_eq!(&*back[0].insert[0], "<p>Second talk, with notes.</p>\n");
    // Shown again with nothing changed: nothing to do.
    assert!(preview.set_shown(false, edited).is_empty());
    assert!(preview.set_shown(true, edited).is_empty());
}

#[test]
fn a_hidden_preview_takes_new_options_when_it_shows() {
    let text = "\"Quoted\" -- and more\n";
    let mut preview = LivePreview::new(RenderOptions::default());
    let hugo = preview.set_shown(true, text);
    assert!(hugo[0].insert[0].contains('“'), "Hugo's typographer");
    preview.set_shown(false, text);
    let strict = RenderOptions {
        hugo: false,
        ..RenderOptions::default()
    };
    assert!(
        preview.set_options(strict.clone(), text).is_empty(),
        "hidden"
    );
    let shown = preview.set_shown(true, text);
    assert_eq!(&*shown[0].insert[0], "<p>\"Quoted\" -- and more</p>\n");
    assert!(
        preview.set_options(strict, text).is_empty(),
        "the same options again"
    );
}
