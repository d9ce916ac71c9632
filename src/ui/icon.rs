use leptos::prelude::*;

/// The app's few icons, drawn inline (no icon font, no request, no missing glyph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconName {
    /// A chain link.
    Link,
    /// Two sheets: duplicate.
    Copy,
    /// A bin: move to the trash.
    Trash,
    /// Three lines: the drafts list.
    Menu,
    /// Three dots: more actions.
    More,
    /// Half a circle: the theme.
    Theme,
}

/// An icon, hidden from screen readers (the button around it carries the label).
#[component]
pub fn Icon(name: IconName) -> impl IntoView {
    let path = match name {
        IconName::Link => "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
        IconName::Copy => "M9 9h10v10H9zM5 15V5h10",
        IconName::Trash => "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
        IconName::Menu => "M4 6h16M4 12h16M4 18h16",
        IconName::More => "M5 12h.01M12 12h.01M19 12h.01",
        IconName::Theme => "M12 3a9 9 0 1 0 0 18zM12 3a9 9 0 0 1 0 18",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"
            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <path d=path />
        </svg>
    }
}
