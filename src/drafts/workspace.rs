//! The open draft and what happens to it: edits, autosaves, other tabs, storage trouble.
//!
//! This is the editor's whole draft logic as plain Rust, so it is tested natively
//! against [`MemoryStorage`](super::MemoryStorage); the UI only forwards events here
//! (a keystroke, a timer, a `storage` event) and shows the result.

use super::draft::Draft;
use super::editor_text::{EditorChange, EditorText, LineEdit, LinePos};
use super::history::SnapshotReason;
use super::id::{DraftId, Revision};
use super::storage::{Storage, StorageError};
use super::store::{DraftStore, SaveError, Scan, Settings, Unreadable};
use super::SiteLink;

/// What the header says about the open draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything typed is in storage.
    Saved,
    /// Typed, not stored yet (the autosave timer runs).
    Unsaved,
    /// The last write failed; the text is only in this tab's memory.
    Failed(StorageError),
    /// Another tab saved a different text while this one had unsaved changes. This
    /// tab's text was stored at once as a copy draft (see
    /// [`Workspace::conflict_copy`]) and keeps saving there until the writer chooses.
    Conflict,
}

impl SaveState {
    /// The short label for the header.
    ///
    /// ```
    /// use recap::drafts::{SaveState, StorageError};
    /// assert_eq!(SaveState::Failed(StorageError::Full).label(), "Not saved: storage full");
    /// ```
    pub fn label(&self) -> &'static str {
        match self {
            SaveState::Saved => "Saved",
            SaveState::Unsaved => "Saving…",
            SaveState::Failed(StorageError::Full) => "Not saved: storage full",
            SaveState::Failed(StorageError::Unavailable) => "Not saved: no storage",
            SaveState::Failed(StorageError::Other(_)) => "Not saved",
            SaveState::Conflict => "Changed in another tab",
        }
    }
}

/// What a `storage` event from another tab meant for the open draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum External {
    /// Not about the open draft, or nothing new.
    Nothing,
    /// The other tab's newer text is now open here (this tab had no unsaved change).
    Reloaded,
    /// Both tabs changed the draft: the writer must choose.
    Conflict,
    /// The open draft was trashed or removed elsewhere; this tab keeps its text.
    Gone,
}

/// The draft in the editor.
#[derive(Debug, Clone)]
struct Open {
    id: DraftId,
    /// The stored revision this tab's text is based on.
    base: Revision,
    /// The text as this tab last saved or loaded it.
    stored: String,
    /// The text in the editor, line endings as the draft has them.
    text: EditorText,
    cursor: usize,
    /// The other tab's version while a conflict is open.
    theirs: Option<Draft>,
    /// The draft holding this tab's text since a conflict began, and its revision.
    copy: Option<(DraftId, Revision)>,
    /// The site file the draft is linked to.
    site: Option<SiteLink>,
}

/// The editor's drafts: a [`DraftStore`] plus the one open draft.
///
/// ```
/// use recap::drafts::{DraftStore, MemoryStorage, SaveState, Workspace};
/// let store = DraftStore::new(MemoryStorage::new(), 1);
/// let mut ws = Workspace::start(store, |_| "# New\n".into(), 1_000);
/// ws.edit("# New\nnotes\n", 12);
/// assert_eq!(ws.state(), &SaveState::Unsaved);
/// ws.save(2_000);
/// assert_eq!(ws.state(), &SaveState::Saved);
/// ```
#[derive(Debug)]
pub struct Workspace<S: Storage> {
    store: DraftStore<S>,
    open: Open,
    state: SaveState,
    /// Entries that could not be read at start, offered as recovered drafts.
    recovered: Vec<Unreadable>,
    /// The last failure to store this tab's text as a conflict copy.
    copy_error: Option<StorageError>,
    /// Whether storage held no draft at start (a newcomer's first visit).
    first_run: bool,
    /// What `start` read from storage, and the store's write count then.
    start_scan: Option<(u64, Scan)>,
}

