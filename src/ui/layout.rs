use super::Doc;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which panes show side by side on a wide screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Editor and preview.
    Split,
    /// The editor alone.
    Editor,
    /// The preview alone.
    Preview,
}

/// Which pane shows on a narrow screen (under 800 px).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The editor.
    Edit,
    /// The preview.
    Preview,
    /// Front matter, outline and checks.
    Details,
}

/// What the screen shows: panes, panels and theme.
#[derive(Clone, Copy)]
pub struct Layout {
    /// Wide-screen view.
    pub view: RwSignal<View>,
    /// Narrow-screen tab.
    pub tab: RwSignal<Tab>,
    /// The drafts sidebar is open.
    pub sidebar: RwSignal<bool>,
    /// The details panel is open.
    pub details: RwSignal<bool>,
    /// `light`, `dark`, or `None` to follow the system.
    pub theme: RwSignal<Option<String>>,
    /// The window is narrow (800 px or less, as the style sheet's breakpoint): the
    /// panes are tabs.
    pub narrow: RwSignal<bool>,
}

impl Layout {
    /// The layout, with the remembered theme applied at once (no flash of the other one).
    pub fn provide(doc: Doc) -> Layout {
        let wide = super::browser::window_width().unwrap_or(1280.0);
        let layout = Layout {
            view: RwSignal::new(View::Split),
            tab: RwSignal::new(Tab::Edit),
            sidebar: RwSignal::new(wide >= 1100.0),
            details: RwSignal::new(wide >= 1500.0),
            theme: RwSignal::new(doc.with(|ws| ws.settings().theme)),
            narrow: RwSignal::new(super::browser::is_narrow()),
        };
        Effect::new(move |_| {
            let theme = layout.theme.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = match theme.as_deref() {
                    Some(t @ ("light" | "dark")) => root.set_attribute("data-theme", t),
                    _ => root.remove_attribute("data-theme"),
                };
            }
        });
        follow_visible_height();
        // Turning a window narrow (or a phone sideways) folds the overlaying drafts list.
        let resize = window_event_listener(leptos::ev::resize, move |_| {
            let narrow = super::browser::is_narrow();
            if narrow != layout.narrow.get_untracked() {
                layout.narrow.set(narrow);
            }
            if narrow && layout.sidebar.get_untracked() {
                layout.sidebar.set(false);
            }
        });
        on_cleanup(move || resize.remove());
        provide_context(layout);
        layout
    }

    /// The layout from context. (See also [`follow_visible_height`].)
    pub fn get() -> Layout {
        expect_context::<Layout>()
    }

    /// Whether the preview is on screen: its tab on a narrow window, the split or
    /// preview view on a wide one. Tracked.
    pub fn preview_shown(&self) -> bool {
        if self.narrow.get() {
            self.tab.get() == Tab::Preview
        } else {
            self.view.get() != View::Editor
        }
    }

    /// Switches between light and dark and remembers the choice.
    pub fn toggle_theme(&self, doc: Doc) {
        let dark_now = match self.theme.get_untracked().as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches()),
        };
        let next = if dark_now { "light" } else { "dark" };
        self.theme.set(Some(next.to_string()));
        doc.set_theme(next);
    }
}

/// The view switch (wide screens) and the Edit / Preview / Details tabs (narrow ones).
#[component]
pub fn ViewSwitch() -> impl IntoView {
    let layout = Layout::get();
    let doc = Doc::get();
    let view_button = move |v: View, label: &'static str| {
        view! {
            <button class="seg" aria-pressed=move || (layout.view.get() == v).to_string() on:click=move |_| layout.view.set(v)>
                {label}
            </button>
        }
    };
    let tab_button = move |t: Tab, label: &'static str| {
        view! {
            <button role="tab" class="seg" aria-selected=move || (layout.tab.get() == t).to_string() on:click=move |_| layout.tab.set(t)>
                {label}
            </button>
        }
    };
    view! {
        <div class="view-switch wide-only" role="group" aria-label="View">
            {view_button(View::Editor, "Editor")}
            {view_button(View::Split, "Split")}
            {view_button(View::Preview, "Preview")}
            <button class="seg" aria-pressed=move || layout.details.get().to_string() on:click=move |_| layout.details.update(|d| *d = !*d)>
                "Details"
            </button>
        </div>
        <div class="tabs narrow-only" role="tablist" aria-label="Show" data-testid="tabs">
            {tab_button(Tab::Edit, "Edit")}
            {tab_button(Tab::Preview, "Preview")}
            {tab_button(Tab::Details, "Details")}
        </div>
        <button class="icon-button" data-testid="theme-toggle" aria-label="Switch between light and dark theme" on:click=move |_| layout.toggle_theme(doc)>
            <super::Icon name=super::IconName::Theme />
        </button>
    }
}

/// Keeps `--visible-height` on the root element at the visual viewport's height: an
/// on-screen keyboard shrinks it, and the app (whose height follows the variable)
/// keeps its header and toolbar above the keyboard instead of under it. A custom
/// property set through the CSSOM is no inline style for the CSP.
fn follow_visible_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(viewport) = window.visual_viewport() else {
        return;
    };
    let update = {
        let viewport = viewport.clone();
        move || {
            let root = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let (Some(root), Some(height)) = (root, super::browser::js_number(viewport.height()))
            {
                let _ = root
                    .style()
                    .set_property("--visible-height", &format!("{height}px"));
            }
        }
    };
    update();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(update);
    let _ = viewport.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
    // It follows the page for as long as the page lives.
    listener.forget();
}
