//! The draft store against in-memory storage with injected faults: nothing is ever lost.

use recap::drafts::*;

const T0: i64 = 1_764_000_000_000;
const MIN: i64 = 60_000;

fn store() -> (DraftStore<MemoryStorage>, MemoryStorage) {
    let mem = MemoryStorage::new();
    (DraftStore::new(mem.clone(), 1), mem)
}

#[test]
fn saves_and_reloads_with_rising_revisions() {
    let (mut s, _) = store();
    let d = s.create("---\ntitle: Munich\n---\nDay 1\n", T0).unwrap();
    assert_eq!(d.rev, Revision(1));
    let r2 = s
        .save(
            &d.id,
            d.rev,
            "---\ntitle: Munich\n---\nDay 1 and 2\n",
            30,
            T0 + 1000,
        )
        .unwrap();
    assert_eq!(r2, Revision(2));
    let loaded = s.load(&d.id).unwrap().unwrap();
    assert_eq!(loaded.text, "---\ntitle: Munich\n---\nDay 1 and 2\n");
    assert_eq!(loaded.cursor, 30);
    assert_eq!(loaded.updated_ms, T0 + 1000);
    // A reload (a new store over the same storage) finds it.
    let again = DraftStore::new(s.storage().clone(), 2);
    assert_eq!(again.scan().unwrap().active()[0].title, "Munich");
}