impl<S: Storage> Workspace<S> {
    /// Opens the last draft the writer had open (or the newest one, or a new draft
    /// from `template` when there is none). Unreadable entries are kept in storage and
    /// listed by [`recovered`](Self::recovered); a storage that fails leaves the
    /// template open in memory with the failure as the state. `template` is called
    /// with the settings `start` read (for the author), and only when the template is
    /// shown: a stored draft opens without making it (with an author in the settings,
    /// the app's template sets a field through the model, a YAML parse, in the app's
    /// start), and the settings are read once.
    pub fn start(
        store: DraftStore<S>,
        template: impl FnOnce(&Settings) -> String,
        now_ms: i64,
    ) -> Workspace<S> {
        let scan = store.scan();
        let writes = store.writes();
        let (scan, failure) = match scan {
            Ok(scan) => (scan, None),
            Err(e) => (Scan::default(), Some(e)),
        };
        let settings = store.settings();
        let pick = settings
            .last_open
            .as_ref()
            .and_then(|id| {
                scan.drafts
                    .iter()
                    .find(|d| &d.id == id && d.trashed_ms.is_none())
            })
            .or_else(|| {
                scan.active()
                    .first()
                    .and_then(|s| scan.drafts.iter().find(|d| d.id == s.id))
            })
            .cloned();
        let recovered = scan.unreadable.clone();
        let start_scan = failure.is_none().then_some((writes, scan));
        let shown = if pick.is_some() {
            String::new() // replaced by the draft below
        } else {
            template(&settings)
        };
        let mut ws = Workspace {
            store,
            open: Open::of(&placeholder(now_ms, &shown)),
            state: SaveState::Saved,
            recovered,
            copy_error: None,
            first_run: false,
            start_scan,
        };
        match (pick, failure) {
            (Some(draft), _) => ws.show(draft),
            (None, Some(e)) => ws.state = SaveState::Failed(e),
            (None, None) => {
                ws.first_run = true;
                ws.new_draft(&shown, now_ms);
            }
        }
        ws
    }

    /// Whether storage held no draft when this workspace started: the app greets a
    /// newcomer (and offers the sample recap).
    pub fn first_run(&self) -> bool {
        self.first_run
    }

    /// The drafts as [`Workspace::start`] read them, if this workspace has written
    /// nothing since (a first visit's new draft is a write); `None` from the second
    /// call on. The app's drafts list starts from it instead of reading and parsing
    /// every stored draft a second time at start.
    ///
    /// ```
    /// use recap::drafts::{DraftStore, MemoryStorage, Workspace};
    /// let mut store = DraftStore::new(MemoryStorage::new(), 1);
    /// store.create("# Berlin", 1).unwrap();
    /// store.create("# Munich", 2).unwrap();
    /// let fresh = store.scan().unwrap();
    /// let mut ws = Workspace::start(store, |_| String::new(), 3);
    /// assert_eq!(ws.take_start_scan(), Some(fresh));
    /// assert_eq!(ws.take_start_scan(), None);
    /// ```
    pub fn take_start_scan(&mut self) -> Option<Scan> {
        let (writes, scan) = self.start_scan.take()?;
        (writes == self.store.writes()).then_some(scan)
    }

    /// The store, for lists and backups.
    pub fn store(&self) -> &DraftStore<S> {
        &self.store
    }

    /// The open draft's id.
    pub fn id(&self) -> &DraftId {
        &self.open.id
    }

    /// The editor text, with the draft's own line endings.
    pub fn text(&self) -> &str {
        self.open.text.as_str()
    }

    /// The same text with its line index, to convert editor positions and byte
    /// offsets without indexing a copy.
    pub fn editor_text(&self) -> &EditorText {
        &self.open.text
    }

    /// Where the cursor was when last saved or edited.
    pub fn cursor(&self) -> usize {
        self.open.cursor
    }

    /// What the header shows.
    pub fn state(&self) -> &SaveState {
        &self.state
    }

    /// Whether the editor holds text that is not in storage.
    pub fn is_dirty(&self) -> bool {
        self.open.text.as_str() != self.open.stored || matches!(self.state, SaveState::Failed(_))
    }

    /// The other tab's version while a conflict is open.
    pub fn theirs(&self) -> Option<&Draft> {
        self.open.theirs.as_ref()
    }

