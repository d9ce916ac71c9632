//! The Hugo site core against the fixture sites of `tests/data/sites/`: configuration
//! found and merged as Hugo does, posts listed, new posts and images laid out like the
//! site's own, archetypes filled, addresses built, and nothing written outside.

mod support;

use recap::drafts::{
    DiskCheck, DiskVersion, DraftStore, MemoryStorage, SiteLink, SiteOpen, Workspace,
};
use recap::post::{Format, Post, PostDate};
use recap::render::{render_html, RenderOptions};
use recap::site::*;
use std::path::Path;

/// A fixture site as the browser would list it, and its files' texts.
struct Fixture {
    files: Vec<SiteFile>,
    root: std::path::PathBuf,
}

impl Fixture {
    fn new(name: &str) -> Fixture {
        let root = support::data::dir().join("sites").join(name);
        assert!(root.is_dir(), "missing test data {}", root.display());
        let mut files = Vec::new();
        walk(&root, &root, &mut files);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Fixture { files, root }
    }

    fn paths(&self) -> Vec<String> {
        self.files.iter().map(|f| f.path.clone()).collect()
    }

    fn text(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn config(&self, env: Option<&str>) -> Result<SiteConfig, SiteError> {
        let files: Vec<ConfigFile> = config_files(&self.paths(), env)
            .into_iter()
            .map(|p| ConfigFile::new(p.clone(), self.text(&p)))
            .collect();
        if files.is_empty() {
            return Err(SiteError::NotASite {
                folder: self.root.file_name().unwrap().to_string_lossy().into(),
            });
        }
        SiteConfig::from_files(&files)
    }

    fn site(&self) -> Site {
        let config = self.config(None).expect("config parses");
        let mut posts: Vec<SitePost> = post_files(&self.files, &config)
            .map(|f| SitePost::read(f, &self.text(&f.path), &config).unwrap())
            .collect();
        sort_newest_first(&mut posts);
        Site {
            name: "fixture".into(),
            config,
            files: self.files.clone(),
            posts,
        }
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<SiteFile>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(SiteFile {
                path: rel,
                modified_ms: 0,
                size: std::fs::metadata(&path).unwrap().len(),
            });
        }
    }
}

fn now() -> PostDate {
    "2024-05-31T09:30:00+02:00".parse().unwrap()
}

#[test]
fn a_bundle_site_lists_its_posts_newest_first_without_section_pages_or_resources() {
    let fixture = Fixture::new("bundles");
    let site = fixture.site();
    let paths: Vec<&str> = site.posts.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "content/post/kubecon-day-1/index.md",
            "content/post/devoxx-notes/index.md"
        ]
    );
    let kubecon = &site.posts[0];
    assert_eq!(kubecon.title, "KubeCon Day 1: operators everywhere");
    assert_eq!(kubecon.layout, PostLayout::Bundle);
    assert_eq!(kubecon.section, "post");
    assert!(site.posts[1].draft);
    assert_eq!(site.terms("tags"), ["java", "kubernetes", "operators"]);
    assert_eq!(search_posts(&site.posts, "devoxx").len(), 1);

    let config = &site.config;
    assert_eq!(
        config.base_url.as_deref(),
        Some("https://notes.example.org/")
    );
    assert!(!config.unsafe_html, "unsafe = false in hugo.toml");
    assert!(config.typographer);
    let fields = Post::parse(&fixture.text(kubecon.path.as_str()))
        .unwrap()
        .fields()
        .clone();
    assert_eq!(
        permalink(config, kubecon, &fields),
        "https://notes.example.org/2024/03/kubecon-day-1/"
    );
}

#[test]
fn a_new_post_follows_the_sections_layout_and_hugos_default_archetype() {
    let site = Fixture::new("bundles").site();
    let style = SectionStyle::of(&site.posts, "post");
    assert_eq!(
        style,
        SectionStyle {
            bundles: true,
            dated_names: false,
            format: Format::Yaml
        }
    );
    let archetype = find_archetype(&site.config, "post", &site.paths(), style.format);
    assert_eq!(archetype.source, ArchetypeSource::BuiltIn(Format::Yaml));
    let path = new_post_path(
        &site.config,
        "post",
        &style,
        "DevOpsCon: Munich!",
        &now(),
        &site.paths(),
    )
    .unwrap();
    assert_eq!(path.as_str(), "content/post/devopscon-munich/index.md");
    let name = content_base_name(&path, PostLayout::Bundle);
    let filled = new_post_text(
        builtin_archetype(style.format),
        &context(&site.config, &name, "DevOpsCon: Munich!", "post", now()),
    );
    assert!(filled.unfilled.is_empty(), "{:?}", filled.unfilled);
    let post = Post::parse(&filled.text).unwrap();
    assert_eq!(post.fields().title.as_deref(), Some("DevOpsCon: Munich!"));
    assert_eq!(
        post.fields().date.as_ref().map(|d| d.as_str()),
        Some("2024-05-31T09:30:00+02:00")
    );
    assert_eq!(post.fields().draft, Some(true));

    let image = place_image(
        &site.config,
        &path,
        PostLayout::Bundle,
        "Keynote Stage.JPG",
        &site.paths(),
    )
    .unwrap();
    assert_eq!(
        image.path.as_str(),
        "content/post/devopscon-munich/keynote-stage.jpg"
    );
    assert_eq!(image.link, "keynote-stage.jpg");
}

