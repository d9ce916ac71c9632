//! A post and its images as a page-bundle `.zip`, laid out as a Hugo site expects:
//! unzipping it at the site's root puts `content/<section>/<slug>/index.md` and the
//! images beside it, where the post's relative links find them.

use super::safe_file_name;
use crate::post::{slugify, Post};
use std::io::{Cursor, Write};

/// The zip's file name and bytes for `text` (the post, byte for byte) and `images`
/// (file name, bytes), in section `section`.
///
/// ```
/// use std::io::Read;
/// let (name, bytes) = recap::site::bundle_zip("---\ntitle: KubeCon Day 1\n---\n![x](stage.png)\n", "post",
///                                              &[("stage.png".into(), vec![1, 2, 3])]).unwrap();
/// assert_eq!(name, "kubecon-day-1.zip");
/// let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
/// let mut text = String::new();
/// zip.by_name("content/post/kubecon-day-1/index.md").unwrap().read_to_string(&mut text).unwrap();
/// assert!(text.ends_with("![x](stage.png)\n"));
/// assert_eq!(zip.by_name("content/post/kubecon-day-1/stage.png").unwrap().size(), 3);
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
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let text_options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    // Images are compressed already.
    let image_options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let err = |e: &dyn std::fmt::Display| format!("the zip could not be written: {e}");
    zip.start_file(format!("{folder}/index.md"), text_options)
        .map_err(|e| err(&e))?;
    zip.write_all(text.as_bytes()).map_err(|e| err(&e))?;
    for (name, bytes) in images {
        zip.start_file(format!("{folder}/{}", safe_file_name(name)), image_options)
            .map_err(|e| err(&e))?;
        zip.write_all(bytes).map_err(|e| err(&e))?;
    }
    let bytes = zip.finish().map_err(|e| err(&e))?.into_inner();
    Ok((format!("{slug}.zip"), bytes))
}
