//! The generic sign-in failure page (`?reference=…`): nothing about the cause, only what to do and the reference id
//! that ties the officer's call to the server's log line. Answered with HTTP 400.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::i18n::use_text;
use crate::paths::SIGN_IN_PAGE;

/// The longest reference shown; the server's are 10 characters.
const MAX_REFERENCE_LENGTH: usize = 32;

/// Says signing in failed, to try again, and to call the DGA Contact Center with the reference if it keeps failing.
#[component]
pub fn SignInFailedPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::BAD_REQUEST);
    }
    let text = use_text();
    let reference = use_query_map().with_untracked(|query| query.get("reference")).filter(|value| is_reference(value));
    let reference = reference.map(|reference| {
        view! {
            <div class="reference">
                <p class="reference__value">
                    {text.reference_label} ": " <strong class="reference__id">{reference}</strong>
                </p>
                <p class="hint">{text.reference_hint}</p>
            </div>
        }
    });
    view! {
        <Title text=text.sign_in_failed_title />
        <h1>{text.sign_in_failed_title}</h1>
        <p class="lead">{text.sign_in_failed_body}</p>
        <p>{text.sign_in_failed_contact} " " <ContactCenterPhone /></p>
        {reference}
        <p class="actions">
            <a class="button button--primary" href=SIGN_IN_PAGE>
                {text.try_again}
            </a>
        </p>
    }
}

/// Whether a query value looks like one of our reference ids (1–32 of `A–Z a–z 0–9 -`); anything else is not shown,
/// so the page never repeats text someone put into a link.
fn is_reference(value: &str) -> bool {
    (1..=MAX_REFERENCE_LENGTH).contains(&value.len())
        && value.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_reference;

    #[cfg(feature = "ssr")]
    #[test]
    fn a_failed_sign_in_is_a_bad_request_showing_only_a_well_formed_reference() {
        use crate::paths::SIGN_IN_FAILED_PAGE;
        use crate::request_context::RequestContext;
        use crate::testing::{Rendered, render};

        let Rendered { html, status, .. } =
            render(&format!("{SIGN_IN_FAILED_PAGE}?reference=3FA9C01B7E"), RequestContext::default());
        assert_eq!(status, Some(http::StatusCode::BAD_REQUEST));
        assert!(html.contains("เข้าสู่ระบบไม่สำเร็จ"));
        assert!(html.contains("3FA9C01B7E"), "{html}");
        let Rendered { html, .. } =
            render(&format!("{SIGN_IN_FAILED_PAGE}?reference=%3Cb%3Ehi"), RequestContext::default());
        assert!(!html.contains("รหัสอ้างอิง") && !html.contains("hi</"), "{html}");
    }

    #[test]
    fn a_server_reference_is_shown() {
        assert!(is_reference("3FA9C01B7E"));
        assert!(is_reference("a-1"));
        assert!(is_reference(&"A".repeat(32)));
    }

    #[test]
    fn an_empty_long_or_odd_reference_is_not_shown() {
        assert!(!is_reference(""));
        assert!(!is_reference(&"A".repeat(33)));
        assert!(!is_reference("<script>"));
        assert!(!is_reference("ABC DEF"));
        assert!(!is_reference("รหัส"));
    }
}
