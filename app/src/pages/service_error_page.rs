//! The page after a failure of ours (a database error, a bug): sorry, what may not have been saved, try again, and
//! the reference id to quote to the DGA Contact Center — nothing about the cause. Answered with HTTP 500; the server
//! answers 503 with it when the database cannot be reached at all. The server renders it in place of the page that
//! failed (`?reference=…` on the internal address only), so the browser stays on that page's address.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::failure_reference::{FailureReference, query_reference};
use crate::i18n::use_text;
use crate::paths::OFFICERS_PAGE;

/// Apologises, says to try again, and whom to call with the reference.
#[component]
pub fn ServiceErrorPage() -> impl IntoView {
    view! { <ServiceError reference=query_reference() /> }
}

/// The service-error page's content, with HTTP 500: also what a page shows when its server function failed.
#[component]
pub fn ServiceError(
    /// The reference of the log line, when there is one.
    reference: Option<String>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::INTERNAL_SERVER_ERROR);
    }
    let text = use_text();
    view! {
        <Title text=text.service_error_title />
        <h1>{text.service_error_title}</h1>
        <p class="lead">{text.service_error_body}</p>
        <p>{text.service_error_contact} " " <ContactCenterPhone /></p>
        <FailureReference reference />
        <p class="actions">
            <a class="button button--primary" href=OFFICERS_PAGE>
                {text.back_to_officers_page}
            </a>
        </p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::i18n::Locale;
    use crate::paths::SERVICE_ERROR_PAGE;
    use crate::request_context::RequestContext;
    use crate::testing::{Rendered, render};

    #[test]
    fn a_failure_of_ours_is_a_500_with_the_reference_and_the_contact_centers_number() {
        let Rendered { html, status, .. } =
            render(&format!("{SERVICE_ERROR_PAGE}?reference=3FA9C01B7E"), RequestContext::default());
        assert_eq!(status, Some(http::StatusCode::INTERNAL_SERVER_ERROR));
        assert!(html.contains("ขออภัย ระบบขัดข้อง"), "{html}");
        assert!(html.contains("3FA9C01B7E") && html.contains("รหัสอ้างอิง"), "{html}");
        assert!(html.contains(r#"href="tel:+6626126060""#));
    }

    #[test]
    fn a_failure_answering_any_address_shows_the_service_error_there_instead_of_that_page() {
        let context = RequestContext { failure: Some("3FA9C01B7E".to_owned()), ..RequestContext::default() };
        let Rendered { html, status, .. } = render(crate::paths::SIGN_IN_PAGE, context);
        assert_eq!(status, Some(http::StatusCode::INTERNAL_SERVER_ERROR));
        assert!(html.contains("ขออภัย ระบบขัดข้อง") && html.contains("3FA9C01B7E"), "{html}");
        assert!(!html.contains(crate::i18n::Locale::Th.text().sign_in_choose), "not the sign-in page: {html}");
    }

    #[test]
    fn it_speaks_the_officers_language() {
        let context = RequestContext { locale: Locale::En, ..Default::default() };
        let Rendered { html, .. } = render(&format!("{SERVICE_ERROR_PAGE}?reference=3FA9C01B7E"), context);
        assert!(html.contains("Sorry, something went wrong") && html.contains("Reference"), "{html}");
        assert!(!html.contains("ขออภัย"), "{html}");
    }
}
