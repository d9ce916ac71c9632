//! One `.zip` with every draft (trash included) and a manifest; restoring merges by id.

use super::draft::{Draft, FORMAT};
use super::history::SnapshotReason;
use super::id::DraftId;
use super::storage::{Storage, StorageError};
use super::store::DraftStore;
use crate::archive::{ZipReader, ZipWriter};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What `manifest.json` says about each draft; its text is `drafts/<id>.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    id: DraftId,
    file: String,
    rev: u64,
    created_ms: i64,
    updated_ms: i64,
    #[serde(default)]
    trashed_ms: Option<i64>,
    #[serde(default)]
    origin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Manifest {
    app: String,
    format: u32,
    created_ms: i64,
    drafts: Vec<Entry>,
}

/// Why a backup could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackupError {
    /// Not a zip file at all.
    #[error("{name}: not a zip file ({reason}).")]
    NotZip {
        /// File name.
        name: String,
        /// What the zip reader said.
        reason: String,
    },
    /// A zip, but not a Recap backup.
    #[error("{name}: not a Recap backup (it has no readable manifest.json: {reason}).")]
    NoManifest {
        /// File name.
        name: String,
        /// What is wrong.
        reason: String,
    },
}

/// The backup's bytes. Texts are stored byte-identical, one file per draft, without
/// compression (backups before that were deflated; [`read_backup`] reads both).
pub fn write_backup(drafts: &[Draft], now_ms: i64) -> Result<Vec<u8>, String> {
    let mut zip = ZipWriter::new();
    let mut entries = Vec::new();
    for d in drafts {
        let file = format!("drafts/{}.md", d.id);
        zip.add(&file, d.text.as_bytes())
            .map_err(|e| e.to_string())?;
        entries.push(Entry {
            id: d.id.clone(),
            file,
            rev: d.rev.0,
            created_ms: d.created_ms,
            updated_ms: d.updated_ms,
            trashed_ms: d.trashed_ms,
            origin: d.origin.clone(),
        });
    }
    let manifest = Manifest {
        app: "recap".into(),
        format: FORMAT,
        created_ms: now_ms,
        drafts: entries,
    };
    let manifest = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    zip.add("manifest.json", manifest.as_bytes())
        .map_err(|e| e.to_string())?;
    zip.finish().map_err(|e| e.to_string())
}

/// The drafts in a backup, with a note for each entry that could not be read.
pub fn read_backup(name: &str, bytes: &[u8]) -> Result<(Vec<Draft>, Vec<String>), BackupError> {
    let zip = ZipReader::new(bytes).map_err(|e| BackupError::NotZip {
        name: name.into(),
        reason: e.to_string(),
    })?;
    let no_manifest = |reason: String| BackupError::NoManifest {
        name: name.into(),
        reason,
    };
    let manifest: Manifest = {
        let bytes = zip
            .read("manifest.json")
            .map_err(|e| no_manifest(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| no_manifest(e.to_string()))?;
        serde_json::from_str(&text).map_err(|e| no_manifest(e.to_string()))?
    };
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for entry in manifest.drafts {
        let read = zip
            .read(&entry.file)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|e| e.to_string()));
        match read {
            Ok(text) => drafts.push(Draft {
                format: FORMAT,
                id: entry.id,
                rev: super::id::Revision(entry.rev),
                text,
                created_ms: entry.created_ms,
                updated_ms: entry.updated_ms,
                cursor: 0,
                trashed_ms: entry.trashed_ms,
                origin: entry.origin,
                site: None,
            }),
            Err(e) => problems.push(format!("{}: {e}", entry.file)),
        }
    }
    Ok((drafts, problems))
}

/// What a restore did, draft by draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Drafts that were not here and were added.
    pub added: Vec<DraftId>,
    /// Drafts replaced by the backup's newer revision (the old text is a snapshot).
    pub updated: Vec<DraftId>,
    /// Drafts kept because this browser's revision is as new or newer.
    pub kept: Vec<DraftId>,
}

impl<S: Storage> DraftStore<S> {
    /// Merges backed-up drafts by id: a missing draft is added, a newer revision
    /// replaces the stored one (which becomes a snapshot first), an older one is kept
    /// out. Nothing is deleted.
    pub fn merge(&mut self, drafts: Vec<Draft>, now_ms: i64) -> Result<MergeReport, StorageError> {
        let mut report = MergeReport::default();
        for incoming in drafts {
            match self.load(&incoming.id)? {
                None => {
                    self.recreate(&incoming)?;
                    report.added.push(incoming.id);
                }
                Some(local)
                    if (incoming.rev, incoming.updated_ms) > (local.rev, local.updated_ms) =>
                {
                    if local.text != incoming.text {
                        self.snapshot(&local, SnapshotReason::BeforeImport, now_ms)?;
                    }
                    self.recreate(&incoming)?;
                    report.updated.push(incoming.id);
                }
                Some(_) => report.kept.push(incoming.id),
            }
        }
        Ok(report)
    }
}
