//! Recap: an in-browser editor for conference-recap blog posts.
//!
//! The core ([`post`], [`render`], [`drafts`], [`site`], [`writing`]) is plain Rust, tested natively; [`ui`]
//! wires it to the browser with Leptos.

pub mod archive;
pub mod drafts;
pub mod post;
pub mod render;
pub mod site;
pub mod ui;
pub mod writing;
