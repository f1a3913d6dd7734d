//! The forms that start a sign-in at [`LOGIN`]: one button per sign-in provider, and Digital ID's registration.
//! They are plain `POST` forms, so they work without JavaScript, and the server answers them with a redirect.

use leptos::prelude::*;

use crate::i18n::use_text;
use crate::paths::LOGIN;

/// The login form's field naming the provider.
pub const PROVIDER_FIELD: &str = "provider";
/// The value of [`PROVIDER_FIELD`] for Digital ID.
pub const DIGITAL_ID_PROVIDER: &str = "digital-id";
/// The login form's field asking for the provider's registration first.
pub const INTENT_FIELD: &str = "intent";
/// The value of [`INTENT_FIELD`] that opens Digital ID's registration.
pub const REGISTER_INTENT: &str = "register";
pub use crate::paths::RETURN_TO_FIELD;
/// The login form's field asking for a fresh password entry at Digital ID (step-up before a sensitive action).
pub const FRESH_FIELD: &str = "fresh";
/// The value of [`FRESH_FIELD`] that asks for it.
pub const FRESH: &str = "1";

/// A sign-in provider's button (e.g. "Digital ID"), with a caption under it that describes the button.
#[component]
pub fn ProviderSignInForm(
    /// The value sent as [`PROVIDER_FIELD`].
    provider: &'static str,
    /// The button's text, which is also its accessible name.
    name: &'static str,
    /// The line under the button.
    caption: &'static str,
) -> impl IntoView {
    let caption_id = format!("provider-{provider}-caption");
    view! {
        <form class="provider" method="post" action=LOGIN>
            <input type="hidden" name=PROVIDER_FIELD value=provider />
            <button
                type="submit"
                class="button button--primary provider__button"
                aria-describedby=caption_id.clone()
            >
                {name}
            </button>
            <p id=caption_id class="provider__caption">
                {caption}
            </p>
        </form>
    }
}

/// For officers without a Digital ID account: who should register, and a button opening Digital ID's registration
/// (the server remembers the sign-in, so registering leads straight back here).
#[component]
pub fn RegisterDigitalIdForm() -> impl IntoView {
    let text = use_text();
    view! {
        <section class="panel register" aria-labelledby="register-heading">
            <h2 id="register-heading">{text.register_heading}</h2>
            <p>{text.register_hint}</p>
            <form method="post" action=LOGIN>
                <input type="hidden" name=PROVIDER_FIELD value=DIGITAL_ID_PROVIDER />
                <input type="hidden" name=INTENT_FIELD value=REGISTER_INTENT />
                <button type="submit" class="button button--secondary">
                    {text.register_button}
                </button>
            </form>
        </section>
    }
}

/// A fresh Digital ID sign-in (the officer types their password again) that returns to `return_to`: the step-up
/// before issuing Tokens.
#[component]
pub fn FreshSignInForm(
    /// Where to come back to (one of the server's allowed return paths).
    return_to: &'static str,
    /// The button's text.
    button: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=LOGIN>
            <input type="hidden" name=PROVIDER_FIELD value=DIGITAL_ID_PROVIDER />
            <input type="hidden" name=FRESH_FIELD value=FRESH />
            <input type="hidden" name=RETURN_TO_FIELD value=return_to />
            <button type="submit" class="button button--primary">
                {button}
            </button>
        </form>
    }
}