    /// While a conflict is open: the draft that holds this tab's text (`None` when
    /// storage refused the copy; the text is then only in this tab, and the state
    /// of the copy's failure is in [`copy_error`](Self::copy_error)).
    pub fn conflict_copy(&self) -> Option<&DraftId> {
        self.open.copy.as_ref().map(|(id, _)| id)
    }

    /// Why this tab's text could not be stored as a copy during a conflict.
    pub fn copy_error(&self) -> Option<&StorageError> {
        self.copy_error.as_ref()
    }

    /// Entries found at start that are not readable drafts (kept untouched in storage).
    pub fn recovered(&self) -> &[Unreadable] {
        &self.recovered
    }

    /// Every draft in storage, for the list.
    pub fn scan(&self) -> Result<Scan, StorageError> {
        self.store.scan()
    }

    /// Where the cursor is, as the editor counts it.
    pub fn cursor_pos(&self) -> LinePos {
        self.open.text.pos(self.open.cursor)
    }

    /// Applies the editor's changes (one transaction) and moves the cursor to
    /// `cursor`; says which lines changed (`None`: only the cursor moved). Inserted
    /// line breaks take the ending of their line, so unedited lines keep their bytes.
    pub fn apply(&mut self, changes: &[EditorChange], cursor: LinePos) -> Option<LineEdit> {
        let edit = self.open.text.apply(changes);
        self.open.cursor = self.open.text.offset(cursor);
        if edit.is_some() && !matches!(self.state, SaveState::Conflict) {
            self.state = SaveState::Unsaved;
        }
        edit
    }

    /// Moves the cursor (nothing else changed).
    pub fn set_cursor(&mut self, cursor: LinePos) {
        self.open.cursor = self.open.text.offset(cursor);
    }

    /// The editor's whole text after an edit (line breaks `\n`, as the editor shows
    /// them) and the cursor as a byte offset into it: applied as the one change between
    /// the two texts. For tests and tools that have the whole text; the editor itself
    /// sends [`apply`](Self::apply) deltas. Returns whether the text changed.
    pub fn edit(&mut self, editor_text: &str, cursor: usize) -> bool {
        let old = EditorText::new(self.open.text.for_editor());
        let diff = crate::writing::TextEdit::between(old.as_str(), editor_text);
        let new = EditorText::new(editor_text.to_string());
        let cursor = new.pos(cursor);
        if diff.range.is_empty() && diff.insert.is_empty() {
            self.set_cursor(cursor);
            return false;
        }
        let change = EditorChange {
            from: old.pos(diff.range.start),
            to: old.pos(diff.range.end),
            insert: diff.insert,
        };
        self.apply(&[change], cursor).is_some()
    }

    /// Writes the open draft if it changed (or its cursor moved). Never overwrites a
    /// newer revision: if another tab saved meanwhile, the state becomes
    /// [`SaveState::Conflict`], this tab's text goes into a copy draft, and the
    /// original is not touched. During a conflict every save goes to that copy.
    pub fn save(&mut self, now_ms: i64) -> &SaveState {
        if matches!(self.state, SaveState::Conflict) {
            self.store_copy(now_ms);
            return &self.state;
        }
        if self.open.base == Revision(0) && self.open.text.as_str() == self.open.stored {
            // An untouched text that storage never took: nothing of the writer's to keep.
            return &self.state;
        }
        let result = self.store.save(
            &self.open.id,
            self.open.base,
            self.open.text.as_str(),
            self.open.cursor,
            now_ms,
        );
        match result {
            Ok(rev) => self.saved(rev),
            Err(SaveError::Conflict { theirs }) if theirs.text == self.open.text.as_str() => {
                // Both tabs typed the same thing: no conflict to ask about.
                self.open.base = theirs.rev;
                self.open.stored = theirs.text;
                self.state = SaveState::Saved;
            }
            Err(e) => self.not_saved(e, now_ms),
        }
        &self.state
    }

