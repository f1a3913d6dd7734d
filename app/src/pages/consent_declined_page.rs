//! The page after "ไม่ยินยอม" at Digital ID: without consent there is no access. Answered with HTTP 403.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_text;
use crate::paths::SIGN_IN_PAGE;

/// Says consent was not given, why it is needed, and offers to try again.
#[component]
pub fn ConsentDeclinedPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    let text = use_text();
    view! {
        <Title text=text.consent_declined_title />
        <h1>{text.consent_declined_title}</h1>
        <p class="lead">{text.consent_declined_body}</p>
        <p>{text.consent_declined_explanation}</p>
        <p class="actions">
            <a class="button button--primary" href=SIGN_IN_PAGE>
                {text.try_again}
            </a>
        </p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::paths::{CONSENT_DECLINED_PAGE, SIGN_IN_PAGE};
    use crate::request_context::RequestContext;
    use crate::testing::{Rendered, has_link, render};

    #[test]
    fn declining_consent_is_forbidden_and_offers_to_try_again() {
        let Rendered { html, status, .. } = render(CONSENT_DECLINED_PAGE, RequestContext::default());
        assert_eq!(status, Some(http::StatusCode::FORBIDDEN));
        assert!(html.contains("ท่านไม่ได้ให้ความยินยอม จึงไม่สามารถเข้าใช้งานระบบได้"));
        assert!(has_link(&html, SIGN_IN_PAGE, "ลองอีกครั้ง"), "{html}");
    }
}
