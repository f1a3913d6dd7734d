//! The back office's cookies: defined with the server functions that set them too (`app::host::cookies`).

pub use app::host::cookies::{CookiePolicy, read};
