//! Files a writer brings in: Markdown or text, kept byte for byte.

use thiserror::Error;

/// Why a file could not become a draft. Each names the file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Not a `.md`, `.markdown` or `.txt` file.
    #[error("{name}: not a Markdown or text file (Recap imports .md, .markdown and .txt).")]
    WrongType {
        /// The file's name.
        name: String,
    },
    /// The bytes are not UTF-8 text.
    #[error("{name}: not UTF-8 text (byte {at} is not valid); save it as UTF-8 and try again.")]
    NotText {
        /// The file's name.
        name: String,
        /// Offset of the first invalid byte.
        at: usize,
    },
    /// Larger than a draft can sensibly be in browser storage.
    #[error("{name}: {size} bytes is too large for a draft (at most {max}).")]
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size.
        size: usize,
        /// The limit.
        max: usize,
    },
}

/// The largest file that becomes a draft (browsers give an origin about 5 MB).
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// The text of an imported file, byte-identical (a BOM and CRLF are kept).
///
/// ```
/// use recap::drafts::{import_text, ImportError};
/// assert_eq!(import_text("a.md", b"\xef\xbb\xbf# Hi\r\n").unwrap(), "\u{feff}# Hi\r\n");
/// assert!(matches!(import_text("a.png", b"x"), Err(ImportError::WrongType { .. })));
/// assert!(matches!(import_text("a.md", b"\xff"), Err(ImportError::NotText { at: 0, .. })));
/// ```
pub fn import_text(name: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let lower = name.to_lowercase();
    if ![".md", ".markdown", ".txt"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return Err(ImportError::WrongType { name: name.into() });
    }
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            name: name.into(),
            size: bytes.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| ImportError::NotText {
        name: name.into(),
        at: e.utf8_error().valid_up_to(),
    })
}
