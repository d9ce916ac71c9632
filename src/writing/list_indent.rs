//! Tab and Shift+Tab in a list: notes taken in a talk nest bullet points, and a
//! writer expects Tab to nest the item they are on, as in HackMD, StackEdit or a word
//! processor. Outside a list Tab keeps moving the focus on, as keyboard users expect.

use super::TextEdit;
use std::ops::Range;

/// What Tab (or Shift+Tab) does to the lines a selection touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListIndent {
    /// The first line is not a list item: Tab is not the list's (the focus moves on).
    NotAList,
    /// A list item that cannot go deeper (the first item of its list) or further out
    /// (already at the left edge): Tab is taken, and nothing changes.
    Unchanged,
    /// The lines, nested one level deeper or brought one level out.
    Edit(TextEdit),
}

/// Nests the list items the selection touches under the item above them (`outdent`:
/// brings them out to their parent's level). One level is where CommonMark, and so
/// Hugo, reads the item as the previous item's child: under its text, so two spaces
/// under `* `, three under `1. `. Every touched line moves by the same amount, so an
/// item's continuation lines stay with it. Indentation with tabs is left alone
/// ([`ListIndent::Unchanged`]): its width depends on tab stops. The front matter's
/// lists are YAML, not Markdown: there it is [`ListIndent::NotAList`].
///
/// ```
/// use recap::writing::{indent_list_items, ListIndent};
/// let t = "* Keynote\n* Failure is routine\n";
/// let ListIndent::Edit(e) = indent_list_items(t, 15..15, false) else { panic!() };
/// assert_eq!(e.apply(t), "* Keynote\n  * Failure is routine\n");
/// let t = "1. Day one\n2. Talks\n";
/// let ListIndent::Edit(e) = indent_list_items(t, 14..14, false) else { panic!() };
/// assert_eq!(e.apply(t), "1. Day one\n   1. Talks\n");
/// assert_eq!(indent_list_items("Just prose.\n", 3..3, false), ListIndent::NotAList);
/// ```
pub fn indent_list_items(text: &str, sel: Range<usize>, outdent: bool) -> ListIndent {
    let sel = sel.start.min(text.len())..sel.end.clamp(sel.start.min(text.len()), text.len());
    let start = text[..sel.start].rfind('\n').map_or(0, |i| i + 1);
    // A selection that ends at the start of a line does not touch that line.
    let last = if sel.end > sel.start && text[..sel.end].ends_with('\n') {
        sel.end - 1
    } else {
        sel.end
    };
    let end = text[last..].find('\n').map_or(text.len(), |i| last + i);
    // The front matter's lists are YAML: Tab there is not the list's.
    let body_start = crate::post::lenient_body_start(text);
    if start < body_start {
        return ListIndent::NotAList;
    }
    let Some(first) = item(&text[start..]) else {
        return ListIndent::NotAList;
    };
    let Some(first) = first else {
        return ListIndent::Unchanged; // an item indented with tabs
    };
    // The body above the first touched line (read from the nearest line up, and
    // only as far as the list goes).
    let above = &text[body_start..start];
    let target = if outdent {
        parent(above, first.indent).map_or(0, |p| p.indent)
    } else {
        match sibling(above, first.indent) {
            Some(s) => s.content,
            None => return ListIndent::Unchanged,
        }
    };
    if target == first.indent {
        return ListIndent::Unchanged;
    }
    // A numbered item that starts a new nested list is numbered 1: another number
    // cannot start a list right under the parent's text (CommonMark reads it as more
    // of that text), and a nested list starting at 2 is not what was meant.
    let renumber = !outdent
        && first.number.is_some_and(|n| n != "1")
        && !items_above(above)
            .take_while(|i| i.indent > first.indent)
            .any(|i| i.indent == target);
    let lines: Vec<&str> = text[start..end].split('\n').collect();
    let mut out = Vec::with_capacity(lines.len());
    // How far each line's start moved, for the selection.
    let mut moved: Vec<(usize, isize)> = Vec::with_capacity(lines.len());
    let mut old_at = start;
    for (k, line) in lines.iter().enumerate() {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim_end_matches('\r').trim().is_empty();
        let new_line = if blank {
            line.to_string()
        } else if target > first.indent {
            let line = match first.number {
                Some(number) if k == 0 && renumber => format!(
                    "{}1{}",
                    &line[..first.indent],
                    &line[first.indent + number.len()..]
                ),
                _ => line.to_string(),
            };
            format!("{}{line}", " ".repeat(target - first.indent))
        } else {
            line[spaces.min(first.indent - target)..].to_string()
        };
        let delta = new_line.len() as isize - line.len() as isize;
        moved.push((old_at, delta));
        old_at += line.len() + 1;
        out.push(new_line);
    }
    // A position keeps its place in its line's text; in the removed indentation it
    // goes to the line's new start.
    let map = |pos: usize| -> usize {
        let mut shift = 0isize;
        for (k, (line_start, delta)) in moved.iter().enumerate() {
            let line_end = moved.get(k + 1).map_or(end, |(s, _)| s - 1);
            if pos < *line_start {
                break;
            }
            if pos <= line_end {
                let new_start = (*line_start as isize + shift) as usize;
                let into = (pos - line_start) as isize + delta;
                return new_start + into.max(0) as usize;
            }
            shift += delta;
        }
        (pos as isize + shift) as usize
    };
    ListIndent::Edit(TextEdit {
        range: start..end,
        insert: out.join("\n"),
        select: map(sel.start)..map(sel.end),
    })
}