#[test]
fn a_split_config_merges_as_hugo_does_and_flat_posts_keep_images_under_static() {
    let fixture = Fixture::new("split");
    let site = fixture.site();
    let config = &site.config;
    assert_eq!(
        config.files,
        [
            "config/_default/hugo.toml",
            "config/_default/markup.toml",
            "config/_default/params.toml"
        ]
    );
    assert!(
        config.unsafe_html,
        "markup.toml sets goldmark.renderer.unsafe"
    );
    assert!(!config.typographer, "markup.toml turns the typographer off");
    assert_eq!(
        config.base_url.as_deref(),
        Some("https://blog.example.net/")
    );
    // An environment folder counts only when picked.
    let production = fixture.config(Some("production")).unwrap();
    assert_eq!(
        production.base_url.as_deref(),
        Some("https://production.example.net/")
    );
    assert_eq!(environments(&fixture.paths()), ["production"]);

    assert_eq!(
        site.posts[0].path.as_str(),
        "content/posts/2019-09-02-jsconf.md"
    );
    let style = SectionStyle::of(&site.posts, "posts");
    assert_eq!(
        style,
        SectionStyle {
            bundles: false,
            dated_names: true,
            format: Format::Toml
        }
    );
    let path = new_post_path(config, "posts", &style, "KubeCon EU", &now(), &site.paths()).unwrap();
    assert_eq!(path.as_str(), "content/posts/2024-05-31-kubecon-eu.md");
    assert_eq!(image_folder(config, &site.paths()), "img");
    let image = place_image(config, &path, PostLayout::Flat, "crowd.png", &site.paths()).unwrap();
    assert_eq!(image.path.as_str(), "static/img/crowd.png");
    assert_eq!(image.link, "/img/crowd.png");
    // The post's own figure resolves to the file under static.
    let devops = site
        .posts
        .iter()
        .find(|p| p.title.starts_with("DevOpsDays"))
        .unwrap();
    assert_eq!(
        resolve_image(config, &devops.path, devops.layout, "/img/2019/crowd.png")
            .unwrap()
            .as_str(),
        "static/img/2019/crowd.png"
    );
    let fields = Post::parse(&fixture.text(devops.path.as_str()))
        .unwrap()
        .fields()
        .clone();
    assert_eq!(
        permalink(config, devops, &fields),
        "https://blog.example.net/2019/06/devopsdays-day-one.html",
        "url in front matter wins"
    );
}

#[test]
fn archetypes_are_found_in_hugos_order_and_what_cannot_be_filled_is_listed() {
    let fixture = Fixture::new("archetypes");
    let site = fixture.site();
    assert_eq!(site.config.themes, ["plain"]);
    let talks = find_archetype(&site.config, "talks", &site.paths(), Format::Yaml);
    let ArchetypeSource::File(path) = &talks.source else {
        panic!("archetypes/talks.md exists: {talks:?}");
    };
    assert_eq!(path.as_str(), "archetypes/talks.md");
    let filled = fill_archetype(
        &fixture.text(path.as_str()),
        &context(&site.config, "rust-in-prod", "Rust in prod", "talks", now()),
    );
    assert!(
        filled.text.contains("title: \"Rust in Prod\"\n"),
        "{}",
        filled.text
    );
    assert!(filled.text.contains("year: 2024\n"), "{}", filled.text);
    assert_eq!(filled.unfilled.len(), 1);
    assert_eq!(filled.unfilled[0].line, 7);
    assert!(filled.unfilled[0].action.contains(".Params.speaker"));
    Post::parse(&filled.text).expect("the filled archetype is a valid post");

    let other = find_archetype(&site.config, "notes", &site.paths(), Format::Yaml);
    assert_eq!(
        other.source,
        ArchetypeSource::File(SitePath::new("themes/plain/archetypes/default.md").unwrap())
    );
    let filled = fill_archetype(
        &fixture.text("themes/plain/archetypes/default.md"),
        &context(&site.config, "my-first-note", "x", "notes", now()),
    );
    assert!(
        filled.text.contains("title: \"My first note\""),
        "{}",
        filled.text
    );
    let listed = &site.posts[0];
    let fields = Post::parse(&fixture.text(listed.path.as_str()))
        .unwrap()
        .fields()
        .clone();
    assert_eq!(
        permalink(&site.config, listed, &fields),
        "https://talks.example.com/talks/the-first-talk/"
    );
}