    /// A write that did not happen: another tab's newer revision becomes a conflict,
    /// a vanished draft is written anew, a storage failure is shown.
    fn not_saved(&mut self, error: SaveError, now_ms: i64) {
        match error {
            SaveError::Conflict { theirs } => self.begin_conflict(*theirs, now_ms),
            SaveError::Missing => self.write_anew(now_ms),
            SaveError::Storage(e) => self.state = SaveState::Failed(e),
        }
    }

    fn saved(&mut self, rev: Revision) {
        self.open.base = rev;
        self.open.stored = self.open.text.as_str().to_string();
        self.state = SaveState::Saved;
    }

    /// The open draft vanished from storage (emptied from another tab's trash):
    /// write it again under its id so the text is not lost.
    fn write_anew(&mut self, now_ms: i64) {
        let draft = self.as_new_revision(now_ms);
        match self.store.recreate(&draft) {
            Ok(()) => self.saved(draft.rev),
            Err(e) => self.state = SaveState::Failed(e),
        }
    }

    /// Another tab saved `theirs` while this tab has text of its own: keep both. This
    /// tab's text is stored as a copy draft before anyone is asked anything, so a
    /// closed tab, a reload or a crash from here on loses neither text.
    fn begin_conflict(&mut self, theirs: Draft, now_ms: i64) {
        self.open.theirs = Some(theirs);
        self.state = SaveState::Conflict;
        self.store_copy(now_ms);
    }

    /// Writes this tab's text into its conflict copy (creating the copy first).
    fn store_copy(&mut self, now_ms: i64) {
        let result = match &self.open.copy {
            None => {
                let origin = format!("{CONFLICT_COPY_ORIGIN} {}", self.open.id);
                self.store
                    .create_from(self.open.text.as_str(), Some(&origin), now_ms)
                    .map(|d| self.open.copy = Some((d.id, d.rev)))
            }
            Some((id, rev)) => {
                match self
                    .store
                    .save(id, *rev, self.open.text.as_str(), self.open.cursor, now_ms)
                {
                    Ok(rev) => {
                        if let Some(copy) = &mut self.open.copy {
                            copy.1 = rev;
                        }
                        Ok(())
                    }
                    // The copy was changed or removed elsewhere: start another one.
                    Err(SaveError::Conflict { .. } | SaveError::Missing) => {
                        self.open.copy = None;
                        return self.store_copy(now_ms);
                    }
                    Err(SaveError::Storage(e)) => Err(e),
                }
            }
        };
        self.copy_error = result.err();
    }

    /// Call when another tab changed the entry for `key`.
    pub fn external_change(&mut self, key: &str, now_ms: i64) -> External {
        if key != super::store::draft_key(&self.open.id) {
            return External::Nothing;
        }
        let stored = match self.store.load(&self.open.id) {
            Ok(Some(d)) => d,
            Ok(None) => return External::Gone,
            Err(_) => return External::Nothing,
        };
        if stored.rev <= self.open.base {
            return External::Nothing;
        }
        if stored.trashed_ms.is_some() {
            return External::Gone;
        }
        if stored.text == self.open.text.as_str() {
            self.open.base = stored.rev;
            self.open.stored = stored.text;
            if !matches!(self.state, SaveState::Failed(_)) {
                self.state = SaveState::Saved;
            }
            return External::Nothing;
        }
        if self.is_dirty() {
            self.begin_conflict(stored, now_ms);
            External::Conflict
        } else {
            self.show(stored);
            External::Reloaded
        }
    }

    /// Resolves a conflict by keeping this tab's text as its own draft (the copy made
    /// when the conflict began, opened here); the original keeps the other tab's text.
    pub fn keep_mine_as_copy(&mut self, now_ms: i64) -> Result<(), StorageError> {
        self.store_copy(now_ms);
        if let Some(e) = self.copy_error.clone() {
            self.state = SaveState::Failed(e.clone());
            return Err(e);
        }
        if let Some(theirs) = self.open.theirs.take() {
            let _ = self
                .store
                .snapshot(&theirs, SnapshotReason::BeforeConflict, now_ms);
        }
        let Some((id, _)) = self.open.copy.take() else {
            return Ok(());
        };
        if let Some(copy) = self.store.load(&id)? {
            self.show(copy);
            self.remember_open();
        }
        Ok(())
    }

