//! The open draft's life: autosave, reopening, two tabs, storage trouble, recovery.
//! Two `Workspace`s over clones of one `MemoryStorage` behave like two browser tabs.

mod support;

use recap::drafts::*;

const T0: i64 = 1_764_000_000_000;
const TEMPLATE: &str = "---\ntitle: ''\n---\n## Day 1\n";

fn tab(mem: &MemoryStorage, nonce: u32) -> Workspace<MemoryStorage> {
    Workspace::start(DraftStore::new(mem.clone(), nonce), |_| TEMPLATE.into(), T0)
}

fn stored_text(mem: &MemoryStorage, id: &DraftId) -> String {
    DraftStore::new(mem.clone(), 99)
        .load(id)
        .unwrap()
        .expect("draft is stored")
        .text
}

#[test]
fn a_stored_draft_opens_without_making_the_template() {
    let mem = MemoryStorage::new();
    let id = tab(&mem, 1).id().clone();
    let again = Workspace::start(
        DraftStore::new(mem.clone(), 2),
        |_| panic!("the template was made for a start that does not show it"),
        T0 + 1,
    );
    assert_eq!(again.id(), &id);
    assert_eq!(again.text(), TEMPLATE);
    assert!(!again.first_run());
}

#[test]
fn the_template_is_made_with_the_settings_start_read() {
    let mem = MemoryStorage::new();
    let mut store = DraftStore::new(mem.clone(), 1);
    let settings = Settings {
        author: Some("Ada".into()),
        ..Settings::default()
    };
    store.set_settings(&settings).unwrap();
    let ws = Workspace::start(
        store,
        |settings| {
            format!(
                "---\nauthor: {}\n---\n",
                settings.author.as_deref().unwrap_or("")
            )
        },
        T0,
    );
    assert_eq!(ws.text(), "---\nauthor: Ada\n---\n");
    assert!(ws.first_run());
}

#[test]
fn a_reopening_start_hands_what_it_read_to_the_drafts_list_once() {
    let mem = MemoryStorage::new();
    let mut store = DraftStore::new(mem.clone(), 1);
    store.create("# Berlin\n", T0).unwrap();
    let munich = store.create("# Munich\n", T0 + 1).unwrap();
    store.trash(&munich.id, T0 + 2).unwrap();
    mem.plant("recap:draft:cut", "{\"format\":1,\"text\":\"half");
    let mut ws = tab(&mem, 2);
    let fresh = DraftStore::new(mem.clone(), 3).scan().unwrap();
    assert_eq!(fresh.drafts.len(), 2);
    assert_eq!(fresh.unreadable.len(), 1);
    assert_eq!(ws.take_start_scan(), Some(fresh), "what storage holds");
    assert_eq!(ws.take_start_scan(), None, "handed on once");
}

#[test]
fn what_a_start_read_is_not_handed_on_once_the_tab_has_written() {
    // A first visit stores its new draft: the start's reading (no draft) is stale.
    let mem = MemoryStorage::new();
    let mut first = tab(&mem, 1);
    assert!(first.first_run());
    assert_eq!(first.take_start_scan(), None);

    // A reopened draft, edited and saved before the list first reads.
    let mut ws = tab(&mem, 2);
    ws.edit("# Berlin, edited\n", 3);
    ws.save(T0 + 10);
    assert_eq!(ws.take_start_scan(), None);
    let listed = DraftStore::new(mem.clone(), 3).scan().unwrap();
    assert_eq!(listed.drafts[0].text, "# Berlin, edited\n");
}

#[test]
fn first_start_creates_a_draft_from_the_template_and_stores_it() {
    let mem = MemoryStorage::new();
    let ws = tab(&mem, 1);
    assert_eq!(ws.text(), TEMPLATE);
    assert_eq!(ws.state(), &SaveState::Saved);
    assert_eq!(stored_text(&mem, ws.id()), TEMPLATE);
    assert!(ws.first_run(), "a newcomer is greeted");
    assert!(
        !tab(&mem, 2).first_run(),
        "the second visit is not a first run"
    );
}

