//! A Hugo site's configuration: found, parsed and merged as Hugo does, then read into
//! the few settings Recap follows (where posts live, how they are published, and how
//! their Markdown is rendered).

use super::SiteError;
use crate::post::{Format, PostError, Value};

/// The root configuration file names Hugo looks for, in its order of precedence
/// (`hugo.*` since 0.110, `config.*` before).
const ROOT_NAMES: [&str; 8] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// A taxonomy: `tag` listed in front matter as `tags`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    /// The singular name (`tag`).
    pub singular: String,
    /// The plural, which is also the front matter key (`tags`).
    pub plural: String,
}

/// What Recap reads of a site's configuration.
///
/// ```
/// use recap::site::{ConfigFile, SiteConfig};
/// let config = SiteConfig::from_files(&[ConfigFile::new(
///     "hugo.toml",
///     "baseURL = 'https://example.org/'\ntitle = 'Notes'\n[permalinks]\npost = '/:year/:slug/'\n",
/// )])
/// .unwrap();
/// assert_eq!(config.base_url.as_deref(), Some("https://example.org/"));
/// assert_eq!(config.permalink("post"), Some("/:year/:slug/"));
/// assert!(!config.unsafe_html);
/// assert!(config.typographer);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    /// `baseURL`.
    pub base_url: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `contentDir` (default `content`).
    pub content_dir: String,
    /// `staticDir` (default `static`; the first one when it is a list).
    pub static_dir: String,
    /// `archetypeDir` (default `archetypes`).
    pub archetype_dir: String,
    /// `themesDir` (default `themes`).
    pub themes_dir: String,
    /// `theme`, one or several (the first one's files win).
    pub themes: Vec<String>,
    /// `[taxonomies]`, or Hugo's defaults (tags and categories) when not set.
    pub taxonomies: Vec<Taxonomy>,
    /// `[permalinks]` (or `[permalinks.page]`): section to pattern, in file order.
    pub permalinks: Vec<(String, String)>,
    /// `markup.goldmark.renderer.unsafe`: whether raw HTML is published (default false).
    pub unsafe_html: bool,
    /// `markup.goldmark.extensions.typographer` (default on).
    pub typographer: bool,
    /// The files read, in the order they were merged.
    pub files: Vec<String>,
}

/// A configuration file's path (relative to the site folder) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFile {
    /// Path relative to the site folder (`hugo.toml`, `config/_default/params.toml`).
    pub path: String,
    /// Its text.
    pub text: String,
}

