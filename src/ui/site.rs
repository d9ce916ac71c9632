//! The open Hugo site folder as app-wide state, and the writer's actions on it: open
//! (or reconnect), open a post, save in place, a new post from the archetype, images.
//! The decisions are `crate::site`'s and `crate::drafts`'s; this file reads and
//! writes the folder ([`Folder`]) and publishes the results to signals.

use super::browser;
use super::on_demand::on_demand;
use super::site_fs::{has_picker, pick_folder, Folder, Permission};
use super::Doc;
use crate::drafts::{DiskCheck, DiskVersion, DraftId, SiteLink, SiteOpen};
use crate::post::PostDate;
use crate::render::RenderOptions;
use crate::site::{
    builtin_archetype, config_files, content_base_name, context, find_archetype, new_post_path,
    new_post_text, place_image, post_files, sort_newest_first, ArchetypeSource, ConfigFile,
    PostLayout, SectionStyle, Site, SiteConfig, SiteError, SiteFile, SitePath, SitePost,
};
use leptos::prelude::*;

/// A save that found the file changed on disk: both texts, until the writer chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct DiskConflict {
    /// The file.
    pub path: String,
    /// What the file holds now.
    pub theirs: String,
    /// What the writer wanted to save.
    pub mine: String,
    /// The draft the disk version was kept in.
    pub kept: Option<DraftId>,
}

/// The site folder state, shared through context.
#[derive(Clone, Copy)]
pub struct SiteState {
    /// The open site, once read.
    pub site: RwSignal<Option<Site>>,
    /// A folder kept from an earlier visit that needs the writer's click to reopen.
    pub reconnect: RwSignal<Option<String>>,
    /// Reading or writing is under way.
    pub busy: RwSignal<bool>,
    /// A save that found the file changed on disk.
    pub conflict: RwSignal<Option<DiskConflict>>,
    /// The site was opened read-only (no folder API): saving downloads.
    pub read_only: RwSignal<bool>,
    /// The config environment picked (`config/<environment>/` on top of `_default`).
    pub environment: RwSignal<Option<String>>,
    folder: StoredValue<Option<Folder>, LocalStorage>,
    kept: StoredValue<Option<Folder>, LocalStorage>,
}

impl SiteState {
    /// Provides the state and looks for a folder kept from an earlier visit.
    pub fn provide(doc: Doc) -> SiteState {
        let state = SiteState {
            site: RwSignal::new(None),
            reconnect: RwSignal::new(None),
            busy: RwSignal::new(false),
            conflict: RwSignal::new(None),
            read_only: RwSignal::new(false),
            environment: RwSignal::new(None),
            folder: StoredValue::new_local(None),
            kept: StoredValue::new_local(None),
        };
        provide_context(state);
        leptos::task::spawn_local(async move {
            let Some(folder) = Folder::remembered().await else {
                return;
            };
            if folder.permission(false).await == Permission::Granted {
                state.load(folder, doc).await;
            } else {
                state.reconnect.set(Some(folder.name()));
                state.kept.set_value(Some(folder));
            }
        });
        state
    }

    /// The state from context.
    pub fn get() -> SiteState {
        expect_context::<SiteState>()
    }

    /// Whether this browser can open a folder for writing.
    pub fn supported() -> bool {
        has_picker()
    }

    /// "Open site": the writer picks the folder (this runs on their click).
    pub fn open_folder(self, doc: Doc) {
        self.environment.set(None);
        leptos::task::spawn_local(async move {
            match pick_folder().await {
                Ok(Some(folder)) => {
                    if let Err(e) = folder.remember().await {
                        doc.notify(
                            true,
                            format!("The folder will not be remembered for the next visit: {e}"),
                        );
                    }
                    self.reconnect.set(None);
                    self.load(folder, doc).await;
                }
                Ok(None) => {}
                Err(e) => doc.notify(true, format!("The folder could not be opened: {e}")),
            }
        });
    }

    /// "Open Hugo site (read-only)": the files of a folder picked with
    /// `<input webkitdirectory>`, where the browser cannot write to folders.
    pub fn open_files(self, doc: Doc, files: web_sys::FileList) {
        let folder = Folder::from_files(&files);
        leptos::task::spawn_local(async move {
            self.reconnect.set(None);
            self.load(folder, doc).await;
        });
    }

