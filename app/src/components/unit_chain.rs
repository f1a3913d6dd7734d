//! An officer's organisation unit with its parents (unit → … → ministry).

use leptos::prelude::*;

use crate::i18n::{use_locale, use_text};
use crate::request_context::UnitView;

/// The unit first, then each parent up to the ministry, as an ordered list drawn as one line on wide screens.
/// Nothing at all when the chain is empty.
#[component]
pub fn UnitChain(
    /// The officer's unit first, then its parents.
    units: Vec<UnitView>,
) -> impl IntoView {
    let text = use_text();
    let locale = use_locale();
    (!units.is_empty()).then(|| {
        let items = units
            .into_iter()
            .map(|unit| view! { <li class="unit-chain__unit">{unit.name(locale).to_owned()}</li> })
            .collect_view();
        view! {
            <ol class="unit-chain" aria-label=text.unit_chain_label>
                {items}
            </ol>
        }
    })
}
