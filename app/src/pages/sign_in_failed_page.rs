//! The generic sign-in failure page (`?reference=…`): nothing about the cause, only what to do and the reference id
//! that ties the officer's call to the server's log line. Answered with HTTP 400.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::failure_reference::{FailureReference, query_reference};
use crate::i18n::use_text;
use crate::paths::SIGN_IN_PAGE;

/// Says signing in failed, to try again, and to call the DGA Contact Center with the reference if it keeps failing.
#[component]
pub fn SignInFailedPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::BAD_REQUEST);
    }
    let text = use_text();
    view! {
        <Title text=text.sign_in_failed_title />
        <h1>{text.sign_in_failed_title}</h1>
        <p class="lead">{text.sign_in_failed_body}</p>
        <p>{text.sign_in_failed_contact} " " <ContactCenterPhone /></p>
        <FailureReference reference=query_reference() />
        <p class="actions">
            <a class="button button--primary" href=SIGN_IN_PAGE>
                {text.try_again}
            </a>
        </p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::paths::SIGN_IN_FAILED_PAGE;
    use crate::request_context::RequestContext;
    use crate::testing::{Rendered, render};

    #[test]
    fn a_failed_sign_in_is_a_bad_request_showing_only_a_well_formed_reference() {
        let Rendered { html, status, .. } =
            render(&format!("{SIGN_IN_FAILED_PAGE}?reference=3FA9C01B7E"), RequestContext::default());
        assert_eq!(status, Some(http::StatusCode::BAD_REQUEST));
        assert!(html.contains("เข้าสู่ระบบไม่สำเร็จ"));
        assert!(html.contains("3FA9C01B7E"), "{html}");
        let Rendered { html, .. } =
            render(&format!("{SIGN_IN_FAILED_PAGE}?reference=%3Cb%3Ehi"), RequestContext::default());
        assert!(!html.contains("รหัสอ้างอิง") && !html.contains("hi</"), "{html}");
    }
}