    /// "Reconnect": asks for permission on the kept folder (on the writer's click).
    pub fn reconnect(self, doc: Doc) {
        let Some(folder) = self.kept.get_value() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match folder.permission(true).await {
                Permission::Granted => {
                    self.reconnect.set(None);
                    self.load(folder, doc).await;
                }
                Permission::Prompt | Permission::Denied => doc.notify(
                    true,
                    format!(
                        "The browser did not allow Recap to use “{}”. Open the site again to pick it.",
                        folder.name()
                    ),
                ),
            }
        });
    }

    /// "Close site": forgets the folder (drafts linked to its posts stay drafts).
    pub fn close(self, doc: Doc) {
        self.folder.set_value(None);
        self.site.set(None);
        doc.set_render_options(RenderOptions::default());
        leptos::task::spawn_local(Folder::forget());
    }

    /// Reads the site again with `config/<environment>/` merged on top (`None`: only
    /// `_default`, as Recap opens a site).
    pub fn set_environment(self, doc: Doc, environment: Option<String>) {
        let Some(folder) = self.folder.get_value() else {
            return;
        };
        self.environment.set(environment);
        leptos::task::spawn_local(async move { self.load(folder, doc).await });
    }

    /// Reads the folder as a Hugo site and shows it; a clear message when it is not one.
    async fn load(self, folder: Folder, doc: Doc) {
        self.busy.set(true);
        let environment = self.environment.get_untracked();
        // A site's configuration and posts are often TOML (or JSON).
        let read = match super::formats_part::formats_code().await {
            Ok(()) => read_site_on_demand(folder.clone(), environment).await,
            Err(e) => Err(e),
        };
        let result = read.unwrap_or_else(|e| Err(format!("The site could not be read: {e}")));
        self.busy.set(false);
        match result {
            Ok(site) => {
                doc.set_render_options(render_options(&site.config));
                doc.notify(
                    false,
                    format!(
                        "Opened the site “{}”: {} ({}).",
                        site.config.title.as_deref().unwrap_or(&site.name),
                        crate::writing::counted(site.posts.len(), "post", "posts"),
                        site.config.files.join(", ")
                    ),
                );
                self.read_only.set(folder.read_only());
                self.folder.set_value(Some(folder));
                self.site.set(Some(site));
            }
            Err(e) => doc.notify(true, e),
        }
    }

    /// Opens the post at `path` as a draft linked to its file.
    pub fn open_post(self, doc: Doc, path: String) {
        let (Some(folder), Some(site)) = (self.folder.get_value(), self.site.get_untracked())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Ok(site_path) = SitePath::new(&path) else {
                return;
            };
            let read = match folder.read(&site_path).await {
                Ok(Some(read)) => read,
                Ok(None) => {
                    doc.notify(true, format!("{path} is no longer in the site folder."));
                    return;
                }
                Err(e) => {
                    doc.notify(true, format!("{path} could not be read: {e}"));
                    return;
                }
            };
            let (bytes, modified) = read;
            let disk = DiskVersion::of(&bytes, modified);
            let Ok(text) = String::from_utf8(bytes) else {
                doc.notify(
                    true,
                    format!("{path} is not UTF-8 text; Recap opens it only when it can save it back unchanged."),
                );
                return;
            };
            let link = SiteLink {
                site: site.name.clone(),
                path: path.clone(),
                disk,
            };
            if doc.open_site_post(&text, link) == Some(SiteOpen::KeptEdits) {
                doc.notify(
                    false,
                    format!("Opened your draft of {path}: it has edits not yet saved to the site. Saving compares it with the file on disk first."),
                );
            }
        });
    }

    /// "Save to site": writes the open draft's text to its file, byte for byte, unless
    /// the file changed on disk since the draft read it (then the writer chooses).
    pub fn save(self, doc: Doc) {
        let (Some(folder), Some(link)) = (self.folder.get_value(), doc.linked.get_untracked())
        else {
            doc.notify(
                true,
                "Open the site folder this draft comes from to save it there.",
            );
            return;
        };
        doc.save_now();
        let mine = doc.text_with(str::to_string);
        if folder.read_only() {
            // The browser cannot write to the folder: the file, named as the site has it.
            let name = link
                .path
                .rsplit('/')
                .next()
                .unwrap_or("post.md")
                .to_string();
            if browser::download(&name, "text/markdown;charset=utf-8", mine.as_bytes()) {
                doc.notify(
                    false,
                    format!("This browser cannot write to folders: downloaded {name}. Put it at {} in your site.", link.path),
                );
            } else {
                doc.notify(true, "The browser did not start the download.");
            }
            return;
        }
        leptos::task::spawn_local(async move {
            let path = link.path.clone();
            if let Err(e) = save_in_folder(self, doc, folder, link, mine).await {
                doc.notify(
                    true,
                    format!("Not saved to {path}: {e}. The draft is safe in the browser."),
                );
            }
        });
    }

    /// The save's read, comparison and write (see [`SiteState::save`]).
    async fn save_checked(self, doc: Doc, folder: Folder, link: SiteLink, mine: String) {
        let Ok(path) = SitePath::new(&link.path) else {
            return;
        };
        let disk = match folder.read(&path).await {
            Ok(disk) => disk,
            Err(e) => {
                doc.notify(true, format!("{path} could not be read before saving: {e}. Nothing was written; the draft is safe in the browser."));
                return;
            }
        };
        match link.check(disk.as_ref().map(|(b, _)| b.as_slice())) {
            DiskCheck::Unchanged | DiskCheck::Missing => {
                self.write(doc, &folder, link, mine).await;
            }
            DiskCheck::Changed { theirs } => {
                let kept = doc.keep_disk_version(&theirs, link.path.as_str());
                self.conflict.set(Some(DiskConflict {
                    path: link.path.clone(),
                    theirs,
                    mine,
                    kept,
                }));
            }
            DiskCheck::ChangedBinary => doc.notify(
                true,
                format!("{path} changed on disk and is no longer text. Nothing was written; the draft is safe in the browser."),
            ),
        }
    }

    /// The conflict's "Replace the file with my text" (the disk version stays as a
    /// draft).
    pub fn overwrite(self, doc: Doc) {
        let (Some(folder), Some(link), Some(conflict)) = (
            self.folder.get_value(),
            doc.linked.get_untracked(),
            self.conflict.get_untracked(),
        ) else {
            return;
        };
        self.conflict.set(None);
        leptos::task::spawn_local(async move {
            self.write(doc, &folder, link, conflict.mine).await;
        });
    }

    async fn write(self, doc: Doc, folder: &Folder, link: SiteLink, text: String) {
        let Ok(path) = SitePath::new(&link.path) else {
            return;
        };
        match folder.write(&path, text.as_bytes()).await {
            Ok(modified) => {
                doc.link_site(SiteLink {
                    disk: DiskVersion::of(text.as_bytes(), modified),
                    ..link
                });
                self.refresh_post(&path, &text, modified, text.len() as u64);
                doc.notify(false, format!("Saved to {path}."));
            }
            Err(e) => doc.notify(
                true,
                format!("Not saved to {path}: {e}. The draft is safe in the browser."),
            ),
        }
    }

    /// Updates the posts list after writing `path`.
    fn refresh_post(self, path: &SitePath, text: &str, modified_ms: i64, size: u64) {
        self.site.update(|site| {
            let Some(site) = site else { return };
            let file = SiteFile {
                path: path.to_string(),
                modified_ms,
                size,
            };
            match site.files.iter_mut().find(|f| f.path == file.path) {
                Some(f) => *f = file.clone(),
                None => site.files.push(file.clone()),
            }
            if text.is_empty() {
                return;
            }
            if let Ok(post) = SitePost::read(&file, text, &site.config) {
                site.posts.retain(|p| p.path != post.path);
                site.posts.push(post);
                sort_newest_first(&mut site.posts);
            }
        });
    }

    /// "New post": writes a post made from the section's archetype into the site and
    /// opens it. Expressions the archetype uses that Recap cannot fill are named.
    pub fn create_post(self, doc: Doc, title: String, section: String) {
        let (Some(folder), Some(site)) = (self.folder.get_value(), self.site.get_untracked())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(now) = browser::local_now() else {
                return;
            };
            match new_post(&folder, &site, &title, &section, now).await {
                Ok((path, text, modified, from, unfilled)) => {
                    let link = SiteLink {
                        site: site.name.clone(),
                        path: path.to_string(),
                        disk: DiskVersion::of(text.as_bytes(), modified),
                    };
                    self.refresh_post(&path, &text, modified, text.len() as u64);
                    doc.open_site_post(&text, link);
                    doc.notify(false, format!("New post {path}, from {from}."));
                    if !unfilled.is_empty() {
                        doc.notify(
                            true,
                            format!(
                                "The archetype uses what Recap cannot fill; left empty: {}.",
                                unfilled.join(", ")
                            ),
                        );
                    }
                }
                Err(e) => doc.notify(true, format!("The post was not created: {e}")),
            }
        });
    }

    /// Images dropped or pasted on the app: with a site post open, each is written
    /// where the site keeps the post's images; otherwise kept with the draft. Either
    /// way linked at the cursor. The code comes with the `images` part.
    pub fn add_images(
        self,
        doc: Doc,
        editor: super::EditorHandle,
        files: Vec<browser::PickedFile>,
    ) {
        leptos::task::spawn_local(async move {
            if let Err(e) = add_images_on_demand(self, doc, editor, files).await {
                doc.notify(true, format!("The images were not added: {e}"));
            }
        });
    }

    async fn place_images(
        self,
        doc: Doc,
        editor: super::EditorHandle,
        files: Vec<browser::PickedFile>,
    ) {
        let (Some(folder), Some(site), Some(link)) = (
            self.folder.get_value(),
            self.site.get_untracked(),
            doc.linked.get_untracked(),
        ) else {
            return keep_with_draft(doc, editor, files).await;
        };
        if folder.read_only() {
            return keep_with_draft(doc, editor, files).await;
        }
        let Ok(post) = SitePath::new(&link.path) else {
            return;
        };
        let layout = PostLayout::of(&post);
        let mut existing = site.paths();
        for file in files {
            let placed = match place_image(&site.config, &post, layout, &file.name, &existing) {
                Ok(p) => p,
                Err(e) => {
                    doc.notify(true, e.to_string());
                    continue;
                }
            };
            match folder.write(&placed.path, &file.bytes).await {
                Ok(modified) => {
                    existing.push(placed.path.to_string());
                    self.refresh_post(&placed.path, "", modified, file.bytes.len() as u64);
                    insert_figure(editor, &file.name, placed.link.clone());
                    doc.notify(
                        false,
                        format!(
                            "Added {} ({}), kept as it is.",
                            placed.path,
                            size_label(file.bytes.len())
                        ),
                    );
                }
                Err(e) => doc.notify(true, format!("{} was not written: {e}", placed.path)),
            }
        }
    }

    /// Reads the site file `path` (an image the preview shows), if the site has it.
    pub async fn read_file(self, path: &SitePath) -> Option<Vec<u8>> {
        let folder = self.folder.get_value()?;
        folder
            .read(path)
            .await
            .ok()
            .flatten()
            .map(|(bytes, _)| bytes)
    }
}

