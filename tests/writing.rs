//! Writing tools on real text: the sample recap's outline, stats and checks, tweet
//! links in every form writers paste them, and toolbar edits.

mod support;

use recap::writing::*;

#[test]
fn the_sample_recap_has_three_sections_five_talks_and_two_tweets() {
    let text = support::data::sample_recap();
    let o = outline(&text);
    let sections: Vec<&str> = o
        .iter()
        .filter(|e| e.level == 2)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(sections, ["Day 1", "Day 2", "Takeaways"]);
    assert_eq!(o.iter().filter(|e| e.level == 3).count(), 5);
    assert_eq!(text.lines().nth(o[0].line), Some("## Day 1"));
    for e in &o {
        assert!(text.lines().nth(e.line).unwrap().starts_with('#'), "{e:?}");
    }
    let s = stats(&text);
    assert_eq!((s.talks, s.tweets), (5, 2));
    assert!(s.words > 300 && s.minutes >= 2, "{s:?}");
    assert!(s.links >= 6, "{s:?}");
}

#[test]
fn checks_catch_a_tag_spelled_two_ways_and_nothing_else_in_the_sample() {
    let text = support::data::sample_recap().replace("  - Kubernetes\n", "  - kubernetes\n");
    let published = vec!["Kubernetes".to_string(), "DevOps".to_string()];
    let found = checks(&text, &outline(&text), &published);
    let tag = found
        .iter()
        .find(|c| c.message.contains("“kubernetes”"))
        .expect("the tag check fires");
    assert_eq!(text.lines().nth(tag.line), Some("tags:"));
    // Nothing else is wrong with the sample recap.
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn the_external_corpus_recap_when_present() {
    let Some((_, posts)) = support::data::external_corpus() else {
        support::data::report("writing: no external corpus, nothing extra to check");
        return;
    };
    let Some((_, text)) = posts
        .iter()
        .find(|(n, _)| n == "devopscon18-munich-draft.md")
    else {
        return;
    };
    let o = outline(text);
    assert_eq!(o.iter().filter(|e| e.level == 3).count(), 5);
    let s = stats(text);
    assert_eq!((s.talks, s.tweets), (5, 2));
    support::data::report("writing: checked the external corpus recap's outline and stats");
}

#[test]
fn checks_name_each_problem_and_its_line() {
    let text = "---\ntitle: ''\ndate: 2018-12-08\ndescription: \"".to_string()
        + &"x".repeat(170)
        + "\"\n---\n## Day 1\n\n[slides]()\n\n## Day 1\n\n{{< speakerdeck 123 >}}\n\n{{< x user=\"a\" >}}\n";
    let found = checks(&text, &outline(&text), &[]);
    let at = |needle: &str| {
        found
            .iter()
            .find(|c| c.message.contains(needle))
            .map(|c| c.line)
            .unwrap_or_else(|| panic!("no check for {needle}: {found:?}"))
    };
    assert_eq!(at("No title"), 1);
    assert_eq!(at("170 characters"), 3);
    assert_eq!(at("has no target"), 7);
    assert_eq!(at("repeats the one on line 6"), 9);
    assert_eq!(at("Unknown shortcode “speakerdeck”"), 11);
    assert_eq!(at("has no tweet id"), 13);
    let broken = checks("---\ndate: soon\n---\n", &[], &[]);
    assert_eq!(broken[0].line, 1);
    assert!(broken[0].message.contains("not a date"));
}

#[test]
fn tweet_links_in_every_form_writers_paste() {
    for url in [
        "https://twitter.com/TBeijen/status/1069903784120381440",
        "https://x.com/TBeijen/status/1069903784120381440?s=20&t=abc",
        "https://mobile.twitter.com/TBeijen/status/1069903784120381440",
        "http://www.x.com/TBeijen/status/1069903784120381440/photo/1",
        "  x.com/TBeijen/status/1069903784120381440#m  ",
    ] {
        let t = TweetLink::parse(url).unwrap_or_else(|| panic!("{url}"));
        assert_eq!(
            t.markdown(TweetForm::X),
            r#"{{< x user="TBeijen" id="1069903784120381440" >}}"#,
            "{url}"
        );
    }
    for not in [
        "https://example.com/a/status/1",
        "https://x.com/TBeijen",
        "https://x.com/a/status/12ab",
        "javascript:alert(1)",
    ] {
        assert!(TweetLink::parse(not).is_none(), "{not}");
    }
    let embed = "<blockquote class=\"twitter-tweet\"><p lang=\"en\">Hi</p>&mdash; T (@TBeijen) <a href=\"https://twitter.com/TBeijen/status/1069903784120381440?ref_src=twsrc%5Etfw\">December 4, 2018</a></blockquote>";
    let t = TweetLink::parse(embed).unwrap();
    assert_eq!(t.id, "1069903784120381440");
    assert_eq!(
        t.markdown(TweetForm::Embed),
        embed,
        "the pasted embed is kept as is"
    );
    assert_eq!(
        t.markdown(TweetForm::Tweet),
        r#"{{< tweet user="TBeijen" id="1069903784120381440" >}}"#
    );
}

#[test]
fn a_talk_goes_in_as_its_own_block_wherever_the_cursor_is() {
    let talk = Talk {
        title: "Keynote [live]".into(),
        url: "https://conf.example/keynote".into(),
        tracks: vec!["Kubernetes".into()],
    };
    let text = "## Day 1\nnotes here";
    // Cursor in the middle of a line: the section goes after that line.
    let e = talk_section(text, 12, &talk);
    assert_eq!(
        e.apply(text),
        "## Day 1\nnotes here\n\n### [Keynote \\[live\\]](https://conf.example/keynote)\n\n_#Kubernetes_\n\n"
    );
    assert_eq!(e.select.start, e.apply(text).len());
}

#[test]
fn toolbar_edits_and_minimal_splices() {
    let t = "Hello world";
    assert_eq!(wrap(t, 6..11, "*", "*", "x").apply(t), "Hello *world*");
    let e = wrap(t, 5..5, "[", "](https://)", "link text");
    assert_eq!(e.apply(t), "Hello[link text](https://) world");
    assert_eq!(&e.apply(t)[e.select.clone()], "link text");
    let t = "## Talk\n";
    assert_eq!(
        block_prefix(t, 0..0, BlockStyle::Heading2).apply(t),
        "## Talk\n".replacen("## ", "", 1)
    );
    let old = "día 1 — 😀 end";
    let new = "día 1 — 😀😀 end";
    let e = TextEdit::between(old, new);
    assert_eq!(e.apply(old), new);
    assert_eq!(
        utf16_offset(new, e.select.end),
        "día 1 — 😀😀".encode_utf16().count()
    );
    assert_eq!(
        byte_offset(new, utf16_offset(new, e.range.start)),
        e.range.start
    );
}
