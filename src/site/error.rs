//! What can go wrong with a site folder, in words a writer can act on.

use thiserror::Error;

/// Why a folder could not be used as a Hugo site, or a file in it not be written.
///
/// Every variant names the file (relative to the site folder) and, for syntax
/// errors, the line, so the writer knows where to look.
///
/// ```
/// let err = recap::site::SiteError::NotASite { folder: "photos".into() };
/// assert!(err.to_string().contains("photos"));
/// assert!(err.to_string().contains("hugo.toml"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SiteError {
    /// No Hugo configuration in the folder.
    #[error("“{folder}” is not a Hugo site: it has no hugo.toml, hugo.yaml, hugo.json, config.toml, config.yaml, config.json or config/_default/ folder. Pick the folder that holds your site's configuration.")]
    NotASite {
        /// The folder's name.
        folder: String,
    },
    /// A configuration file does not parse.
    #[error("The site configuration {file} is not valid on line {line}: {message}. Fix it and open the site again.")]
    ConfigSyntax {
        /// The file, relative to the site folder.
        file: String,
        /// 1-based line.
        line: usize,
        /// What the parser said.
        message: String,
    },
    /// A configuration value has a type Hugo would not accept.
    #[error("The site configuration {file} sets `{key}` to {found}, but it must be {expected}.")]
    ConfigValue {
        /// The file, relative to the site folder.
        file: String,
        /// The key, dotted (`markup.goldmark.renderer.unsafe`).
        key: String,
        /// What kind of value it must be.
        expected: &'static str,
        /// What kind it is.
        found: String,
    },
    /// A path that would leave the site folder or is not a valid file name.
    #[error("“{path}” is not a file name Recap will write: {reason}.")]
    UnsafePath {
        /// The path as asked for.
        path: String,
        /// Why it is refused.
        reason: &'static str,
    },
}
