//! A post's future address, from the site's `baseURL`, its `[permalinks]` and the
//! post's own `url` / `slug` / `title` / `date`, as Hugo builds it.

use super::{content_base_name, SiteConfig, SitePost};
use crate::post::{slugify, Fields};
use chrono::Datelike;

/// Where Hugo will publish the post at `post` with front matter `fields`.
///
/// `url` wins; else the section's permalink pattern (`:year`, `:month`,
/// `:monthname`, `:day`, `:weekday`, `:weekdayname`, `:yearday`, `:section`,
/// `:sections`, `:title`, `:slug`, `:slugorfilename`, `:slugorcontentbasename`,
/// `:filename`, `:contentbasename`); else `/<section>/<slug or file name>/`.
///
/// ```
/// use recap::site::{permalink, ConfigFile, SiteConfig, SiteFile, SitePost};
/// let config = SiteConfig::from_files(&[ConfigFile::new("hugo.toml",
///     "baseURL = 'https://blog.example/'\n[permalinks]\npost = '/:year/:month/:slug/'\n")]).unwrap();
/// let text = "---\ntitle: DevOpsCon Munich\ndate: 2018-12-10\n---\n";
/// let file = SiteFile { path: "content/post/2018-12-10-munich.md".into(), modified_ms: 0, size: 0 };
/// let post = SitePost::read(&file, text, &config).unwrap();
/// let fields = recap::post::Post::parse(text).unwrap().fields().clone();
/// assert_eq!(permalink(&config, &post, &fields), "https://blog.example/2018/12/devopscon-munich/");
/// ```
pub fn permalink(config: &SiteConfig, post: &SitePost, fields: &Fields) -> String {
    let base = config
        .base_url
        .as_deref()
        .unwrap_or("/")
        .trim_end_matches('/');
    if let Some(url) = fields.url.as_deref().filter(|u| !u.trim().is_empty()) {
        if url.contains("://") {
            return url.to_string();
        }
        return format!("{base}/{}", url.trim_start_matches('/'));
    }
    let file_name = content_base_name(&post.path, post.layout);
    let slug = fields
        .slug
        .as_deref()
        .map(slugify)
        .filter(|s| !s.is_empty());
    let title = fields.title.as_deref().map(slugify).unwrap_or_default();
    let path = match config.permalink(&post.section) {
        Some(pattern) => {
            let date = fields.date.as_ref().map(|d| d.local());
            let mut out = String::new();
            let mut rest = pattern;
            while let Some(i) = rest.find(':') {
                out.push_str(&rest[..i]);
                let after = &rest[i + 1..];
                let len = after
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(after.len());
                let token = &after[..len];
                let value = match (token, date) {
                    ("year", Some(d)) => format!("{:04}", d.year()),
                    ("month", Some(d)) => format!("{:02}", d.month()),
                    ("monthname", Some(d)) => super::MONTHS[d.month0() as usize].to_lowercase(),
                    ("day", Some(d)) => format!("{:02}", d.day()),
                    ("weekday", Some(d)) => d.weekday().num_days_from_sunday().to_string(),
                    ("weekdayname", Some(d)) => {
                        super::WEEKDAYS[d.weekday().num_days_from_monday() as usize].to_lowercase()
                    }
                    ("yearday", Some(d)) => d.ordinal().to_string(),
                    ("section" | "sections", _) => post.section.to_lowercase(),
                    ("title", _) => title.clone(),
                    ("slug", _) => slug.clone().unwrap_or_else(|| title.clone()),
                    ("slugorfilename" | "slugorcontentbasename", _) => {
                        slug.clone().unwrap_or_else(|| file_name.clone())
                    }
                    ("filename" | "contentbasename", _) => file_name.clone(),
                    _ => format!(":{token}"),
                };
                out.push_str(&value);
                rest = &after[len..];
            }
            out.push_str(rest);
            out
        }
        None => {
            let last = slug.unwrap_or_else(|| file_name.clone());
            if post.section.is_empty() {
                format!("/{last}/")
            } else {
                format!("/{}/{last}/", post.section.to_lowercase())
            }
        }
    };
    format!("{base}/{}", path.trim_start_matches('/').to_lowercase())
}
