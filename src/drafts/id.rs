//! Names for drafts and their versions.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A draft's identity, stable for its whole life (and across backups).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DraftId(String);

impl DraftId {
    /// A new id from the time and a per-tab random number, so two tabs creating drafts
    /// at the same millisecond still differ.
    ///
    /// ```
    /// let a = recap::drafts::DraftId::generate(1_700_000_000_000, 7, 1);
    /// let b = recap::drafts::DraftId::generate(1_700_000_000_000, 8, 1);
    /// assert_ne!(a, b);
    /// ```
    pub fn generate(now_ms: i64, tab_nonce: u32, counter: u32) -> DraftId {
        DraftId(format!("{:x}-{tab_nonce:08x}-{counter:x}", now_ms.max(0)))
    }

    /// Accepts an id read from storage or a backup, if it has only safe characters.
    pub fn parse(s: &str) -> Option<DraftId> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| DraftId(s.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DraftId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A saved version of a draft. Every successful save makes it one higher; a tab may
/// only write when the stored revision is the one it last saw.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct Revision(pub u64);

impl Revision {
    /// The revision after this one.
    pub fn next(self) -> Revision {
        Revision(self.0 + 1)
    }
}