    /// Resolves a conflict by taking the other tab's text; this tab's text goes into
    /// the draft's history first, so it can still be restored. The conflict copy
    /// goes to the trash (restorable) once the history has the text, not before.
    pub fn take_theirs(&mut self, now_ms: i64) {
        let Some(theirs) = self.open.theirs.take() else {
            return;
        };
        let mut mine = theirs.clone();
        mine.text = self.open.text.as_str().to_string();
        let kept = self
            .store
            .snapshot(&mine, SnapshotReason::BeforeConflict, now_ms)
            .is_ok();
        if let (true, Some((id, _))) = (kept, self.open.copy.take()) {
            let _ = self.store.trash(&id, now_ms);
        }
        self.show(theirs);
    }

    /// Saves the open draft, then opens `id`.
    pub fn open(&mut self, id: &DraftId, now_ms: i64) -> Result<bool, StorageError> {
        self.save(now_ms);
        let Some(draft) = self.store.load(id)? else {
            return Ok(false);
        };
        self.show(draft);
        self.remember_open();
        Ok(true)
    }

    /// Saves the open draft, then creates and opens a new one with `text`.
    pub fn new_draft(&mut self, text: &str, now_ms: i64) {
        self.save(now_ms);
        match self.store.create(text, now_ms) {
            Ok(draft) => {
                self.show(draft);
                self.remember_open();
            }
            Err(e) => {
                // Keep the text in memory; the next save tries again under this id.
                self.open = Open::of(&placeholder(now_ms, text));
                self.open.stored = String::new();
                self.state = SaveState::Failed(e);
            }
        }
    }

    /// Duplicates draft `id` and opens the copy.
    pub fn duplicate(&mut self, id: &DraftId, now_ms: i64) -> Result<(), StorageError> {
        self.save(now_ms);
        if let Some(copy) = self.store.duplicate(id, now_ms)? {
            self.show(copy);
            self.remember_open();
        }
        Ok(())
    }

    /// Moves draft `id` to the trash. Trashing the open draft opens the newest other
    /// draft, or a new one from `template`.
    pub fn trash(&mut self, id: &DraftId, template: &str, now_ms: i64) -> Result<(), StorageError> {
        if id == &self.open.id {
            self.save(now_ms);
        }
        self.store.trash(id, now_ms)?;
        if id == &self.open.id {
            let next = self.store.scan()?.active().into_iter().next();
            match next {
                Some(s) => {
                    self.open(&s.id, now_ms)?;
                }
                None => self.new_draft(template, now_ms),
            }
        }
        Ok(())
    }

    /// Takes draft `id` out of the trash.
    pub fn restore(&mut self, id: &DraftId) -> Result<bool, StorageError> {
        self.store.restore(id)
    }

    /// Deletes every draft in the trash for good.
    pub fn empty_trash(&mut self) -> Result<usize, StorageError> {
        self.store.empty_trash()
    }

    /// Imports texts as new drafts (byte-identical) and opens the last one.
    pub fn import(
        &mut self,
        texts: &[(String, String)],
        now_ms: i64,
    ) -> Vec<Result<DraftId, StorageError>> {
        self.save(now_ms);
        let mut results = Vec::new();
        let mut last = None;
        for (name, text) in texts {
            let origin = format!("imported from {name}");
            let result = self.store.create_from(text, Some(&origin), now_ms);
            if let Ok(d) = &result {
                last = Some(d.clone());
            }
            results.push(result.map(|d| d.id));
        }
        if let Some(draft) = last {
            self.show(draft);
            self.remember_open();
        }
        results
    }

    /// Opens an unreadable entry's raw text as a new draft; the entry stays as it is.
    pub fn recover(&mut self, key: &str, now_ms: i64) -> Result<(), StorageError> {
        let Some(entry) = self.recovered.iter().find(|u| u.key == key).cloned() else {
            return Ok(());
        };
        self.save(now_ms);
        let origin = format!("recovered from storage entry {key}");
        let draft = self.store.create_from(&entry.raw, Some(&origin), now_ms)?;
        self.recovered.retain(|u| u.key != key);
        self.show(draft);
        self.remember_open();
        Ok(())
    }

