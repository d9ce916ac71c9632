//! YAML text to [`Value`]s, built from yaml-rust2's parser events.
//!
//! yaml-rust2's loader builds a tree of its own (`Yaml`, whose maps are keyed by `Yaml`
//! values), which front matter then copied into `Value`s: two trees, and in the app's
//! wasm the code of both (the loader, and hashing, comparing, cloning and dropping
//! `Yaml`: about 13 KB before compression, in the part every start loads). This builds
//! the `Value`s directly, by the loader's rules:
//!
//! - a plain scalar is resolved as yaml-rust2 resolves it (YAML 1.2's core schema:
//!   null, booleans, decimal, `0x` and `0o` integers, floats with a digit or `.inf` and
//!   `.nan`); a quoted or block scalar is text; a `!!bool`, `!!int`, `!!float` or
//!   `!!null` tag that its text does not fit gives an empty value;
//! - an alias is a copy of its anchor's value;
//! - a key given twice in one mapping is an error, which now names the key (the
//!   loader's message printed it through `Debug`, which release builds leave empty).

use super::Value;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

/// The documents of `source`, each as a value, or the first syntax error. `None` is a
/// document the loader would read as a bad value (nothing in it at all).
pub(crate) fn documents(source: &str) -> Result<Vec<Option<Value>>, ScanError> {
    let mut builder = Builder::default();
    Parser::new_from_str(source).load(&mut builder, true)?;
    match builder.error {
        Some(error) => Err(error),
        None => Ok(builder.documents),
    }
}

/// A collection still open.
enum Open {
    List(Vec<Value>),
    /// The entries so far (keys as values, to find a key given twice), and the key
    /// waiting for its value.
    Map(Vec<(Value, Value)>, Option<Value>),
}

#[derive(Default)]
struct Builder {
    documents: Vec<Option<Value>>,
    /// The open collections, innermost last, each with its anchor (0: none).
    open: Vec<(Open, usize)>,
    /// The current document's value, once complete.
    root: Option<Option<Value>>,
    /// Anchored values by anchor id (the parser numbers them from 1, never twice).
    anchors: Vec<(usize, Option<Value>)>,
    error: Option<ScanError>,
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart => {}
            Event::DocumentEnd => {
                let root = self.root.take().flatten();
                self.documents.push(root);
            }
            Event::SequenceStart(anchor, _) => self.open.push((Open::List(Vec::new()), anchor)),
            Event::MappingStart(anchor, _) => self.open.push((Open::Map(Vec::new(), None), anchor)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((open, anchor)) = self.open.pop() {
                    let value = match open {
                        Open::List(items) => Value::List(items),
                        Open::Map(entries, _) => Value::Map(
                            entries
                                .into_iter()
                                .map(|(key, value)| (key.as_text().unwrap_or_default(), value))
                                .collect(),
                        ),
                    };
                    self.insert(Some(value), anchor, mark);
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(text, style, tag.as_ref());
                self.insert(value, anchor, mark);
            }
            Event::Alias(id) => {
                let value = self
                    .anchors
                    .iter()
                    .rev()
                    .find(|(anchor, _)| *anchor == id)
                    .and_then(|(_, value)| value.clone());
                self.insert(value, 0, mark);
            }
        }
    }
}

impl Builder {
    /// Puts a complete value (`None`: a bad value) where the open collection wants it.
    fn insert(&mut self, value: Option<Value>, anchor: usize, mark: Marker) {
        if anchor > 0 {
            self.anchors.push((anchor, value.clone()));
        }
        match self.open.last_mut() {
            None => self.root = Some(value),
            Some((Open::List(items), _)) => items.push(value.unwrap_or(Value::Null)),
            Some((Open::Map(entries, waiting), _)) => match waiting.take() {
                // The loader's rule: a bad value as a key leaves the key to come.
                None => *waiting = value,
                Some(key) if entries.iter().any(|(seen, _)| *seen == key) => {
                    let message = match key.as_text() {
                        Some(name) => format!("the key `{name}` is given twice"),
                        None => "a key is given twice".to_string(),
                    };
                    self.error = Some(ScanError::new_string(mark, message));
                }
                Some(key) => entries.push((key, value.unwrap_or(Value::Null))),
            },
        }
    }
}

