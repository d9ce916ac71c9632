//! The post model: parsing, lossless printing, typed fields, in-place edits, errors.

use recap::post::{export_filename, Format, Post, PostDate, PostError, Value};

const DRAFT: &str = "---\ntitle: 'DevOpsCon 2018 Munich'\nauthor: Tibo Beijen\ndate: 2018-12-08T10:00:00+02:00\nurl: /2018/12/08/devopscon18-munich/\ncategories:\n  - articles\ntags:\n  - Devops\n  - Conference\ndescription: Recap of DevOpsCon 2018 conference in Munich.\n\n---\nTuesday 4th...\n";

mod support;

fn fixture(name: &str) -> String {
    support::data::read(&format!("posts/{name}"))
}

#[test]
fn reads_the_usual_keys_of_a_recap() {
    let post = Post::parse(DRAFT).unwrap();
    let f = post.fields();
    assert_eq!(f.title.as_deref(), Some("DevOpsCon 2018 Munich"));
    assert_eq!(f.author.as_deref(), Some("Tibo Beijen"));
    assert_eq!(
        f.date.as_ref().map(PostDate::ymd).as_deref(),
        Some("2018-12-08")
    );
    assert_eq!(f.url.as_deref(), Some("/2018/12/08/devopscon18-munich/"));
    assert_eq!(f.categories, ["articles"]);
    assert_eq!(f.tags, ["Devops", "Conference"]);
    assert_eq!(post.body(), "Tuesday 4th...\n");
    assert_eq!(post.format(), Some(Format::Yaml));
    assert_eq!(post.body_first_line(), 14);
}

#[test]
fn every_fixture_prints_back_byte_for_byte() {
    for (name, text) in support::data::fixture_posts() {
        let post = Post::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(post.to_string(), text, "{name}");
    }
}

#[test]
fn crlf_and_bom_files_split_correctly() {
    let post = Post::parse(&fixture("crlf.md")).unwrap();
    assert_eq!(post.fields().title.as_deref(), Some("Windows line endings"));
    assert_eq!(post.body(), "Body line\r\n");
    let post = Post::parse(&fixture("bom.md")).unwrap();
    assert_eq!(post.fields().title.as_deref(), Some("With a BOM"));
    assert_eq!(post.body(), "# Hello\n");
}

#[test]
fn yaml_1_1_booleans_read_as_jekyll_reads_them() {
    let post = Post::parse(&fixture("flow-and-comments.md")).unwrap();
    assert_eq!(post.fields().draft, Some(true));
    assert_eq!(post.fields().tags, ["Go", "Rust"]);
    assert_eq!(
        post.fields().description.as_deref(),
        Some("A folded description\n")
    );
}

#[test]
fn toml_and_json_front_matter_are_read() {
    let post = Post::parse(&fixture("toml.md")).unwrap();
    assert_eq!(post.format(), Some(Format::Toml));
    assert_eq!(post.fields().tags, ["Kubernetes", "CNCF"]);
    assert_eq!(post.fields().draft, Some(false));
    assert_eq!(
        post.fields().date.as_ref().unwrap().offset_minutes(),
        Some(60)
    );
    assert!(matches!(post.get("params"), Some(Value::Map(_))));
    assert_eq!(post.body(), "## Day 1\n");

    let post = Post::parse(&fixture("json.md")).unwrap();
    assert_eq!(post.format(), Some(Format::Json));
    assert_eq!(post.fields().title.as_deref(), Some("JSON front matter"));
    assert_eq!(post.fields().tags, ["a", "b"]);
    assert_eq!(post.body(), "Body after JSON.\n");
}

#[test]
fn a_body_starting_with_a_shortcode_is_not_json_front_matter() {
    let post = Post::parse(&fixture("no-front-matter.md")).unwrap();
    assert_eq!(post.format(), None);
    assert_eq!(post.body(), fixture("no-front-matter.md"));
}

#[test]
fn empty_body_and_trailing_blank_lines_in_front_matter() {
    let post = Post::parse(&fixture("empty-body.md")).unwrap();
    assert_eq!(post.body(), "");
    assert_eq!(post.fields().title.as_deref(), Some("Empty body"));
}

