//! A post and its images as a page-bundle `.zip`, laid out as a Hugo site expects:
//! unzipping it at the site's root puts `content/<section>/<slug>/index.md` and the
//! images beside it, where the post's relative links find them.

use super::safe_file_name;
use crate::archive::ZipWriter;
use crate::post::{slugify, Post};

/// The zip's file name and bytes for `text` (the post, byte for byte) and `images`
/// (file name, bytes), in section `section`.
///
/// ```
/// let (name, bytes) = recap::site::bundle_zip("---\ntitle: KubeCon Day 1\n---\n![x](stage.png)\n", "post",
///                                              &[("stage.png".into(), vec![1, 2, 3])]).unwrap();
/// assert_eq!(name, "kubecon-day-1.zip");
/// let zip = recap::archive::ZipReader::new(&bytes).unwrap();
/// let text = zip.read("content/post/kubecon-day-1/index.md").unwrap();
/// assert!(text.ends_with(b"![x](stage.png)\n"));
/// assert_eq!(zip.read("content/post/kubecon-day-1/stage.png").unwrap(), [1, 2, 3]);
/// ```
pub fn bundle_zip(
    text: &str,
    section: &str,
    images: &[(String, Vec<u8>)],
) -> Result<(String, Vec<u8>), String> {
    let post = Post::parse(text).ok();
    let fields = post
        .as_ref()
        .map(|p| p.fields().clone())
        .unwrap_or_default();
    let slug = [fields.slug.clone(), fields.title.clone()]
        .into_iter()
        .flatten()
        .map(|s| slugify(&s))
        .find(|s| !s.is_empty())
        .map(|s| safe_file_name(&s))
        .unwrap_or_else(|| "untitled".into());
    let section = match safe_file_name(section) {
        s if s == "file" => "post".to_string(),
        s => s,
    };
    let folder = format!("content/{section}/{slug}");
    // Stored, not deflated: the images are compressed already, and the text is small.
    let mut zip = ZipWriter::new();
    let err = |e: crate::archive::ArchiveError| format!("the zip could not be written: {e}");
    zip.add(&format!("{folder}/index.md"), text.as_bytes())
        .map_err(err)?;
    for (name, bytes) in images {
        zip.add(&format!("{folder}/{}", safe_file_name(name)), bytes)
            .map_err(err)?;
    }
    let bytes = zip.finish().map_err(err)?;
    Ok((format!("{slug}.zip"), bytes))
}
