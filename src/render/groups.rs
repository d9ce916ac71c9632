//! The preview's parts, held in groups: a long post has thousands of top-level blocks,
//! and a browser lays out, paints and hit-tests a container's children one by one. With
//! every part a child of one element, a keystroke that replaced one block cost the
//! browser a pass over all of them (75 ms of a 1 MB post's frame). In groups of about
//! [`GROUP_SIZE`], a change touches one group and the list of groups, and a group out
//! of view can be skipped whole (`content-visibility: auto`).
//!
//! [`PartGroups`] keeps only the bookkeeping: how many parts each group holds. It turns
//! a [`Splice`](super::Splice) into [`GroupStep`]s for the DOM, so the two stay in step.

/// How many parts a group gets when groups are made anew. A group grows to twice
/// that before it is split.
pub const GROUP_SIZE: usize = 64;

/// One change to the grouped DOM, in the order given. Group and part indices are
/// those of the moment the step applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupStep {
    /// Remove `count` parts from group `group`, from its part `offset`.
    Remove {
        /// The group.
        group: usize,
        /// The first part removed, within the group.
        offset: usize,
        /// How many parts go.
        count: usize,
    },
    /// Remove group `group` (it is empty).
    DropGroup {
        /// The group.
        group: usize,
    },
    /// Insert an empty group at index `group`.
    NewGroup {
        /// Where the group goes.
        group: usize,
    },
    /// Move the parts of group `group` from `offset` on into a new group right after it.
    Split {
        /// The group split.
        group: usize,
        /// The first part that moves.
        offset: usize,
    },
    /// Insert the next `count` of the splice's new parts into group `group` at `offset`.
    Insert {
        /// The group.
        group: usize,
        /// Where in the group, in parts.
        offset: usize,
        /// How many of the new parts.
        count: usize,
    },
}

/// How many parts each group of the preview holds.
///
/// ```
/// use recap::render::groups::{GroupStep, PartGroups};
/// let mut groups = PartGroups::new(2);
/// // The first render: five parts in groups of two.
/// groups.splice(0, usize::MAX, 5);
/// assert_eq!(groups.sizes(), &[2, 2, 1]);
/// assert_eq!(groups.locate(3), Some((1, 1)));
/// // A keystroke replaced part 3: one group changes.
/// let steps = groups.splice(3, 1, 1);
/// assert_eq!(steps, vec![
///     GroupStep::Remove { group: 1, offset: 1, count: 1 },
///     GroupStep::Insert { group: 1, offset: 1, count: 1 },
/// ]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartGroups {
    sizes: Vec<usize>,
    size: usize,
}

impl Default for PartGroups {
    fn default() -> Self {
        PartGroups::new(GROUP_SIZE)
    }
}

impl PartGroups {
    /// No parts yet; new groups get `size` parts (at least 1).
    pub fn new(size: usize) -> PartGroups {
        PartGroups {
            sizes: Vec::new(),
            size: size.max(1),
        }
    }

    /// How many parts each group holds, in order.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// How many parts in all.
    pub fn len(&self) -> usize {
        self.sizes.iter().sum()
    }

    /// Whether there are no parts.
    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// The group of part `index` and its place in that group.
    pub fn locate(&self, index: usize) -> Option<(usize, usize)> {
        let mut left = index;
        for (group, &size) in self.sizes.iter().enumerate() {
            if left < size {
                return Some((group, left));
            }
            left -= size;
        }
        None
    }

    /// The parts (indices) group `group` holds.
    ///
    /// ```
    /// let mut groups = recap::render::groups::PartGroups::new(2);
    /// groups.splice(0, 0, 3);
    /// assert_eq!(groups.range(1), Some(2..3));
    /// assert_eq!(groups.range(2), None);
    /// ```
    pub fn range(&self, group: usize) -> Option<std::ops::Range<usize>> {
        let size = *self.sizes.get(group)?;
        let start: usize = self.sizes[..group].iter().sum();
        Some(start..start + size)
    }

    /// Where a part inserted before part `index` goes: the group holding `index`, but
    /// at a group's start the end of the group before (a replaced last part stays in
    /// its group), and past the end the end of the last group.
    fn insertion_point(&self, index: usize) -> Option<(usize, usize)> {
        match self.locate(index) {
            Some((group, 0)) if group > 0 => Some((group - 1, self.sizes[group - 1])),
            Some(point) => Some(point),
            None => {
                let last = self.sizes.len().checked_sub(1)?;
                Some((last, self.sizes[last]))
            }
        }
    }

