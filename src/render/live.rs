//! The preview's body as the screen needs it: rendered edit by edit while the preview
//! shows, not at all while it is hidden.
//!
//! On a phone the preview is a tab of its own, and the writer types with it hidden;
//! on a wide screen the editor-only view hides it. Rendering it there would cost every
//! keystroke (and the app's start) work nobody sees. So a hidden preview only notes
//! that it is behind, and catches up in one render when it shows again; the parts that
//! did not change keep their place (see [`Splice::between`]), so the tweet cards and
//! images the writer saw before are not built again.

use super::incremental::{BodyEdit, RenderStats, RenderedBody, Splice};
use super::RenderOptions;

/// The preview's rendered body, following the text while shown.
///
/// The splices it returns bring the preview's parts, as they stood after the splices
/// it returned before, to the text it was last given.
///
/// ```
/// use recap::render::{BodyEdit, LivePreview, RenderOptions};
/// let mut preview = LivePreview::new(RenderOptions::default());
/// // Hidden: typing renders nothing.
/// assert!(preview.edit("Notes.\n", BodyEdit { first: 0, old: 1, new: 1 }).is_empty());
/// // Shown: it catches up with the text it was last given.
/// let splices = preview.set_shown(true, "Notes.\n");
/// assert_eq!(&*splices[0].insert[0], "<p>Notes.</p>\n");
/// // And then follows each edit.
/// let splices = preview.edit("Notes!\n", BodyEdit { first: 0, old: 1, new: 1 });
/// assert_eq!(&*splices[0].insert[0], "<p>Notes!</p>\n");
/// ```
#[derive(Debug, Clone)]
pub struct LivePreview {
    opts: RenderOptions,
    shown: bool,
    /// The body as the preview's parts show it; `None` before the first showing.
    rendered: Option<RenderedBody>,
    /// The text (or the options) changed since `rendered` was made.
    behind: bool,
}

impl LivePreview {
    /// A hidden preview that has rendered nothing yet.
    pub fn new(opts: RenderOptions) -> LivePreview {
        LivePreview {
            opts,
            shown: false,
            rendered: None,
            behind: true,
        }
    }

    /// Whether the preview shows.
    pub fn is_shown(&self) -> bool {
        self.shown
    }

    /// The preview shows or hides; `body` is the text now. A preview that shows and is
    /// behind renders `body` whole and returns what changed since it last showed.
    pub fn set_shown(&mut self, shown: bool, body: &str) -> Vec<Splice> {
        self.shown = shown;
        self.catch_up(body, false)
    }

    /// `edit` turned the body into `body`: the splices for a preview that shows (only
    /// the blocks the edit touched are rendered again), none for a hidden one.
    pub fn edit(&mut self, body: &str, edit: BodyEdit) -> Vec<Splice> {
        match &mut self.rendered {
            Some(rendered) if self.shown && !self.behind => rendered.edit(body, edit),
            _ => {
                self.behind = true;
                Vec::new()
            }
        }
    }

    /// The body is now `body`, unrelated to what it was (another draft opened, the
    /// front matter's end moved): a preview that shows is replaced whole.
    pub fn replace(&mut self, body: &str) -> Vec<Splice> {
        self.behind = true;
        self.catch_up(body, true)
    }

    /// A preview that shows and is behind renders `body`: the splice from the parts
    /// it showed, or (`whole`, or nothing shown yet) one that replaces them all.
    fn catch_up(&mut self, body: &str, whole: bool) -> Vec<Splice> {
        if !self.shown || !self.behind {
            return Vec::new();
        }
        self.behind = false;
        let new = RenderedBody::new(body, &self.opts);
        let splice = match self.rendered.as_ref().filter(|_| !whole) {
            Some(old) => Splice::between(&old.parts(), 0, new.parts()),
            None => Some(Splice {
                at: 0,
                remove: usize::MAX,
                insert: new.parts(),
            }),
        };
        self.rendered = Some(new);
        splice.into_iter().collect()
    }

    /// Renders with `opts` from now on (an open site's settings): a preview that shows
    /// is replaced whole with `body` rendered so. Nothing to do when `opts` are the
    /// ones it has.
    pub fn set_options(&mut self, opts: RenderOptions, body: &str) -> Vec<Splice> {
        if self.opts == opts {
            return Vec::new();
        }
        self.opts = opts;
        self.replace(body)
    }

    /// The first body line (1-based) of each part that shows something, with its
    /// index (see [`RenderedBody::part_lines`]); none before the first showing.
    pub fn part_lines(&self) -> Vec<(usize, usize)> {
        self.rendered
            .as_ref()
            .map(RenderedBody::part_lines)
            .unwrap_or_default()
    }

    /// How the edits were rendered since the last whole render.
    pub fn stats(&self) -> RenderStats {
        self.rendered
            .as_ref()
            .map(RenderedBody::stats)
            .unwrap_or_default()
    }
}
