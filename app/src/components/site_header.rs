//! The site header: the product's name (linking to the officers' page) and the text-size control.

use leptos::prelude::*;

use crate::components::text_size_control::TextSizeControl;
use crate::i18n::{use_locale, use_text};
use crate::shell::OFFICERS_PAGE_PATH;

/// The header shown on every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let text = use_text();
    view! {
        <header class="site-header">
            <div class="page-width site-header__inner">
                <a class="site-header__brand" href=OFFICERS_PAGE_PATH>
                    <span class="site-header__mark" aria-hidden="true">
                        "i"
                    </span>
                    <span class="site-header__names">
                        <span class="site-header__product">{text.product_name}</span>
                        <span class="site-header__tagline">{text.product_tagline}</span>
                    </span>
                </a>
                <TextSizeControl locale=use_locale() />
            </div>
        </header>
    }
}