#[test]
fn the_sample_recap_opens_as_a_draft_of_its_own() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    let template_id = ws.id().clone();
    ws.import(&[(SAMPLE_RECAP_NAME.into(), SAMPLE_RECAP.into())], T0 + 5);
    assert_ne!(ws.id(), &template_id);
    assert_eq!(
        ws.text(),
        support::data::sample_recap(),
        "the app ships the fixture"
    );
    assert_eq!(stored_text(&mem, ws.id()), SAMPLE_RECAP);
}

#[test]
fn reopening_shows_the_last_open_draft_at_its_cursor() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    ws.new_draft("second draft\n", T0 + 10);
    let second = ws.id().clone();
    ws.new_draft("third draft\n", T0 + 20);
    ws.open(&second, T0 + 30).unwrap();
    ws.edit("second draft, edited\n", 7);
    ws.save(T0 + 40);
    drop(ws);

    let again = tab(&mem, 2);
    assert_eq!(again.id(), &second);
    assert_eq!(again.text(), "second draft, edited\n");
    assert_eq!(again.cursor(), 7);
}

#[test]
fn an_edit_is_unsaved_until_saved_then_stored() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    ws.edit("---\ntitle: Munich\n---\n## Day 1\n", 10);
    assert_eq!(ws.state(), &SaveState::Unsaved);
    assert_eq!(ws.state().label(), "Saving…");
    assert_eq!(stored_text(&mem, ws.id()), TEMPLATE);
    ws.save(T0 + 500);
    assert_eq!(ws.state().label(), "Saved");
    assert_eq!(
        stored_text(&mem, ws.id()),
        "---\ntitle: Munich\n---\n## Day 1\n"
    );
}

#[test]
fn a_crlf_draft_keeps_its_line_endings_through_textarea_edits() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    let crlf = "---\r\ntitle: Win\r\n---\r\nBody\r\n".to_string();
    ws.import(&[("win.md".into(), crlf.clone())], T0 + 1);
    assert_eq!(ws.text(), crlf);
    // The textarea hands back LF only.
    ws.edit("---\ntitle: Win\n---\nBody\n", 0);
    assert_eq!(ws.text(), crlf, "an unedited CRLF text is unchanged");
    ws.edit("---\ntitle: Win\n---\nBody!\n", 0);
    ws.save(T0 + 2);
    assert_eq!(
        stored_text(&mem, ws.id()),
        "---\r\ntitle: Win\r\n---\r\nBody!\r\n"
    );
}

#[test]
fn another_tabs_save_shows_here_when_this_tab_has_no_change() {
    let mem = MemoryStorage::new();
    let mut a = tab(&mem, 1);
    let mut b = tab(&mem, 2);
    assert_eq!(a.id(), b.id());
    b.edit("typed in tab B\n", 3);
    b.save(T0 + 100);
    let key = draft_key(b.id());
    assert_eq!(a.external_change(&key, T0 + 150), External::Reloaded);
    assert_eq!(a.text(), "typed in tab B\n");
    // A then edits on top of B's revision without a conflict.
    a.edit("typed in tab B, then A\n", 5);
    assert_eq!(a.save(T0 + 200), &SaveState::Saved);
    assert_eq!(stored_text(&mem, a.id()), "typed in tab B, then A\n");
}

/// Two tabs on one draft: A typed "mine" (not saved yet), B typed "theirs" and saved.
fn two_tabs_typing() -> (
    MemoryStorage,
    Workspace<MemoryStorage>,
    Workspace<MemoryStorage>,
) {
    let mem = MemoryStorage::new();
    let mut a = tab(&mem, 1);
    let mut b = tab(&mem, 2);
    a.edit("mine\n", 0);
    b.edit("theirs\n", 0);
    b.save(T0 + 100);
    (mem, a, b)
}

