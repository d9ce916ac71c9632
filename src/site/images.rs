//! Where a post's images live in a Hugo site, and which file an image link shows.
//!
//! A page bundle keeps its images beside `index.md` and links them by name; a flat
//! post links images under the static folder from the site root (`/img/x.jpg`),
//! in the folder the site already keeps images in.

use super::{unique_name, PostLayout, SiteConfig, SiteError, SitePath};

const IMAGE_EXTENSIONS: [&str; 8] = ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp"];

/// Whether `name` is an image file, by extension.
pub fn is_image(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The folder under the static folder where the site keeps most of its images
/// (`img` for `static/img/2018/x.jpg`), or `images` when it keeps none yet.
pub fn image_folder(config: &SiteConfig, existing: &[String]) -> String {
    let prefix = format!("{}/", config.static_dir.trim_end_matches('/'));
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for path in existing.iter().filter(|p| is_image(p)) {
        let Some((folder, _)) = path.strip_prefix(&prefix).and_then(|r| r.split_once('/')) else {
            continue;
        };
        match counts.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, n)) => *n += 1,
            None => counts.push((folder, 1)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map_or_else(|| "images".to_string(), |(f, _)| f.to_string())
}

/// Where an image goes and how the post links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePlacement {
    /// The file to write.
    pub path: SitePath,
    /// The link the post uses (`slide.jpg` in a bundle, `/img/slide.jpg` for a flat post).
    pub link: String,
}

/// Places the image `file_name` for the post at `post` (laid out as `layout`): beside
/// `index.md` in a bundle, else in the site's image folder under static. The name is
/// made safe; a name already taken gets `-2`, `-3`...
///
/// ```
/// use recap::site::{place_image, PostLayout, SiteConfig, SitePath};
/// let config = SiteConfig::from_files(&[]).unwrap();
/// let bundle = SitePath::new("content/post/munich/index.md").unwrap();
/// let placed = place_image(&config, &bundle, PostLayout::Bundle, "Slide 1.JPG", &[]).unwrap();
/// assert_eq!((placed.path.as_str(), placed.link.as_str()), ("content/post/munich/slide-1.jpg", "slide-1.jpg"));
/// let flat = SitePath::new("content/post/2018-12-10-munich.md").unwrap();
/// let existing = ["static/img/old.png".to_string(), "static/img/slide-1.jpg".to_string()];
/// let placed = place_image(&config, &flat, PostLayout::Flat, "slide 1.jpg", &existing).unwrap();
/// assert_eq!((placed.path.as_str(), placed.link.as_str()), ("static/img/slide-1-2.jpg", "/img/slide-1-2.jpg"));
/// ```
pub fn place_image(
    config: &SiteConfig,
    post: &SitePath,
    layout: PostLayout,
    file_name: &str,
    existing: &[String],
) -> Result<ImagePlacement, SiteError> {
    let (folder, link_prefix) = match layout {
        PostLayout::Bundle => (
            post.parent().ok_or(SiteError::UnsafePath {
                path: post.to_string(),
                reason: "a page bundle's index.md must be in a folder",
            })?,
            String::new(),
        ),
        PostLayout::Flat => {
            let sub = image_folder(config, existing);
            (
                SitePath::new(config.static_dir.trim_end_matches('/'))?.join(&sub)?,
                format!("/{sub}/"),
            )
        }
    };
    let prefix = format!("{folder}/");
    let name = unique_name(file_name, |candidate| {
        existing
            .iter()
            .any(|e| e.strip_prefix(&prefix) == Some(candidate))
    });
    Ok(ImagePlacement {
        path: folder.join(&name)?,
        link: format!("{link_prefix}{name}"),
    })
}

/// The site file an image link of the post at `post` shows, if it is one: a relative
/// link inside a bundle, a root link (`/img/x.jpg`, or the `baseURL` followed by it)
/// under the static folder. Links elsewhere (other hosts, `..`) give `None`.
///
/// ```
/// use recap::site::{resolve_image, PostLayout, SiteConfig, SitePath, ConfigFile};
/// let config = SiteConfig::from_files(&[ConfigFile::new("hugo.toml", "baseURL = 'https://blog.example/'")]).unwrap();
/// let bundle = SitePath::new("content/post/munich/index.md").unwrap();
/// assert_eq!(resolve_image(&config, &bundle, PostLayout::Bundle, "slide.jpg").unwrap().as_str(), "content/post/munich/slide.jpg");
/// assert_eq!(resolve_image(&config, &bundle, PostLayout::Bundle, "https://blog.example/img/a.png").unwrap().as_str(), "static/img/a.png");
/// assert_eq!(resolve_image(&config, &bundle, PostLayout::Bundle, "../other/secret.jpg"), None);
/// assert_eq!(resolve_image(&config, &bundle, PostLayout::Bundle, "https://elsewhere.example/a.png"), None);
/// ```
pub fn resolve_image(
    config: &SiteConfig,
    post: &SitePath,
    layout: PostLayout,
    src: &str,
) -> Option<SitePath> {
    let src = src.split(['?', '#']).next()?;
    let base = config.base_url.as_deref().map(|b| b.trim_end_matches('/'));
    let rooted = match base.and_then(|b| src.strip_prefix(b)) {
        Some(rest) if rest.starts_with('/') => rest,
        _ if src.contains("://") || src.starts_with("//") || src.contains(':') => return None,
        _ => src,
    };
    let decoded = percent_decode(rooted)?;
    if let Some(path) = decoded.strip_prefix('/') {
        return SitePath::new(config.static_dir.trim_end_matches('/'))
            .ok()?
            .join(path)
            .ok();
    }
    match layout {
        PostLayout::Bundle => post.parent()?.join(decoded.trim_start_matches("./")).ok(),
        PostLayout::Flat => None,
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