#[test]
fn editing_tags_rewrites_only_the_tags_lines() {
    let mut post = Post::parse(DRAFT).unwrap();
    post.set_tags(["DevOps", "Conference", "CI/CD"]).unwrap();
    let expected = DRAFT.replace(
        "  - Devops\n  - Conference\n",
        "  - DevOps\n  - Conference\n  - CI/CD\n",
    );
    assert_eq!(post.to_string(), expected);
    assert_eq!(post.fields().tags, ["DevOps", "Conference", "CI/CD"]);
}

#[test]
fn editing_keeps_quote_style_and_appends_new_keys_in_file_style() {
    let mut post = Post::parse(DRAFT).unwrap();
    post.set_title("It's Munich: day 2").unwrap();
    assert!(
        post.to_string()
            .contains("\ntitle: 'It''s Munich: day 2'\n"),
        "{post}"
    );
    assert_eq!(post.fields().title.as_deref(), Some("It's Munich: day 2"));
    post.set("aliases", Value::strings(["/old/"])).unwrap();
    assert!(post.to_string().ends_with("description: Recap of DevOpsCon 2018 conference in Munich.\naliases:\n  - /old/\n\n---\nTuesday 4th...\n"), "{post}");
    post.set_draft(true).unwrap();
    assert_eq!(post.fields().draft, Some(true));
}

#[test]
fn removing_a_key_removes_only_its_lines() {
    let mut post = Post::parse(DRAFT).unwrap();
    assert!(post.remove("categories").unwrap());
    assert_eq!(
        post.to_string(),
        DRAFT.replace("categories:\n  - articles\n", "")
    );
    assert!(!post.remove("categories").unwrap());
}

#[test]
fn toml_edits_keep_comments_layout_and_tables() {
    let text = fixture("toml.md");
    let mut post = Post::parse(&text).unwrap();
    post.set_title("KubeCon 2019").unwrap();
    assert_eq!(
        post.to_string(),
        text.replace("\"KubeCon recap\"", "\"KubeCon 2019\"")
    );
    post.set_tags(["Kubernetes"]).unwrap();
    assert_eq!(
        post.to_string(),
        text.replace("\"KubeCon recap\"", "\"KubeCon 2019\"")
            .replace("  \"CNCF\",\n", "")
    );
    post.set("slug", "kubecon".into()).unwrap();
    assert!(
        post.to_string()
            .contains("draft = false\nslug = \"kubecon\"\n"),
        "{post}"
    );
    let date = PostDate::from_parts(2019, 6, 14, 8, 0, 0, 120).unwrap();
    post.set_date(&date).unwrap();
    assert!(
        post.to_string()
            .contains("date = 2019-06-14T08:00:00+02:00\n"),
        "{post}"
    );
}

#[test]
fn json_edits_touch_one_member() {
    let text = fixture("json.md");
    let mut post = Post::parse(&text).unwrap();
    post.set_tags(["c"]).unwrap();
    assert_eq!(post.to_string(), text.replace("[\"a\", \"b\"]", "[\"c\"]"));
    post.set("draft", true.into()).unwrap();
    assert!(
        post.to_string()
            .contains("\"params\": {\"x\": 1},\n  \"draft\": true\n}"),
        "{post}"
    );
    assert!(post.remove("title").unwrap());
    assert!(!post.to_string().contains("title"));
    assert_eq!(post.body(), "Body after JSON.\n");
}

#[test]
fn crlf_files_get_crlf_lines_when_keys_are_added() {
    let mut post = Post::parse(&fixture("crlf.md")).unwrap();
    post.set("slug", "win".into()).unwrap();
    assert!(
        post.to_string().contains("  - One\r\nslug: win\r\n---\r\n"),
        "{post:?}"
    );
}

#[test]
fn a_post_without_front_matter_gets_a_yaml_one_on_first_edit() {
    let mut post = Post::parse("Just notes\n").unwrap();
    post.set_title("Notes").unwrap();
    assert_eq!(post.to_string(), "---\ntitle: Notes\n---\nJust notes\n");
}

