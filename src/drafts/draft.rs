//! One draft as stored, and what the drafts list shows of it.

use super::id::{DraftId, Revision};
use super::SiteLink;
use crate::post::{lenient_body, Post};
use serde::{Deserialize, Serialize};

/// The storage format version written today. Entries with another version are not
/// guessed at: they are kept as they are and offered as recovered text.
pub const FORMAT: u32 = 1;

/// A draft: its text and what the app knows about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Storage format version ([`FORMAT`]).
    pub format: u32,
    /// Identity.
    pub id: DraftId,
    /// Saved version; see [`Revision`].
    pub rev: Revision,
    /// The whole post file, front matter included, exactly as written.
    pub text: String,
    /// When it was created (ms since the epoch).
    pub created_ms: i64,
    /// When its text last changed.
    pub updated_ms: i64,
    /// Where the cursor was (a byte offset into `text`), to reopen there.
    #[serde(default)]
    pub cursor: usize,
    /// When it went to the trash, if it is there.
    #[serde(default)]
    pub trashed_ms: Option<i64>,
    /// The file it was imported from, if any.
    #[serde(default)]
    pub origin: Option<String>,
    /// The site file it is linked to, if opened from or saved into a site folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteLink>,
}

/// A draft as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSummary {
    /// Identity.
    pub id: DraftId,
    /// The front matter title, else the first heading or line, else "Untitled".
    pub title: String,
    /// The post's date (`YYYY-MM-DD`), if it has a valid one.
    pub date: Option<String>,
    /// The start of the body, on one line.
    pub snippet: String,
    /// Last change (ms since the epoch), for sorting.
    pub updated_ms: i64,
    /// In the trash since (ms), if there.
    pub trashed_ms: Option<i64>,
    /// Whether the draft holds a tab's text kept during a conflict.
    pub conflict_copy: bool,
}

impl Draft {
    /// What the drafts list shows of this draft.
    pub fn summary(&self) -> DraftSummary {
        let post = Post::parse(&self.text).ok();
        let body = lenient_body(&self.text);
        let first_line = body
            .lines()
            .map(|l| l.trim().trim_start_matches('#').trim())
            .find(|l| !l.is_empty() && !l.starts_with("{{") && !l.starts_with('<'));
        let title = post
            .as_ref()
            .and_then(|p| p.fields().title.clone())
            .filter(|t| !t.trim().is_empty())
            .or_else(|| first_line.map(str::to_string))
            .unwrap_or_else(|| "Untitled".to_string());
        let snippet: String = body
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(120)
            .collect();
        DraftSummary {
            id: self.id.clone(),
            title,
            date: post.and_then(|p| p.fields().date.as_ref().map(|d| d.ymd())),
            snippet,
            updated_ms: self.updated_ms,
            trashed_ms: self.trashed_ms,
            conflict_copy: self
                .origin
                .as_deref()
                .is_some_and(|o| o.starts_with(super::CONFLICT_COPY_ORIGIN)),
        }
    }

    /// Whether `query` (any case) is in the title or the text.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        q.is_empty() || self.text.to_lowercase().contains(&q)
    }
}

/// How a text ends its lines. A textarea hands back `\n` only; a draft that came in
/// with `\r\n` gets them back on every edit, so unedited lines stay byte-identical.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEndings {
    /// `\n`.
    Lf,
    /// `\r\n`.
    CrLf,
}

impl LineEndings {
    /// The style of `text`: CRLF when its first line break is `\r\n`.
    pub fn of(text: &str) -> LineEndings {
        match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => LineEndings::CrLf,
            _ => LineEndings::Lf,
        }
    }

    /// Text from a textarea (LF only) in this style.
    ///
    /// ```
    /// use recap::drafts::LineEndings;
    /// assert_eq!(LineEndings::CrLf.apply("a\nb\r\nc"), "a\r\nb\r\nc");
    /// assert_eq!(LineEndings::Lf.apply("a\nb"), "a\nb");
    /// ```
    pub fn apply(self, text: &str) -> String {
        match self {
            LineEndings::Lf => text.to_string(),
            LineEndings::CrLf => text.replace("\r\n", "\n").replace('\n', "\r\n"),
        }
    }
}
