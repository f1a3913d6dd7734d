//! The language switch's server function: the header's "English" / "ภาษาไทย" button. The choice is kept in this
//! browser's cookie and, when an officer is signed in, on their record (so it follows them to any browser); then the
//! page it was pressed on is shown again. Open to anyone and changing only a language, it carries no synchroniser
//! token: the same-origin check on every POST is its defence.

use leptos::prelude::*;
use leptos::server_fn::codec::PostUrl;

use crate::app_error::AppError;
use crate::paths::{OFFICERS_PAGE, is_page};

/// The longest address (path and query) the switch comes back to; longer ones lose their query.
pub const MAX_RETURN_TO: usize = 1024;

/// Switches to `lang` (`th`, `en`; anything else changes nothing) and goes back to `return_to` (one of our pages,
/// else the officers' page).
#[server(prefix = "/api", endpoint = "language", input = PostUrl)]
pub async fn switch_language(
    /// The language's tag.
    #[server(default)]
    lang: String,
    /// The page to show again (path and query).
    #[server(default)]
    return_to: String,
) -> Result<(), AppError> {
    on_server::switch(&lang, &return_to).await
}

/// `return_to` when it is one of our pages (with any query), else the officers' page: never another site.
pub fn safe_return(return_to: &str) -> &str {
    let path = return_to.split_once('?').map_or(return_to, |(path, _)| path);
    let clean = return_to.len() <= MAX_RETURN_TO && return_to.bytes().all(|byte| byte.is_ascii_graphic());
    if clean && is_page(path) { return_to } else { OFFICERS_PAGE }
}

#[cfg(feature = "ssr")]
mod on_server {
    use http::header::SET_COOKIE;
    use leptos::prelude::expect_context;
    use leptos_axum::ResponseOptions;

    use super::safe_return;
    use crate::app_error::AppError;
    use crate::host::{CurrentSession, backend, request};
    use crate::i18n::Locale;

    pub(super) async fn switch(lang: &str, return_to: &str) -> Result<(), AppError> {
        let backend = backend()?;
        let response = expect_context::<ResponseOptions>();
        if let Some(locale) = Locale::from_tag(lang) {
            response.append_header(SET_COOKIE, backend.cookies.set_language(locale.tag()));
            let parts = request()?;
            let officer = parts.extensions.get::<CurrentSession>().and_then(|current| current.officer.as_ref());
            if let Some(officer) = officer {
                // The cookie already carries the choice for this browser; failing to keep it on the record costs
                // only that other browsers will not know it, so the officer is not stopped for it.
                if let Err(error) = domain::officers::set_preferred_locale(&backend.db, officer.id, locale.tag()).await
                {
                    tracing::error!(%error, "remembering an officer's language failed");
                }
            }
        }
        leptos_axum::redirect(safe_return(return_to));
        response.set_status(http::StatusCode::SEE_OTHER);
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_returns_only_to_our_own_pages() {
        assert_eq!(safe_return("/backend/home"), "/backend/home");
        assert_eq!(safe_return("/backend/sign-in-failed?reference=AB12"), "/backend/sign-in-failed?reference=AB12");
        for foreign in [
            "",
            "//evil.example/backend/home",
            "https://evil.example/backend/home",
            "/\\evil.example",
            "/backend/home\r\nSet-Cookie: x=1",
            "/backend/home?x=\u{0e01}",
            "/auth/callback?code=abc",
            "/backend/nowhere",
            "backend/home",
        ] {
            assert_eq!(safe_return(foreign), OFFICERS_PAGE, "{foreign:?}");
        }
        let long = format!("/backend/home?{}", "a".repeat(MAX_RETURN_TO));
        assert_eq!(safe_return(&long), OFFICERS_PAGE);
    }
}
