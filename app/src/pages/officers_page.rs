//! The officers' page (เว็บไซต์สำหรับเจ้าหน้าที่) at `/backend`: what the back office is and how officers get access.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{CONTACT_CENTER_PHONE, use_text};

/// The page every officer starts from.
#[component]
pub fn OfficersPage() -> impl IntoView {
    let text = use_text();
    let (phone_shown, phone_dialled) = CONTACT_CENTER_PHONE;
    view! {
        <Title text=text.officers_heading />
        <h1>{text.officers_heading}</h1>
        <p class="lead">{text.officers_intro}</p>
        <section class="panel" aria-labelledby="access-heading">
            <h2 id="access-heading">{text.access_heading}</h2>
            <ul class="list">
                <li>
                    {text.access_central_officers} " (" {text.phone_label} " "
                    <a href=format!("tel:{phone_dialled}")>{phone_shown}</a> ")"
                </li>
                <li>{text.access_unit_officers}</li>
            </ul>
            <p class="hint">{text.access_wrong_rights}</p>
        </section>
    }
}