/// Every draft text in storage, trash included, as a fresh tab would find them.
fn all_texts(mem: &MemoryStorage) -> Vec<String> {
    let store = DraftStore::new(mem.clone(), 98);
    let mut texts: Vec<String> = store
        .scan()
        .unwrap()
        .drafts
        .into_iter()
        .map(|d| d.text)
        .collect();
    texts.sort();
    texts
}

#[test]
fn both_tabs_changed_gives_a_conflict_and_nothing_is_overwritten() {
    let (mem, mut a, _b) = two_tabs_typing();
    // A's autosave comes after B's: it must not replace B's newer revision.
    assert_eq!(a.save(T0 + 200), &SaveState::Conflict);
    assert_eq!(stored_text(&mem, a.id()), "theirs\n");
    assert_eq!(a.text(), "mine\n", "this tab's text stays in the editor");
    assert_eq!(a.theirs().map(|d| d.text.as_str()), Some("theirs\n"));
    // This tab's text is already stored, as a copy, before anyone answers anything.
    let copy = a
        .conflict_copy()
        .expect("a copy of this tab's text")
        .clone();
    assert_ne!(&copy, a.id());
    assert_eq!(stored_text(&mem, &copy), "mine\n");
    // Typing more during the conflict saves into the copy, never over theirs.
    a.edit("mine, more\n", 0);
    a.save(T0 + 300);
    assert_eq!(stored_text(&mem, a.id()), "theirs\n");
    assert_eq!(stored_text(&mem, &copy), "mine, more\n");
}

#[test]
fn a_storage_event_during_unsaved_typing_is_a_conflict_and_keeps_this_tabs_text() {
    let (mem, mut a, b) = two_tabs_typing();
    assert_eq!(
        a.external_change(&draft_key(b.id()), T0 + 150),
        External::Conflict
    );
    assert_eq!(a.state().label(), "Changed in another tab");
    assert_eq!(all_texts(&mem), ["mine\n", "theirs\n"]);
}

#[test]
fn a_tab_closed_during_a_conflict_loses_nothing() {
    let (mem, mut a, b) = two_tabs_typing();
    a.external_change(&draft_key(b.id()), T0 + 150);
    a.edit("mine\nand a second line typed during the conflict\n", 10);
    // The page hides (autosave at once), then the tab is gone without an answer.
    a.save(T0 + 400);
    drop(a);
    let reopened = tab(&mem, 3);
    let listed: Vec<String> = reopened
        .scan()
        .unwrap()
        .active()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(
        all_texts(&mem),
        [
            "mine\nand a second line typed during the conflict\n",
            "theirs\n"
        ]
    );
    let copy = reopened
        .scan()
        .unwrap()
        .active()
        .into_iter()
        .find(|s| s.conflict_copy)
        .expect("the copy is marked in the list");
    assert_eq!(copy.title, "mine");
}

#[test]
fn storage_refusing_the_conflict_copy_is_reported_and_the_text_stays() {
    let (mem, mut a, _b) = two_tabs_typing();
    let used: usize = mem.snapshot().iter().map(|(k, v)| k.len() + v.len()).sum();
    mem.set_quota(Some(used));
    assert_eq!(a.save(T0 + 200), &SaveState::Conflict);
    assert_eq!(a.copy_error(), Some(&StorageError::Full));
    assert_eq!(a.conflict_copy(), None);
    assert_eq!(a.text(), "mine\n");
    // Space returns: the next autosave stores the copy.
    mem.set_quota(None);
    a.save(T0 + 300);
    assert_eq!(a.copy_error(), None);
    let copy = a
        .conflict_copy()
        .expect("stored once there is room")
        .clone();
    assert_eq!(stored_text(&mem, &copy), "mine\n");
}

