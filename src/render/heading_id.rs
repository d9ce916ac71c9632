//! Heading IDs the way Hugo (goldmark, `autoHeadingIDType = "github"`) makes them.

use std::collections::HashMap;
use std::rc::Rc;

/// The anchor Hugo derives from a heading's Markdown source: letters, digits and `_`
/// lowercased, each space or `-` a dash, everything else dropped. Hugo reads the raw
/// source, so a linked heading's ID includes the link's destination.
///
/// ```
/// use recap::render::heading_id::anchor;
/// assert_eq!(anchor("Hello World"), "hello-world");
/// assert_eq!(anchor("[Staying Alive: Patterns](https://example.org/a-b_c)"), "staying-alive-patternshttpsexampleorga-b_c");
/// assert_eq!(anchor("It's \"quoted\" -- and... 1/2"), "its-quoted----and-12");
/// ```
pub fn anchor(source: &str) -> String {
    source
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            c if c == '_' || c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Hands out unique IDs in document order: a repeat gets `-1`, `-2`...
///
/// It may stand on frozen [`IdLayer`]s: the IDs handed out in earlier parts of the
/// document, shared rather than copied, so that the state at a block deep in a long
/// post costs a look through the layers instead of a replay of every heading before.
#[derive(Debug, Default, Clone)]
pub struct HeadingIds {
    seen: HashMap<String, usize>,
    layers: Vec<IdLayer>,
}

/// What one stretch of a document did to the IDs handed out, frozen: see
/// [`HeadingIds::freeze`].
#[derive(Debug, Clone)]
pub struct IdLayer(Rc<HashMap<String, usize>>);

impl HeadingIds {
    /// The IDs `layers` handed out, oldest layer first; what comes next is recorded
    /// apart from them.
    ///
    /// ```
    /// use recap::render::heading_id::HeadingIds;
    /// let mut day1 = HeadingIds::default();
    /// day1.next_for("Day 1");
    /// let layers = vec![day1.freeze()];
    /// let mut ids = HeadingIds::on(&layers);
    /// assert_eq!(ids.next_for("Day 1"), "day-1-1");
    /// ```
    pub fn on(layers: &[IdLayer]) -> HeadingIds {
        HeadingIds {
            seen: HashMap::new(),
            // A stretch without headings adds nothing to look through.
            layers: layers.iter().filter(|l| !l.0.is_empty()).cloned().collect(),
        }
    }

    /// What was handed out since [`on`](Self::on) (or since the start), as a layer.
    pub fn freeze(self) -> IdLayer {
        IdLayer(Rc::new(self.seen))
    }

    fn get(&self, key: &str) -> Option<usize> {
        self.seen
            .get(key)
            .or_else(|| self.layers.iter().rev().find_map(|l| l.0.get(key)))
            .copied()
    }

    /// A unique ID for a heading whose source text is `source`.
    ///
    /// ```
    /// let mut ids = recap::render::heading_id::HeadingIds::default();
    /// assert_eq!(ids.next_for("Day 1"), "day-1");
    /// assert_eq!(ids.next_for("Day 1"), "day-1-1");
    /// assert_eq!(ids.next_for("Day 1"), "day-1-2");
    /// ```
    pub fn next_for(&mut self, source: &str) -> String {
        let base = anchor(source);
        let base = if base.is_empty() {
            "heading".to_string()
        } else {
            base
        };
        self.unique(base)
    }

    /// Registers an explicit `{#id}` so automatic IDs do not repeat it.
    pub fn unique(&mut self, base: String) -> String {
        let Some(used) = self.get(&base) else {
            self.seen.insert(base.clone(), 0);
            return base;
        };
        let mut n = used;
        loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if self.get(&candidate).is_none() {
                self.seen.insert(base, n);
                self.seen.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}
