//! Paths inside the site folder that cannot leave it, and file names safe on every system.

use super::SiteError;
use std::fmt;

/// A path inside the site folder: relative, `/`-separated, each segment a name that
/// Windows, macOS and Linux all accept. It cannot name anything outside the folder
/// (`..`, absolute paths and drive letters are refused when it is made), so code that
/// writes files takes a `SitePath`, never a string.
///
/// ```
/// use recap::site::SitePath;
/// let p = SitePath::new("content/post/devopscon/index.md").unwrap();
/// assert_eq!(p.file_name(), "index.md");
/// assert_eq!(p.parent().unwrap().as_str(), "content/post/devopscon");
/// assert!(SitePath::new("../etc/passwd").is_err());
/// assert!(SitePath::new("/etc/passwd").is_err());
/// assert!(SitePath::new("content/CON.md").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SitePath(String);

impl SitePath {
    /// Checks `path` segment by segment.
    pub fn new(path: &str) -> Result<SitePath, SiteError> {
        let unsafe_path = |reason| SiteError::UnsafePath {
            path: path.to_string(),
            reason,
        };
        if path.is_empty() {
            return Err(unsafe_path("it is empty"));
        }
        if path.starts_with('/') || path.contains('\\') {
            return Err(unsafe_path("it must be relative to the site folder"));
        }
        for segment in path.split('/') {
            check_segment(segment).map_err(unsafe_path)?;
        }
        Ok(SitePath(path.to_string()))
    }

    /// This path with `name` (one segment, or several joined by `/`) appended.
    pub fn join(&self, name: &str) -> Result<SitePath, SiteError> {
        SitePath::new(&format!("{}/{name}", self.0))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its segments, outermost first.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('/')
    }

    /// The last segment.
    pub fn file_name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }

    /// The folder holding it, or `None` at the top of the site.
    pub fn parent(&self) -> Option<SitePath> {
        self.0
            .rsplit_once('/')
            .map(|(p, _)| SitePath(p.to_string()))
    }
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn check_segment(segment: &str) -> Result<(), &'static str> {
    match segment {
        "" => return Err("it has an empty folder name"),
        "." | ".." => return Err("it must not leave the site folder"),
        _ => {}
    }
    if segment
        .chars()
        .any(|c| c.is_control() || "<>:\"|?*".contains(c))
    {
        return Err(
            "it holds a character Windows does not allow (< > : \" | ? * or a control character)",
        );
    }
    if segment.ends_with(['.', ' ']) {
        return Err("a name must not end with a dot or a space");
    }
    if segment.len() > 200 {
        return Err("a name is longer than 200 bytes");
    }
    if is_reserved(segment) {
        return Err("it is a name Windows reserves (CON, NUL, COM1...)");
    }
    Ok(())
}

/// Windows reserves these names with any extension (`con.md` too).
fn is_reserved(segment: &str) -> bool {
    let stem = segment.split('.').next().unwrap_or(segment).trim_end();
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
}

/// A file name made safe from whatever a writer or a dropped file brings: letters
/// and digits kept (any script), everything else one dash, the extension lowercased,
/// reserved names suffixed, folders dropped. Never empty, never a path.
///
/// ```
/// use recap::site::safe_file_name;
/// assert_eq!(safe_file_name("Slide 3 (Keynote).JPG"), "slide-3-keynote.jpg");
/// assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
/// assert_eq!(safe_file_name("con.png"), "con-file.png");
/// assert_eq!(safe_file_name("???"), "file");
/// ```
pub fn safe_file_name(name: &str) -> String {
    let name = name
        .rsplit(['/', '\\'])
        .find(|s| !s.is_empty())
        .unwrap_or("");
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.trim_matches('.').is_empty()
                && !ext.is_empty()
                && ext.len() <= 8
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem, Some(ext.to_ascii_lowercase()))
        }
        _ => (name, None),
    };
    let mut stem = crate::post::slugify(stem);
    if stem.is_empty() {
        stem = "file".to_string();
    }
    if is_reserved(&stem) {
        stem.push_str("-file");
    }
    match ext {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    }
}

/// `name` made safe ([`safe_file_name`]) and, when `taken` says so, suffixed `-2`,
/// `-3`... before the extension, so a new file never replaces one already there.
///
/// ```
/// use recap::site::unique_name;
/// let taken = ["slide.png", "slide-2.png"];
/// assert_eq!(unique_name("Slide.PNG", |n| taken.contains(&n)), "slide-3.png");
/// ```
pub fn unique_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let safe = safe_file_name(name);
    let (stem, ext) = match safe.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (safe.clone(), String::new()),
    };
    (1..)
        .map(|n| match n {
            1 => safe.clone(),
            n => format!("{stem}-{n}{ext}"),
        })
        .find(|candidate| !taken(candidate))
        .unwrap_or(safe)
}
