//! The DGA Contact Center's phone number as a `tel:` link, for the pages that send an officer there.

use leptos::prelude::*;

use crate::i18n::{CONTACT_CENTER_PHONE, use_text};

/// "โทร 02-612-6060", the number dialling the DGA Contact Center.
#[component]
pub fn ContactCenterPhone() -> impl IntoView {
    let text = use_text();
    let (phone_shown, phone_dialled) = CONTACT_CENTER_PHONE;
    view! {
        {text.phone_label}
        " "
        <a href=format!("tel:{phone_dialled}")>{phone_shown}</a>
    }
}
