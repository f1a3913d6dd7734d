//! The menu at the top right that shows the signed-in officer's name and, when pressed, offers "Profile" and
//! "Logout" (the specification's §1.3). A native `<details>`: keyboard-operable and working without JavaScript.

use leptos::prelude::*;

use crate::components::logout_form::LogoutForm;
use crate::i18n::{LOGOUT_BUTTON, PROFILE_LINK, use_text};
use crate::paths::PROFILE_PAGE;
use crate::request_context::Visitor;

/// The name as a menu button; nothing for a visitor who is not signed in. "Profile" is offered only to an
/// officer (a Digital ID account still waiting for its Token has no profile yet).
#[component]
pub fn NameMenu(
    /// Who is looking.
    visitor: Visitor,
) -> impl IntoView {
    let text = use_text();
    visitor.display_name().map(|name| {
        let name = match name.trim() {
            "" => text.account_fallback_name.to_owned(),
            name => name.to_owned(),
        };
        let profile = matches!(visitor, Visitor::Officer(_)).then(|| {
            view! {
                <li class="name-menu__item">
                    <a class="name-menu__action" href=PROFILE_PAGE>
                        {PROFILE_LINK}
                    </a>
                </li>
            }
        });
        let logout = visitor.csrf_token().map(|csrf_token| {
            view! {
                <li class="name-menu__item">
                    <LogoutForm
                        csrf_token=csrf_token.to_owned()
                        label=LOGOUT_BUTTON
                        button_class="name-menu__action"
                    />
                </li>
            }
        });
        view! {
            <nav class="site-header__account" aria-label=text.account_menu>
                <details class="name-menu">
                    <summary class="name-menu__summary">
                        <span class="name-menu__name">{name}</span>
                    </summary>
                    <ul class="name-menu__list">{profile} {logout}</ul>
                </details>
            </nav>
        }
    })
}