#[test]
fn keep_mine_as_a_copy_keeps_both_texts() {
    let (mem, mut a, _b) = two_tabs_typing();
    let original = a.id().clone();
    a.save(T0 + 200);
    let copy = a.conflict_copy().unwrap().clone();
    a.edit("mine, last words\n", 0);
    a.keep_mine_as_copy(T0 + 300).unwrap();
    assert_eq!(
        a.id(),
        &copy,
        "the copy made at the conflict opens; no second copy"
    );
    assert_eq!(stored_text(&mem, a.id()), "mine, last words\n");
    assert_eq!(stored_text(&mem, &original), "theirs\n");
    assert_eq!(a.state(), &SaveState::Saved);
    assert_eq!(all_texts(&mem).len(), 2);
    // And it goes on saving as a draft of its own.
    a.edit("mine, after\n", 0);
    assert_eq!(a.save(T0 + 400), &SaveState::Saved);
    assert_eq!(stored_text(&mem, &copy), "mine, after\n");
}

#[test]
fn take_theirs_puts_this_tabs_text_in_the_history() {
    let (_mem, mut a, _b) = two_tabs_typing();
    a.save(T0 + 200);
    a.take_theirs(T0 + 300);
    assert_eq!(a.text(), "theirs\n");
    let history = a.store().history(a.id()).unwrap();
    let last = history.snapshots().last().expect("a snapshot");
    assert_eq!(last.text, "mine\n");
    assert_eq!(last.reason, SnapshotReason::BeforeConflict);
    // The copy made at the conflict went to the trash (the history has its text).
    let scan = a.scan().unwrap();
    assert!(scan.active().iter().all(|s| !s.conflict_copy));
    assert!(scan.trash().iter().any(|s| s.conflict_copy));
    // And A can go on saving on top of theirs.
    a.edit("theirs + more\n", 0);
    assert_eq!(a.save(T0 + 400), &SaveState::Saved);
}

#[test]
fn storage_full_keeps_the_text_and_saves_when_space_returns() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    let used: usize = mem.snapshot().iter().map(|(k, v)| k.len() + v.len()).sum();
    mem.set_quota(Some(used));
    ws.edit("important notes from the keynote\n", 3);
    assert_eq!(ws.save(T0 + 10), &SaveState::Failed(StorageError::Full));
    assert_eq!(ws.state().label(), "Not saved: storage full");
    assert_eq!(ws.text(), "important notes from the keynote\n");
    assert!(ws.is_dirty());
    assert_eq!(stored_text(&mem, ws.id()), TEMPLATE, "nothing half-written");
    // Space comes back (the writer emptied the trash): the next save succeeds.
    mem.set_quota(None);
    assert_eq!(ws.save(T0 + 20), &SaveState::Saved);
    assert_eq!(
        stored_text(&mem, ws.id()),
        "important notes from the keynote\n"
    );
}

#[test]
fn a_quota_filled_by_growth_fails_the_save_and_deletes_nothing() {
    let mem = MemoryStorage::with_quota(4_000);
    let mut ws = tab(&mem, 1);
    ws.new_draft("other draft\n", T0 + 1);
    let before = mem.snapshot();
    let big = "x".repeat(5_000);
    ws.edit(&big, 0);
    assert_eq!(ws.save(T0 + 2), &SaveState::Failed(StorageError::Full));
    assert_eq!(ws.text(), big);
    let after = mem.snapshot();
    for (key, value) in &before {
        assert_eq!(after.get(key), Some(value), "{key} was removed or changed");
    }
}

#[test]
fn no_storage_at_all_still_opens_the_template_in_memory() {
    let mem = MemoryStorage::unavailable();
    let mut ws = tab(&mem, 1);
    assert_eq!(ws.text(), TEMPLATE);
    assert_eq!(ws.state(), &SaveState::Failed(StorageError::Unavailable));
    ws.edit("typed anyway\n", 0);
    ws.save(T0 + 1);
    assert_eq!(ws.text(), "typed anyway\n");
    assert_eq!(ws.state().label(), "Not saved: no storage");
}