/// Without a site post open, images are kept with the draft (see `draft_images`)
/// and linked by name, as in a page bundle.
async fn keep_with_draft(doc: Doc, editor: super::EditorHandle, files: Vec<browser::PickedFile>) {
    let id = doc.id();
    for file in files {
        match super::draft_images::store(&id, &file.name, &file.bytes).await {
            Ok(name) => {
                insert_figure(editor, &file.name, name.clone());
                doc.notify(
                    false,
                    format!(
                        "Kept {name} ({}) with this draft, as it is. “Export bundle .zip” takes it along.",
                        size_label(file.bytes.len())
                    ),
                );
            }
            Err(e) => doc.notify(true, format!("{} was not kept: {e}", file.name)),
        }
    }
}

/// Links an added image at the cursor as a `figure` captioned with the file's name,
/// after the front matter when the cursor is in it.
fn insert_figure(editor: super::EditorHandle, file_name: &str, src: String) {
    let caption = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_string();
    super::insert_dialogs::insert_with(editor, move |text, at| {
        let at = at.max(crate::post::lenient_body_start(text));
        crate::writing::figure_shortcode(text, at, &src, &caption)
    });
}

/// "2.4 MB", "310 KB".
fn size_label(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

/// The preview's options for a site: its raw HTML and typographer settings.
pub fn render_options(config: &SiteConfig) -> RenderOptions {
    RenderOptions {
        raw_html: config.unsafe_html,
        typographer: config.typographer,
        ..RenderOptions::default()
    }
}

async fn read_text(folder: &Folder, path: &str) -> Result<String, String> {
    let site_path = SitePath::new(path).map_err(|e| e.to_string())?;
    match folder.read(&site_path).await? {
        Some((bytes, _)) => {
            String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))
        }
        None => Err(format!("{path} is missing")),
    }
}

