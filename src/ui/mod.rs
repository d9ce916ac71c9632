//! Leptos components: they call the core and wire signals to the DOM, nothing more.

mod app;
mod editor;
mod preview;

pub use app::App;
pub use editor::Editor;
pub use preview::Preview;