#[test]
fn unreadable_entries_are_kept_and_offered_as_recovered_drafts() {
    let mem = MemoryStorage::new();
    mem.plant("recap:draft:broken", "{\"format\":1,\"text\":\"half a dr");
    mem.plant("recap:draft:old", "{\"format\":0,\"text\":\"old\"}");
    let mut ws = tab(&mem, 1);
    let keys: Vec<&str> = ws.recovered().iter().map(|u| u.key.as_str()).collect();
    assert_eq!(keys.len(), 2);
    assert!(
        ws.recovered()[0].reason.contains("not valid JSON")
            || ws.recovered()[1].reason.contains("not valid JSON")
    );
    ws.recover("recap:draft:broken", T0 + 1).unwrap();
    assert_eq!(ws.text(), "{\"format\":1,\"text\":\"half a dr");
    assert_eq!(
        mem.snapshot().get("recap:draft:broken").map(String::as_str),
        Some("{\"format\":1,\"text\":\"half a dr"),
        "the entry itself stays untouched"
    );
    assert_eq!(ws.recovered().len(), 1);
}

#[test]
fn each_unreadable_entry_says_why_it_cannot_be_read() {
    let mem = MemoryStorage::new();
    let cases = [
        (
            "recap:draft:cut",
            "{\"format\":1,\"text\":\"half",
            "it is not valid JSON",
        ),
        (
            "recap:draft:future",
            "{\"text\":\"x\",\"format\":9}",
            "it is in storage format 9,",
        ),
        (
            "recap:draft:none",
            "{\"text\":\"x\"}",
            "it has no storage format",
        ),
        (
            "recap:draft:word",
            "{\"format\":\"1\",\"text\":\"x\"}",
            "it has no storage format",
        ),
        ("recap:draft:list", "[\"x\"]", "it has no storage format"),
        (
            "recap:draft:thin",
            "{\"format\":1}",
            "it is missing parts of a draft",
        ),
        (
            // Every part of today's drafts, in a later format: still not read.
            "recap:draft:whole",
            "{\"format\":2,\"id\":\"whole\",\"rev\":1,\"text\":\"x\",\"created_ms\":0,\"updated_ms\":0}",
            "it is in storage format 2,",
        ),
    ];
    for (key, raw, _) in cases {
        mem.plant(key, raw);
    }
    let ws = tab(&mem, 1);
    for (key, _, reason) in cases {
        let entry = ws.recovered().iter().find(|u| u.key == key);
        let found = entry.map(|u| u.reason.as_str()).unwrap_or("not offered");
        assert!(found.contains(reason), "{key}: {found}");
    }
}

#[test]
fn trashing_the_open_draft_opens_the_next_and_restore_brings_it_back() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    let first = ws.id().clone();
    ws.new_draft("second\n", T0 + 10);
    let second = ws.id().clone();
    ws.trash(&second, TEMPLATE, T0 + 20).unwrap();
    assert_eq!(ws.id(), &first);
    let scan = ws.scan().unwrap();
    assert_eq!(scan.trash().len(), 1);
    ws.restore(&second).unwrap();
    assert_eq!(ws.scan().unwrap().active().len(), 2);
}

#[test]
fn a_draft_deleted_in_another_tab_is_written_again_on_save() {
    let mem = MemoryStorage::new();
    let mut a = tab(&mem, 1);
    a.new_draft("keep me\n", T0 + 1);
    let id = a.id().clone();
    let mut b = tab(&mem, 2);
    b.trash(&id, TEMPLATE, T0 + 2).unwrap();
    b.empty_trash().unwrap();
    a.edit("keep me, edited\n", 0);
    assert_eq!(a.save(T0 + 3), &SaveState::Saved);
    assert_eq!(stored_text(&mem, &id), "keep me, edited\n");
}