#[test]
fn errors_name_what_and_where() {
    let err = Post::parse("---\ntitle: x\nbody without end\n").unwrap_err();
    assert!(
        matches!(
            err,
            PostError::Unterminated {
                format: Format::Yaml,
                line: 1
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("never closed"), "{err}");

    let err = Post::parse("---\ntitle: x\ntags: [a, b\n---\n").unwrap_err();
    assert!(
        matches!(
            err,
            PostError::Syntax {
                format: Format::Yaml,
                ..
            }
        ),
        "{err:?}"
    );
    assert!((3..=4).contains(&err.line()), "{err:?}");

    // A key given twice: the message names the key, on the line of its second value.
    let err = Post::parse("---\ntitle: A\ntags: [x]\ntitle: B\n---\n").unwrap_err();
    assert_eq!(err.line(), 4, "{err:?}");
    assert!(
        err.to_string()
            .starts_with("The YAML front matter is not valid on line 4")
            && err
                .to_string()
                .ends_with(": the key `title` is given twice."),
        "{err}"
    );

    let err = Post::parse("+++\ntitle = \"x\"\ndate = \n+++\n").unwrap_err();
    assert!(
        matches!(
            err,
            PostError::Syntax {
                format: Format::Toml,
                line: 3,
                ..
            }
        ),
        "{err:?}"
    );

    let err = Post::parse("{\n  \"title\": \"x\",\n  \"tags\": [1,]\n}\n").unwrap_err();
    assert!(
        matches!(
            err,
            PostError::Syntax {
                format: Format::Json,
                line: 3,
                ..
            }
        ),
        "{err:?}"
    );

    let err = Post::parse("---\ntitle: x\ndate: next tuesday\n---\n").unwrap_err();
    assert_eq!(
        err,
        PostError::InvalidDate {
            key: "date".into(),
            value: "next tuesday".into(),
            line: 3
        }
    );
    assert!(err.to_string().contains("line 3"), "{err}");

    let err = Post::parse("---\ntitle: x\n\ndraft: maybe\n---\n").unwrap_err();
    assert!(
        matches!(err, PostError::WrongType { line: 4, .. }),
        "{err:?}"
    );

    let err = Post::parse("---\n- a\n- b\n---\n").unwrap_err();
    assert!(matches!(err, PostError::NotAMap { .. }), "{err:?}");

    // TOML and JSON name the field's line of the file too.
    let err = Post::parse("+++\ntitle = \"x\"\n\ndraft = \"maybe\"\n+++\n").unwrap_err();
    assert!(
        matches!(err, PostError::WrongType { line: 4, .. }),
        "{err:?}"
    );
    let err = Post::parse("{\n  \"title\": \"x\",\n\n  \"draft\": \"maybe\"\n}\n").unwrap_err();
    assert!(
        matches!(err, PostError::WrongType { line: 4, .. }),
        "{err:?}"
    );
}

#[test]
fn a_failed_edit_changes_nothing() {
    let mut post = Post::parse(DRAFT).unwrap();
    let err = post.set("date", "not a date".into()).unwrap_err();
    assert!(matches!(err, PostError::InvalidDate { .. }));
    assert_eq!(post.to_string(), DRAFT);
}

#[test]
fn lenient_body_keeps_broken_posts_visible() {
    assert_eq!(
        recap::post::lenient_body("---\ntitle: x\n# Notes\n"),
        "---\ntitle: x\n# Notes\n"
    );
    assert_eq!(
        recap::post::lenient_body("---\ndate: bad\n---\n# Notes\n"),
        "# Notes\n"
    );
}

#[test]
fn export_filename_follows_the_blog_convention() {
    let post = Post::parse(DRAFT).unwrap();
    assert_eq!(export_filename(&post), "2018-12-08-devopscon18-munich.md");
    let post =
        Post::parse("---\ntitle: 'A/B: \"Testing\" <in> prod?'\ndate: 2024-01-19\nslug: ''\n---\n")
            .unwrap();
    assert_eq!(export_filename(&post), "2024-01-19-a-b-testing-in-prod.md");
    let post = Post::parse("---\nslug: My Slug\ndate: 2024-01-19T23:30:00-05:00\n---\n").unwrap();
    assert_eq!(export_filename(&post), "2024-01-19-my-slug.md");
    assert_eq!(export_filename(&Post::parse("").unwrap()), "untitled.md");
    assert_eq!(
        export_filename(&Post::parse("---\ntitle: con\n---\n").unwrap()),
        "con-post.md"
    );
    let name = export_filename(&Post::parse("---\ntitle: 'a\\\\b|c*d?e:f<g>h\"'\n---\n").unwrap());
    assert_eq!(name, "a-b-c-d-e-f-g-h.md");
}
