//! The "print the Token letter" button: an island that opens the browser's print dialogue. Rendered `hidden` on the
//! server and shown once hydrated, so without JavaScript nobody sees a button that does nothing; the page's text
//! says how to print with the browser instead (the stylesheet's `@media print` prints only the letter either way).
#![expect(missing_docs, reason = "#[island] generates a props struct without documentation")]

use leptos::prelude::*;

use crate::i18n::Locale;
use crate::i18n::admin::admin_text;

/// A button that calls `window.print()`.
#[island]
pub fn PrintButton(
    /// The language of the label (islands do not see the server's context).
    locale: Locale,
) -> impl IntoView {
    let text = admin_text(locale);
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| hydrated.set(true));
    view! {
        <button
            type="button"
            class="button button--secondary print-button"
            hidden=move || !hydrated.get()
            // A page moved in by `in_place` is not hydrated: it prints the marked button itself.
            data-print=""
            on:click=move |_| browser::print()
        >
            {text.print_button}
        </button>
    }
}

/// The browser's print dialogue; nothing on the server, where the button is never pressed.
mod browser {
    #[cfg(feature = "hydrate")]
    pub fn print() {
        if let Some(window) = web_sys::window() {
            // A refusal (e.g. printing disabled by policy) leaves the officer the browser's own print command.
            let _ = window.print();
        }
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn print() {}
}
