//! The site footer: who runs the service and how to reach the DGA Contact Center.

use leptos::prelude::*;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::i18n::{CONTACT_CENTER_NAME, use_text};

/// The footer shown on every page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let text = use_text();
    view! {
        <footer class="site-footer">
            <div class="page-width site-footer__inner">
                <section aria-labelledby="footer-help">
                    <h2 id="footer-help" class="site-footer__heading">
                        {text.help_heading}
                    </h2>
                    <p class="site-footer__contact">
                        {CONTACT_CENTER_NAME} " " <ContactCenterPhone />
                    </p>
                </section>
                <p class="site-footer__operator">{text.operator_name}</p>
            </div>
        </footer>
    }
}
