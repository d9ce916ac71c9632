//! The posts of a site: which files are posts, what the list shows of them, and how
//! the site lays out a section (page bundles or flat files, dated names, which front
//! matter format), so that a new post and its images follow the same layout.

use super::{safe_file_name, SiteConfig, SiteError, SitePath};
use crate::post::{slugify, Format, Post, PostDate};

/// A file of the site folder as the browser lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Path relative to the site folder, `/`-separated.
    pub path: String,
    /// `lastModified` (ms since the epoch).
    pub modified_ms: i64,
    /// Size in bytes.
    pub size: u64,
}

/// How a post is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostLayout {
    /// One file: `content/post/2018-12-10-munich.md`; images live under `static/`.
    Flat,
    /// A page bundle: `content/post/munich/index.md` with its images beside it.
    Bundle,
}

impl PostLayout {
    /// The layout of the post file at `path`: `index.md` is a page bundle.
    pub fn of(path: &SitePath) -> PostLayout {
        if path.file_name() == "index.md" {
            PostLayout::Bundle
        } else {
            PostLayout::Flat
        }
    }
}

/// A post of the site, as the site's posts list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SitePost {
    /// The file.
    pub path: SitePath,
    /// Its section (`post`), empty for pages at the top of the content folder.
    pub section: String,
    /// Flat file or page bundle.
    pub layout: PostLayout,
    /// Its title, else its file name.
    pub title: String,
    /// Its `date`, when valid.
    pub date: Option<PostDate>,
    /// Whether it is marked `draft: true`.
    pub draft: bool,
    /// `tags` and `categories` (and any other taxonomy of the site), for suggestions.
    pub terms: Vec<(String, Vec<String>)>,
    /// The front matter format, when it has one that parses.
    pub format: Option<Format>,
    /// The file's `lastModified` (ms).
    pub modified_ms: i64,
    /// Why its front matter could not be read, if so (the post is still listed).
    pub problem: Option<String>,
}

fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The files of `files` that are posts: Markdown under the content folder, minus
/// section pages (`_index.md`) and the Markdown resources inside a page bundle.
///
/// ```
/// use recap::site::{post_files, SiteConfig, SiteFile};
/// let file = |p: &str| SiteFile { path: p.into(), modified_ms: 0, size: 1 };
/// let files = [file("content/post/a.md"), file("content/post/_index.md"),
///              file("content/post/b/index.md"), file("content/post/b/notes.md"),
///              file("static/img/x.jpg")];
/// let config = SiteConfig::from_files(&[]).unwrap();
/// let posts: Vec<_> = post_files(&files, &config).map(|f| f.path.as_str()).collect();
/// assert_eq!(posts, ["content/post/a.md", "content/post/b/index.md"]);
/// ```
pub fn post_files<'a>(
    files: &'a [SiteFile],
    config: &SiteConfig,
) -> impl Iterator<Item = &'a SiteFile> + 'a {
    let prefix = format!("{}/", config.content_dir.trim_end_matches('/'));
    let bundles: Vec<&str> = files
        .iter()
        .filter_map(|f| f.path.strip_prefix(&prefix)?.strip_suffix("/index.md"))
        .collect();
    files.iter().filter(move |f| {
        let Some(rel) = f.path.strip_prefix(&prefix) else {
            return false;
        };
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if !is_markdown(name) || name.starts_with("_index.") {
            return false;
        }
        // A Markdown file inside a bundle (below a folder holding index.md) is one of
        // the bundle's resources, not a post of its own.
        let inside_bundle = bundles
            .iter()
            .any(|b| rel.starts_with(&format!("{b}/")) && rel != format!("{b}/index.md"));
        !inside_bundle
    })
}

