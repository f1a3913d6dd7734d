//! One file per page, named after the page.

pub mod not_found_page;
pub mod officers_page;
