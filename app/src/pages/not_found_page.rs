//! The page for an address that matches no route; answered with HTTP 404.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_text;
use crate::shell::OFFICERS_PAGE_PATH;

/// Tells the officer the page does not exist and leads back to the officers' page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let text = use_text();
    view! {
        <Title text=text.not_found_title />
        <h1>{text.not_found_title}</h1>
        <p>{text.not_found_body}</p>
        <p>
            <a href=OFFICERS_PAGE_PATH>{text.back_to_officers_page}</a>
        </p>
    }
}
