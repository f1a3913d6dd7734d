//! The answer to a successful issue: the new Token, shown this once in large type, and the activation letter
//! (หนังสือแจ้ง Token) to print or read out — whom it is for, what it grants, until when, and how to use it. The
//! stylesheet's `@media print` prints only the letter.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::administration::IssuedToken;
use crate::components::admin_form::moment;
use crate::components::admin_nav::AdminNav;
use crate::components::print_button::PrintButton;
use crate::components::role_name::role_name;
use crate::i18n::admin::use_admin_text;
use crate::i18n::{use_locale, use_text};
use crate::paths::TOKENS_PAGE;

/// The Token just issued with its letter, a print button and the way back to the list.
#[component]
pub fn IssuedTokenPanel(
    /// The Token and its details.
    issued: IssuedToken,
) -> impl IntoView {
    let text = use_admin_text();
    let main_text = use_text();
    let locale = use_locale();
    let heading = (text.issued_heading)(&issued.intended_name);
    let replaced = issued.replaces_token_id.map(|_| view! { <p class="lead">{text.replaced_note}</p> });
    let unit = if issued.unit_parents_th.is_empty() {
        issued.unit_name_th.clone()
    } else {
        format!("{} ({})", issued.unit_name_th, issued.unit_parents_th)
    };
    let reference = issued.reference.clone().map(|reference| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{text.letter_reference}</dt>
                <dd class="summary-list__value">{reference}</dd>
            </div>
        }
    });
    let row = |key: &'static str, value: AnyView| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{key}</dt>
                <dd class="summary-list__value">{value}</dd>
            </div>
        }
    };
    view! {
        <Title text=heading.clone() />
        <AdminNav current=Some(TOKENS_PAGE) />
        <h1>{heading}</h1>
        {replaced}
        <div class="warning-text" role="note">
            <strong>{text.shown_once}</strong>
        </div>
        <p class="token-display">
            <span class="visually-hidden">{text.token_label} " "</span>
            <span id="issued-token" class="token-display__value" translate="no">
                {issued.grouped.clone()}
            </span>
        </p>
        <div class="actions print-actions">
            <button
                type="button"
                class="button button--secondary"
                data-copy="issued-token"
                data-needs-script=""
                hidden
            >
                {text.copy_token_button}
            </button>
            <PrintButton locale />
        </div>
        <p class="hint print-hint">{text.print_hint}</p>
        <section class="activation-letter" aria-labelledby="letter-heading">
            <h2 id="letter-heading">{text.letter_heading}</h2>
            <p>{text.letter_to} " " <bdi>{issued.intended_name.clone()}</bdi></p>
            <p>{text.letter_intro}</p>
            <dl class="summary-list activation-letter__details">
                {row(
                    text.letter_token,
                    view! {
                        <span class="activation-letter__token" translate="no">
                            {issued.grouped.clone()}
                        </span>
                    }
                        .into_any(),
                )}
                {row(text.letter_citizen_id, view! { {issued.citizen_id_masked.clone()} }.into_any())}
                {row(text.letter_role, view! { {role_name(issued.role, main_text)} }.into_any())}
                {row(text.letter_unit, view! { {unit} }.into_any())}
                {reference}
                {row(text.letter_issued_at, moment(issued.issued_at, locale, true).into_any())}
                {row(text.letter_expires_at, moment(issued.expires_at, locale, true).into_any())}
                {row(text.letter_issued_by, view! { {issued.issued_by.clone()} }.into_any())}
            </dl>
            <h3>{text.letter_steps_heading}</h3>
            <ol class="list">
                <li>{text.letter_step_sign_in}</li>
                <li>{text.letter_step_enter}</li>
                <li>{text.letter_step_confirm}</li>
            </ol>
            <p>
                <strong>{(text.letter_only_for)(&issued.intended_name)}</strong>
            </p>
        </section>
        <p class="back-link">
            <a href=TOKENS_PAGE>{text.back_to_tokens}</a>
        </p>
    }
}
