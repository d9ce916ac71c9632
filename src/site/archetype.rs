//! New posts from the site's archetypes: found in Hugo's lookup order and filled the
//! way `hugo new` fills them, for the template expressions archetypes commonly use.
//!
//! Hugo runs archetypes through Go templates with the whole site at hand; Recap does
//! not pretend to. It evaluates the expressions archetypes are written with (`.Date`,
//! `.Name`, `.Title`, `.File.ContentBaseName`, `.Section`, `now.Format`, `replace`,
//! `title`, `humanize`, `upper`, `lower`, `urlize`, comments) and lists every other
//! action with its line, replaced by nothing, so the writer sees what to fill by hand.

use super::{SiteConfig, SitePath};
use crate::post::{Format, PostDate};
use chrono::{Datelike, NaiveDateTime, Timelike};

/// Where a new post's template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchetypeSource {
    /// A file of the site or its theme.
    File(SitePath),
    /// Hugo's own default (the site has none), in the site's front matter format.
    BuiltIn(Format),
}

/// The archetype a new post in a section is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archetype {
    /// Its file, or the built-in one.
    pub source: ArchetypeSource,
    /// Whether it is a bundle archetype (`archetypes/<name>/index.md`): the new post
    /// is then a page bundle.
    pub bundle: bool,
}

/// Finds the archetype for a new post in `section`, in Hugo's lookup order:
/// `archetypes/<section>.md`, the theme's, `archetypes/default.md`, the theme's, and
/// Hugo's built-in one (written in `format`, the format the site's posts use).
/// A folder archetype (`<name>/index.md`) counts where its `.md` would.
///
/// ```
/// use recap::site::{find_archetype, ArchetypeSource, SiteConfig, ConfigFile};
/// use recap::post::Format;
/// let config = SiteConfig::from_files(&[ConfigFile::new("hugo.toml", "theme = 'ananke'")]).unwrap();
/// let paths = ["archetypes/default.md", "themes/ananke/archetypes/post.md"].map(String::from);
/// let found = find_archetype(&config, "post", &paths, Format::Yaml);
/// assert_eq!(found.source, ArchetypeSource::File(recap::site::SitePath::new("themes/ananke/archetypes/post.md").unwrap()));
/// let found = find_archetype(&config, "talks", &paths, Format::Yaml);
/// assert_eq!(found.source, ArchetypeSource::File(recap::site::SitePath::new("archetypes/default.md").unwrap()));
/// assert_eq!(find_archetype(&config, "post", &[], Format::Toml).source, ArchetypeSource::BuiltIn(Format::Toml));
/// ```
pub fn find_archetype(
    config: &SiteConfig,
    section: &str,
    paths: &[String],
    format: Format,
) -> Archetype {
    let dirs: Vec<String> = std::iter::once(config.archetype_dir.clone())
        .chain(
            config
                .themes
                .iter()
                .map(|t| format!("{}/{t}/archetypes", config.themes_dir)),
        )
        .collect();
    let names = [section, "default"].into_iter().filter(|n| !n.is_empty());
    for name in names {
        for dir in &dirs {
            for (candidate, bundle) in [
                (format!("{dir}/{name}.md"), false),
                (format!("{dir}/{name}/index.md"), true),
            ] {
                if paths.contains(&candidate) {
                    if let Ok(path) = SitePath::new(&candidate) {
                        return Archetype {
                            source: ArchetypeSource::File(path),
                            bundle,
                        };
                    }
                }
            }
        }
    }
    Archetype {
        source: ArchetypeSource::BuiltIn(format),
        bundle: false,
    }
}

/// Hugo's built-in archetype (what `hugo new` uses when a site has none), in `format`.
pub fn builtin_archetype(format: Format) -> &'static str {
    match format {
        Format::Yaml => "---\ntitle: \"{{ replace .File.ContentBaseName \"-\" \" \" | title }}\"\ndate: {{ .Date }}\ndraft: true\n---\n\n",
        Format::Toml => "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\ndate = {{ .Date }}\ndraft = true\n+++\n\n",
        Format::Json => "{\n  \"title\": \"{{ replace .File.ContentBaseName \"-\" \" \" | title }}\",\n  \"date\": \"{{ .Date }}\",\n  \"draft\": true\n}\n\n",
    }
}

/// What an archetype's expressions can refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchetypeContext {
    /// `.File.ContentBaseName` and `.Name`: the file name without extension, or the
    /// bundle's folder name.
    pub name: String,
    /// `.Title`: the title the writer gave.
    pub title: String,
    /// `.Section` and `.Type`.
    pub section: String,
    /// `.Date` and `now`: the moment of creation, in the writer's offset.
    pub now: PostDate,
    /// `.Site.Title`.
    pub site_title: String,
    /// `.Site.BaseURL`.
    pub base_url: String,
}

/// An archetype action Recap could not evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfilled {
    /// 1-based line of the archetype.
    pub line: usize,
    /// The action as written (`{{ .Params.foo }}`).
    pub action: String,
}

