//! The page when Digital ID cannot be reached (its discovery or keys failed). Answered with HTTP 503.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::i18n::use_text;
use crate::paths::SIGN_IN_PAGE;

/// How long to wait before trying again: the relying party tries to discover Digital ID anew on the next sign-in.
pub const RETRY_AFTER_SECONDS: &str = "60";

/// Says Digital ID is unreachable for now, to try again later, and whom to call.
#[component]
pub fn DigitalIdUnavailablePage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
        // Browsers ignore it, but proxies, monitors and scripts learn when to look again (RFC 9110 §10.2.3).
        response.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    let text = use_text();
    view! {
        <Title text=text.digital_id_unavailable_title />
        <h1>{text.digital_id_unavailable_title}</h1>
        <p class="lead">{text.digital_id_unavailable_body}</p>
        <p>{text.digital_id_unavailable_contact} " " <ContactCenterPhone /></p>
        <p class="actions">
            <a class="button button--primary" href=SIGN_IN_PAGE>
                {text.try_again}
            </a>
        </p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::paths::DIGITAL_ID_UNAVAILABLE_PAGE;
    use crate::request_context::RequestContext;
    use crate::testing::{Rendered, render};

    #[test]
    fn an_unreachable_digital_id_is_service_unavailable_with_the_contact_centers_number() {
        let Rendered { html, status, .. } = render(DIGITAL_ID_UNAVAILABLE_PAGE, RequestContext::default());
        assert_eq!(status, Some(http::StatusCode::SERVICE_UNAVAILABLE));
        assert!(html.contains("ไม่สามารถเชื่อมต่อ Digital ID ได้ในขณะนี้"));
        assert!(html.contains(r#"href="tel:+6626126060""#));
    }
}
