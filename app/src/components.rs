//! Building blocks shared by pages: the site header and footer, and the islands they hold.

pub mod site_footer;
pub mod site_header;
pub mod text_size_control;
