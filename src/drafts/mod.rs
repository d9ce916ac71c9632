//! Drafts that are never lost: a store over browser storage with revisions (so an old
//! tab cannot overwrite a newer save), history snapshots, a trash, import and backups.
//!
//! Everything here but [`LocalStorage`] is plain Rust and runs natively against
//! [`MemoryStorage`], whose faults (quota, failing writes, no storage) the tests inject.

mod backup;
mod draft;
mod editor_text;
mod history;
mod id;
mod import;
mod local;
mod memory;
mod site_link;
mod storage;
mod store;
mod template;
mod workspace;

pub use backup::{read_backup, write_backup, BackupError, MergeReport};
pub use draft::{Draft, DraftSummary, LineEndings, FORMAT};
pub use editor_text::{EditorChange, EditorText, LineEdit, LinePos};
pub use history::{History, Snapshot, SnapshotReason, EDIT_INTERVAL_MS, MAX_SNAPSHOTS};
pub use id::{DraftId, Revision};
pub use import::{import_text, ImportError, MAX_IMPORT_BYTES};
pub use local::{BrowserStorage, LocalStorage};
pub use memory::MemoryStorage;
pub use site_link::{DiskCheck, DiskVersion, SiteLink};
pub use storage::{Storage, StorageError};
pub use store::{draft_key, DraftStore, SaveError, Scan, Settings, Unreadable, TEXT_BUDGET};
pub use template::{recap_template, SAMPLE_RECAP, SAMPLE_RECAP_NAME};
pub use workspace::{External, SaveState, SiteOpen, Workspace, CONFLICT_COPY_ORIGIN};
