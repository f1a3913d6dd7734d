//! The sign-out form: a `POST` to [`LOGOUT`] carrying the session's synchroniser token (never a link, so no other
//! site and no prefetching browser can sign an officer out).

use leptos::prelude::*;

use crate::paths::{CSRF_FIELD, LOGOUT};

/// A one-button form that signs the officer out here and at Digital ID.
#[component]
pub fn LogoutForm(
    /// The session's synchroniser token.
    csrf_token: String,
    /// The button's text ("Logout" in the header menu, "ออกจากระบบ" on the activation page).
    label: &'static str,
    /// The button's classes.
    button_class: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=LOGOUT>
            <input type="hidden" name=CSRF_FIELD value=csrf_token />
            <button type="submit" class=button_class>
                {label}
            </button>
        </form>
    }
}