on_demand! {
    in site;
    /// [`SiteState::save_checked`], with the site's code (there already once the site
    /// is open).
    async fn save_in_folder(state: SiteState, doc: Doc, folder: Folder, link: SiteLink, mine: String) -> () {
        state.save_checked(doc, folder, link, mine).await
    }
}

on_demand! {
    in images;
    /// [`SiteState::place_images`], with its code fetched at the first image added.
    async fn add_images_on_demand(state: SiteState, doc: Doc, editor: super::EditorHandle, files: Vec<browser::PickedFile>) -> () {
        state.place_images(doc, editor, files).await
    }
}

on_demand! {
    in site;
    /// [`read_site`], with its code (and the open site's view) fetched at the first call.
    async fn read_site_on_demand(folder: Folder, environment: Option<String>) -> Result<Site, String> {
        read_site(&folder, environment.as_deref()).await
    }
}

/// Lists and reads the folder: configuration, posts, archetypes, static files.
async fn read_site(folder: &Folder, environment: Option<&str>) -> Result<Site, String> {
    let name = folder.name();
    let mut files = folder.list("", false).await?;
    if files.iter().any(|f| f.path == "config/") {
        files.extend(folder.list("config", true).await?);
    }
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let config_paths = config_files(&paths, environment);
    if config_paths.is_empty() {
        return Err(SiteError::NotASite { folder: name }.to_string());
    }
    let mut config_texts = Vec::new();
    for path in &config_paths {
        config_texts.push(ConfigFile::new(
            path.clone(),
            read_text(folder, path).await?,
        ));
    }
    let config = SiteConfig::from_files(&config_texts).map_err(|e| e.to_string())?;
    let mut dirs = vec![
        config.content_dir.clone(),
        config.static_dir.clone(),
        config.archetype_dir.clone(),
    ];
    dirs.extend(
        config
            .themes
            .iter()
            .map(|t| format!("{}/{t}/archetypes", config.themes_dir)),
    );
    files.retain(|f| !f.path.ends_with('/'));
    for dir in dirs {
        if SitePath::new(&dir).is_ok() {
            files.extend(folder.list(&dir, true).await?);
        }
    }
    let mut posts = Vec::new();
    for file in post_files(&files, &config) {
        match read_text(folder, &file.path).await {
            Ok(text) => {
                if let Ok(post) = SitePost::read(file, &text, &config) {
                    posts.push(post);
                }
            }
            Err(_) => continue,
        }
    }
    sort_newest_first(&mut posts);
    Ok(Site {
        name,
        config,
        files,
        posts,
    })
}