/// A scalar's value; `None` where the loader makes a bad value (a tag the text does
/// not fit).
fn scalar(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Option<Value> {
    if style != TScalarStyle::Plain {
        return Some(Value::String(text));
    }
    let Some(tag) = tag else {
        return Some(plain(text));
    };
    if tag.handle != "tag:yaml.org,2002:" {
        return Some(Value::String(text));
    }
    match tag.suffix.as_str() {
        "bool" => boolean(&text).map(Value::Bool),
        "int" => text.parse().ok().map(Value::Integer),
        "float" => parse_f64(&text).map(|_| Value::Float(text)),
        "null" => matches!(text.as_str(), "~" | "null").then_some(Value::Null),
        _ => Some(Value::String(text)),
    }
}

/// An untagged plain scalar, as yaml-rust2's `Yaml::from_str` reads it.
fn plain(text: String) -> Value {
    let radix = if let Some(digits) = text.strip_prefix("0x") {
        i64::from_str_radix(digits, 16).ok()
    } else if let Some(digits) = text.strip_prefix("0o") {
        i64::from_str_radix(digits, 8).ok()
    } else if let Some(digits) = text.strip_prefix('+') {
        digits.parse().ok()
    } else {
        None
    };
    if let Some(number) = radix {
        return Value::Integer(number);
    }
    if matches!(text.as_str(), "" | "~" | "null") {
        return Value::Null;
    }
    if let Some(b) = boolean(&text) {
        return Value::Bool(b);
    }
    if let Ok(number) = text.parse() {
        Value::Integer(number)
    } else if parse_f64(&text).is_some() {
        Value::Float(text)
    } else {
        Value::String(text)
    }
}

fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// yaml-rust2's float rule: `.inf`, `.nan` and their spellings, or Rust's parse of text
/// with a digit in it (so that `inf` and `NaN` stay text).
fn parse_f64(text: &str) -> Option<f64> {
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Some(f64::NAN),
        _ if text.bytes().any(|b| b.is_ascii_digit()) => text.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaml_rust2::{Yaml, YamlLoader};

    /// What front matter read through yaml-rust2's own loader before: its tree, copied.
    fn through_loader(source: &str) -> Result<Vec<Option<Value>>, String> {
        fn value(y: Yaml) -> Option<Value> {
            Some(match y {
                Yaml::Real(s) => Value::Float(s),
                Yaml::Integer(i) => Value::Integer(i),
                Yaml::String(s) => Value::String(s),
                Yaml::Boolean(b) => Value::Bool(b),
                Yaml::Array(items) => Value::List(
                    items
                        .into_iter()
                        .map(|y| value(y).unwrap_or(Value::Null))
                        .collect(),
                ),
                Yaml::Hash(hash) => Value::Map(
                    hash.into_iter()
                        .map(|(k, v)| {
                            let key = value(k).and_then(|k| k.as_text()).unwrap_or_default();
                            (key, value(v).unwrap_or(Value::Null))
                        })
                        .collect(),
                ),
                Yaml::Null => Value::Null,
                Yaml::Alias(_) | Yaml::BadValue => return None,
            })
        }
        YamlLoader::load_from_str(source)
            .map(|docs| docs.into_iter().map(value).collect())
            .map_err(|e| format!("{}:{}", e.marker().line(), e.marker().col()))
    }

    /// Checks that both read `source` alike; returns whether they read it at all.
    fn same_as_loader(source: &str) -> bool {
        let ours =
            documents(source).map_err(|e| format!("{}:{}", e.marker().line(), e.marker().col()));
        assert_eq!(ours, through_loader(source), "for {source:?}");
        ours.is_ok()
    }

    #[test]
    fn reads_every_scalar_rule_as_the_loader() {
        for source in [
            "a: 1\nb: -7\nc: +5\nd: 0x1F\ne: 0o17\nf: 0xZZ\ng: 1.5\nh: 1e3\ni: .inf\nj: -.Inf\nk: .NaN\nl: inf\nm: NaN\n",
            "a: true\nb: False\nc: TRUE\nd: yes\ne: ~\nf: null\ng:\nh: Null\ni: ''\nj: \"1\"\nk: 'true'\n",
            "a: !!str 1\nb: !!int 12\nc: !!int x\nd: !!float 1.5\ne: !!float x\nf: !!bool true\ng: !!bool yes\nh: !!null ~\ni: !!null x\nj: !custom 5\n",
            "a: |\n  line\n  two\nb: >\n  folded\n  text\nc: \"esc\\taped\"\n",
            "tags:\n  - a\n  - b\nflow: [1, two, {x: y}]\nnested:\n  deep:\n    deeper: [true]\n",
            "base: &b {x: 1}\ncopy: *b\nlist: &l [1, 2]\nagain: *l\nword: &w hi\necho: *w\n",
            "unknown: *nothing\n",
            "? [complex, key]\n: value\n1: one\ntrue: yes\n~: nothing\n",
            "",
            "# only a comment\n",
            "---\n",
            "just text",
            "- a\n- b\n",
            "a: 1\n---\nb: 2\n",
            "a: [1, 2\n",
            "a: 'unclosed\n",
            "\ta: tab\n",
        ] {
            // Only these three are not YAML the loader reads.
            let refused = ["a: [1, 2\n", "a: 'unclosed\n", "unknown: *nothing\n"];
            assert_eq!(same_as_loader(source), !refused.contains(&source), "for {source:?}");
        }
        let copies = documents("base: &b {x: 1}\ncopy: *b\n").expect("YAML");
        let Some(Some(Value::Map(fields))) = copies.first() else {
            panic!("{copies:?}")
        };
        assert_eq!(
            fields[0].1, fields[1].1,
            "an alias is a copy of its anchor's value"
        );
    }

    #[test]
    fn reads_every_fixture_post_as_the_loader() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/posts");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).expect("the fixture posts") {
            let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("a post");
            let Ok(layout) = super::super::front_matter::split(&text) else {
                continue;
            };
            if let Some(block) = layout
                .front_matter
                .filter(|b| b.format == super::super::Format::Yaml)
            {
                assert!(same_as_loader(&text[block.content]));
                read += 1;
            }
        }
        assert!(
            read >= 5,
            "only {read} YAML front matters among the fixtures"
        );
    }

    #[test]
    fn a_key_given_twice_is_an_error_that_names_it_where_the_loader_does() {
        let source = "title: A\ntags: [x]\ntitle: B\n";
        let error = documents(source).expect_err("a key given twice");
        assert_eq!(error.info(), "the key `title` is given twice");
        let loader = YamlLoader::load_from_str(source).expect_err("the loader refuses it too");
        assert_eq!(error.marker().line(), loader.marker().line());
        // Keys of different kinds are different keys, as for the loader.
        same_as_loader("1: number\n'1': text\n");
    }
}