    /// Applies a splice (at part `at`, `remove` parts go, `insert` come; both clamped
    /// as [`Splice`](super::Splice) is) and returns the steps that do the same to the
    /// DOM.
    pub fn splice(&mut self, at: usize, remove: usize, insert: usize) -> Vec<GroupStep> {
        let mut steps = Vec::new();
        let len = self.len();
        let at = at.min(len);
        let mut left = remove.min(len - at);
        while left > 0 {
            let Some((group, offset)) = self.locate(at) else {
                break;
            };
            let count = left.min(self.sizes[group] - offset);
            steps.push(GroupStep::Remove {
                group,
                offset,
                count,
            });
            self.sizes[group] -= count;
            left -= count;
            if self.sizes[group] == 0 {
                steps.push(GroupStep::DropGroup { group });
                self.sizes.remove(group);
            }
        }
        if insert == 0 {
            return steps;
        }
        let (group, offset) = match self.insertion_point(at) {
            Some(point) => point,
            None => {
                steps.push(GroupStep::NewGroup { group: 0 });
                self.sizes.push(0);
                (0, 0)
            }
        };
        // A new group is filled as groups are made anew, below.
        if self.sizes[group] > 0 && self.sizes[group] + insert <= 2 * self.size {
            steps.push(GroupStep::Insert {
                group,
                offset,
                count: insert,
            });
            self.sizes[group] += insert;
            return steps;
        }
        // Too many for one group: what follows the insertion point becomes a group of
        // its own, this group fills up to the usual size, and new groups take the rest.
        if offset < self.sizes[group] {
            steps.push(GroupStep::Split { group, offset });
            self.sizes.insert(group + 1, self.sizes[group] - offset);
            self.sizes[group] = offset;
        }
        let mut left = insert;
        let mut group = group;
        let fill = self.size.saturating_sub(self.sizes[group]).min(left);
        if fill > 0 {
            steps.push(GroupStep::Insert {
                group,
                offset: self.sizes[group],
                count: fill,
            });
            self.sizes[group] += fill;
            left -= fill;
        }
        while left > 0 {
            group += 1;
            let count = left.min(self.size);
            steps.push(GroupStep::NewGroup { group });
            steps.push(GroupStep::Insert {
                group,
                offset: 0,
                count,
            });
            self.sizes.insert(group, count);
            left -= count;
        }
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays the steps on a model of the DOM (groups of part names) and checks it
    /// against a flat list spliced directly.
    fn play(groups: &mut Vec<Vec<u32>>, steps: &[GroupStep], new: &[u32]) {
        let mut next = new.iter().copied();
        for step in steps {
            match *step {
                GroupStep::Remove {
                    group,
                    offset,
                    count,
                } => {
                    groups[group].drain(offset..offset + count);
                }
                GroupStep::DropGroup { group } => {
                    assert!(groups[group].is_empty(), "dropped a group with parts");
                    groups.remove(group);
                }
                GroupStep::NewGroup { group } => groups.insert(group, Vec::new()),
                GroupStep::Split { group, offset } => {
                    let tail = groups[group].split_off(offset);
                    groups.insert(group + 1, tail);
                }
                GroupStep::Insert {
                    group,
                    offset,
                    count,
                } => {
                    let parts: Vec<u32> = next.by_ref().take(count).collect();
                    assert_eq!(
                        parts.len(),
                        count,
                        "inserted more parts than the splice has"
                    );
                    groups[group].splice(offset..offset, parts);
                }
            }
        }
        assert_eq!(next.next(), None, "a new part was left out");
    }

    #[test]
    fn random_splices_keep_the_dom_model_and_the_sizes_in_step() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let mut groups = PartGroups::new(4);
        let mut dom: Vec<Vec<u32>> = Vec::new();
        let mut flat: Vec<u32> = Vec::new();
        let mut name = 0u32;
        for round in 0..5000 {
            let len = flat.len();
            let (at, remove, insert) = match round % 50 {
                0 => (0, usize::MAX, rand(40)),
                _ => {
                    let at = rand(len + 1);
                    let remove = rand(4).min(len - at);
                    let most = if rand(10) == 0 { 30 } else { 3 };
                    (at, remove, rand(most))
                }
            };
            let new: Vec<u32> = (0..insert as u32).map(|i| name + i).collect();
            name += insert as u32;
            let steps = groups.splice(at, remove, insert);
            play(&mut dom, &steps, &new);
            let at = at.min(flat.len());
            let end = at.saturating_add(remove).min(flat.len());
            flat.splice(at..end, new);
            assert_eq!(dom.concat(), flat, "round {round}");
            let sizes: Vec<usize> = dom.iter().map(Vec::len).collect();
            assert_eq!(groups.sizes(), &sizes[..], "round {round}");
            assert!(
                sizes.iter().all(|&s| s > 0 && s <= 8),
                "round {round}: {sizes:?}"
            );
        }
    }

    #[test]
    fn a_whole_render_makes_groups_of_the_usual_size() {
        let mut groups = PartGroups::new(64);
        groups.splice(0, usize::MAX, 9149);
        assert_eq!(groups.sizes().len(), 143);
        assert!(groups.sizes()[..142].iter().all(|&s| s == 64));
        // And again, replacing everything.
        groups.splice(0, usize::MAX, 100);
        assert_eq!(groups.sizes(), &[64, 36]);
    }

    #[test]
    fn locate_finds_each_part() {
        let mut groups = PartGroups::new(3);
        groups.splice(0, 0, 7);
        let found: Vec<_> = (0..8).map(|i| groups.locate(i)).collect();
        assert_eq!(
            found,
            vec![
                Some((0, 0)),
                Some((0, 1)),
                Some((0, 2)),
                Some((1, 0)),
                Some((1, 1)),
                Some((1, 2)),
                Some((2, 0)),
                None
            ]
        );
    }
}
