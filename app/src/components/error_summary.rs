//! The box at the top of a form listing what went wrong, so nobody misses an error below the fold.

use leptos::prelude::*;

use crate::i18n::use_text;

/// A red box with the heading "ไม่สามารถดำเนินการได้" and the form's errors (`role="alert"`). It takes the focus when
/// the page loads (`autofocus`, so also without JavaScript): a keyboard or screen-reader user starts at what went
/// wrong, and Tab from there reaches the links to the fields.
#[component]
pub fn ErrorSummary(
    /// The errors: usually a `<ul>` whose items link to the fields.
    children: Children,
) -> impl IntoView {
    let text = use_text();
    view! {
        <div class="error-summary" role="alert" aria-labelledby="error-summary-heading" tabindex="-1"
            autofocus=true
        >
            <h2 id="error-summary-heading" class="error-summary__heading">
                {text.error_summary_heading}
            </h2>
            <div class="error-summary__body">{children()}</div>
        </div>
    }
}
