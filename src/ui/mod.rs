//! Leptos components: they call the core and wire signals to the DOM, nothing more.

mod app;
mod banners;
pub mod browser;
mod details_panel;
mod dialog;
mod doc;
mod draft_list;
mod editor;
mod front_matter_form;
mod history_dialog;
mod icon;
mod insert_dialogs;
pub mod layout;
mod preview;
mod status_bar;
mod text_area;
pub mod toolbar;
mod top_bar;

pub use app::{App, PostMemo};
pub use banners::{ConflictBanner, Notices, StorageBanner};
pub use details_panel::DetailsPanel;
pub use dialog::Dialog;
pub use doc::{Doc, Notice, AUTOSAVE_DELAY};
pub use draft_list::DraftList;
pub use editor::Editor;
pub use front_matter_form::FrontMatterForm;
pub use history_dialog::HistoryDialog;
pub use icon::{Icon, IconName};
pub use insert_dialogs::{FigureDialog, TalkDialog, TweetDialog};
pub use layout::Layout;
pub use preview::Preview;
pub use status_bar::StatusBar;
pub use text_area::EditorHandle;
pub use toolbar::Toolbar;
pub use top_bar::TopBar;
