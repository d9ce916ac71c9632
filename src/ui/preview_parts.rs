use crate::render::groups::{GroupStep, PartGroups};
use crate::render::Splice;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// The preview body's parts in the DOM: `div.group`s of `div.block`s, kept in step
/// with [`PartGroups`] (see [`crate::render::groups`] for why they are grouped).
/// Shared with scroll sync, which finds a part by its index.
#[derive(Clone, Copy)]
pub struct PreviewParts {
    groups: StoredValue<PartGroups>,
    body: NodeRef<leptos::html::Div>,
}

impl PreviewParts {
    /// Empty parts, provided as context.
    pub fn provide() -> PreviewParts {
        let parts = PreviewParts {
            groups: StoredValue::new(PartGroups::default()),
            body: NodeRef::new(),
        };
        provide_context(parts);
        parts
    }

    /// The parts from context.
    pub fn get() -> PreviewParts {
        expect_context::<PreviewParts>()
    }

    /// The element that holds the groups.
    pub fn body(&self) -> NodeRef<leptos::html::Div> {
        self.body
    }

    /// Part `index`'s element.
    pub fn item(&self, index: usize) -> Option<Element> {
        let (group, offset) = self.groups.with_value(|g| g.locate(index))?;
        let body = self.body.get_untracked()?;
        body.children()
            .item(group as u32)?
            .children()
            .item(offset as u32)
    }

    /// How many groups there are.
    pub fn group_count(&self) -> usize {
        self.groups.with_value(|g| g.sizes().len())
    }

    /// Group `group`'s element and the parts (indices) it holds. A group out of view
    /// keeps an estimated height (`content-visibility: auto`) while its parts are laid
    /// out at their real heights: the groups' tops grow with their index, but the
    /// parts' tops grow only within one group.
    pub fn group(&self, group: usize) -> Option<(Element, std::ops::Range<usize>)> {
        let range = self.groups.with_value(|g| g.range(group))?;
        let el = self.body.get_untracked()?.children().item(group as u32)?;
        Some((el, range))
    }

    /// Applies one splice; returns the blocks it added.
    pub fn apply(&self, splice: Splice) -> Vec<Element> {
        let (Some(body), Some(document)) = (
            self.body.get_untracked(),
            web_sys::window().and_then(|w| w.document()),
        ) else {
            return Vec::new();
        };
        let body: Element = body.into();
        let steps = self
            .groups
            .try_update_value(|g| g.splice(splice.at, splice.remove, splice.insert.len()))
            .unwrap_or_default();
        let mut new = splice.insert.iter();
        let mut added = Vec::with_capacity(splice.insert.len());
        for step in steps {
            let group = |i: usize| body.children().item(i as u32);
            match step {
                GroupStep::Remove {
                    group: g,
                    offset,
                    count,
                } => {
                    if let Some(g) = group(g) {
                        let parts = g.children();
                        for _ in 0..count {
                            if let Some(el) = parts.item(offset as u32) {
                                el.remove();
                            }
                        }
                    }
                }
                GroupStep::DropGroup { group: g } => {
                    if let Some(g) = group(g) {
                        g.remove();
                    }
                }
                GroupStep::NewGroup { group: g } => {
                    if let Some(el) = new_group(&document) {
                        let before = group(g);
                        let _ = body.insert_before(&el, before.as_ref().map(|e| e.unchecked_ref()));
                    }
                }
                GroupStep::Split { group: g, offset } => {
                    let (Some(from), Some(to)) = (group(g), new_group(&document)) else {
                        continue;
                    };
                    let parts = from.children();
                    while let Some(el) = parts.item(offset as u32) {
                        let _ = to.append_child(&el);
                    }
                    let _ = from.after_with_node_1(&to);
                }
                GroupStep::Insert {
                    group: g,
                    offset,
                    count,
                } => {
                    let Some(g) = group(g) else { continue };
                    // The new parts go in together, before the part that follows.
                    let fragment = document.create_document_fragment();
                    for html in new.by_ref().take(count) {
                        // The renderer's gate sanitized this HTML, or marked it for the
                        // browser's sanitizer (see crate::render::gate).
                        if let Some(el) = super::sanitizer::block_element(&document, html) {
                            let _ = fragment.append_child(&el);
                            added.push(el);
                        }
                    }
                    let before = g.children().item(offset as u32);
                    let _ = g.insert_before(&fragment, before.as_ref().map(|e| e.unchecked_ref()));
                }
            }
        }
        added
    }
}

fn new_group(document: &Document) -> Option<Element> {
    let el = document.create_element("div").ok()?;
    el.set_class_name("group");
    Some(el)
}
