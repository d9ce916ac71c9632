//! The open document as app-wide state: the draft (its text lives in the
//! [`Workspace`], the one source of truth), the rendered preview that follows it edit
//! by edit, and what storage knows of it.
//!
//! The editor sends its changes here as deltas ([`Doc::apply`]); the workspace decides
//! every save, conflict and recovery. Each user action is one method here that calls
//! the workspace and then publishes its result to the signals.

use super::browser;
use super::on_demand::on_demand;
use crate::drafts::{
    import_text, read_backup, recap_template, write_backup, BrowserStorage, DraftId, EditorChange,
    LinePos, SaveState, Scan, SiteLink, SiteOpen, StorageError, Unreadable, Workspace,
    SAMPLE_RECAP, SAMPLE_RECAP_NAME,
};
use crate::post::{body_start_line, export_filename, lenient_body, Post};
use crate::render::{BodyChange, LivePreview, RenderOptions, RenderStats, Splice};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;

/// How long after the last keystroke the draft is written.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(500);

/// A message for the writer, shown until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Identifies the notice for dismissing.
    pub id: u64,
    /// Whether something went wrong.
    pub error: bool,
    /// What to say.
    pub text: String,
}

/// The app's document state, shared through context.
#[derive(Clone, Copy)]
pub struct Doc {
    /// Counts changes of the text (typing, tools, another draft opened).
    pub revision: RwSignal<u64>,
    /// Counts changes that may touch the front matter: what shows the post's fields
    /// follows this, not every keystroke in the body.
    pub front_matter: RwSignal<u64>,
    /// Counts replacements of the text from outside the editor (opening a draft,
    /// another tab's save): the editor then loads the text and the cursor.
    pub loaded: RwSignal<u64>,
    /// Counts changes to the preview waiting in [`Doc::take_splices`].
    pub patched: RwSignal<u64>,
    /// What the header says about saving.
    pub state: RwSignal<SaveState>,
    /// Counts changes that may change the drafts list.
    pub listing: RwSignal<u64>,
    /// Every draft in storage, read again when `listing` counts a change: one read
    /// for the drafts list and the tag suggestions.
    pub drafts: Memo<Scan>,
    /// Messages for the writer.
    pub notices: RwSignal<Vec<Notice>>,
    /// Counts pauses in typing: what is not in view while typing (outline, checks,
    /// statistics) follows this instead of every keystroke.
    pub settled: RwSignal<u64>,
    /// The site file the open draft is linked to, if any.
    pub linked: RwSignal<Option<SiteLink>>,
    ws: StoredValue<Workspace<BrowserStorage>, LocalStorage>,
    /// The preview's body, rendered while it shows (with the open site's settings,
    /// else Hugo's defaults).
    preview: StoredValue<LivePreview, LocalStorage>,
    splices: StoredValue<Vec<Splice>, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>>,
    settle_timer: StoredValue<Option<TimeoutHandle>>,
}

/// How many messages (not problems) stay on screen at once: the newest.
pub const KEPT_INFO: usize = 2;
/// How many problems stay on screen at once: the newest.
pub const KEPT_ERRORS: usize = 5;

/// How long typing pauses before the outline, checks and statistics catch up.
pub const SETTLE_DELAY: Duration = Duration::from_millis(250);

impl Doc {
    /// Opens storage and the last draft, and provides the state as context.
    pub fn provide() -> Doc {
        let storage = BrowserStorage::open();
        let nonce = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        let store = crate::drafts::DraftStore::new(storage, nonce);
        let ws = Workspace::start(
            store,
            |settings| template(settings.author.as_deref()),
            browser::now_ms(),
        );
        let linked = RwSignal::new(ws.site_link().cloned());
        let ws = StoredValue::new_local(ws);
        let listing = RwSignal::new(0);
        let doc = Doc {
            revision: RwSignal::new(0),
            front_matter: RwSignal::new(0),
            loaded: RwSignal::new(0),
            patched: RwSignal::new(0),
            // Rendered when the preview first shows (see `show_preview`).
            preview: StoredValue::new_local(LivePreview::new(RenderOptions::default())),
            splices: StoredValue::new_local(Vec::new()),
            state: RwSignal::new(ws.with_value(|ws| ws.state().clone())),
            listing,
            drafts: Memo::new(move |_| {
                // The first reading is what the start read, unless another tab has
                // changed storage since (it counts `listing`) or this one has (the
                // workspace knows): a returning writer's drafts are parsed once.
                let started = match listing.get() {
                    0 => ws.try_update_value(|ws| ws.take_start_scan()).flatten(),
                    _ => None,
                };
                started.unwrap_or_else(|| ws.with_value(|ws| ws.scan().unwrap_or_default()))
            }),
            notices: RwSignal::new(Vec::new()),
            settled: RwSignal::new(0),
            linked,
            ws,
            timer: StoredValue::new(None),
            settle_timer: StoredValue::new(None),
        };
        provide_context(doc);
        doc
    }

