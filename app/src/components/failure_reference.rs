//! The reference id of a failure of ours (`?reference=…`): the one thing about it the officer sees, which ties their
//! call to the DGA Contact Center to the server's log line. Only a value shaped like our references is shown, so a
//! page never repeats text someone put into a link.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::use_text;

/// The longest reference shown; the server's are 10 characters.
const MAX_REFERENCE_LENGTH: usize = 32;

/// The page's `reference` query value, if it looks like one of ours.
pub fn query_reference() -> Option<String> {
    use_query_map().with_untracked(|query| query.get("reference")).filter(|value| is_reference(value))
}

/// "รหัสอ้างอิง: …" with the hint to quote it; nothing when there is no reference.
#[component]
pub fn FailureReference(
    /// The reference, when the page has one.
    reference: Option<String>,
) -> impl IntoView {
    let text = use_text();
    reference.map(|reference| {
        view! {
            <div class="reference">
                <p class="reference__value">
                    {text.reference_label} ": " <strong class="reference__id">{reference}</strong>
                </p>
                <p class="hint">{text.reference_hint}</p>
            </div>
        }
    })
}

/// Whether a query value looks like one of our reference ids (1–32 of `A–Z a–z 0–9 -`).
fn is_reference(value: &str) -> bool {
    (1..=MAX_REFERENCE_LENGTH).contains(&value.len())
        && value.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_reference;

    #[test]
    fn a_server_reference_is_shown() {
        assert!(is_reference("3FA9C01B7E"));
        assert!(is_reference("a-1"));
        assert!(is_reference(&"A".repeat(32)));
    }

    #[test]
    fn an_empty_long_or_odd_reference_is_not_shown() {
        assert!(!is_reference(""));
        assert!(!is_reference(&"A".repeat(33)));
        assert!(!is_reference("<script>"));
        assert!(!is_reference("ABC DEF"));
        assert!(!is_reference("รหัส"));
    }
}
