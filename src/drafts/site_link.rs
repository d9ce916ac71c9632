//! A draft linked to a post file of a Hugo site folder, and what was on disk when the
//! draft last read or wrote it, so a save can tell whether someone else changed the
//! file since (another editor, a `git pull`) instead of overwriting it.

use serde::{Deserialize, Serialize};

/// The file a draft was opened from (or saved to) in a site folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteLink {
    /// The site folder's name (as the picker gave it).
    pub site: String,
    /// The post's path in the folder (`content/post/munich/index.md`).
    pub path: String,
    /// The file as this draft last read or wrote it.
    pub disk: DiskVersion,
}

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskVersion {
    /// `lastModified` (ms).
    pub modified_ms: i64,
    /// Length in bytes.
    pub len: u64,
    /// FNV-1a of the bytes (stable across builds, unlike `std`'s hasher).
    pub hash: u64,
}

impl DiskVersion {
    /// The version of a file holding `bytes`, modified at `modified_ms`.
    pub fn of(bytes: &[u8], modified_ms: i64) -> DiskVersion {
        DiskVersion {
            modified_ms,
            len: bytes.len() as u64,
            hash: fnv1a(bytes),
        }
    }

    /// Whether `bytes` are this version's content (the time may differ: a file
    /// touched but not changed is the same file).
    pub fn same_content(&self, bytes: &[u8]) -> bool {
        self.len == bytes.len() as u64 && self.hash == fnv1a(bytes)
    }
}

/// What a save to the site finds on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskCheck {
    /// The file is as the draft last saw it: writing replaces nothing unseen.
    Unchanged,
    /// Someone changed the file since: the writer must choose.
    Changed {
        /// The file's text now.
        theirs: String,
    },
    /// The file holds bytes that are not UTF-8 text: never overwritten unasked.
    ChangedBinary,
    /// The file is gone (moved or deleted): writing creates it again.
    Missing,
}

impl SiteLink {
    /// Compares what is on disk now (`None`: no file) with what this draft last saw.
    ///
    /// ```
    /// use recap::drafts::{DiskCheck, DiskVersion, SiteLink};
    /// let link = SiteLink { site: "blog".into(), path: "content/post/a.md".into(),
    ///                       disk: DiskVersion::of(b"# A\n", 1_000) };
    /// assert_eq!(link.check(Some(b"# A\n")), DiskCheck::Unchanged);
    /// assert_eq!(link.check(Some(b"# A, pulled\n")), DiskCheck::Changed { theirs: "# A, pulled\n".into() });
    /// assert_eq!(link.check(None), DiskCheck::Missing);
    /// ```
    pub fn check(&self, disk: Option<&[u8]>) -> DiskCheck {
        match disk {
            None => DiskCheck::Missing,
            Some(bytes) if self.disk.same_content(bytes) => DiskCheck::Unchanged,
            Some(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => DiskCheck::Changed {
                    theirs: text.to_string(),
                },
                Err(_) => DiskCheck::ChangedBinary,
            },
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
