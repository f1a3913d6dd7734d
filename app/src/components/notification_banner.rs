//! The success banner at the top of a page (signed out, identity confirmed).

use leptos::prelude::*;

/// A green banner with a heading and a sentence, announced politely (`role="status"`).
#[component]
pub fn NotificationBanner(
    /// The `id` of the heading, which names the banner.
    heading_id: &'static str,
    /// The banner's heading.
    heading: &'static str,
    /// What happened, or what to do next.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="notification-banner" role="status" aria-labelledby=heading_id>
            <h2 id=heading_id class="notification-banner__heading">
                {heading}
            </h2>
            <div class="notification-banner__body">{children()}</div>
        </div>
    }
}