/// Where a list item's marker and text start, in columns, and its number if any.
#[derive(Debug, Clone, Copy)]
struct Item<'a> {
    indent: usize,
    content: usize,
    /// The number of a numbered item.
    number: Option<&'a str>,
}

/// The list item `line` starts with: `None` when it is not one, `Some(None)` when it
/// is one indented with a tab.
fn item(line: &str) -> Option<Option<Item<'_>>> {
    let line = line.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let rest = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - rest.len();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match rest.as_bytes().first()? {
        b'*' | b'-' | b'+' => 1,
        _ if (1..=9).contains(&digits)
            && matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => return None,
    };
    let after = &rest[marker..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    // `***`, `- - -`: a thematic break, not a list item.
    if marker == 1
        && rest
            .chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| c == rest.as_bytes()[0] as char)
        && rest.chars().filter(|c| !c.is_whitespace()).count() >= 3
    {
        return None;
    }
    if line[..indent].contains('\t') || after.starts_with('\t') {
        return Some(None);
    }
    let gap = after.len() - after.trim_start_matches(' ').len();
    // One space after the marker when the item is empty or its text starts with
    // more than four (an indented code block inside the item), as CommonMark reads it.
    let gap = if after.trim().is_empty() || gap > 4 {
        1
    } else {
        gap
    };
    Some(Some(Item {
        indent,
        content: indent + marker + gap,
        number: (marker > 1).then(|| &rest[..digits]),
    }))
}

/// The item in `above` (read from the nearest line up) at the same indentation: the
/// one to nest under. The search stops at an item further out (the parent) or where
/// the list ends.
fn sibling(above: &str, indent: usize) -> Option<Item<'_>> {
    items_above(above)
        .find(|i| i.indent <= indent)
        .filter(|i| i.indent == indent)
}

/// The nearest item in `above` that is further out: the item this one is nested
/// under.
fn parent(above: &str, indent: usize) -> Option<Item<'_>> {
    items_above(above).find(|i| i.indent < indent)
}