#[test]
fn an_old_tab_can_never_overwrite_a_newer_revision() {
    let mem = MemoryStorage::new();
    let mut tab_a = DraftStore::new(mem.clone(), 1);
    let mut tab_b = DraftStore::new(mem.clone(), 2);
    let d = tab_a.create("v1\n", T0).unwrap();
    let b_base = d.rev;
    let a_rev = tab_a.save(&d.id, d.rev, "v2 from A\n", 0, T0 + 1).unwrap();
    let before = mem.snapshot();
    match tab_b.save(&d.id, b_base, "v2 from B\n", 0, T0 + 2) {
        Err(SaveError::Conflict { theirs }) => {
            assert_eq!(theirs.text, "v2 from A\n");
            assert_eq!(theirs.rev, a_rev);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(mem.snapshot(), before, "a refused save must not write");
    // B keeps its text as a copy: both versions survive.
    let copy = tab_b.create("v2 from B\n", T0 + 3).unwrap();
    let texts: Vec<String> = tab_a
        .scan()
        .unwrap()
        .drafts
        .into_iter()
        .map(|d| d.text)
        .collect();
    assert!(
        texts.contains(&"v2 from A\n".to_string()) && texts.contains(&"v2 from B\n".to_string())
    );
    assert_ne!(copy.id, d.id);
    // B takes theirs and can save on top of it.
    assert!(tab_b.save(&d.id, a_rev, "v3 from B\n", 0, T0 + 4).is_ok());
}

#[test]
fn a_failed_history_write_never_blocks_the_draft_save() {
    let mem = MemoryStorage::new();
    let mut s = DraftStore::new(mem.clone(), 1);
    let d = s.create("first\n", T0).unwrap();
    // The first write of this save is the history snapshot: it fails, the draft saves.
    mem.fail_write(1);
    assert!(s.save(&d.id, d.rev, "second\n", 0, T0 + MIN).is_ok());
    assert_eq!(s.load(&d.id).unwrap().unwrap().text, "second\n");
}

#[test]
fn a_full_storage_refuses_the_write_and_loses_nothing() {
    let mem = MemoryStorage::new();
    let mut s = DraftStore::new(mem.clone(), 1);
    let d = s.create("first\n", T0).unwrap();
    let other = s.create("another draft\n", T0).unwrap();
    let before = mem.snapshot();
    // No room left at all.
    let used: usize = before.iter().map(|(k, v)| k.len() + v.len()).sum();
    mem.set_quota(Some(used));
    assert_eq!(
        s.save(&d.id, d.rev, "second, longer\n", 0, T0 + MIN),
        Err(SaveError::Storage(StorageError::Full))
    );
    assert_eq!(mem.snapshot(), before, "nothing changed, nothing deleted");
    assert_eq!(s.load(&other.id).unwrap().unwrap().text, "another draft\n");
    // Once there is room the same save goes through from the same base.
    mem.set_quota(None);
    assert!(s.save(&d.id, d.rev, "second\n", 0, T0 + MIN).is_ok());
    assert_eq!(s.load(&d.id).unwrap().unwrap().text, "second\n");
}

#[test]
fn a_quota_that_fits_the_draft_but_not_its_history_still_saves_the_draft() {
    let mem = MemoryStorage::new();
    let mut s = DraftStore::new(mem.clone(), 1);
    let big = "x".repeat(1000);
    let d = s.create(&big, T0).unwrap();
    let used: usize = mem.snapshot().iter().map(|(k, v)| k.len() + v.len()).sum();
    // Room for the new text but not for a snapshot of the old one beside it.
    mem.set_quota(Some(used + 200));
    let text = format!("{big}y");
    assert!(s.save(&d.id, d.rev, &text, 0, T0 + 10 * MIN).is_ok());
    assert_eq!(s.load(&d.id).unwrap().unwrap().text, text);
}

#[test]
fn no_storage_at_all_is_a_clear_error() {
    let mut s = DraftStore::new(MemoryStorage::unavailable(), 1);
    let err = s.create("text\n", T0).unwrap_err();
    assert_eq!(err, StorageError::Unavailable);
    assert!(err.to_string().contains("private window"));
    assert!(s.scan().is_err());
}

#[test]
fn unreadable_entries_are_kept_and_offered_and_the_rest_still_loads() {
    let (mut s, mem) = store();
    let good = s.create("# Good\n", T0).unwrap();
    mem.plant("recap:draft:broken", "{not json");
    mem.plant(
        "recap:draft:old",
        r#"{"format":0,"text":"old format text"}"#,
    );
    mem.plant(
        "recap:draft:mismatch",
        &serde_json::to_string(&s.load(&good.id).unwrap().unwrap()).unwrap(),
    );
    mem.plant("someone-else:key", "foreign");
    mem.plant("recap:settings", "[[[");
    let before = mem.snapshot();
    let scan = s.scan().unwrap();
    assert_eq!(scan.drafts.len(), 1);
    let keys: Vec<&str> = scan.unreadable.iter().map(|u| u.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "recap:draft:broken",
            "recap:draft:mismatch",
            "recap:draft:old"
        ]
    );
    assert_eq!(scan.unreadable[0].raw, "{not json");
    assert!(
        scan.unreadable[2].reason.contains("format 0"),
        "{}",
        scan.unreadable[2].reason
    );
    assert_eq!(s.settings(), Settings::default());
    assert_eq!(mem.snapshot(), before, "reading changes nothing");
    // A recovered entry becomes a draft of its own; the original stays.
    let recovered = s
        .create_from(&scan.unreadable[0].raw, Some("recovered"), T0)
        .unwrap();
    assert_eq!(s.load(&recovered.id).unwrap().unwrap().text, "{not json");
    assert_eq!(
        mem.snapshot().get("recap:draft:broken").map(String::as_str),
        Some("{not json")
    );
}

#[test]
fn list_is_sorted_by_last_change_with_titles_and_search() {
    let (mut s, _) = store();
    let a = s
        .create(
            "---\ntitle: KubeCon\ndate: 2019-06-13\n---\nBarcelona notes\n",
            T0,
        )
        .unwrap();
    let _b = s.create("# DevOpsCon\n\nMunich notes\n", T0 + 1).unwrap();
    s.save(
        &a.id,
        a.rev,
        "---\ntitle: KubeCon\ndate: 2019-06-13\n---\nBarcelona notes, more\n",
        0,
        T0 + 2,
    )
    .unwrap();
    let scan = s.scan().unwrap();
    let list = scan.active();
    assert_eq!(
        list.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(),
        ["KubeCon", "DevOpsCon"]
    );
    assert_eq!(list[0].date.as_deref(), Some("2019-06-13"));
    assert_eq!(list[0].snippet, "Barcelona notes, more");
    assert_eq!(scan.search("munich").len(), 1);
    assert_eq!(scan.search("KUBECON")[0].title, "KubeCon");
}

#[test]
fn trash_restore_duplicate_and_empty_trash() {
    let (mut s, mem) = store();
    let a = s.create("a\n", T0).unwrap();
    let b = s.create("b\n", T0).unwrap();
    let copy = s.duplicate(&a.id, T0 + 1).unwrap().unwrap();
    assert_eq!(s.load(&copy.id).unwrap().unwrap().text, "a\n");
    assert!(s.trash(&a.id, T0 + 2).unwrap());
    let scan = s.scan().unwrap();
    assert_eq!(scan.active().len(), 2);
    assert_eq!(scan.trash()[0].id, a.id);
    assert!(s.restore(&a.id).unwrap());
    assert_eq!(s.scan().unwrap().trash().len(), 0);
    s.trash(&b.id, T0 + 3).unwrap();
    assert_eq!(s.empty_trash().unwrap(), 1);
    assert!(s.load(&b.id).unwrap().is_none());
    assert!(!mem.snapshot().keys().any(|k| k.ends_with(b.id.as_str())));
}

#[test]
fn history_keeps_a_snapshot_every_five_minutes_at_most_thirty() {
    let (mut s, _) = store();
    let d = s.create("v0\n", T0).unwrap();
    let mut rev = d.rev;
    // Edits every minute for an hour: one snapshot per five minutes.
    for i in 1..=60 {
        rev = s
            .save(&d.id, rev, &format!("v{i}\n"), 0, T0 + i * MIN)
            .unwrap();
    }
    let h = s.history(&d.id).unwrap();
    assert_eq!(
        h.len(),
        12,
        "{:?}",
        h.snapshots().iter().map(|s| s.at_ms).collect::<Vec<_>>()
    );
    assert_eq!(h.get(0).unwrap().text, "v0\n");
    // Three hours more: capped at thirty, oldest gone first.
    for i in 61..=240 {
        rev = s
            .save(&d.id, rev, &format!("v{i}\n"), 0, T0 + i * MIN)
            .unwrap();
    }
    let h = s.history(&d.id).unwrap();
    assert_eq!(h.len(), MAX_SNAPSHOTS);
    assert_ne!(h.get(0).unwrap().text, "v0\n");
}

#[test]
fn restoring_a_snapshot_keeps_the_current_text_as_a_snapshot() {
    let (mut s, _) = store();
    let d = s.create("old text\n", T0).unwrap();
    let rev = s
        .save(&d.id, d.rev, "new text\n", 0, T0 + 10 * MIN)
        .unwrap();
    let h = s.history(&d.id).unwrap();
    assert_eq!(h.get(0).unwrap().text, "old text\n");
    let rev = s.restore_snapshot(&d.id, rev, 0, T0 + 11 * MIN).unwrap();
    assert_eq!(s.load(&d.id).unwrap().unwrap().text, "old text\n");
    let h = s.history(&d.id).unwrap();
    assert_eq!(h.snapshots().last().unwrap().text, "new text\n");
    assert_eq!(
        h.snapshots().last().unwrap().reason,
        SnapshotReason::BeforeRestore
    );
    assert!(rev > Revision(2));
}

#[test]
fn backup_round_trips_byte_for_byte_and_merges_newer_wins() {
    let (mut s, _) = store();
    let crlf = "\u{feff}---\r\ntitle: \"CRLF\"\r\n---\r\nBody\r\n";
    let a = s.create(crlf, T0).unwrap();
    let b = s.create("b v1\n", T0).unwrap();
    s.trash(&b.id, T0 + 1).unwrap();
    let zip = write_backup(&s.scan().unwrap().drafts, T0 + 2).unwrap();
    let (drafts, problems) = read_backup("backup.zip", &zip).unwrap();
    assert!(problems.is_empty());
    assert_eq!(drafts.iter().find(|d| d.id == a.id).unwrap().text, crlf);
    assert!(drafts
        .iter()
        .find(|d| d.id == b.id)
        .unwrap()
        .trashed_ms
        .is_some());

    // Another browser: has `a` at a newer revision, lacks `b`, and has its own `c`.
    let (mut other, _) = store();
    other.merge(drafts.clone(), T0 + 3).unwrap();
    let a_local = other.load(&a.id).unwrap().unwrap();
    other
        .save(&a.id, a_local.rev, "a edited here\n", 0, T0 + 4)
        .unwrap();
    let c = other.create("c\n", T0 + 5).unwrap();
    let report = other.merge(drafts, T0 + 6).unwrap();
    assert_eq!(report.kept, vec![a.id.clone(), b.id.clone()]);
    assert!(report.added.is_empty());
    assert_eq!(other.load(&a.id).unwrap().unwrap().text, "a edited here\n");
    assert!(other.load(&c.id).unwrap().is_some());

    // The backup's newer revision replaces an older local one; the old text is kept.
    let mut newer = s.load(&a.id).unwrap().unwrap();
    newer.rev = Revision(99);
    newer.text = "newest\n".into();
    let report = other.merge(vec![newer], T0 + 7).unwrap();
    assert_eq!(report.updated, vec![a.id.clone()]);
    assert_eq!(other.load(&a.id).unwrap().unwrap().text, "newest\n");
    assert!(other
        .history(&a.id)
        .unwrap()
        .snapshots()
        .iter()
        .any(|s| s.text == "a edited here\n"));
}

#[test]
fn a_file_that_is_not_a_backup_says_so() {
    assert!(matches!(
        read_backup("notes.zip", b"plain text"),
        Err(BackupError::NotZip { .. })
    ));
    let err = read_backup("notes.zip", b"plain text").unwrap_err();
    assert!(err.to_string().starts_with("notes.zip:"));
}

#[test]
fn import_keeps_bytes_and_names_the_failing_file() {
    assert_eq!(import_text("Talk.MD", b"# x\r\n").unwrap(), "# x\r\n");
    let err = import_text("photo.jpg", b"\xff\xd8").unwrap_err();
    assert_eq!(
        err.to_string(),
        "photo.jpg: not a Markdown or text file (Recap imports .md, .markdown and .txt)."
    );
    let err = import_text("latin1.txt", b"caf\xe9").unwrap_err();
    assert!(err
        .to_string()
        .starts_with("latin1.txt: not UTF-8 text (byte 3"));
}

#[test]
fn crlf_drafts_keep_their_line_endings_through_textarea_edits() {
    let original = "---\r\ntitle: x\r\n---\r\nBody\r\n";
    let style = LineEndings::of(original);
    assert_eq!(style, LineEndings::CrLf);
    // What a textarea hands back after the writer adds a line.
    let from_textarea = original.replace("\r\n", "\n") + "More\n";
    assert_eq!(style.apply(&from_textarea), format!("{original}More\r\n"));
    assert_eq!(
        LineEndings::CrLf.apply(&original.replace("\r\n", "\n")),
        original
    );
}

#[test]
fn settings_round_trip() {
    let (mut s, _) = store();
    let d = s.create("x", T0).unwrap();
    let settings = Settings {
        author: Some("Ada".into()),
        last_open: Some(d.id.clone()),
        theme: Some("dark".into()),
    };
    s.set_settings(&settings).unwrap();
    assert_eq!(s.settings(), settings);
}

#[test]
fn a_draft_deleted_in_another_tab_is_reported_missing() {
    let mem = MemoryStorage::new();
    let mut a = DraftStore::new(mem.clone(), 1);
    let mut b = DraftStore::new(mem.clone(), 2);
    let d = a.create("x\n", T0).unwrap();
    b.trash(&d.id, T0).unwrap();
    b.empty_trash().unwrap();
    assert_eq!(
        a.save(&d.id, d.rev, "y\n", 0, T0 + 1),
        Err(SaveError::Missing)
    );
    let mut again = d.clone();
    again.text = "y\n".into();
    a.recreate(&again).unwrap();
    assert_eq!(a.load(&d.id).unwrap().unwrap().text, "y\n");
}

/// A backup written before Recap stored its zips uncompressed (the zip crate, deflate):
/// `tests/data/backups/recap-backup-deflated.zip`.
#[test]
fn a_deflated_backup_from_an_earlier_version_still_imports() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/backups/recap-backup-deflated.zip");
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("missing test data {}: {e}", path.display()));
    let zip = recap::archive::ZipReader::new(&bytes).unwrap();
    assert_eq!(zip.names().count(), 3);
    let (drafts, problems) = read_backup("old.zip", &bytes).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(drafts.len(), 2);
    let crlf = drafts.iter().find(|d| d.text.contains("KubeCon")).unwrap();
    assert_eq!(
        crlf.text,
        "\u{feff}---\r\ntitle: \"Day 1 at KubeCon\"\r\n---\r\nKeynote notes, with a tweet:\r\n\r\n{{< x user=\"a\" id=\"1\" >}}\r\n"
    );
    assert!(drafts.iter().any(|d| d.trashed_ms.is_some()));
}

#[test]
fn a_damaged_backup_names_the_file_and_what_is_wrong() {
    let (mut s, _) = store();
    s.create("Some notes\n", T0).unwrap();
    let mut zip = write_backup(&s.scan().unwrap().drafts, T0 + 1).unwrap();
    // A flipped byte in the draft's text: its checksum no longer matches.
    let at = zip
        .windows(b"Some notes".len())
        .position(|w| w == b"Some notes")
        .unwrap();
    zip[at] ^= 0x20;
    let (drafts, problems) = read_backup("backup.zip", &zip).unwrap();
    assert!(drafts.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("checksum"), "{}", problems[0]);
    // Cut short: the directory at the end is gone.
    let err = read_backup("cut.zip", &zip[..zip.len() / 2]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cut.zip: not a zip file (no zip directory at the end of the file)."
    );
}