    /// Restores snapshot `index` of the open draft's history; the current text becomes
    /// a snapshot first.
    pub fn restore_snapshot(&mut self, index: usize, now_ms: i64) -> &SaveState {
        self.save(now_ms);
        if self.state != SaveState::Saved {
            return &self.state;
        }
        match self
            .store
            .restore_snapshot(&self.open.id, self.open.base, index, now_ms)
        {
            Ok(_) => {
                if let Ok(Some(d)) = self.store.load(&self.open.id) {
                    self.show(d);
                }
            }
            Err(e) => self.not_saved(e, now_ms),
        }
        &self.state
    }

    /// Merges a backup's drafts (newer revision wins) and reopens the open draft if
    /// the backup had a newer version of it.
    pub fn merge_backup(
        &mut self,
        drafts: Vec<Draft>,
        now_ms: i64,
    ) -> Result<super::MergeReport, StorageError> {
        self.save(now_ms);
        let report = self.store.merge(drafts, now_ms)?;
        if report.updated.contains(&self.open.id) {
            if let Some(d) = self.store.load(&self.open.id)? {
                self.show(d);
            }
        }
        Ok(report)
    }

    /// Stored settings.
    pub fn settings(&self) -> Settings {
        self.store.settings()
    }

    /// Writes settings.
    pub fn set_settings(&mut self, settings: &Settings) -> Result<(), StorageError> {
        self.store.set_settings(settings)
    }

    /// The editor's text as the next revision of the open draft, for writing it where
    /// storage has no copy of it.
    fn as_new_revision(&self, now_ms: i64) -> Draft {
        Draft {
            id: self.open.id.clone(),
            rev: self.open.base.next(),
            cursor: self.open.cursor,
            ..placeholder(now_ms, self.open.text.as_str())
        }
    }

    fn show(&mut self, draft: Draft) {
        self.open = Open::of(&draft);
        self.state = SaveState::Saved;
        self.copy_error = None;
    }

    fn remember_open(&mut self) {
        let mut settings = self.store.settings();
        if settings.last_open.as_ref() != Some(&self.open.id) {
            settings.last_open = Some(self.open.id.clone());
            // Losing this only means the app opens the newest draft next time.
            let _ = self.store.set_settings(&settings);
        }
    }
}

impl Open {
    fn of(draft: &Draft) -> Open {
        Open {
            id: draft.id.clone(),
            base: draft.rev,
            stored: draft.text.clone(),
            text: EditorText::new(draft.text.clone()),
            cursor: draft.cursor,
            theirs: None,
            copy: None,
            site: draft.site.clone(),
        }
    }
}

/// What opening a site's post did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteOpen {
    /// A new draft, linked to the file.
    Created,
    /// The draft already linked to the file, its text taken from disk (it had no
    /// edits of its own since it last read or wrote the file; the old text is in its
    /// history).
    Refreshed,
    /// The draft already linked to the file, opened as it is: it has edits not yet
    /// saved to the site. Saving compares with the file on disk first.
    KeptEdits,
}

impl<S: Storage> Workspace<S> {
    /// The site file the open draft is linked to.
    pub fn site_link(&self) -> Option<&SiteLink> {
        self.open.site.as_ref()
    }

    /// Links the open draft to a site file (after a save into the site, with what was
    /// written). Saves the text first.
    pub fn link_site(&mut self, link: SiteLink, now_ms: i64) -> Result<(), StorageError> {
        self.save(now_ms);
        if let Some((before, after)) = self.store.set_site(&self.open.id, Some(link.clone()))? {
            // Only this tab's own revision moves on; a newer save from another tab
            // stays a conflict for the next save to find.
            if before == self.open.base {
                self.open.base = after;
            }
        }
        self.open.site = Some(link);
        Ok(())
    }

