//! The choice of sign-in provider, reached from "เข้าสู่ระบบ" on the officers' page. Today there is one provider,
//! Digital ID; the list is built from [`PROVIDERS`] so another (such as ThaID) is one more entry.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::login_forms::{DIGITAL_ID_PROVIDER, ProviderSignInForm, RegisterDigitalIdForm};
use crate::i18n::{DIGITAL_ID_NAME, Text, use_text};

/// A way to sign in, as the sign-in page lists it.
pub struct SignInProvider {
    /// The value the login form sends as its `provider` field.
    pub key: &'static str,
    /// The button's text and accessible name.
    pub name: &'static str,
    /// The caption under the button, in the page's language.
    pub caption: fn(&Text) -> &'static str,
}

/// The providers offered, in the order shown.
pub const PROVIDERS: &[SignInProvider] =
    &[SignInProvider { key: DIGITAL_ID_PROVIDER, name: DIGITAL_ID_NAME, caption: |text| text.digital_id_caption }];

/// "เข้าสู่ระบบ": one button per provider, and Digital ID's registration for officers without an account.
#[component]
pub fn SignInPage() -> impl IntoView {
    let text = use_text();
    let providers = PROVIDERS
        .iter()
        .map(|provider| {
            view! {
                <li class="provider-list__item">
                    <ProviderSignInForm
                        provider=provider.key
                        name=provider.name
                        caption=(provider.caption)(text)
                    />
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=text.sign_in />
        <h1>{text.sign_in}</h1>
        <p id="sign-in-choose" class="lead">
            {text.sign_in_choose}
        </p>
        <ul class="provider-list" aria-labelledby="sign-in-choose">
            {providers}
        </ul>
        <RegisterDigitalIdForm />
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::paths::{LOGIN, SIGN_IN_PAGE};
    use crate::request_context::RequestContext;
    use crate::testing::{Rendered, render};

    #[test]
    fn the_sign_in_page_posts_the_digital_id_provider_from_a_button_named_digital_id() {
        let Rendered { html, status, .. } = render(SIGN_IN_PAGE, RequestContext::default());
        assert_eq!(status, None);
        assert!(html.contains("เลือกช่องทางการเข้าสู่ระบบ"));
        assert!(html.contains(&format!(r#"method="post" action="{LOGIN}""#)), "{html}");
        assert!(html.contains(r#"name="provider" value="digital-id""#));
        assert!(html.contains(">Digital ID</button>"), "{html}");
        assert!(html.contains("ลงทะเบียน Digital ID"));
    }
}
