//! The reference id of a failure of ours (`?reference=…`): the one thing about it the officer sees, which ties their
//! call to the DGA Contact Center to the server's log line. Only a value of our references' exact shape is shown, so a
//! page never repeats text someone put into a link; and the server drops from the sign-in-failed page's URL any
//! reference it did not issue (`server/src/failure_references.rs`), so a link cannot make the page tell the officer
//! to call about a reference that was never logged.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::app_error::is_reference;
use crate::i18n::use_text;

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

#[cfg(test)]
mod tests {
    use super::is_reference;

    #[test]
    fn a_server_reference_is_shown() {
        assert!(is_reference("3FA9C01B7E"));
        assert!(is_reference("0000000000"));
    }

    #[test]
    fn an_empty_long_or_odd_reference_is_not_shown() {
        assert!(!is_reference(""));
        assert!(!is_reference("a-1"));
        assert!(!is_reference("3fa9c01b7e"));
        assert!(!is_reference("3FA9C01B7E0"));
        assert!(!is_reference("CALL0812345"));
        assert!(!is_reference("<script>"));
        assert!(!is_reference("ABC DEF"));
        assert!(!is_reference("รหัส"));
    }
}