type NewPost = (SitePath, String, i64, String, Vec<String>);

async fn new_post(
    folder: &Folder,
    site: &Site,
    title: &str,
    section: &str,
    now: PostDate,
) -> Result<NewPost, String> {
    let paths = site.paths();
    let mut style = SectionStyle::of(&site.posts, section);
    let archetype = find_archetype(&site.config, section, &paths, style.format);
    let (template, from) = match &archetype.source {
        ArchetypeSource::File(path) => (read_text(folder, path.as_str()).await?, path.to_string()),
        ArchetypeSource::BuiltIn(format) => (
            builtin_archetype(*format).to_string(),
            "Hugo's default archetype".to_string(),
        ),
    };
    style.bundles |= archetype.bundle;
    let path = new_post_path(&site.config, section, &style, title, &now, &paths)
        .map_err(|e| e.to_string())?;
    let name = content_base_name(&path, PostLayout::of(&path));
    let filled = new_post_text(
        &template,
        &context(&site.config, &name, title, section, now),
    );
    // A read-only folder gets the post when the writer downloads it.
    let modified = if folder.read_only() {
        0
    } else {
        folder.write(&path, filled.text.as_bytes()).await?
    };
    let unfilled = filled
        .unfilled
        .iter()
        .map(|u| format!("{} (line {})", u.action, u.line))
        .collect();
    Ok((path, filled.text, modified, from, unfilled))
}