#[test]
fn a_folder_that_is_not_a_site_and_a_broken_config_say_what_and_where() {
    let err = Fixture::new("not-a-site").config(None).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("not-a-site") && message.contains("hugo.toml"),
        "{message}"
    );

    let err = Fixture::new("broken-config").config(None).unwrap_err();
    match &err {
        SiteError::ConfigSyntax { file, line, .. } => {
            assert_eq!(file, "hugo.toml");
            assert!((2..=3).contains(line), "line {line}: {err}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(err.to_string().contains("hugo.toml") && err.to_string().contains("line"));
}

#[test]
fn no_path_from_a_hostile_name_leaves_the_site_folder() {
    for bad in [
        "../etc/passwd",
        "/etc/passwd",
        "content/../../x",
        "content/./x",
        "C:\\Windows\\x",
        "c:/x",
        "content/CON",
        "content/nul.md",
        "content/com1.txt",
        "content/x.",
        "content/x ",
        "content//x",
        "",
    ] {
        assert!(SitePath::new(bad).is_err(), "{bad:?} was accepted");
    }
    let config = SiteConfig::from_files(&[]).unwrap();
    let style = SectionStyle {
        bundles: true,
        dated_names: false,
        format: Format::Yaml,
    };
    for title in [
        "../../etc/passwd",
        "/absolute",
        "CON",
        "..",
        "a/b\\c",
        "<script>",
    ] {
        let path = new_post_path(&config, "post", &style, title, &now(), &[]).unwrap();
        assert!(
            path.as_str().starts_with("content/post/"),
            "{title:?} -> {path}"
        );
        assert_eq!(path.segments().count(), 4, "{title:?} -> {path}");
        assert!(!path.as_str().contains(".."), "{title:?} -> {path}");
    }
    // A hostile section is refused, not followed.
    assert!(new_post_path(&config, "../..", &style, "x", &now(), &[]).is_err());
    for name in ["../../x.jpg", "C:\\evil\\a.png", "nul.png", ".htaccess"] {
        let bundle = SitePath::new("content/post/a/index.md").unwrap();
        let placed = place_image(&config, &bundle, PostLayout::Bundle, name, &[]).unwrap();
        assert!(
            placed.path.as_str().starts_with("content/post/a/"),
            "{name:?} -> {}",
            placed.path
        );
        assert!(!placed.link.contains('/'), "{name:?} -> {}", placed.link);
    }
}

#[test]
fn a_site_post_opens_as_one_linked_draft_and_a_changed_file_is_a_conflict() {
    let store = DraftStore::new(MemoryStorage::new(), 1);
    let mut ws = Workspace::start(store, |_| "# New\n".into(), 1_000);
    let text = "---\ntitle: A\n---\nBody\n";
    let link = |text: &str| SiteLink {
        site: "blog".into(),
        path: "content/post/a.md".into(),
        disk: DiskVersion::of(text.as_bytes(), 5_000),
    };
    assert_eq!(
        ws.open_site_post(text, link(text), 2_000).unwrap(),
        SiteOpen::Created
    );
    assert_eq!(ws.text(), text);
    assert_eq!(
        ws.cursor(),
        text.len(),
        "a new post opens at its end, not in its front matter"
    );
    assert_eq!(
        ws.site_link().map(|l| l.path.as_str()),
        Some("content/post/a.md")
    );

    // Unedited, the file changed on disk: opening again takes the disk text.
    let pulled = "---\ntitle: A\n---\nBody, pulled\n";
    assert_eq!(
        ws.open_site_post(pulled, link(pulled), 3_000).unwrap(),
        SiteOpen::Refreshed
    );
    assert_eq!(ws.text(), pulled);
    let drafts = ws.store().scan().unwrap().active().len();

    // Edited here: opening again keeps the edits, and a save finds the disk changed.
    ws.edit(&format!("{pulled}More.\n"), 0);
    ws.save(4_000);
    let other = "---\ntitle: A\n---\nChanged elsewhere\n";
    assert_eq!(
        ws.open_site_post(other, link(other), 5_000).unwrap(),
        SiteOpen::KeptEdits
    );
    assert!(ws.text().ends_with("More.\n"));
    assert_eq!(
        ws.store().scan().unwrap().active().len(),
        drafts,
        "one draft per file"
    );
    let seen = ws.site_link().unwrap().clone();
    assert_eq!(seen.check(Some(pulled.as_bytes())), DiskCheck::Unchanged);
    assert_eq!(
        seen.check(Some(other.as_bytes())),
        DiskCheck::Changed {
            theirs: other.into()
        }
    );
    // Both versions survive the conflict: the disk one as a draft of its own.
    let kept = ws
        .keep_disk_version(other, "content/post/a.md", 6_000)
        .unwrap();
    assert_eq!(ws.store().load(&kept).unwrap().unwrap().text, other);
    assert!(ws.text().ends_with("More.\n"));

    // After writing, the link remembers what was written; the draft survives a restart.
    let written = ws.text().to_string();
    ws.link_site(
        SiteLink {
            disk: DiskVersion::of(written.as_bytes(), 7_000),
            ..seen
        },
        7_000,
    )
    .unwrap();
    let storage = ws.store().storage().clone();
    let again = Workspace::start(DraftStore::new(storage, 2), |_| "# New\n".into(), 8_000);
    assert_eq!(again.text(), written);
    assert_eq!(
        again.site_link().unwrap().check(Some(written.as_bytes())),
        DiskCheck::Unchanged
    );
}

#[test]
fn a_site_without_raw_html_shows_where_hugo_leaves_it_out() {
    let text = Fixture::new("bundles").text("content/post/kubecon-day-1/index.md");
    let body = recap::post::lenient_body(&text);
    let published = render_html(body, &RenderOptions::default());
    assert!(published.contains("tweet-card"), "{published}");
    let opts = RenderOptions {
        raw_html: false,
        ..RenderOptions::default()
    };
    let html = render_html(body, &opts);
    assert!(!html.contains("tweet-card"), "{html}");
    assert!(!html.contains("<blockquote"), "{html}");
    assert!(html.contains("class=\"raw-omitted\""), "{html}");
    assert!(html.contains("<strong>operators</strong>"), "{html}");
    let check = recap::writing::raw_html_check(&text).unwrap();
    assert!(check.message.contains("1 place"), "{}", check.message);
    assert_eq!(check.line, 12);

    let quotes = "Notes from the \"first\" day -- with quotes.\n";
    assert!(render_html(quotes, &RenderOptions::default()).contains('“'));
    let plain = RenderOptions {
        typographer: false,
        ..RenderOptions::default()
    };
    assert!(render_html(quotes, &plain).contains("\"first\" day -- with"));
}

#[test]
fn a_draft_that_could_not_take_the_disk_text_stays_linked_to_what_it_holds() {
    let storage = MemoryStorage::new();
    let mut ws = Workspace::start(
        DraftStore::new(storage.clone(), 1),
        |_| "# New\n".into(),
        1_000,
    );
    let text = "---\ntitle: A\n---\nBody\n";
    let link = |text: &str| SiteLink {
        site: "blog".into(),
        path: "content/post/a.md".into(),
        disk: DiskVersion::of(text.as_bytes(), 5_000),
    };
    ws.open_site_post(text, link(text), 2_000).unwrap();
    ws.save(2_500);
    let id = ws.id().clone();
    // A `git pull` changed the file, and storage is full when the post is opened again.
    let pulled = "---\ntitle: A\n---\nBody, pulled\n";
    // Full for the longer text, not for a new link: only the text's write fails.
    let used: usize = storage
        .snapshot()
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    storage.set_quota(Some(used + 2));
    assert!(ws.open_site_post(pulled, link(pulled), 3_000).is_err());
    let stored = ws.store().load(&id).unwrap().unwrap();
    assert_eq!(stored.text, text);
    // Linked to the pulled version, its old text would later overwrite the file unseen.
    assert_eq!(
        stored.site.unwrap().check(Some(text.as_bytes())),
        DiskCheck::Unchanged
    );
    storage.set_quota(None);
    assert_eq!(
        ws.open_site_post(pulled, link(pulled), 4_000).unwrap(),
        SiteOpen::Refreshed
    );
    assert_eq!(ws.text(), pulled);
}
