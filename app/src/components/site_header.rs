//! The site header: the product's name (linking to the officer's home page once signed in, the officers' page
//! otherwise), the language switch, the text-size control, and the signed-in officer's name menu.

use leptos::prelude::*;

use crate::components::language_switch::LanguageSwitch;
use crate::components::logout_form::LogoutForm;
use crate::components::name_menu::NameMenu;
use crate::components::session_timeout::SessionTimeout;
use crate::components::text_size_control::TextSizeControl;
use crate::i18n::use_text;
use crate::paths::{HOME_PAGE, OFFICERS_PAGE};
use crate::request_context::{RequestContext, Visitor, use_request_context};

/// The header shown on every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let text = use_text();
    let RequestContext { visitor, locale, path, session_clock, .. } = use_request_context();
    let brand_href = if matches!(visitor, Visitor::Officer(_)) { HOME_PAGE } else { OFFICERS_PAGE };
    // Every signed-in page warns before the session ends.
    let timeout = session_clock.zip(visitor.csrf_token().map(str::to_owned)).map(|(clock, csrf_token)| {
        view! {
            <SessionTimeout clock csrf_token=csrf_token.clone() locale>
                <LogoutForm csrf_token label=text.sign_out button_class="button button--secondary" />
            </SessionTimeout>
        }
    });
    view! {
        <header class="site-header">
            <div class="page-width site-header__inner">
                <a class="site-header__brand" href=brand_href>
                    <span class="site-header__mark" aria-hidden="true">
                        "i"
                    </span>
                    <span class="site-header__names">
                        <span class="site-header__product">{text.product_name}</span>
                        <span class="site-header__tagline">{text.product_tagline}</span>
                    </span>
                </a>
                <div class="site-header__tools">
                    <LanguageSwitch locale return_to=path />
                    <TextSizeControl locale />
                    <NameMenu visitor />
                </div>
                {timeout}
            </div>
        </header>
    }
}