impl SitePost {
    /// Reads what the list shows of the post `file`, whose text is `text`.
    pub fn read(file: &SiteFile, text: &str, config: &SiteConfig) -> Result<SitePost, SiteError> {
        let path = SitePath::new(&file.path)?;
        let rel = file
            .path
            .strip_prefix(config.content_dir.trim_end_matches('/'))
            .and_then(|r| r.strip_prefix('/'))
            .unwrap_or(&file.path);
        let section = match rel.split_once('/') {
            Some((section, _)) => section.to_string(),
            None => String::new(),
        };
        let layout = PostLayout::of(&path);
        let base = content_base_name(&path, layout);
        let mut post = SitePost {
            title: base.clone(),
            path,
            section,
            layout,
            date: None,
            draft: false,
            terms: Vec::new(),
            format: None,
            modified_ms: file.modified_ms,
            problem: None,
        };
        match Post::parse(text) {
            Ok(parsed) => {
                let fields = parsed.fields();
                if let Some(title) = fields.title.clone().filter(|t| !t.trim().is_empty()) {
                    post.title = title;
                }
                post.date = fields.date.clone();
                post.draft = fields.draft.unwrap_or(false);
                post.format = parsed.format();
                post.terms = config
                    .taxonomies
                    .iter()
                    .filter_map(|t| {
                        let terms: Vec<String> = match parsed.get(&t.plural)? {
                            crate::post::Value::List(items) => {
                                items.iter().filter_map(|v| v.as_text()).collect()
                            }
                            v => v.as_text().into_iter().collect(),
                        };
                        Some((t.plural.clone(), terms))
                    })
                    .collect();
            }
            Err(e) => post.problem = Some(e.to_string()),
        }
        Ok(post)
    }

    /// The date shown and sorted on: the front matter's, else one at the start of the
    /// file name (`2018-12-10-munich.md`), as `YYYY-MM-DD`.
    pub fn day(&self) -> Option<String> {
        self.date.as_ref().map(PostDate::ymd).or_else(|| {
            let base = content_base_name(&self.path, self.layout);
            dated_name(&base).map(|(day, _)| day.to_string())
        })
    }
}

/// The name Hugo calls `.File.ContentBaseName`: the file name without extension, or
/// the bundle's folder name.
pub fn content_base_name(path: &SitePath, layout: PostLayout) -> String {
    match layout {
        PostLayout::Bundle => path
            .parent()
            .map(|p| p.file_name().to_string())
            .unwrap_or_default(),
        PostLayout::Flat => {
            let name = path.file_name();
            name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
        }
    }
}

/// `2018-12-10-munich` → `("2018-12-10", "munich")`.
fn dated_name(name: &str) -> Option<(&str, &str)> {
    let (day, rest) = (name.get(..10)?, name.get(10..)?);
    let ok = day.char_indices().all(|(i, c)| match i {
        4 | 7 => c == '-',
        _ => c.is_ascii_digit(),
    });
    (ok && (rest.is_empty() || rest.starts_with('-'))).then(|| (day, rest.trim_start_matches('-')))
}

/// Newest first (by [`SitePost::day`], then file time), undated posts last by file time.
pub fn sort_newest_first(posts: &mut [SitePost]) {
    // `day` formats a date: once per post, not once per comparison.
    posts.sort_by_cached_key(|p| {
        (
            std::cmp::Reverse(p.day()),
            std::cmp::Reverse(p.modified_ms),
            p.path.clone(),
        )
    });
}

/// The posts whose title, path, section or terms hold every word of `query`
/// (case-insensitive).
///
/// ```
/// use recap::site::{search_posts, SiteConfig, SiteFile, SitePost};
/// let config = SiteConfig::from_files(&[]).unwrap();
/// let file = SiteFile { path: "content/post/munich.md".into(), modified_ms: 0, size: 0 };
/// let post = SitePost::read(&file, "---\ntitle: DevOpsCon Munich\ntags: [docker]\n---\n", &config).unwrap();
/// assert_eq!(search_posts(&[post.clone()], "munich DOCKER").len(), 1);
/// assert!(search_posts(&[post], "berlin").is_empty());
/// ```
pub fn search_posts<'a>(posts: &'a [SitePost], query: &str) -> Vec<&'a SitePost> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    posts
        .iter()
        .filter(|p| {
            let mut hay = format!("{} {} {}", p.title, p.path, p.section);
            for (_, terms) in &p.terms {
                hay.push(' ');
                hay.push_str(&terms.join(" "));
            }
            let hay = hay.to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}

/// How a section stores its posts, learnt from the posts it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionStyle {
    /// Page bundles (`slug/index.md`) rather than flat files.
    pub bundles: bool,
    /// File or folder names start with the date (`2018-12-10-slug`).
    pub dated_names: bool,
    /// The front matter format most of its posts use (TOML, Hugo's own, when none).
    pub format: Format,
}