impl ConfigFile {
    /// A file and its text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> ConfigFile {
        ConfigFile {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// Which of `paths` (every file of the site folder, relative, `/`-separated) are its
/// configuration, in the order Hugo merges them: the root file (the first of
/// `hugo.toml|yaml|yml|json`, then `config.*`), then `config/_default/` (its
/// `hugo.*`/`config.*` first, then the others by name), then `config/<environment>/`
/// when one is picked. Later files win. Empty when the folder is not a Hugo site.
///
/// ```
/// let paths = ["hugo.toml", "config/_default/params.toml", "config/production/params.toml",
///              "content/post/a.md"].map(String::from);
/// assert_eq!(recap::site::config_files(&paths, None),
///            ["hugo.toml", "config/_default/params.toml"]);
/// ```
pub fn config_files(paths: &[String], environment: Option<&str>) -> Vec<String> {
    let mut files: Vec<String> = ROOT_NAMES
        .iter()
        .find(|name| paths.iter().any(|p| p == *name))
        .map(|name| name.to_string())
        .into_iter()
        .collect();
    let dirs = std::iter::once("_default").chain(environment);
    for dir in dirs {
        let prefix = format!("config/{dir}/");
        let mut in_dir: Vec<&String> = paths
            .iter()
            .filter(|p| {
                p.strip_prefix(&prefix)
                    .is_some_and(|name| !name.contains('/') && format_of(name).is_some())
            })
            .collect();
        in_dir.sort_by_key(|p| (root_key_of(p).is_some(), p.as_str()));
        files.extend(in_dir.into_iter().cloned());
    }
    files
}

/// The environment folders (`config/production/`...) a site has, for the writer to pick.
pub fn environments(paths: &[String]) -> Vec<String> {
    let mut envs: Vec<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix("config/")?.split_once('/'))
        .filter(|(dir, rest)| *dir != "_default" && !rest.contains('/'))
        .map(|(dir, _)| dir.to_string())
        .collect();
    envs.sort();
    envs.dedup();
    envs
}

fn format_of(name: &str) -> Option<Format> {
    match name.rsplit_once('.')?.1 {
        "toml" => Some(Format::Toml),
        "yaml" | "yml" => Some(Format::Yaml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// For a file in a config folder: `None` when its keys are at the root (`hugo.toml`),
/// else the key path it is merged under (`params.toml` under `params`, `menus.en.toml`
/// under `languages.en.menus`).
fn root_key_of(path: &str) -> Option<Vec<String>> {
    let (dir, name) = path.rsplit_once('/')?;
    if !dir.starts_with("config/") {
        return None;
    }
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    match stem.split_once('.') {
        _ if stem == "hugo" || stem == "config" => None,
        Some((key, lang)) => Some(vec![
            "languages".into(),
            lang.to_lowercase(),
            key.to_lowercase(),
        ]),
        None => Some(vec![stem.to_lowercase()]),
    }
}

impl SiteConfig {
    /// Parses and merges `files` (in the order [`config_files`] gives), then reads the
    /// settings. A file that does not parse is named with its line.
    pub fn from_files(files: &[ConfigFile]) -> Result<SiteConfig, SiteError> {
        let mut merged: Vec<(String, Value)> = Vec::new();
        for file in files {
            let format = format_of(&file.path).unwrap_or(Format::Toml);
            let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
            let values = if text.trim().is_empty() {
                Vec::new()
            } else {
                crate::post::parse_fields(format, text, 1)
                    .map_err(|e| syntax_error(&file.path, e))?
            };
            let mut values = lowercase_keys(values);
            if let Some(path) = root_key_of(&file.path) {
                for key in path.into_iter().rev() {
                    values = vec![(key, Value::Map(values))];
                }
            }
            merge(&mut merged, values);
        }
        let last_file = |key: &str| {
            files
                .iter()
                .rev()
                .find(|f| f.text.to_lowercase().contains(key))
                .or(files.last())
                .map(|f| f.path.clone())
                .unwrap_or_default()
        };
        let get = |path: &[&str]| lookup(&merged, path);
        let text = |path: &[&str]| get(path).and_then(Value::as_text);
        let boolean = |path: &[&str], default: bool| -> Result<bool, SiteError> {
            match get(path) {
                None | Some(Value::Null) => Ok(default),
                Some(Value::Bool(b)) => Ok(*b),
                Some(other) => Err(SiteError::ConfigValue {
                    file: last_file(path[path.len() - 1]),
                    key: path.join("."),
                    expected: "true or false",
                    found: other.kind().to_string(),
                }),
            }
        };
        let typographer = match get(&["markup", "goldmark", "extensions", "typographer"]) {
            // Newer Hugo: a table of replacements with a `disable` switch.
            Some(Value::Map(_)) => !boolean(
                &["markup", "goldmark", "extensions", "typographer", "disable"],
                false,
            )?,
            _ => boolean(&["markup", "goldmark", "extensions", "typographer"], true)?,
        };
        let first_of = |v: Option<&Value>| match v {
            Some(Value::List(items)) => items.first().and_then(Value::as_text),
            Some(v) => v.as_text(),
            None => None,
        };
        Ok(SiteConfig {
            base_url: text(&["baseurl"]).filter(|s| !s.is_empty()),
            title: text(&["title"]),
            content_dir: text(&["contentdir"]).unwrap_or_else(|| "content".into()),
            static_dir: first_of(get(&["staticdir"])).unwrap_or_else(|| "static".into()),
            archetype_dir: text(&["archetypedir"]).unwrap_or_else(|| "archetypes".into()),
            themes_dir: text(&["themesdir"]).unwrap_or_else(|| "themes".into()),
            themes: match get(&["theme"]) {
                Some(Value::List(items)) => items.iter().filter_map(Value::as_text).collect(),
                Some(v) => v.as_text().into_iter().filter(|s| !s.is_empty()).collect(),
                None => Vec::new(),
            },
            taxonomies: match get(&["taxonomies"]) {
                Some(Value::Map(entries)) => entries
                    .iter()
                    .filter_map(|(singular, plural)| {
                        Some(Taxonomy {
                            singular: singular.clone(),
                            plural: plural.as_text().filter(|p| !p.is_empty())?,
                        })
                    })
                    .collect(),
                _ => vec![
                    Taxonomy {
                        singular: "category".into(),
                        plural: "categories".into(),
                    },
                    Taxonomy {
                        singular: "tag".into(),
                        plural: "tags".into(),
                    },
                ],
            },
            permalinks: permalinks(get(&["permalinks"])),
            unsafe_html: boolean(&["markup", "goldmark", "renderer", "unsafe"], false)?,
            typographer,
            files: files.iter().map(|f| f.path.clone()).collect(),
        })
    }

    /// The permalink pattern configured for `section`, if any.
    pub fn permalink(&self, section: &str) -> Option<&str> {
        self.permalinks
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(section))
            .map(|(_, p)| p.as_str())
    }
}

fn syntax_error(file: &str, e: PostError) -> SiteError {
    let message = match &e {
        PostError::Syntax {
            message, column, ..
        } => format!("{message} (column {column})"),
        other => other.to_string(),
    };
    SiteError::ConfigSyntax {
        file: file.to_string(),
        line: e.line(),
        message,
    }
}

/// `[permalinks] post = ...`, or since Hugo 0.114 `[permalinks.page] post = ...`.
fn permalinks(value: Option<&Value>) -> Vec<(String, String)> {
    let Some(Value::Map(entries)) = value else {
        return Vec::new();
    };
    let page = entries.iter().find_map(|(k, v)| match (k.as_str(), v) {
        ("page", Value::Map(page)) => Some(page),
        _ => None,
    });
    page.unwrap_or(entries)
        .iter()
        .filter_map(|(k, v)| match v {
            Value::String(p) => Some((k.clone(), p.clone())),
            _ => None,
        })
        .collect()
}

fn lowercase_keys(values: Vec<(String, Value)>) -> Vec<(String, Value)> {
    values
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::Map(inner) => Value::Map(lowercase_keys(inner)),
                other => other,
            };
            (k.to_lowercase(), v)
        })
        .collect()
}

/// Deep merge: tables merge key by key, anything else in `top` replaces what was there.
fn merge(base: &mut Vec<(String, Value)>, top: Vec<(String, Value)>) {
    for (key, value) in top {
        match (base.iter_mut().find(|(k, _)| *k == key), value) {
            (Some((_, Value::Map(into))), Value::Map(from)) => merge(into, from),
            (Some((_, slot)), value) => *slot = value,
            (None, value) => base.push((key, value)),
        }
    }
}

fn lookup<'a>(values: &'a [(String, Value)], path: &[&str]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let value = values.iter().find(|(k, _)| k == first).map(|(_, v)| v)?;
    match (rest.is_empty(), value) {
        (true, v) => Some(v),
        (false, Value::Map(inner)) => lookup(inner, rest),
        (false, _) => None,
    }
}
