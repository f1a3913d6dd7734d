//! Pending state and no double submission for every form that posts, once JavaScript runs. The first submit marks the
//! form busy (`aria-busy`) and the button that sent it pending (`aria-disabled`, `data-pending`: a progress cursor
//! and a spinner), and any further submit of that form is ignored — a double click or a second Enter never posts twice
//! (a second Token issued, a Token attempt counted twice). The page the server answers with starts afresh; a page
//! shown again from the back-forward cache is reset. Forms that only read (`method="get"`: the audit log's filter)
//! are left alone: reading twice does no harm.
//!
//! Written by hand: a document-level listener of a dozen lines, which no library makes shorter.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlFormElement, PageTransitionEvent, SubmitEvent};

/// Marks a form that has been sent.
const SUBMITTING: &str = "data-submitting";
/// Marks the button that sent it.
const PENDING: &str = "data-pending";

/// Listens for every form's submit on the document (forms the server renders later are covered too).
pub fn install() {
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };

    let on_submit = Closure::<dyn Fn(SubmitEvent)>::new(|event: SubmitEvent| {
        let Some(form) = event.target().and_then(|target| target.dyn_into::<HtmlFormElement>().ok()) else { return };
        if event.default_prevented() || !form.method().eq_ignore_ascii_case("post") {
            return;
        }
        if form.has_attribute(SUBMITTING) {
            event.prevent_default();
            return;
        }
        let _ = form.set_attribute(SUBMITTING, "");
        let _ = form.set_attribute("aria-busy", "true");
        if let Some(button) = event.submitter() {
            let _ = button.set_attribute(PENDING, "");
            let _ = button.set_attribute("aria-disabled", "true");
        }
    });
    let _ = document.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();

    let on_page_show = Closure::<dyn Fn(PageTransitionEvent)>::new(move |event: PageTransitionEvent| {
        if event.persisted() {
            reset(&document);
        }
    });
    let _ = window.add_event_listener_with_callback("pageshow", on_page_show.as_ref().unchecked_ref());
    on_page_show.forget();
}

/// Clears every mark, for a page the browser shows again as it was left.
fn reset(document: &web_sys::Document) {
    let Ok(marked) = document.query_selector_all(&format!("[{SUBMITTING}], [{PENDING}]")) else { return };
    for index in 0..marked.length() {
        if let Some(element) = marked.item(index).and_then(|node| node.dyn_into::<Element>().ok()) {
            for attribute in [SUBMITTING, PENDING, "aria-busy", "aria-disabled"] {
                let _ = element.remove_attribute(attribute);
            }
        }
    }
}
