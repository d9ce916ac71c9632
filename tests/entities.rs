//! Every HTML5 named character reference resolves as CommonMark says, through the
//! parser the app renders with (pulldown-cmark, whose entity table Recap keeps in a
//! compact form of its own: `vendor/README.md`).

mod support;

use pulldown_cmark::{Event, Parser};

/// The text a line of Markdown parses to (its `Text` events, joined).
fn text_of(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Text(text) => Some(text.into_string()),
            _ => None,
        })
        .collect()
}

/// (name, expansion) for each line of `tests/data/html-entities.tsv`.
fn entities() -> Vec<(String, String)> {
    support::data::read("html-entities.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let (name, points) = line.split_once('\t').expect("name, tab, code points");
            let value = points
                .split(' ')
                .map(|hex| {
                    let point = u32::from_str_radix(hex, 16).expect("hex code point");
                    char::from_u32(point).expect("a Unicode scalar value")
                })
                .collect();
            (name.to_string(), value)
        })
        .collect()
}

#[test]
fn every_named_reference_expands_to_its_code_points() {
    let entities = entities();
    assert_eq!(entities.len(), 2125, "the list is HTML5's 2,125 names");
    let wrong: Vec<String> = entities
        .iter()
        .filter_map(|(name, value)| {
            let got = text_of(&format!("x&{name};y"));
            (got != format!("x{value}y")).then(|| format!("&{name}; gave {got:?}, not {value:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn names_that_are_not_references_stay_as_typed() {
    let entities = entities();
    let known = |name: &str| entities.iter().any(|(n, _)| n == name);
    // Near misses of real names (case, a letter more or less), names that do not
    // start with a letter, and the first and last of each letter's run.
    let mut probes: Vec<String> = vec![
        "Amp".into(),
        "AMPx".into(),
        "am".into(),
        "1frac".into(),
        "_lt".into(),
        "zwnjx".into(),
        "AEli".into(),
        "ZZZ".into(),
        "aaaa".into(),
    ];
    for (name, _) in &entities {
        probes.push(format!("{name}x"));
        probes.push(name[..name.len() - 1].to_string());
        probes.push(name.to_ascii_uppercase());
    }
    for probe in probes.iter().filter(|p| !p.is_empty() && !known(p)) {
        let markdown = format!("x&{probe};y");
        assert_eq!(text_of(&markdown), markdown, "&{probe}; is not a reference");
    }
}