impl SectionStyle {
    /// The style of `section`, by majority of its posts (of the whole site when the
    /// section has none).
    ///
    /// ```
    /// use recap::site::{SectionStyle, SiteConfig, SiteFile, SitePost};
    /// use recap::post::Format;
    /// let config = SiteConfig::from_files(&[]).unwrap();
    /// let post = |p: &str| SitePost::read(&SiteFile { path: p.into(), modified_ms: 0, size: 0 },
    ///                                     "---\ntitle: x\n---\n", &config).unwrap();
    /// let posts = [post("content/post/2018-12-10-a.md"), post("content/post/2019-01-02-b.md")];
    /// let style = SectionStyle::of(&posts, "post");
    /// assert!(!style.bundles && style.dated_names);
    /// assert_eq!(style.format, Format::Yaml);
    /// ```
    pub fn of(posts: &[SitePost], section: &str) -> SectionStyle {
        let in_section: Vec<&SitePost> = posts.iter().filter(|p| p.section == section).collect();
        let sample: Vec<&SitePost> = if in_section.is_empty() {
            posts.iter().collect()
        } else {
            in_section
        };
        let half = sample.len() / 2;
        let bundles = sample
            .iter()
            .filter(|p| p.layout == PostLayout::Bundle)
            .count();
        let dated = sample
            .iter()
            .filter(|p| dated_name(&content_base_name(&p.path, p.layout)).is_some())
            .count();
        let count = |f: Format| sample.iter().filter(|p| p.format == Some(f)).count();
        let format = [Format::Toml, Format::Yaml, Format::Json]
            .into_iter()
            .max_by_key(|f| (count(*f), *f == Format::Toml))
            .unwrap_or(Format::Toml);
        SectionStyle {
            bundles: !sample.is_empty() && bundles > half,
            dated_names: !sample.is_empty() && dated > half,
            format,
        }
    }
}

/// The sections a site has posts in, most posts first (`post` before `about`...).
pub fn sections(posts: &[SitePost]) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in posts.iter().filter(|p| !p.section.is_empty()) {
        match counts.iter_mut().find(|(s, _)| *s == p.section) {
            Some((_, n)) => *n += 1,
            None => counts.push((p.section.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.into_iter().map(|(s, _)| s).collect()
}

/// Where a new post titled `title` goes in `section`, following its style; a name
/// already taken gets `-2`, `-3`... The slug is made safe (no `..`, no `/`).
///
/// ```
/// use recap::site::{new_post_path, SectionStyle, SiteConfig};
/// use recap::post::{Format, PostDate};
/// let config = SiteConfig::from_files(&[]).unwrap();
/// let style = SectionStyle { bundles: true, dated_names: false, format: Format::Yaml };
/// let date: PostDate = "2024-05-31".parse().unwrap();
/// let path = new_post_path(&config, "post", &style, "KubeCon: Day 1", &date, &[]).unwrap();
/// assert_eq!(path.as_str(), "content/post/kubecon-day-1/index.md");
/// let taken = ["content/post/kubecon-day-1/index.md".to_string()];
/// let path = new_post_path(&config, "post", &style, "KubeCon: Day 1", &date, &taken).unwrap();
/// assert_eq!(path.as_str(), "content/post/kubecon-day-1-2/index.md");
/// ```
pub fn new_post_path(
    config: &SiteConfig,
    section: &str,
    style: &SectionStyle,
    title: &str,
    date: &PostDate,
    existing: &[String],
) -> Result<SitePath, SiteError> {
    let mut slug = safe_file_name(&slugify(title));
    if slug == "file" && slugify(title).is_empty() {
        slug = "untitled".into();
    }
    let stem = if style.dated_names {
        format!("{}-{slug}", date.ymd())
    } else {
        slug
    };
    let folder = SitePath::new(config.content_dir.trim_end_matches('/'))?;
    let folder = if section.is_empty() {
        folder
    } else {
        folder.join(section)?
    };
    for n in 1.. {
        let name = if n == 1 {
            stem.clone()
        } else {
            format!("{stem}-{n}")
        };
        let path = if style.bundles {
            folder.join(&format!("{name}/index.md"))?
        } else {
            folder.join(&format!("{name}.md"))?
        };
        let bundle_dir = format!("{}/{name}/", folder.as_str());
        let flat = format!("{}/{name}.md", folder.as_str());
        let taken = existing
            .iter()
            .any(|e| e.starts_with(&bundle_dir) || *e == flat);
        if !taken {
            return Ok(path);
        }
    }
    unreachable!("some suffix is always free")
}
