//! Draft storage. Drafts land with their own issue; the module is reserved here so the
//! crate layout matches the design notes.
