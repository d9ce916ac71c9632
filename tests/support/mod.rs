pub mod data;
pub mod html;