    /// Opens the post `link.path` of a site, whose text on disk is `text`: the draft
    /// already linked to it if there is one (see [`SiteOpen`]), else a new linked draft.
    pub fn open_site_post(
        &mut self,
        text: &str,
        link: SiteLink,
        now_ms: i64,
    ) -> Result<SiteOpen, StorageError> {
        self.save(now_ms);
        let scan = self.store.scan()?;
        let existing = scan.drafts.into_iter().find(|d| {
            d.trashed_ms.is_none()
                && d.site
                    .as_ref()
                    .is_some_and(|s| s.site == link.site && s.path == link.path)
        });
        let outcome = match existing {
            Some(draft) => {
                let unedited = draft
                    .site
                    .as_ref()
                    .is_some_and(|s| s.disk.same_content(draft.text.as_bytes()));
                // Only a draft that took the disk text is linked to the disk version:
                // linked with its old text, a later save would overwrite the file
                // without seeing the change.
                let refreshed =
                    unedited && (draft.text == text || self.take_text(&draft, text, now_ms)?);
                if refreshed {
                    self.store.set_site(&draft.id, Some(link))?;
                    self.open_after_save(&draft.id)?;
                    SiteOpen::Refreshed
                } else {
                    self.open_after_save(&draft.id)?;
                    SiteOpen::KeptEdits
                }
            }
            None => {
                let origin = format!("opened from {}/{}", link.site, link.path);
                let draft = self.store.create_from(text, Some(&origin), now_ms)?;
                self.store.set_site(&draft.id, Some(link))?;
                self.open_after_save(&draft.id)?;
                // A new post is written at its end, not in its front matter.
                self.open.cursor = text.len();
                SiteOpen::Created
            }
        };
        Ok(outcome)
    }

    /// Stores `text` as `draft`'s next revision; `false` when another tab changed or
    /// removed the draft meanwhile (then it counts as edited).
    fn take_text(&mut self, draft: &Draft, text: &str, now_ms: i64) -> Result<bool, StorageError> {
        let cursor = draft.cursor.min(text.len());
        match self.store.save(&draft.id, draft.rev, text, cursor, now_ms) {
            Ok(_) => Ok(true),
            Err(SaveError::Storage(e)) => Err(e),
            Err(SaveError::Conflict { .. } | SaveError::Missing) => Ok(false),
        }
    }

    /// Opens `id` as stored (the open draft was saved already).
    fn open_after_save(&mut self, id: &DraftId) -> Result<(), StorageError> {
        if let Some(draft) = self.store.load(id)? {
            self.show(draft);
            self.remember_open();
        }
        Ok(())
    }

    /// Stores `text` (what a site file holds now) as a new draft, so that a writer
    /// who then overwrites the file still has it. Returns the new draft's id.
    pub fn keep_disk_version(
        &mut self,
        text: &str,
        path: &str,
        now_ms: i64,
    ) -> Result<DraftId, StorageError> {
        let origin = format!("on disk at {path} when a save found it changed");
        self.store
            .create_from(text, Some(&origin), now_ms)
            .map(|d| d.id)
    }
}

/// The start of a conflict copy's `origin`; the original draft's id follows.
pub const CONFLICT_COPY_ORIGIN: &str = "kept from a conflict with another tab, copy of";

/// A draft that exists only in memory (storage failed before it could be written).
fn placeholder(now_ms: i64, text: &str) -> Draft {
    Draft {
        format: super::draft::FORMAT,
        id: DraftId::generate(now_ms, 0, 0),
        rev: Revision(0),
        text: text.to_string(),
        created_ms: now_ms,
        updated_ms: now_ms,
        cursor: 0,
        trashed_ms: None,
        origin: None,
        site: None,
    }
}

impl<S: Storage> Workspace<S> {
    /// Every draft for a backup, trash included, with the open draft as the editor
    /// has it: text that storage refused (full, unavailable) is in the backup too.
    pub fn backup_drafts(&self, now_ms: i64) -> Vec<Draft> {
        let mut drafts = self.store.scan().map(|s| s.drafts).unwrap_or_default();
        match drafts.iter_mut().find(|d| d.id == self.open.id) {
            Some(d) if d.text != self.open.text.as_str() => {
                d.text = self.open.text.as_str().to_string();
                d.rev = d.rev.next();
                d.updated_ms = now_ms;
            }
            Some(_) => {}
            None => drafts.push(self.as_new_revision(now_ms)),
        }
        drafts
    }
}