    /// The state from context.
    pub fn get() -> Doc {
        expect_context::<Doc>()
    }

    /// Reads the workspace.
    pub fn with<R>(&self, f: impl FnOnce(&Workspace<BrowserStorage>) -> R) -> R {
        self.ws.with_value(f)
    }

    /// The open draft's id.
    pub fn id(&self) -> DraftId {
        self.with(|ws| ws.id().clone())
    }

    /// Where the cursor goes when the text is loaded.
    pub fn cursor(&self) -> usize {
        self.with(Workspace::cursor)
    }

    /// Entries in storage that are not readable drafts.
    pub fn recovered(&self) -> Vec<Unreadable> {
        self.listing.track();
        self.with(|ws| ws.recovered().to_vec())
    }

    /// Reads the draft's text (its own line endings).
    pub fn text_with<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        self.ws.with_value(|ws| f(ws.text()))
    }

    /// The editor's changes (one transaction) and where the cursor went: the text
    /// changes in place, the preview re-renders the blocks they touched. Saves after
    /// [`AUTOSAVE_DELAY`].
    pub fn apply(&self, changes: &[EditorChange], cursor: LinePos) {
        let change = self.ws.try_update_value(|ws| {
            let before = body_start_line(ws.text());
            let edit = ws.apply(changes, cursor)?;
            let after = body_start_line(ws.text());
            Some(BodyChange::of(
                edit.first, edit.old, edit.new, before, after,
            ))
        });
        let Some(Some(change)) = change else {
            return;
        };
        match change {
            BodyChange::Unchanged => {}
            BodyChange::Edit(edit) => {
                let splices = self.render(&mut |p, body| p.edit(body, edit));
                self.queue(splices);
            }
            BodyChange::Whole => self.render_whole(),
        }
        // An edit of body lines leaves the front matter as it was.
        if !matches!(change, BodyChange::Edit(_)) {
            self.front_matter.update(|n| *n += 1);
        }
        self.revision.update(|n| *n += 1);
        self.publish_state();
        self.schedule_save();
        self.schedule_settle();
    }

    /// The cursor moved (nothing else): remembered for the next save.
    pub fn move_cursor(&self, cursor: LinePos) {
        self.ws.update_value(|ws| ws.set_cursor(cursor));
    }

    /// The preview's pending changes (see [`RenderedBody`]'s parts), oldest first.
    pub fn take_splices(&self) -> Vec<Splice> {
        self.splices
            .try_update_value(std::mem::take)
            .unwrap_or_default()
    }

    /// The first body line of each preview part that shows something.
    pub fn part_lines(&self) -> Vec<(usize, usize)> {
        self.preview.with_value(LivePreview::part_lines)
    }

    /// How the preview rendered the edits so far.
    pub fn render_stats(&self) -> RenderStats {
        self.preview.with_value(LivePreview::stats)
    }

    /// The preview shows or hides (a narrow screen's tab, the wide view): hidden, it
    /// is not rendered; shown again, it catches up with the text.
    pub fn show_preview(&self, shown: bool) {
        let splices = self.render(&mut |p, body| p.set_shown(shown, body));
        self.queue(splices);
    }

    /// Runs `f` on the preview with the body as it is now. (One body for every caller:
    /// `dyn`, so the wasm carries it once.)
    fn render(&self, f: &mut dyn FnMut(&mut LivePreview, &str) -> Vec<Splice>) -> Vec<Splice> {
        self.with(|ws| {
            self.preview
                .try_update_value(|p| f(p, lenient_body(ws.text())))
                .unwrap_or_default()
        })
    }

    fn queue(&self, splices: Vec<Splice>) {
        if splices.is_empty() {
            return;
        }
        self.splices.update_value(|s| s.extend(splices));
        self.patched.update(|n| *n += 1);
    }

    /// Renders the body anew and replaces the whole preview with it (when it shows).
    fn render_whole(&self) {
        let splices = self.render(&mut LivePreview::replace);
        self.replace_splices(splices);
    }

    /// Queues `splices` that replace the whole preview: the earlier changes are moot.
    fn replace_splices(&self, splices: Vec<Splice>) {
        if !splices.is_empty() {
            self.splices.set_value(Vec::new());
            self.queue(splices);
        }
    }

    fn schedule_settle(&self) {
        let settled = self.settled;
        restart(self.settle_timer, SETTLE_DELAY, move || {
            settled.update(|n| *n += 1)
        });
    }

    fn schedule_save(&self) {
        let doc = *self;
        restart(self.timer, AUTOSAVE_DELAY, move || doc.save_now());
    }

    /// Saves at once (the tab is hidden or closing, or the timer ran out).
    pub fn save_now(&self) {
        cancel(self.timer);
        let before = self.state.get_untracked();
        self.ws.update_value(|ws| {
            ws.save(browser::now_ms());
        });
        self.publish_state();
        if before != SaveState::Saved {
            self.listing.update(|n| *n += 1);
        }
    }

    fn publish_state(&self) {
        let state = self.with(|ws| ws.state().clone());
        if self.state.with_untracked(|s| *s != state) {
            self.state.set(state);
        }
    }

    /// After the workspace opened another text: show it, cursor included.
    fn reload(&self) {
        self.render_whole();
        self.revision.update(|n| *n += 1);
        self.front_matter.update(|n| *n += 1);
        self.loaded.update(|n| *n += 1);
        self.settled.update(|n| *n += 1);
        self.publish_state();
        self.listing.update(|n| *n += 1);
        let linked = self.with(|ws| ws.site_link().cloned());
        if self.linked.with_untracked(|l| *l != linked) {
            self.linked.set(linked);
        }
    }

    /// Renders the preview with `opts` from now on (a site's settings).
    pub fn set_render_options(&self, opts: RenderOptions) {
        let splices = self.render(&mut |p, body| p.set_options(opts.clone(), body));
        self.replace_splices(splices);
    }

    /// Opens a site's post (see [`Workspace::open_site_post`]); `None` when storage
    /// failed (said in a notice).
    pub fn open_site_post(&self, text: &str, link: SiteLink) -> Option<SiteOpen> {
        let result = self
            .ws
            .try_update_value(|ws| ws.open_site_post(text, link, browser::now_ms()));
        self.reload();
        match result? {
            Ok(outcome) => Some(outcome),
            Err(e) => {
                self.notify(true, format!("The post was not opened: {e}"));
                None
            }
        }
    }

    /// Links the open draft to a site file after a save into the site.
    pub fn link_site(&self, link: SiteLink) {
        let result = self
            .ws
            .try_update_value(|ws| ws.link_site(link.clone(), browser::now_ms()));
        if let Some(Err(e)) = result {
            self.notify(
                true,
                format!("The link to {} was not stored: {e}", link.path),
            );
        }
        self.linked.set(Some(link));
        self.publish_state();
    }

    /// Keeps a site file's text as a new draft (a save found the file changed).
    pub fn keep_disk_version(&self, text: &str, path: &str) -> Option<DraftId> {
        let result = self
            .ws
            .try_update_value(|ws| ws.keep_disk_version(text, path, browser::now_ms()));
        self.listing.update(|n| *n += 1);
        match result? {
            Ok(id) => Some(id),
            Err(e) => {
                self.notify(
                    true,
                    format!("The version on disk could not be kept as a draft: {e}"),
                );
                None
            }
        }
    }

    /// Runs a workspace action that may open another draft, then shows the result;
    /// a storage failure becomes a notice.
    fn act(&self, f: impl FnOnce(&mut Workspace<BrowserStorage>) -> Result<(), StorageError>) {
        let result = self.ws.try_update_value(f).unwrap_or(Ok(()));
        self.reload();
        if let Err(e) = result {
            self.notify(true, e.to_string());
        }
    }

    /// A new draft's text: the recap template with the author from settings.
    fn template(&self) -> String {
        let author = self.with(|ws| ws.settings().author);
        template(author.as_deref())
    }

    /// Shows a message. Notices never pile up over the page: the newest
    /// [`KEPT_INFO`] messages and [`KEPT_ERRORS`] problems stay until dismissed.
    pub fn notify(&self, error: bool, text: impl Into<String>) {
        let id = browser::now_ms() as u64 ^ (js_sys::Math::random() * 1e9) as u64;
        self.notices.update(|n| {
            n.push(Notice {
                id,
                error,
                text: text.into(),
            });
            for (kind, keep) in [(false, KEPT_INFO), (true, KEPT_ERRORS)] {
                let extra = n
                    .iter()
                    .filter(|x| x.error == kind)
                    .count()
                    .saturating_sub(keep);
                let mut dropped = 0;
                n.retain(|x| {
                    let drop = x.error == kind && dropped < extra;
                    dropped += usize::from(drop);
                    !drop
                });
            }
        });
    }

    /// Another tab wrote `key`.
    pub fn external_change(&self, key: &str) {
        use crate::drafts::External;
        let outcome = self
            .ws
            .try_update_value(|ws| ws.external_change(key, browser::now_ms()))
            .unwrap_or(External::Nothing);
        match outcome {
            External::Reloaded => self.reload(),
            External::Conflict => {
                self.publish_state();
                // The copy of this tab's text is a new draft in the list.
                self.listing.update(|n| *n += 1);
            }
            External::Gone => self.notify(
                false,
                "This draft was moved to the trash in another tab. It stays open here; typing saves it again.",
            ),
            External::Nothing => {}
        }
        self.listing.update(|n| *n += 1);
    }

    /// A new draft from the recap template.
    pub fn new_draft(&self) {
        let text = self.template();
        self.act(|ws| {
            ws.new_draft(&text, browser::now_ms());
            Ok(())
        });
    }

    /// Opens draft `id`.
    pub fn open(&self, id: &DraftId) {
        self.act(|ws| ws.open(id, browser::now_ms()).map(|_| ()));
    }

    /// Duplicates draft `id` and opens the copy.
    pub fn duplicate(&self, id: &DraftId) {
        self.act(|ws| ws.duplicate(id, browser::now_ms()));
    }

    /// Moves draft `id` to the trash.
    pub fn trash(&self, id: &DraftId) {
        let text = self.template();
        self.act(|ws| ws.trash(id, &text, browser::now_ms()));
    }

    /// Takes draft `id` out of the trash.
    pub fn restore(&self, id: &DraftId) {
        self.act(|ws| ws.restore(id).map(|_| ()));
    }

    /// Deletes the trash for good, after asking.
    pub fn empty_trash(&self) {
        if !browser::confirm("Delete every draft in the trash for good? This cannot be undone.") {
            return;
        }
        self.act(|ws| ws.empty_trash().map(|_| ()));
    }

    /// Conflict: keep this tab's text as a new draft.
    pub fn keep_mine(&self) {
        self.act(|ws| ws.keep_mine_as_copy(browser::now_ms()));
    }

    /// Conflict: take the other tab's text (this tab's goes to the history).
    pub fn take_theirs(&self) {
        self.act(|ws| {
            ws.take_theirs(browser::now_ms());
            Ok(())
        });
    }

    /// Opens the sample recap as a new draft.
    pub fn open_sample(&self) {
        self.act(|ws| {
            ws.import(
                &[(SAMPLE_RECAP_NAME.to_string(), SAMPLE_RECAP.to_string())],
                browser::now_ms(),
            )
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .map(|_| ())
        });
    }

    /// Opens an unreadable entry's raw text as a new draft.
    pub fn recover(&self, key: &str) {
        self.act(|ws| ws.recover(key, browser::now_ms()));
    }

    /// Restores snapshot `index` of the open draft.
    pub fn restore_snapshot(&self, index: usize) {
        self.act(|ws| {
            ws.restore_snapshot(index, browser::now_ms());
            Ok(())
        });
    }

    /// Reads a picked or dropped file list, then imports it (see [`Doc::import`]);
    /// `done` runs afterwards.
    pub fn import_file_list(&self, files: web_sys::FileList, done: impl FnOnce() + 'static) {
        let doc = *self;
        leptos::task::spawn_local(async move {
            let read = browser::read_files(files).await;
            doc.import(read).await;
            done();
        });
    }

    /// Imports picked or dropped files (see `import_files`), with the code that reads
    /// them fetched at the first import.
    pub async fn import(self, files: Vec<Result<browser::PickedFile, String>>) {
        if let Err(e) = import_on_demand(self, files).await {
            self.notify(true, format!("Nothing was imported: {e}"));
        }
    }

    /// Imports picked or dropped files: Markdown files become drafts, a `.zip` is a
    /// backup to restore. Each failure names its file; the others go on.
    fn import_files(&self, files: Vec<Result<browser::PickedFile, String>>) {
        let mut texts = Vec::new();
        for file in files {
            let file = match file {
                Ok(f) => f,
                Err(e) => {
                    self.notify(true, e);
                    continue;
                }
            };
            if file.name.to_lowercase().ends_with(".zip") {
                self.restore_backup(&file);
                continue;
            }
            match import_text(&file.name, &file.bytes) {
                Ok(text) => texts.push((file.name, text)),
                Err(e) => self.notify(true, e.to_string()),
            }
        }
        if texts.is_empty() {
            return;
        }
        let results = self
            .ws
            .try_update_value(|ws| ws.import(&texts, browser::now_ms()))
            .unwrap_or_default();
        self.reload();
        let mut imported = Vec::new();
        for ((name, _), result) in texts.iter().zip(results) {
            match result {
                Ok(_) => imported.push(name.as_str()),
                Err(e) => self.notify(true, format!("{name}: not imported. {e}")),
            }
        }
        if !imported.is_empty() {
            self.notify(false, format!("Imported {}.", imported.join(", ")));
        }
    }

    fn restore_backup(&self, file: &browser::PickedFile) {
        let (drafts, problems) = match read_backup(&file.name, &file.bytes) {
            Ok(read) => read,
            Err(e) => {
                self.notify(true, e.to_string());
                return;
            }
        };
        for p in problems {
            self.notify(true, p);
        }
        let report = self
            .ws
            .try_update_value(|ws| ws.merge_backup(drafts, browser::now_ms()));
        self.reload();
        match report {
            Some(Ok(r)) => self.notify(
                false,
                format!(
                    "Backup {}: {} added, {} updated, {} kept (this browser had them as new or newer).",
                    file.name,
                    r.added.len(),
                    r.updated.len(),
                    r.kept.len()
                ),
            ),
            Some(Err(e)) => self.notify(true, format!("{}: not restored. {e}", file.name)),
            None => {}
        }
    }

    /// Downloads the open draft as `.md`, byte-identical to the editor text.
    pub fn export(&self) {
        let text = self.with(|ws| ws.text().to_string());
        let name = Post::parse(&text)
            .map(|p| export_filename(&p))
            .unwrap_or_else(|_| "recap-draft.md".to_string());
        if !browser::download(&name, "text/markdown;charset=utf-8", text.as_bytes()) {
            self.notify(true, "The browser did not start the download.");
        }
    }

    /// Downloads every draft, the trash and the open text as one `.zip`.
    pub fn backup(&self) {
        let now = browser::now_ms();
        let drafts = self.with(|ws| ws.backup_drafts(now));
        match write_backup(&drafts, now) {
            Ok(bytes) => {
                let day = browser::local_now()
                    .map(|d| d.ymd())
                    .unwrap_or_else(|| "backup".into());
                if !browser::download(
                    &format!("recap-backup-{day}.zip"),
                    "application/zip",
                    &bytes,
                ) {
                    self.notify(true, "The browser did not start the download.");
                }
            }
            Err(e) => self.notify(true, format!("The backup could not be written: {e}")),
        }
    }

    /// Sets the author new drafts get (empty: none).
    pub fn set_author(&self, author: &str) {
        let result = self.ws.try_update_value(|ws| {
            let mut settings = ws.settings();
            settings.author = (!author.is_empty()).then(|| author.to_string());
            ws.set_settings(&settings)
        });
        if let Some(Err(e)) = result {
            self.notify(true, format!("The author was not saved. {e}"));
        }
    }

    /// Remembers the theme choice (losing it only means the system theme next time).
    pub fn set_theme(&self, theme: &str) {
        self.ws.update_value(|ws| {
            let mut settings = ws.settings();
            settings.theme = Some(theme.to_string());
            let _ = ws.set_settings(&settings);
        });
    }

    /// Copies the Markdown to the clipboard.
    pub fn copy(&self) {
        let text = self.with(|ws| ws.text().to_string());
        let doc = *self;
        leptos::task::spawn_local(async move {
            if browser::copy_text(&text).await {
                doc.notify(false, "Markdown copied to the clipboard.");
            } else {
                doc.notify(
                    true,
                    "The browser did not allow copying; select the text and copy it by hand.",
                );
            }
        });
    }
}

/// Stops the timer in `slot`, if one runs.
fn cancel(slot: StoredValue<Option<TimeoutHandle>>) {
    if let Some(Some(handle)) = slot.try_get_value() {
        handle.clear();
    }
    slot.set_value(None);
}

/// Runs `f` after `delay`, unless called again first: the timer in `slot` starts over.
fn restart(slot: StoredValue<Option<TimeoutHandle>>, delay: Duration, f: impl Fn() + 'static) {
    cancel(slot);
    slot.set_value(set_timeout_with_handle(f, delay).ok());
}

/// The recap template for a new draft, dated now in the browser's offset.
fn template(author: Option<&str>) -> String {
    match browser::local_now() {
        Some(date) => recap_template(author, &date),
        None => "---\ntitle: ''\n---\n".to_string(),
    }
}

on_demand! {
    in import;
    /// [`Doc::import_files`], with its code (zip and backup reading) fetched at the first
    /// import.
    async fn import_on_demand(doc: Doc, files: Vec<Result<browser::PickedFile, String>>) -> () {
        doc.import_files(files)
    }
}
