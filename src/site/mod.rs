//! A Hugo site as plain data: its configuration merged as Hugo merges it, its posts,
//! the layout new posts and images follow, its archetypes and its permalinks.
//!
//! Nothing here touches the file system: the browser lists and reads the folder
//! (`ui::site_folder`), this module decides. Every path it hands back to be written is
//! a [`SitePath`], which cannot name anything outside the picked folder.

mod archetype;
mod bundle_zip;
mod config;
mod content;
mod error;
mod images;
mod path;
mod permalink;

pub use archetype::{
    builtin_archetype, context, fill_archetype, find_archetype, go_format, new_post_text,
    Archetype, ArchetypeContext, ArchetypeSource, Filled, Unfilled,
};
pub use bundle_zip::bundle_zip;
pub use config::{config_files, environments, ConfigFile, SiteConfig, Taxonomy};
pub use content::{
    content_base_name, new_post_path, post_files, search_posts, sections, sort_newest_first,
    PostLayout, SectionStyle, SiteFile, SitePost,
};
pub use error::SiteError;
pub use images::{image_folder, is_image, place_image, resolve_image, ImagePlacement};
pub use path::{safe_file_name, unique_name, SitePath};
pub use permalink::permalink;

/// Month names, as Go's time layouts and Hugo's permalinks spell them.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names from Monday, likewise.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A site folder as read: its configuration, its files and its posts.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// The folder's name, as the picker gave it.
    pub name: String,
    /// The merged configuration.
    pub config: SiteConfig,
    /// Every file of the folder (config, content, static, archetypes, themes' archetypes).
    pub files: Vec<SiteFile>,
    /// Its posts, newest first.
    pub posts: Vec<SitePost>,
}

impl Site {
    /// Every file path, for lookups that only need names.
    pub fn paths(&self) -> Vec<String> {
        self.files.iter().map(|f| f.path.clone()).collect()
    }

    /// The file `path`, if the folder has it.
    pub fn file(&self, path: &str) -> Option<&SiteFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The post at `path`, if listed.
    pub fn post(&self, path: &str) -> Option<&SitePost> {
        self.posts.iter().find(|p| p.path.as_str() == path)
    }

    /// Every term of the taxonomy `plural` (`tags`) used in the site, most used first.
    ///
    /// ```
    /// use recap::site::{Site, SiteConfig, SiteFile, SitePost};
    /// let config = SiteConfig::from_files(&[]).unwrap();
    /// let post = |p: &str, tags: &str| SitePost::read(&SiteFile { path: p.into(), modified_ms: 0, size: 0 },
    ///     &format!("---\ntags: [{tags}]\n---\n"), &config).unwrap();
    /// let site = Site { name: "blog".into(), config: config.clone(), files: vec![],
    ///     posts: vec![post("content/post/a.md", "docker, k8s"), post("content/post/b.md", "k8s")] };
    /// assert_eq!(site.terms("tags"), ["k8s", "docker"]);
    /// ```
    pub fn terms(&self, plural: &str) -> Vec<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for terms in self
            .posts
            .iter()
            .flat_map(|p| p.terms.iter())
            .filter(|(k, _)| k == plural)
            .map(|(_, t)| t)
        {
            for term in terms {
                match counts.iter_mut().find(|(t, _)| t == term) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((term.clone(), 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts.into_iter().map(|(t, _)| t).collect()
    }
}