/// An archetype with its expressions filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The new post's text.
    pub text: String,
    /// What could not be filled (left empty in `text`).
    pub unfilled: Vec<Unfilled>,
}

/// Fills `template`'s actions from `ctx`.
///
/// ```
/// use recap::site::{fill_archetype, ArchetypeContext};
/// let ctx = ArchetypeContext {
///     name: "kubecon-day-1".into(), title: "KubeCon: Day 1".into(), section: "post".into(),
///     now: "2024-05-31T09:30:00+02:00".parse().unwrap(), site_title: "Notes".into(), base_url: String::new(),
/// };
/// let filled = fill_archetype(
///     "---\ntitle: \"{{ replace .File.ContentBaseName \"-\" \" \" | title }}\"\ndate: {{ .Date }}\nyear: {{ now.Format \"2006\" }}\nx: {{ .Params.x }}\n---\n",
///     &ctx,
/// );
/// assert_eq!(filled.text, "---\ntitle: \"Kubecon Day 1\"\ndate: 2024-05-31T09:30:00+02:00\nyear: 2024\nx: \n---\n");
/// assert_eq!(filled.unfilled[0].line, 5);
/// ```
pub fn fill_archetype(template: &str, ctx: &ArchetypeContext) -> Filled {
    let mut text = String::with_capacity(template.len());
    let mut unfilled = Vec::new();
    let mut rest = template;
    let mut consumed = 0;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}").map(|c| open + c) else {
            break;
        };
        let mut before = &rest[..open];
        let mut action = &rest[open + 2..close];
        let mut after_at = close + 2;
        // `{{-` and `-}}` trim the white space beside the action.
        if let Some(a) = action.strip_prefix('-') {
            action = a;
            before = before.trim_end();
        }
        let trims_after = action.ends_with('-');
        if let Some(a) = action.strip_suffix('-') {
            action = a;
        }
        text.push_str(before);
        if trims_after {
            after_at += rest[after_at..].len() - rest[after_at..].trim_start().len();
        }
        let action_text = action.trim();
        if !action_text.starts_with("/*") {
            match evaluate(action_text, ctx) {
                Some(value) => text.push_str(&value),
                None => unfilled.push(Unfilled {
                    line: template[..consumed + open].matches('\n').count() + 1,
                    action: format!("{{{{ {action_text} }}}}"),
                }),
            }
        }
        consumed += after_at;
        rest = &rest[after_at..];
    }
    text.push_str(rest);
    Filled { text, unfilled }
}

#[derive(Debug, Clone)]
enum Val {
    Str(String),
    Time(PostDate),
}

impl Val {
    fn text(self) -> String {
        match self {
            Val::Str(s) => s,
            Val::Time(t) => t.as_str().to_string(),
        }
    }
}

