use super::EditorHandle;
use crate::writing::{block_prefix, wrap, BlockStyle, TextEdit};
use leptos::prelude::*;

/// A formatting action of the toolbar and its shortcuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `**bold**` (Ctrl/Cmd+B).
    Bold,
    /// `*italic*` (Ctrl/Cmd+I).
    Italic,
    /// `[text](url)` (Ctrl/Cmd+K).
    Link,
    /// `` `code` ``, or a fenced block for a selection of several lines.
    Code,
    /// A line style: heading, list, quote.
    Block(BlockStyle),
}

impl Format {
    /// The edit this action makes to `text` with `sel` selected.
    pub fn edit(self, text: &str, sel: std::ops::Range<usize>) -> TextEdit {
        match self {
            Format::Bold => wrap(text, sel, "**", "**", "bold text"),
            Format::Italic => wrap(text, sel, "*", "*", "italic text"),
            Format::Link => {
                let selected = &text[sel.clone()];
                if selected.starts_with("http://") || selected.starts_with("https://") {
                    let mut e = wrap(text, sel, "[link text](", ")", "");
                    let start = e.range.start + 1;
                    e.select = start..start + "link text".len();
                    e
                } else {
                    wrap(text, sel, "[", "](https://)", "link text")
                }
            }
            Format::Code if text[sel.clone()].contains('\n') => {
                wrap(text, sel, "```\n", "\n```", "")
            }
            Format::Code => wrap(text, sel, "`", "`", "code"),
            Format::Block(style) => block_prefix(text, sel, style),
        }
    }

    /// The shortcut for a key pressed with Ctrl or Cmd.
    pub fn for_key(key: &str) -> Option<Format> {
        match key.to_ascii_lowercase().as_str() {
            "b" => Some(Format::Bold),
            "i" => Some(Format::Italic),
            "k" => Some(Format::Link),
            _ => None,
        }
    }
}

/// Runs `action` on the editor's selection as one undoable edit.
pub fn run(action: Format) {
    run_with(EditorHandle::get(), action);
}

/// [`run`] with the editor at hand (from the editor's own key handler).
pub fn run_with(editor: EditorHandle, action: Format) {
    if let Some((text, sel)) = editor.selection() {
        editor.apply(&action.edit(&text, sel));
    }
}

/// The writing toolbar above the editor.
#[component]
pub fn Toolbar(
    /// Opens the Add talk dialog.
    talk: RwSignal<bool>,
    /// Opens the Insert tweet dialog.
    tweet: RwSignal<bool>,
    /// Opens the Insert figure dialog.
    figure: RwSignal<bool>,
) -> impl IntoView {
    let button = move |label: &'static str, title: &'static str, text: AnyView, action: Format| {
        view! {
            <button
                class="tool"
                aria-label=label
                title=title
                // Keep the textarea's selection: the button must not take focus first.
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| run(action)
            >
                {text}
            </button>
        }
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Formatting" data-testid="toolbar">
            {button("Bold", "Bold (Ctrl+B)", "B".into_any(), Format::Bold)}
            {button("Italic", "Italic (Ctrl+I)", "I".into_any(), Format::Italic)}
            {button("Link", "Link (Ctrl+K)", view! { <super::Icon name=super::IconName::Link /> }.into_any(), Format::Link)}
            {button("Day heading", "Day heading (##)", "H2".into_any(), Format::Block(BlockStyle::Heading2))}
            {button("Talk heading", "Talk heading (###)", "H3".into_any(), Format::Block(BlockStyle::Heading3))}
            {button("Bulleted list", "Bulleted list", "•".into_any(), Format::Block(BlockStyle::List))}
            {button("Quote", "Quote", "❝".into_any(), Format::Block(BlockStyle::Quote))}
            {button("Code", "Code", "</>".into_any(), Format::Code)}
            <span class="tool-sep" aria-hidden="true"></span>
            <button class="tool wide" data-testid="add-talk" on:click=move |_| talk.set(true)>"+ Talk"</button>
            <button class="tool wide" data-testid="insert-tweet" on:click=move |_| tweet.set(true)>"+ Tweet"</button>
            <button class="tool wide" data-testid="insert-figure" on:click=move |_| figure.set(true)>"+ Figure"</button>
        </div>
    }
}
