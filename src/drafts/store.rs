//! The draft store: every rule that keeps drafts from being lost, over any [`Storage`].

use super::draft::{Draft, DraftSummary, FORMAT};
use super::history::{History, Snapshot, SnapshotReason};
use super::id::{DraftId, Revision};
use super::storage::{Storage, StorageError};
use super::SiteLink;
use serde::{Deserialize, Serialize};
use thiserror::Error;

const DRAFT_PREFIX: &str = "recap:draft:";
const HISTORY_PREFIX: &str = "recap:history:";
const SETTINGS_KEY: &str = "recap:settings";

/// The text storage's budget per origin, in UTF-16 code units (Chromium and Firefox
/// allow about 5 million; Safari about as much).
pub const TEXT_BUDGET: usize = 5_000_000;

/// The storage key of draft `id`.
pub fn draft_key(id: &DraftId) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// Why a save did not happen. In every case the stored data is unchanged and the
/// caller still holds the text.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SaveError {
    /// Another tab saved a newer revision since this one last saw the draft.
    #[error("This draft was changed in another tab. Keep your version as a copy, or take theirs.")]
    Conflict {
        /// What the other tab saved.
        theirs: Box<Draft>,
    },
    /// The draft is no longer in storage (deleted in another tab).
    #[error("This draft was deleted in another tab; saving it again creates it anew.")]
    Missing,
    /// The storage refused the write.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// An entry under Recap's keys that could not be read, kept untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Its storage key.
    pub key: String,
    /// Its raw text, offered to the writer as a recovered draft.
    pub raw: String,
    /// Why it could not be read, in words.
    pub reason: String,
}

/// Everything found in storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// Readable drafts, trashed ones included.
    pub drafts: Vec<Draft>,
    /// Entries that could not be read.
    pub unreadable: Vec<Unreadable>,
}

