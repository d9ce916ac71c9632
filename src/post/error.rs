//! Errors a writer can read: each says what is wrong and on which line of the file.

use super::Format;
use thiserror::Error;

/// Why a post's front matter could not be read or changed.
///
/// Every variant names the line (1-based, counted in the whole file) so the editor
/// can jump there. The text itself is never touched by a failed parse or edit.
///
/// ```
/// let err = recap::post::Post::parse("---\ntitle: x\n").unwrap_err();
/// assert_eq!(err.line(), 1);
/// assert!(err.to_string().contains("never closed"));
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PostError {
    /// The opening delimiter has no matching closing one.
    #[error("The {format} front matter that opens on line {line} is never closed: add a line with just {} after the last field.", format.closing_hint())]
    Unterminated {
        /// Which front matter format the opening delimiter announced.
        format: Format,
        /// Line of the opening delimiter.
        line: usize,
    },
    /// The front matter is not valid in its format.
    #[error("The {format} front matter is not valid on line {line}, column {column}: {message}.")]
    Syntax {
        /// The format whose parser rejected the text.
        format: Format,
        /// Line of the error in the file.
        line: usize,
        /// Column of the error (1-based).
        column: usize,
        /// The parser's own description.
        message: String,
    },
    /// The front matter parses but is not a set of `key: value` fields.
    #[error("The {format} front matter on line {line} must be a list of fields such as `title: My post`, but it is {found}.")]
    NotAMap {
        /// The front matter format.
        format: Format,
        /// Line where the front matter content starts.
        line: usize,
        /// What was found instead (a list, a single value...).
        found: String,
    },
    /// A date field holds something that is not a date.
    #[error("`{key}` on line {line} is not a date: `{value}`. Write it as 2024-05-31 or 2024-05-31T09:30:00+02:00.")]
    InvalidDate {
        /// The field name (`date`, `lastmod`...).
        key: String,
        /// The text found.
        value: String,
        /// Line of the field.
        line: usize,
    },
    /// A known field holds a value of the wrong kind.
    #[error("`{key}` on line {line} should be {expected}, but it is {found}.")]
    WrongType {
        /// The field name.
        key: String,
        /// What the field must hold, in words.
        expected: &'static str,
        /// What it holds, in words.
        found: String,
        /// Line of the field.
        line: usize,
    },
    /// The code that reads this format has not arrived yet: release builds fetch
    /// TOML's and JSON's when such a front matter first needs it (see
    /// [`crate::post::formats_ready`]). The app reads the text again when it is there.
    #[error("The {format} front matter on line {line} is read in a moment: Recap is still fetching the code that reads {format}.")]
    NotReady {
        /// The format whose code is missing.
        format: Format,
        /// Line where the front matter opens.
        line: usize,
    },
    /// A field cannot be changed in place without rewriting other lines.
    #[error("`{key}` on line {line} is written in a form the form cannot change without touching other lines; edit the front matter text instead.")]
    CannotEdit {
        /// The field name.
        key: String,
        /// Line of the field (or of the front matter).
        line: usize,
    },
}

impl PostError {
    /// Whether this is [`PostError::NotReady`]: nothing is wrong with the text.
    pub fn is_not_ready(&self) -> bool {
        matches!(self, PostError::NotReady { .. })
    }

    /// The 1-based line of the whole file the error points at.
    pub fn line(&self) -> usize {
        match self {
            PostError::Unterminated { line, .. }
            | PostError::Syntax { line, .. }
            | PostError::NotAMap { line, .. }
            | PostError::InvalidDate { line, .. }
            | PostError::WrongType { line, .. }
            | PostError::NotReady { line, .. }
            | PostError::CannotEdit { line, .. } => *line,
        }
    }
}