/// Splits an action into words, keeping quoted strings (`"..."` or `` `...` ``) whole.
fn tokens(s: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' || c == '`' {
            chars.next();
            let mut lit = String::from('"');
            loop {
                match chars.next()? {
                    '\\' if c == '"' => lit.push(chars.next()?),
                    q if q == c => break,
                    other => lit.push(other),
                }
            }
            out.push(lit);
        } else if c == '|' {
            chars.next();
            out.push("|".into());
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '|' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(word);
        }
    }
    Some(out)
}

fn evaluate(action: &str, ctx: &ArchetypeContext) -> Option<String> {
    let tokens = tokens(action)?;
    let mut value: Option<Val> = None;
    for command in tokens.split(|t| t == "|") {
        let (name, args) = command.split_first()?;
        let mut args: Vec<Val> = args
            .iter()
            .map(|a| term(a, ctx))
            .collect::<Option<Vec<_>>>()?;
        if let Some(piped) = value.take() {
            args.push(piped);
        }
        value = Some(if args.is_empty() {
            match term(name, ctx) {
                Some(v) => v,
                None => call(name, args, ctx)?,
            }
        } else {
            call(name, args, ctx)?
        });
    }
    value.map(Val::text)
}

fn term(word: &str, ctx: &ArchetypeContext) -> Option<Val> {
    if let Some(lit) = word.strip_prefix('"') {
        return Some(Val::Str(lit.to_string()));
    }
    Some(match word {
        ".Date" | ".PublishDate" | ".Lastmod" => Val::Str(ctx.now.as_str().to_string()),
        "now" => Val::Time(ctx.now.clone()),
        ".Name" | ".File.ContentBaseName" | ".File.TranslationBaseName" => {
            Val::Str(ctx.name.clone())
        }
        ".Title" => Val::Str(ctx.title.clone()),
        ".Section" | ".Type" => Val::Str(ctx.section.clone()),
        ".Site.Title" => Val::Str(ctx.site_title.clone()),
        ".Site.BaseURL" => Val::Str(ctx.base_url.clone()),
        _ => return None,
    })
}

fn call(name: &str, args: Vec<Val>, ctx: &ArchetypeContext) -> Option<Val> {
    let text = |v: &Val| v.clone().text();
    let s = match (name, args.as_slice()) {
        ("now.Format", [layout]) => go_format(&text(layout), &ctx.now),
        ("replace", [input, old, new]) => text(input).replace(&text(old), &text(new)),
        ("title", [input]) => title_case(&text(input)),
        ("humanize", [input]) => humanize(&text(input)),
        ("upper", [input]) => text(input).to_uppercase(),
        ("lower", [input]) => text(input).to_lowercase(),
        ("urlize", [input]) => crate::post::slugify(&text(input)),
        ("dateFormat" | "time.Format", [layout, when]) => {
            let when = match when {
                Val::Time(t) => t.clone(),
                Val::Str(s) => s.parse().ok()?,
            };
            go_format(&text(layout), &when)
        }
        _ => return None,
    };
    Some(Val::Str(s))
}

/// Fills a date into a Go time layout (`2006-01-02T15:04:05Z07:00`).
///
/// ```
/// let d: recap::post::PostDate = "2024-05-03T09:07:00+02:00".parse().unwrap();
/// assert_eq!(recap::site::go_format("Jan 2, 2006 at 15:04 -07:00", &d), "May 3, 2024 at 09:07 +02:00");
/// ```
pub fn go_format(layout: &str, date: &PostDate) -> String {
    let t: NaiveDateTime = date.local();
    let offset = date.offset_minutes().unwrap_or(0);
    let sign = if offset < 0 { '-' } else { '+' };
    let (oh, om) = (offset.abs() / 60, offset.abs() % 60);
    let month = super::MONTHS[t.month0() as usize];
    let day = super::WEEKDAYS[t.weekday().num_days_from_monday() as usize];
    let hour12 = match t.hour() % 12 {
        0 => 12,
        h => h,
    };
    // Longest tokens first, as Go reads them.
    let table: Vec<(&str, String)> = vec![
        ("January", month.to_string()),
        ("Monday", day.to_string()),
        (
            "Z07:00",
            if offset == 0 {
                "Z".into()
            } else {
                format!("{sign}{oh:02}:{om:02}")
            },
        ),
        ("-07:00", format!("{sign}{oh:02}:{om:02}")),
        ("-0700", format!("{sign}{oh:02}{om:02}")),
        ("2006", format!("{:04}", t.year())),
        ("Jan", month[..3].to_string()),
        ("Mon", day[..3].to_string()),
        (
            "MST",
            if offset == 0 {
                "UTC".into()
            } else {
                format!("{sign}{oh:02}{om:02}")
            },
        ),
        ("01", format!("{:02}", t.month())),
        ("02", format!("{:02}", t.day())),
        ("15", format!("{:02}", t.hour())),
        ("03", format!("{hour12:02}")),
        ("04", format!("{:02}", t.minute())),
        ("05", format!("{:02}", t.second())),
        ("06", format!("{:02}", t.year() % 100)),
        (
            "PM",
            if t.hour() >= 12 {
                "PM".into()
            } else {
                "AM".into()
            },
        ),
        (
            "pm",
            if t.hour() >= 12 {
                "pm".into()
            } else {
                "am".into()
            },
        ),
        ("1", t.month().to_string()),
        ("2", t.day().to_string()),
        ("3", hour12.to_string()),
    ];
    let mut out = String::new();
    let mut rest = layout;
    'outer: while !rest.is_empty() {
        for (token, value) in &table {
            if let Some(after) = rest.strip_prefix(token) {
                out.push_str(value);
                rest = after;
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Hugo's `title` (AP style by default): words capitalised, short joining words kept
/// lowercase except first and last.
fn title_case(s: &str) -> String {
    const SMALL: [&str; 12] = [
        "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to",
    ];
    let words: Vec<&str> = s.split(' ').collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i != 0 && i != last && SMALL.contains(&w.to_lowercase().as_str()) {
                w.to_lowercase()
            } else {
                let mut chars = w.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hugo's `humanize`: dashes and underscores to spaces, first letter capitalised.
fn humanize(s: &str) -> String {
    let spaced = s.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The new post's text: `archetype` filled, then the writer's own title put in the
/// `title` key when the archetype has one (Hugo would derive it from the file name;
/// the writer typed it). Returns what could not be filled too.
pub fn new_post_text(archetype: &str, ctx: &ArchetypeContext) -> Filled {
    let mut filled = fill_archetype(archetype, ctx);
    if let Ok(mut post) = crate::post::Post::parse(&filled.text) {
        if post.get("title").is_some()
            && !ctx.title.trim().is_empty()
            && post.set_title(&ctx.title).is_ok()
        {
            filled.text = post.to_string();
        }
    }
    filled
}

/// The site-wide context for an archetype, from the config.
pub fn context(
    config: &SiteConfig,
    name: &str,
    title: &str,
    section: &str,
    now: PostDate,
) -> ArchetypeContext {
    ArchetypeContext {
        name: name.to_string(),
        title: title.to_string(),
        section: section.to_string(),
        now,
        site_title: config.title.clone().unwrap_or_default(),
        base_url: config.base_url.clone().unwrap_or_default(),
    }
}