impl Scan {
    /// Drafts not in the trash, most recently changed first.
    pub fn active(&self) -> Vec<DraftSummary> {
        let mut list: Vec<DraftSummary> = self
            .drafts
            .iter()
            .filter(|d| d.trashed_ms.is_none())
            .map(Draft::summary)
            .collect();
        list.sort_by(|a, b| {
            b.updated_ms
                .cmp(&a.updated_ms)
                .then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// Drafts in the trash, most recently trashed first.
    pub fn trash(&self) -> Vec<DraftSummary> {
        let mut list: Vec<DraftSummary> = self
            .drafts
            .iter()
            .filter(|d| d.trashed_ms.is_some())
            .map(Draft::summary)
            .collect();
        list.sort_by_key(|d| std::cmp::Reverse(d.trashed_ms));
        list
    }

    /// Active drafts whose title or text contains `query`.
    pub fn search(&self, query: &str) -> Vec<DraftSummary> {
        let mut list: Vec<DraftSummary> = self
            .drafts
            .iter()
            .filter(|d| {
                d.trashed_ms.is_none()
                    && (d.matches(query)
                        || d.summary()
                            .title
                            .to_lowercase()
                            .contains(&query.to_lowercase()))
            })
            .map(Draft::summary)
            .collect();
        list.sort_by_key(|d| std::cmp::Reverse(d.updated_ms));
        list
    }
}

/// App settings kept beside the drafts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Author name for new drafts.
    #[serde(default)]
    pub author: Option<String>,
    /// The draft open last, to reopen it.
    #[serde(default)]
    pub last_open: Option<DraftId>,
    /// `"light"`, `"dark"`, or none to follow the system.
    #[serde(default)]
    pub theme: Option<String>,
}

/// Drafts over a [`Storage`]. Ids come from the clock and a per-tab nonce.
///
/// ```
/// use recap::drafts::{DraftStore, MemoryStorage};
/// let mut store = DraftStore::new(MemoryStorage::new(), 42);
/// let draft = store.create("# Notes\n", 1_000).unwrap();
/// let rev = store.save(&draft.id, draft.rev, "# Notes\nMore\n", 9, 2_000).unwrap();
/// assert_eq!(store.load(&draft.id).unwrap().unwrap().text, "# Notes\nMore\n");
/// assert!(rev > draft.rev);
/// ```
#[derive(Debug)]
pub struct DraftStore<S: Storage> {
    storage: S,
    tab_nonce: u32,
    counter: u32,
    writes: u64,
}

impl<S: Storage> DraftStore<S> {
    /// A store over `storage`; `tab_nonce` is a random number picked once per tab.
    pub fn new(storage: S, tab_nonce: u32) -> Self {
        DraftStore {
            storage,
            tab_nonce,
            counter: 0,
            writes: 0,
        }
    }

    /// The storage underneath.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// How many writes and removals this store has made. A [`Scan`] made when this was
    /// `n` still shows what this tab stored while it is `n` (another tab's writes are
    /// the storage event's to report).
    ///
    /// ```
    /// use recap::drafts::{DraftStore, MemoryStorage};
    /// let mut store = DraftStore::new(MemoryStorage::new(), 1);
    /// let before = store.writes();
    /// store.scan().unwrap();
    /// assert_eq!(store.writes(), before);
    /// store.create("# Notes", 0).unwrap();
    /// assert!(store.writes() > before);
    /// ```
    pub fn writes(&self) -> u64 {
        self.writes
    }

    fn put(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.writes += 1;
        self.storage.set(key, value)
    }

    fn delete(&mut self, key: &str) -> Result<(), StorageError> {
        self.writes += 1;
        self.storage.remove(key)
    }

    /// How much of the text storage's budget is used, in UTF-16 code units of every
    /// key and value (what browsers count against localStorage's limit of about five
    /// million per origin), and that budget. This, not the origin's disk quota, is
    /// what runs out when drafts no longer save.
    ///
    /// ```
    /// use recap::drafts::{DraftStore, MemoryStorage, TEXT_BUDGET};
    /// let mut store = DraftStore::new(MemoryStorage::new(), 1);
    /// let before = store.text_usage().unwrap();
    /// store.create("héllo", 0).unwrap();
    /// assert!(store.text_usage().unwrap() > before);
    /// assert!(store.text_usage().unwrap() < TEXT_BUDGET);
    /// ```
    pub fn text_usage(&self) -> Result<usize, StorageError> {
        let mut used = 0;
        for key in self.storage.keys()? {
            let value = self.storage.get(&key)?.unwrap_or_default();
            used += key.encode_utf16().count() + value.encode_utf16().count();
        }
        Ok(used)
    }

    /// Reads every draft; entries under Recap's draft keys that do not read as a draft
    /// (corrupt JSON, another format) are listed apart and left untouched.
    pub fn scan(&self) -> Result<Scan, StorageError> {
        let mut scan = Scan::default();
        for key in self.storage.keys()? {
            let Some(id_part) = key.strip_prefix(DRAFT_PREFIX) else {
                continue;
            };
            let Some(raw) = self.storage.get(&key)? else {
                continue;
            };
            match read_draft(&raw) {
                Ok(draft) if draft.id.as_str() == id_part => scan.drafts.push(draft),
                Ok(_) => scan.unreadable.push(Unreadable {
                    key,
                    raw,
                    reason: "its id does not match its key".into(),
                }),
                Err(reason) => scan.unreadable.push(Unreadable { key, raw, reason }),
            }
        }
        Ok(scan)
    }

    /// One draft, if stored and readable.
    pub fn load(&self, id: &DraftId) -> Result<Option<Draft>, StorageError> {
        Ok(self
            .storage
            .get(&draft_key(id))?
            .and_then(|raw| read_draft(&raw).ok()))
    }

    fn write(&mut self, draft: &Draft) -> Result<(), StorageError> {
        let json = serde_json::to_string(draft).map_err(|e| StorageError::Other(e.to_string()))?;
        self.put(&draft_key(&draft.id), &json)
    }

    fn new_id(&mut self, now_ms: i64) -> DraftId {
        loop {
            self.counter += 1;
            let id = DraftId::generate(now_ms, self.tab_nonce, self.counter);
            if !matches!(self.storage.get(&draft_key(&id)), Ok(Some(_))) {
                return id;
            }
        }
    }

    /// A new draft holding `text`.
    pub fn create(&mut self, text: &str, now_ms: i64) -> Result<Draft, StorageError> {
        self.create_from(text, None, now_ms)
    }

    /// A new draft from an imported file, named in `origin`.
    pub fn create_from(
        &mut self,
        text: &str,
        origin: Option<&str>,
        now_ms: i64,
    ) -> Result<Draft, StorageError> {
        let draft = Draft {
            format: FORMAT,
            id: self.new_id(now_ms),
            rev: Revision(1),
            text: text.to_string(),
            created_ms: now_ms,
            updated_ms: now_ms,
            cursor: 0,
            trashed_ms: None,
            origin: origin.map(str::to_string),
            site: None,
        };
        self.write(&draft)?;
        Ok(draft)
    }

    /// Saves `text` as the next revision of `id`, if the stored revision is still `base`
    /// (the one this tab last saw). Takes a history snapshot when the last one is five
    /// minutes old. Returns the new revision.
    pub fn save(
        &mut self,
        id: &DraftId,
        base: Revision,
        text: &str,
        cursor: usize,
        now_ms: i64,
    ) -> Result<Revision, SaveError> {
        let Some(mut stored) = self.load(id)? else {
            return Err(SaveError::Missing);
        };
        if stored.rev != base {
            return Err(SaveError::Conflict {
                theirs: Box::new(stored),
            });
        }
        let changed = stored.text != text;
        if !changed && stored.cursor == cursor {
            return Ok(stored.rev);
        }
        if changed {
            // The text as it was before this edit, if no snapshot is recent.
            let _ = self.snapshot_if_due(&stored, now_ms);
        }
        stored.rev = stored.rev.next();
        stored.text = text.to_string();
        stored.cursor = cursor;
        if changed {
            stored.updated_ms = now_ms;
        }
        self.write(&stored)?;
        Ok(stored.rev)
    }

    /// Links draft `id` to a site file (or unlinks it), as a new revision. Returns the
    /// revisions before and after, or `None` when the draft is gone.
    pub fn set_site(
        &mut self,
        id: &DraftId,
        link: Option<SiteLink>,
    ) -> Result<Option<(Revision, Revision)>, StorageError> {
        let Some(mut draft) = self.load(id)? else {
            return Ok(None);
        };
        let before = draft.rev;
        draft.site = link;
        draft.rev = draft.rev.next();
        self.write(&draft)?;
        Ok(Some((before, draft.rev)))
    }

    /// Writes `draft` again under its id if it is missing (deleted in another tab).
    pub fn recreate(&mut self, draft: &Draft) -> Result<(), StorageError> {
        self.write(draft)
    }

    /// A copy of `id` with its own id, titled as is.
    pub fn duplicate(&mut self, id: &DraftId, now_ms: i64) -> Result<Option<Draft>, StorageError> {
        let Some(original) = self.load(id)? else {
            return Ok(None);
        };
        self.create_from(&original.text, original.origin.as_deref(), now_ms)
            .map(Some)
    }

    fn set_trashed(&mut self, id: &DraftId, trashed: Option<i64>) -> Result<bool, StorageError> {
        let Some(mut draft) = self.load(id)? else {
            return Ok(false);
        };
        draft.trashed_ms = trashed;
        draft.rev = draft.rev.next();
        self.write(&draft)?;
        Ok(true)
    }

    /// Moves a draft to the trash (it stays stored and can be restored).
    pub fn trash(&mut self, id: &DraftId, now_ms: i64) -> Result<bool, StorageError> {
        self.set_trashed(id, Some(now_ms))
    }

    /// Takes a draft out of the trash.
    pub fn restore(&mut self, id: &DraftId) -> Result<bool, StorageError> {
        self.set_trashed(id, None)
    }

    /// Deletes every trashed draft and its history for good; returns how many.
    pub fn empty_trash(&mut self) -> Result<usize, StorageError> {
        let trashed: Vec<DraftId> = self
            .scan()?
            .drafts
            .into_iter()
            .filter(|d| d.trashed_ms.is_some())
            .map(|d| d.id)
            .collect();
        for id in &trashed {
            self.delete(&draft_key(id))?;
            self.delete(&history_key(id))?;
        }
        Ok(trashed.len())
    }

    /// The snapshots of a draft, oldest first.
    pub fn history(&self, id: &DraftId) -> Result<History, StorageError> {
        Ok(self
            .storage
            .get(&history_key(id))?
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default())
    }

    /// Records the draft's current stored text as a snapshot, whatever its age.
    pub fn snapshot(
        &mut self,
        draft: &Draft,
        reason: SnapshotReason,
        now_ms: i64,
    ) -> Result<(), StorageError> {
        let mut history = self.history(&draft.id)?;
        if history.push(Snapshot::of(draft, reason, now_ms)) {
            self.write_history(&draft.id, &mut history)?;
        }
        Ok(())
    }

    fn snapshot_if_due(&mut self, draft: &Draft, now_ms: i64) -> Result<(), StorageError> {
        let history = self.history(&draft.id)?;
        if history.is_due(now_ms) {
            self.snapshot(draft, SnapshotReason::Editing, now_ms)?;
        }
        Ok(())
    }

    /// History is a convenience: when it does not fit, its oldest snapshots give way,
    /// but it never blocks a save and never deletes a draft.
    fn write_history(&mut self, id: &DraftId, history: &mut History) -> Result<(), StorageError> {
        loop {
            let json =
                serde_json::to_string(&*history).map_err(|e| StorageError::Other(e.to_string()))?;
            match self.put(&history_key(id), &json) {
                Err(StorageError::Full) if history.len() > 1 => history.drop_oldest(),
                other => return other,
            }
        }
    }

    /// Puts snapshot `index` back as the draft's text; the current text becomes a
    /// snapshot first. Returns the new revision.
    pub fn restore_snapshot(
        &mut self,
        id: &DraftId,
        base: Revision,
        index: usize,
        now_ms: i64,
    ) -> Result<Revision, SaveError> {
        let Some(current) = self.load(id)? else {
            return Err(SaveError::Missing);
        };
        let history = self.history(id)?;
        let Some(snapshot) = history.get(index).cloned() else {
            return Ok(current.rev);
        };
        if current.rev != base {
            return Err(SaveError::Conflict {
                theirs: Box::new(current),
            });
        }
        self.snapshot(&current, SnapshotReason::BeforeRestore, now_ms)?;
        self.save(id, base, &snapshot.text, 0, now_ms)
    }

    /// The settings, or defaults when absent or unreadable.
    pub fn settings(&self) -> Settings {
        self.storage
            .get(SETTINGS_KEY)
            .ok()
            .flatten()
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default()
    }

    /// Saves the settings.
    pub fn set_settings(&mut self, settings: &Settings) -> Result<(), StorageError> {
        let json =
            serde_json::to_string(settings).map_err(|e| StorageError::Other(e.to_string()))?;
        self.put(SETTINGS_KEY, &json)
    }
}

fn history_key(id: &DraftId) -> String {
    format!("{HISTORY_PREFIX}{id}")
}

/// A stored draft, or why it cannot be read. The entry is parsed whole once; only when
/// that gives no draft of today's format is its format read on its own, so that an
/// entry of another version is named as such. (Not once into a `serde_json::Value`:
/// that would bring serde_json's tree and a second copy of the draft's deserializer
/// into the app's first download.)
fn read_draft(raw: &str) -> Result<Draft, String> {
    let whole = match serde_json::from_str::<Draft>(raw) {
        Ok(draft) if draft.format == FORMAT => return Ok(draft),
        other => other,
    };
    /// The entry's format; its other members are skipped.
    #[derive(Deserialize)]
    struct Stored {
        format: Option<u64>,
    }
    match serde_json::from_str::<Stored>(raw) {
        // Today's format, so the whole parse failed (a draft of it would have returned).
        Ok(Stored { format: Some(f) }) if f == u64::from(FORMAT) => {}
        Ok(Stored { format: Some(f) }) => {
            return Err(format!(
                "it is in storage format {f}, which this version of Recap does not read"
            ))
        }
        Err(e) if e.is_syntax() || e.is_eof() => return Err(format!("it is not valid JSON ({e})")),
        // No format, or one that is not a number, or not an object at all.
        Ok(Stored { format: None }) | Err(_) => return Err("it has no storage format".into()),
    }
    whole.map_err(|e| format!("it is missing parts of a draft ({e})"))
}
