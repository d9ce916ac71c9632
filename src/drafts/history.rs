//! Snapshots of a draft's text over time, to go back to.

use super::draft::Draft;
use super::id::Revision;
use serde::{Deserialize, Serialize};

/// At most this many snapshots per draft; the oldest give way.
pub const MAX_SNAPSHOTS: usize = 30;
/// While editing, a snapshot at most every five minutes.
pub const EDIT_INTERVAL_MS: i64 = 5 * 60 * 1000;

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SnapshotReason {
    /// Periodically while editing.
    Editing,
    /// Before an import replaced or merged the draft.
    BeforeImport,
    /// Before an older snapshot was restored.
    BeforeRestore,
    /// Before a conflict between tabs was resolved.
    BeforeConflict,
}

/// The text of a draft at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// When it was taken (ms).
    pub at_ms: i64,
    /// The draft's revision then.
    pub rev: Revision,
    /// Why.
    pub reason: SnapshotReason,
    /// The whole text.
    pub text: String,
}

impl Snapshot {
    /// A snapshot of `draft` as stored.
    pub fn of(draft: &Draft, reason: SnapshotReason, now_ms: i64) -> Snapshot {
        Snapshot {
            at_ms: now_ms,
            rev: draft.rev,
            reason,
            text: draft.text.clone(),
        }
    }
}

/// A draft's snapshots, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    snapshots: Vec<Snapshot>,
}

impl History {
    /// Adds a snapshot unless it repeats the newest text; drops the oldest beyond
    /// [`MAX_SNAPSHOTS`]. Returns whether anything changed.
    pub fn push(&mut self, snapshot: Snapshot) -> bool {
        if self
            .snapshots
            .last()
            .is_some_and(|s| s.text == snapshot.text)
        {
            return false;
        }
        self.snapshots.push(snapshot);
        while self.snapshots.len() > MAX_SNAPSHOTS {
            self.snapshots.remove(0);
        }
        true
    }

    /// Whether an editing snapshot is due (none yet, or the newest is five minutes old).
    pub fn is_due(&self, now_ms: i64) -> bool {
        self.snapshots
            .last()
            .is_none_or(|s| now_ms - s.at_ms >= EDIT_INTERVAL_MS)
    }

    /// Snapshot `index` (0 = oldest).
    pub fn get(&self, index: usize) -> Option<&Snapshot> {
        self.snapshots.get(index)
    }

    /// All snapshots, oldest first.
    pub fn snapshots(&self) -> &[Snapshot] {
        &self.snapshots
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.snapshots.len()
    }

    /// None yet.
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
    }

    pub(crate) fn drop_oldest(&mut self) {
        if !self.snapshots.is_empty() {
            self.snapshots.remove(0);
        }
    }
}