#[test]
fn restoring_a_snapshot_keeps_the_current_text_in_the_history() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    ws.edit("version one\n", 0);
    ws.save(T0 + 1);
    // Ten minutes later the next edit snapshots "version one".
    ws.edit("version two\n", 0);
    ws.save(T0 + 10 * 60_000);
    let history = ws.store().history(ws.id()).unwrap();
    let index = history
        .snapshots()
        .iter()
        .position(|s| s.text == "version one\n")
        .expect("version one was snapshotted");
    ws.restore_snapshot(index, T0 + 11 * 60_000);
    assert_eq!(ws.text(), "version one\n");
    let history = ws.store().history(ws.id()).unwrap();
    assert!(history
        .snapshots()
        .iter()
        .any(|s| s.text == "version two\n" && s.reason == SnapshotReason::BeforeRestore));
}

#[test]
fn importing_several_files_opens_the_last_and_keeps_bytes() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    let files = vec![
        (
            "a.md".to_string(),
            "\u{feff}---\ntitle: A\n---\n".to_string(),
        ),
        ("b.md".to_string(), "no front matter\n".to_string()),
    ];
    let results = ws.import(&files, T0 + 1);
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(ws.text(), "no front matter\n");
    let a = results[0].as_ref().unwrap();
    assert_eq!(stored_text(&mem, a), "\u{feff}---\ntitle: A\n---\n");
}

#[test]
fn a_backup_holds_the_text_storage_refused() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    ws.new_draft("other\n", T0 + 1);
    let used: usize = mem.snapshot().iter().map(|(k, v)| k.len() + v.len()).sum();
    mem.set_quota(Some(used));
    ws.edit("not stored yet\n", 0);
    ws.save(T0 + 2);
    let drafts = ws.backup_drafts(T0 + 3);
    assert_eq!(drafts.len(), 2);
    assert!(drafts.iter().any(|d| d.text == "not stored yet\n"));
    // And without any storage, the backup still has the open text.
    let none = tab(&MemoryStorage::unavailable(), 2);
    let drafts = none.backup_drafts(T0);
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].text, TEMPLATE);
}

/// What a textarea shows of a text: every line break as `\n`.
fn as_textarea(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[test]
fn mixed_line_endings_survive_an_edit_on_every_other_line() {
    let mem = MemoryStorage::new();
    let mut ws = tab(&mem, 1);
    let mixed = "---\r\ntitle: Old post\r\n---\r\nFirst\nSecond\r\nThird\n".to_string();
    ws.import(&[("old.md".into(), mixed.clone())], T0);
    ws.edit(&as_textarea(&mixed), 0);
    assert_eq!(ws.text(), mixed, "no edit, no change");
    ws.edit(&as_textarea(&mixed).replace("Second", "Second!"), 0);
    assert_eq!(
        ws.text(),
        "---\r\ntitle: Old post\r\n---\r\nFirst\nSecond!\r\nThird\n"
    );
}

#[test]
fn a_one_character_edit_to_every_post_changes_only_that_line() {
    let mut checked = 0;
    for (name, original) in support::data::all_posts("one-character edits") {
        let mem = MemoryStorage::new();
        let mut ws = tab(&mem, 1);
        ws.import(&[("post.md".into(), original.clone())], T0);
        let shown = as_textarea(&original);
        let line = shown.lines().count() / 2;
        let at: usize = shown.split_inclusive('\n').take(line).map(str::len).sum();
        let edited = format!("{}X{}", &shown[..at], &shown[at..]);
        ws.edit(&edited, at + 1);
        let before: Vec<&str> = original.split('\n').collect();
        let after: Vec<&str> = ws.text().split('\n').collect();
        assert_eq!(before.len(), after.len(), "{name}");
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            if i == line {
                assert_eq!(*a, format!("X{b}"), "{name} line {i}");
            } else {
                assert_eq!(a, b, "{name} line {i}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 12);
}