/// The list items in `above`, from the nearest line up, as far as the list goes: it
/// ends at a line of text at the left edge after a blank line, or at an item
/// indented with tabs.
fn items_above(above: &str) -> impl Iterator<Item = Item<'_>> {
    let mut blank_below = false;
    // `above` ends with the break before the first touched line: its last piece is
    // empty. Each line is an item, nothing (`Some(None)`), or the list's end (`None`).
    above
        .rsplit('\n')
        .skip(1)
        .map_while(move |line| {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                blank_below = true;
                return Some(None);
            }
            match item(line) {
                Some(Some(i)) => {
                    blank_below = false;
                    Some(Some(i))
                }
                Some(None) => None,
                None if blank_below && !line.starts_with([' ', '\t']) => None,
                None => {
                    blank_below = false;
                    Some(None)
                }
            }
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text after Tab (or Shift+Tab) with the cursor at `|`, and the cursor after.
    fn tab(marked: &str, outdent: bool) -> Option<String> {
        let at = marked.find('|').expect("a cursor");
        let text = marked.replacen('|', "", 1);
        match indent_list_items(&text, at..at, outdent) {
            ListIndent::Edit(e) => {
                let mut out = e.apply(&text);
                out.insert(e.select.start, '|');
                Some(out)
            }
            ListIndent::Unchanged => Some(marked.to_string()),
            ListIndent::NotAList => None,
        }
    }

    #[test]
    fn tab_nests_an_item_under_the_text_of_the_item_above() {
        assert_eq!(tab("* a\n* b|\n", false).as_deref(), Some("* a\n  * b|\n"));
        assert_eq!(
            tab("-   a\n- b|\n", false).as_deref(),
            Some("-   a\n    - b|\n")
        );
        // A numbered item starting a nested list is numbered 1; one joining a nested
        // list keeps its number.
        assert_eq!(
            tab("1. a\n2. b|\n", false).as_deref(),
            Some("1. a\n   1. b|\n")
        );
        assert_eq!(
            tab("9) a\n10) b|\n", false).as_deref(),
            Some("9) a\n   1) b|\n")
        );
        assert_eq!(
            tab("1. a\n   1. x\n2. b|\n", false).as_deref(),
            Some("1. a\n   1. x\n   2. b|\n")
        );
        // Deeper: under the sibling at its own level, past its children.
        assert_eq!(
            tab("* a\n  * b\n    * c\n  * d|\n", false).as_deref(),
            Some("* a\n  * b\n    * c\n    * d|\n")
        );
    }

    #[test]
    fn shift_tab_brings_an_item_out_to_its_parents_level() {
        assert_eq!(tab("* a\n  * b|\n", true).as_deref(), Some("* a\n* b|\n"));
        assert_eq!(
            tab("1. a\n   * b|\n", true).as_deref(),
            Some("1. a\n* b|\n")
        );
        assert_eq!(
            tab("* a\n  * b\n    * c|\n", true).as_deref(),
            Some("* a\n  * b\n  * c|\n")
        );
    }

    #[test]
    fn an_item_that_cannot_move_takes_the_key_and_stays() {
        // The first item of a list has nothing to nest under.
        assert_eq!(
            tab("Intro.\n\n* a|\n", false).as_deref(),
            Some("Intro.\n\n* a|\n")
        );
        assert_eq!(
            tab("* a\n  * b|\n", false).as_deref(),
            Some("* a\n  * b|\n")
        );
        // At the left edge, Shift+Tab has nowhere to go.
        assert_eq!(tab("* a|\n", true).as_deref(), Some("* a|\n"));
        // Tabs in the indentation: left as they are.
        assert_eq!(tab("* a\n\t* b|\n", true).as_deref(), Some("* a\n\t* b|\n"));
    }

    #[test]
    fn a_list_in_the_front_matter_is_yaml_and_not_the_lists() {
        let front = "---\ntags:\n  - Devops\n  - Conference|\n---\n* a\n* b\n";
        assert_eq!(tab(front, false), None);
        assert_eq!(tab(front, true), None);
        // The body's lists are the body's own.
        assert_eq!(
            tab("---\ntags:\n  - Devops\n---\n- a|\n", false).as_deref(),
            Some("---\ntags:\n  - Devops\n---\n- a|\n")
        );
        assert_eq!(
            tab("---\ntitle: x\n---\n* a\n* b|\n", false).as_deref(),
            Some("---\ntitle: x\n---\n* a\n  * b|\n")
        );
    }

    #[test]
    fn outside_a_list_tab_is_not_the_lists() {
        for marked in [
            "Some prose.|\n",
            "## Day 1|\n",
            "---|\n",
            "* * *|\n",
            "*emphasis*|\n",
            "1.5 million|\n",
            "-not a list|\n",
        ] {
            assert_eq!(tab(marked, false), None, "{marked:?}");
            assert_eq!(tab(marked, true), None, "{marked:?}");
        }
    }

    #[test]
    fn a_list_after_a_paragraph_does_not_nest_under_an_earlier_list() {
        assert_eq!(
            tab("* a\n\nText.\n\n* b|\n", false).as_deref(),
            Some("* a\n\nText.\n\n* b|\n")
        );
        // A blank line between items keeps them one list.
        assert_eq!(
            tab("* a\n\n* b|\n", false).as_deref(),
            Some("* a\n\n  * b|\n")
        );
        // A continuation line of the item above is no reason to stop.
        assert_eq!(
            tab("* a\n  more of a\n* b|\n", false).as_deref(),
            Some("* a\n  more of a\n  * b|\n")
        );
    }

    #[test]
    fn every_selected_line_moves_and_the_selection_with_them() {
        let text = "* a\n* b\n  b's second paragraph\n* c\n";
        let from = text.find("b").unwrap();
        let to = text.find("c\n").unwrap() + 1;
        let ListIndent::Edit(e) = indent_list_items(text, from..to, false) else {
            panic!("a list")
        };
        let out = e.apply(text);
        assert_eq!(out, "* a\n  * b\n    b's second paragraph\n  * c\n");
        assert_eq!(&out[e.select.clone()], "b\n    b's second paragraph\n  * c");
        // Out again: the text as it was.
        let ListIndent::Edit(back) = indent_list_items(&out, e.select.clone(), true) else {
            panic!("a list")
        };
        assert_eq!(back.apply(&out), text);
    }

    #[test]
    fn the_cursor_in_the_indentation_goes_to_the_new_start_of_the_line() {
        let text = "* a\n    * b\n";
        let at = text.find("  * b").unwrap(); // two columns into the indentation
        let ListIndent::Edit(e) = indent_list_items(text, at..at, true) else {
            panic!("a list")
        };
        assert_eq!(e.apply(text), "* a\n* b\n");
        assert_eq!(e.select, 4..4);
    }

    #[test]
    fn crlf_lines_keep_their_line_breaks_and_empty_items_nest_too() {
        assert_eq!(
            tab("* a\r\n* b|\r\n", false).as_deref(),
            Some("* a\r\n  * b|\r\n")
        );
        assert_eq!(
            tab("* a\r\n*|\r\n", false).as_deref(),
            Some("* a\r\n  *|\r\n")
        );
        assert_eq!(
            tab("1. a\n2. |\n", false).as_deref(),
            Some("1. a\n   1. |\n")
        );
    }

    #[test]
    fn nested_items_render_nested() {
        let text = "* a\n* b\n";
        let ListIndent::Edit(e) = indent_list_items(text, 6..6, false) else {
            panic!("a list")
        };
        let html =
            crate::render::render_html(&e.apply(text), &crate::render::RenderOptions::default());
        assert_eq!(html.matches("<ul>").count(), 2, "{html}");
        let text = "1. a\n2. b\n";
        let ListIndent::Edit(e) = indent_list_items(text, 8..8, false) else {
            panic!("a list")
        };
        let html =
            crate::render::render_html(&e.apply(text), &crate::render::RenderOptions::default());
        assert_eq!(html.matches("<ol>").count(), 2, "{html}");
        assert!(html.contains("<li>b</li>"), "{html}");
    }
}
