//! The administration pages, in place: once JavaScript runs, their forms and links answer without a page load, and
//! their lists answer as the officer types. Without JavaScript every one of them is the plain form or link it is in
//! the HTML (a `POST` and redirect, a `GET`), and nothing here runs.
//!
//! How: the [`InPlace`] island (lazy: its WASM chunk loads only on the administration pages) listens on the document.
//! A form in `<main>` is sent with `fetch` exactly as the browser would send it (same fields, `Accept: text/html`, the
//! redirect followed), and the page the server answers with — the same HTML a page load would show, with its banner,
//! its error summary or the Token just issued — replaces the page's `<main>` (or the one region the form names). So the
//! server renders every state once, for both paths; the browser only moves it in, puts the focus where the next action
//! is and says what happened in the page's live region. An answer from another page (the session ended: the sign-in
//! page) is followed as a page load.
//!
//! Marked up by the pages, read here:
//! - `data-in-place-target="id"` on a form: replace only that region (a search's results, leaving the field typed in);
//!   `data-in-place-focus="id"`: where the focus goes after a `GET` form's answer;
//! - `data-confirm="question"` on a form: ask in a modal dialog first (revoking a Token);
//! - `data-live-search` on a field of a `GET` form: send the form as the officer types (debounced; a late answer to
//!   an older query is dropped);
//! - `data-in-place-more="id"` on a link: the next rows, into that region, focus on the first new row;
//! - `data-filter-rows="id"` on a field: show only the rows of that region's table that contain what is typed;
//! - `data-tree-find` on a field, `ol.unit-tree` with `data-depth` and `data-find` (names and code) on its items:
//!   find a unit, and expand or collapse any unit's sub-units;
//! - `data-combobox` on a unit `<select>` (its options carry `data-name`, `data-parents`, `data-find`): a searchable
//!   list over the organisation tree (type part of a Thai or English name, a code or a parent's name; each unit shown with its
//!   parents), keyboard-operable as an ARIA 1.2 combobox; the select stays, hidden, as the form's value;
//! - `data-citizen-id` on a field: the number checked as it is typed (`vocabulary::citizen_id`, as the server checks);
//! - `data-copy="id"` on a button: copy that element's text; `data-print`: the print button (an island, which a
//!   page moved in leaves unhydrated);
//! - `data-needs-script` with `hidden`: shown once this runs (a control that needs JavaScript).
#![expect(missing_docs, reason = "#[island] generates a props struct without documentation")]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::admin::AdminText;

/// The `id` of the page's polite live region (in the shell, outside `<main>`, so it outlives every swap).
pub const ANNOUNCER_ID: &str = "announcer";

/// What the enhancement says, in the page's language: picked by the server and sent as the island's one prop, so the
/// chunk holds these sentences and no catalogue. `{n}`, `{shown}`, `{all}` and `{name}` are filled in here.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InPlaceWords {
    /// No answer came: the connection.
    pub unreachable: String,
    /// A list answered: `{n}` entries.
    pub results: String,
    /// "Show more" answered: `{n}` more.
    pub more: String,
    /// A filter as typed: `{shown}` of `{all}` shown.
    pub shown_of: String,
    /// Units found: `{n}`.
    pub units_found: String,
    /// The unit list found nothing.
    pub no_unit: String,
    /// The unit list's name.
    pub unit_list: String,
    /// A unit's toggle: the sub-units of `{name}`.
    pub subunits: String,
    /// Copied to the clipboard.
    pub copied: String,
    /// The confirmation dialog's heading.
    pub confirm_heading: String,
    /// The confirmation dialog's way back.
    pub go_back: String,
    /// A citizen ID's digits so far: `{n}`.
    pub digits: String,
    /// A citizen ID that is not 13 digits.
    pub citizen_id_length: String,
    /// A citizen ID whose check digit is wrong.
    pub citizen_id_checksum: String,
}

impl InPlaceWords {
    /// The words of `text`, as the island's prop.
    pub fn prop(text: &AdminText) -> String {
        use crate::administration::FormProblem;
        let words = Self {
            unreachable: text.in_place_unreachable.to_owned(),
            results: text.in_place_results.to_owned(),
            more: text.in_place_more.to_owned(),
            shown_of: text.in_place_shown_of.to_owned(),
            units_found: text.in_place_units_found.to_owned(),
            no_unit: text.in_place_no_unit.to_owned(),
            unit_list: text.in_place_unit_list.to_owned(),
            subunits: text.in_place_subunits.to_owned(),
            copied: text.in_place_copied.to_owned(),
            confirm_heading: text.in_place_confirm_heading.to_owned(),
            go_back: text.in_place_go_back.to_owned(),
            digits: text.in_place_digits.to_owned(),
            citizen_id_length: text.problem(FormProblem::CitizenIdLength).to_owned(),
            citizen_id_checksum: text.problem(FormProblem::CitizenIdChecksum).to_owned(),
        };
        serde_json::to_string(&words).unwrap_or_default()
    }
}

/// The administration pages' enhancement: renders nothing; once hydrated, listens on the document (see the module).
#[island(lazy)]
pub fn InPlace(
    /// The [`InPlaceWords`], as JSON (read inside the chunk).
    words: String,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let words: InPlaceWords = serde_json::from_str(&words).unwrap_or_default();
        Effect::new(move |_| browser::install(words.clone()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = words;
}

/// `template` with `{key}` replaced by `value`.
pub fn fill(template: &str, key: &str, value: usize) -> String {
    template.replace(&format!("{{{key}}}"), &value.to_string())
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Document, Element, Event, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement, SubmitEvent,
        Window,
    };

    use super::{ANNOUNCER_ID, InPlaceWords, fill};
    use vocabulary::citizen_id::{self, TypedProblem};

    /// The main region every page has.
    const MAIN_ID: &str = "main-content";
    /// How long typing must pause before a search is sent.
    const SEARCH_PAUSE_MS: u64 = 300;

    thread_local! {
        /// The latest `GET` sent: an answer to an older one is dropped (typing outruns the network).
        static LATEST: Cell<u32> = const { Cell::new(0) };
        /// The typing pause of a live search.
        static PAUSE: Cell<u32> = const { Cell::new(0) };
        /// The form waiting for the confirmation dialog's answer, and the button that sent it.
        static CONFIRMING: RefCell<Option<(HtmlFormElement, Option<HtmlElement>)>> = const { RefCell::new(None) };
        static WORDS: RefCell<Rc<InPlaceWords>> = RefCell::new(Rc::default());
        /// The address shown, without its fragment.
        static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
    }

    fn window() -> Option<Window> {
        web_sys::window()
    }

    fn document() -> Option<Document> {
        window()?.document()
    }

    fn words() -> Rc<InPlaceWords> {
        WORDS.with(|words| words.borrow().clone())
    }

    /// Listens on the document (once per page) and enhances what the page holds.
    pub fn install(words: InPlaceWords) {
        let (Some(window), Some(document)) = (window(), document()) else { return };
        let Some(root) = document.document_element() else { return };
        if root.has_attribute("data-in-place") {
            return;
        }
        let _ = root.set_attribute("data-in-place", "");
        WORDS.with(|slot| *slot.borrow_mut() = Rc::new(words));
        listen(document.as_ref(), "submit", |event| on_submit(event.unchecked_into()));
        listen(document.as_ref(), "click", on_click);
        listen(document.as_ref(), "input", on_input);
        listen(document.as_ref(), "keydown", on_key);
        listen(document.as_ref(), "focusout", on_focus_out);
        listen(document.as_ref(), "mousedown", on_press);
        // Back and forward between addresses this page pushed (a filter): the page of that address, in place. A move
        // to a fragment of the same page (an error summary's link) is not one.
        remember_address();
        listen(window.as_ref(), "popstate", |_| {
            if let Some(location) = window_location()
                && without_fragment(&location) != SHOWN.with(|shown| shown.borrow().clone())
            {
                remember_address();
                load(location, None, After::Back);
            }
        });
        if let Some(main) = document.get_element_by_id(MAIN_ID) {
            enhance(&main);
        }
    }

    fn listen(target: &web_sys::EventTarget, kind: &str, handler: impl Fn(Event) + 'static) {
        let handler = Closure::<dyn Fn(Event)>::new(handler);
        let _ = target.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
        handler.forget();
    }

    fn window_location() -> Option<String> {
        window()?.location().href().ok()
    }

    fn without_fragment(address: &str) -> String {
        address.split('#').next().unwrap_or_default().to_owned()
    }

    /// Notes the address now shown (after a history entry is pushed or replaced).
    fn remember_address() {
        let address = window_location().map(|address| without_fragment(&address)).unwrap_or_default();
        SHOWN.with(|shown| *shown.borrow_mut() = address);
    }

    /// What to do once an answer is in.
    enum After {
        /// A form that changes something was answered: the whole of `<main>`, focus on what it says.
        Post { form: HtmlFormElement },
        /// A `GET` form (a filter, a search) was answered: its region (or `<main>`), a new history entry.
        Get { form: HtmlFormElement, target: Option<String>, focus: Option<String> },
        /// "Show more": the region, focus on the first new row.
        More { target: String, before: u32 },
        /// Back or forward to an address this page pushed.
        Back,
    }

    fn on_submit(event: SubmitEvent) {
        let Some(form) = event.target().and_then(|target| target.dyn_into::<HtmlFormElement>().ok()) else { return };
        if event.default_prevented() || form.closest("main").ok().flatten().is_none() || !answers_here(&form) {
            return;
        }
        event.prevent_default();
        let submitter = event.submitter().and_then(|button| button.dyn_into::<HtmlElement>().ok());
        if !is_get(&form)
            && let Some(question) = form.get_attribute("data-confirm")
        {
            confirm(form, submitter, &question);
            return;
        }
        send(&form, submitter.as_ref());
    }

    /// Whether the form's answer is a page of this one: a server function's (it sends the browser back here), or a
    /// `GET` of this very page (a filter). A form that leaves (a fresh sign-in at Digital ID) is left to the browser.
    fn answers_here(form: &HtmlFormElement) -> bool {
        let action = path_of(&form.action());
        if is_get(form) {
            window().and_then(|window| window.location().pathname().ok()).is_some_and(|here| here == action)
        } else {
            action.starts_with(&format!("{}/", crate::api::PREFIX))
        }
    }

    fn is_get(form: &HtmlFormElement) -> bool {
        form.method().eq_ignore_ascii_case("get")
    }

    /// Sends `form` as the browser would.
    fn send(form: &HtmlFormElement, submitter: Option<&HtmlElement>) {
        let Some(params) = web_sys::FormData::new_with_form(form)
            .ok()
            .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok())
        else {
            return;
        };
        if let Some(button) = submitter
            && let Some(name) = button.get_attribute("name")
        {
            params.append(&name, &button.get_attribute("value").unwrap_or_default());
        }
        let query = String::from(params.to_string());
        if is_get(form) {
            let action = form.action();
            let base = action.split(['?', '#']).next().unwrap_or(&action);
            let address = if query.is_empty() { base.to_owned() } else { format!("{base}?{query}") };
            let after = After::Get {
                form: form.clone(),
                target: form.get_attribute("data-in-place-target"),
                focus: form.get_attribute("data-in-place-focus"),
            };
            load(address, None, after);
        } else {
            load(form.action(), Some(query), After::Post { form: form.clone() });
        }
    }

    /// Fetches `address` (posting `body`), then shows the answer as `after` says.
    fn load(address: String, body: Option<String>, after: After) {
        let sequence = LATEST.with(|latest| {
            latest.set(latest.get().wrapping_add(1));
            latest.get()
        });
        leptos::task::spawn_local(async move {
            let answer = fetch_page(&address, body).await;
            let is_post = matches!(after, After::Post { .. });
            if !is_post && LATEST.with(Cell::get) != sequence {
                return;
            }
            match answer {
                Some((url, html, page)) => show(&url, &html, &page, after),
                None => failed(&after),
            }
        });
    }

    /// The answer's final address (after redirects), its HTML, and that HTML parsed; `None` when no page of ours came.
    async fn fetch_page(address: &str, body: Option<String>) -> Option<(String, String, Document)> {
        let response = crate::components::server_call::fetch(address, body, "text/html").await?;
        let html = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
        let page = web_sys::DomParser::new().ok()?.parse_from_string(&html, web_sys::SupportedType::TextHtml).ok()?;
        // A proxy's own error page is not one of ours: say the service could not be reached.
        page.get_element_by_id(MAIN_ID)?;
        Some((response.url(), html, page))
    }

    fn path_of(address: &str) -> String {
        web_sys::Url::new(address).map(|url| url.pathname()).unwrap_or_default()
    }

    /// Moves the answer in.
    fn show(url: &str, html: &str, page: &Document, after: After) {
        let (Some(window), Some(document)) = (window(), document()) else { return };
        // Another page answered (the session ended, the officer lost the right): go there as a page load would.
        if path_of(url) != window.location().pathname().unwrap_or_default() {
            let _ = window.location().assign(url);
            return;
        }
        share_session_end(html);
        document.set_title(&page.title());
        let target = match &after {
            After::Get { target, .. } => target.clone(),
            After::More { target, .. } => Some(target.clone()),
            After::Post { .. } | After::Back => None,
        };
        let Some(region) = swap(&document, page, target.as_deref()) else {
            let _ = window.location().assign(url);
            return;
        };
        enhance(&region);
        // Islands moved in are not hydrated: the print button is pressed here.
        for_each(&region, "[data-print]", |button| {
            let _ = button.set_attribute("data-in-place-print", "");
            let _ = button.remove_attribute("hidden");
        });
        let history = window.history().ok();
        match after {
            After::Post { .. } => {
                // The address the page would have without JavaScript (`?done=…`, or the refusal's code).
                if let Some(history) = history {
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
                }
                settle_after_change(&region);
            }
            After::Get { form, focus, .. } => {
                // A filter sent is a step Back can undo; a search as typed is one step, however many letters.
                let as_typed = form.query_selector("[data-live-search]").ok().flatten().is_some();
                if let Some(history) = history
                    && window_location().as_deref() != Some(url)
                {
                    let state = JsValue::from_str("in-place");
                    let _ = if as_typed {
                        history.replace_state_with_url(&state, "", Some(url))
                    } else {
                        history.push_state_with_url(&state, "", Some(url))
                    };
                }
                if let Some(summary) = region.query_selector(".error-summary").ok().flatten() {
                    focus_on(&summary);
                } else if let Some(focus) = focus.and_then(|id| document.get_element_by_id(&id)) {
                    focus_on(&focus);
                } else if !form.is_connected() {
                    focus_on(&region);
                }
                announce(&fill(&words().results, "n", rows(&region).len()));
            }
            After::More { before, .. } => {
                if let Some(history) = history {
                    let _ = history.replace_state_with_url(&JsValue::from_str("in-place"), "", Some(url));
                }
                let rows = rows(&region);
                if let Some(first_new) = rows.get(before as usize) {
                    focus_on(first_new);
                }
                announce(&fill(&words().more, "n", rows.len().saturating_sub(before as usize)));
            }
            After::Back => {}
        }
        remember_address();
    }

    /// Replaces the region `target` (or the whole of `<main>`) with the answer's; the region now shown.
    fn swap(document: &Document, page: &Document, target: Option<&str>) -> Option<Element> {
        if let Some(id) = target
            && let (Some(old), Some(new)) = (document.get_element_by_id(id), page.get_element_by_id(id))
        {
            let new: Element = document.import_node_with_deep(&new, true).ok()?.dyn_into().ok()?;
            old.replace_with_with_node_1(&new).ok()?;
            return Some(new);
        }
        let main = document.get_element_by_id(MAIN_ID)?;
        main.set_inner_html(&page.get_element_by_id(MAIN_ID)?.inner_html());
        Some(main)
    }

    /// After a change: the error summary, else the banner saying what was done, else the heading of what is shown.
    fn settle_after_change(main: &Element) {
        if let Some(summary) = main.query_selector(".error-summary").ok().flatten() {
            focus_on(&summary);
            return;
        }
        let said = main.query_selector(".notification-banner, h1").ok().flatten();
        if let Some(said) = said {
            focus_on(&said);
            announce(&said.text_content().unwrap_or_default());
        }
    }

    /// The rows of the table in `region`.
    fn rows(region: &Element) -> Vec<Element> {
        let Ok(list) = region.query_selector_all("tbody tr") else { return Vec::new() };
        (0..list.length()).filter_map(|index| list.item(index)?.dyn_into::<Element>().ok()).collect()
    }

    /// No page of ours came: nothing typed is lost, the form stays as it was, and the officer is told.
    fn failed(after: &After) {
        let form = match after {
            After::Post { form } | After::Get { form, .. } => Some(form.clone()),
            After::More { .. } | After::Back => None,
        };
        let message = words().unreachable.clone();
        // "Show more" stays where it was, no longer busy: the officer may press it again.
        if let After::More { target, .. } = after
            && let Some(link) = document()
                .and_then(|document| document.get_element_by_id(target))
                .and_then(|region| region.query_selector("a[data-in-place-more]").ok().flatten())
        {
            let _ = link.remove_attribute("aria-busy");
            focus_on(&link);
        }
        if let Some(form) = form {
            release(&form);
            let Some(document) = document() else { return };
            let notice = match form.query_selector(".in-place-failure").ok().flatten() {
                Some(notice) => notice,
                None => {
                    let Ok(notice) = document.create_element("p") else { return };
                    notice.set_class_name("in-place-failure field__error");
                    let _ = notice.set_attribute("tabindex", "-1");
                    let _ = form.prepend_with_node_1(&notice);
                    notice
                }
            };
            notice.set_text_content(Some(&message));
            focus_on(&notice);
        }
        announce(&message);
    }

    /// Clears the pending marks the submit guard put on a form that stays on the page.
    fn release(form: &HtmlFormElement) {
        for attribute in ["data-submitting", "aria-busy"] {
            let _ = form.remove_attribute(attribute);
        }
        if let Ok(marked) = form.query_selector_all("[data-pending]") {
            for index in 0..marked.length() {
                if let Some(button) = marked.item(index).and_then(|node| node.dyn_into::<Element>().ok()) {
                    let _ = button.remove_attribute("data-pending");
                    let _ = button.remove_attribute("aria-disabled");
                }
            }
        }
    }

    fn on_click(event: Event) {
        let Some(target) = event.target().and_then(|target| target.dyn_into::<Element>().ok()) else { return };
        if let Some(link) = target.closest("a[data-in-place-more]").ok().flatten() {
            let (Some(region), Some(href)) = (link.get_attribute("data-in-place-more"), link.get_attribute("href"))
            else {
                return;
            };
            event.prevent_default();
            let before = document()
                .and_then(|document| document.get_element_by_id(&region))
                .map_or(0, |region| rows(&region).len() as u32);
            let _ = link.set_attribute("aria-busy", "true");
            let address = web_sys::Url::new_with_base(&href, &window_location().unwrap_or_default())
                .map(|url| url.href())
                .unwrap_or(href);
            load(address, None, After::More { target: region, before });
        } else if target.closest("[data-in-place-print]").ok().flatten().is_some() {
            if let Some(window) = window() {
                let _ = window.print();
            }
        } else if let Some(button) = target.closest("[data-copy]").ok().flatten() {
            copy(&button);
        } else if let Some(button) = target.closest("[data-tree-toggle]").ok().flatten() {
            let expanded = button.get_attribute("aria-expanded").as_deref() == Some("true");
            set_expanded(&button, !expanded);
        } else if let Some(button) = target.closest("[data-confirm-answer]").ok().flatten() {
            answer_confirmation(button.get_attribute("data-confirm-answer").as_deref() == Some("yes"));
        }
    }

    fn on_input(event: Event) {
        let Some(field) = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok()) else { return };
        if field.has_attribute("data-live-search") {
            let pause = PAUSE.with(|pause| {
                pause.set(pause.get().wrapping_add(1));
                pause.get()
            });
            leptos::prelude::set_timeout(
                move || {
                    if PAUSE.with(Cell::get) == pause
                        && let Some(form) = field.form()
                    {
                        let _ = form.request_submit();
                    }
                },
                std::time::Duration::from_millis(SEARCH_PAUSE_MS),
            );
        } else if let Some(region) = field.get_attribute("data-filter-rows") {
            filter_rows(&region, &field.value());
        } else if field.has_attribute("data-tree-find") {
            find_units(&field.value());
        } else if field.has_attribute("data-citizen-id") {
            check_citizen_id(&field);
        } else if field.has_attribute("data-combobox-for") {
            show_matches(&field, None);
        }
    }

    /// Prepares what `region` holds: controls that need this shown, the tree's toggles, the citizen-ID check.
    fn enhance(region: &Element) {
        for_each(region, "[data-needs-script][hidden]", |element| {
            let _ = element.remove_attribute("hidden");
        });
        for_each(region, "ol.unit-tree", add_tree_toggles);
        for_each(region, "select[data-combobox]", add_combobox);
        for_each(region, "input[data-citizen-id]", |element| {
            if let Ok(field) = element.dyn_into::<HtmlInputElement>() {
                check_citizen_id(&field);
            }
        });
    }

    fn for_each(region: &Element, selector: &str, mut each: impl FnMut(Element)) {
        let Ok(list) = region.query_selector_all(selector) else { return };
        for index in 0..list.length() {
            if let Some(element) = list.item(index).and_then(|node| node.dyn_into::<Element>().ok()) {
                each(element);
            }
        }
    }

    // ---- the confirmation dialog ----

    /// Asks before `form` is sent, in a modal dialog (focus inside, Escape goes back).
    fn confirm(form: HtmlFormElement, submitter: Option<HtmlElement>, question: &str) {
        let Some(dialog) = confirmation_dialog() else {
            send(&form, submitter.as_ref());
            return;
        };
        let label = submitter.as_ref().and_then(|button| button.text_content()).unwrap_or_default();
        if let Some(text) = dialog.query_selector("p").ok().flatten() {
            text.set_text_content(Some(question));
        }
        if let Some(yes) = dialog.query_selector("[data-confirm-answer=yes]").ok().flatten() {
            yes.set_text_content(Some(label.trim()));
        }
        CONFIRMING.with(|slot| *slot.borrow_mut() = Some((form, submitter)));
        let _ = dialog.show_modal();
    }

    /// The dialog, made once per page load (outside `<main>`, which answers replace).
    fn confirmation_dialog() -> Option<web_sys::HtmlDialogElement> {
        let document = document()?;
        if let Some(dialog) = document.get_element_by_id("confirm-dialog") {
            return dialog.dyn_into().ok();
        }
        let words = words();
        let dialog = document.create_element("dialog").ok()?;
        dialog.set_id("confirm-dialog");
        dialog.set_class_name("timeout-dialog confirm-dialog");
        let _ = dialog.set_attribute("aria-labelledby", "confirm-heading");
        let _ = dialog.set_attribute("aria-describedby", "confirm-question");
        let heading = document.create_element("h2").ok()?;
        heading.set_id("confirm-heading");
        heading.set_class_name("timeout-dialog__heading");
        heading.set_text_content(Some(&words.confirm_heading));
        let question = document.create_element("p").ok()?;
        question.set_id("confirm-question");
        let actions = document.create_element("div").ok()?;
        actions.set_class_name("timeout-dialog__actions");
        for (answer, class) in [("yes", "button button--warning"), ("no", "button button--secondary")] {
            let button = document.create_element("button").ok()?;
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("data-confirm-answer", answer);
            button.set_class_name(class);
            if answer == "no" {
                button.set_text_content(Some(&words.go_back));
            }
            actions.append_child(&button).ok()?;
        }
        for part in [&heading, &question, &actions] {
            dialog.append_child(part).ok()?;
        }
        // Escape closes the dialog: the same as going back.
        listen(dialog.as_ref(), "cancel", |event| {
            event.prevent_default();
            answer_confirmation(false);
        });
        document.body()?.append_child(&dialog).ok()?;
        dialog.dyn_into().ok()
    }

    fn answer_confirmation(yes: bool) {
        if let Some(dialog) = document()
            .and_then(|document| document.get_element_by_id("confirm-dialog"))
            .and_then(|dialog| dialog.dyn_into::<web_sys::HtmlDialogElement>().ok())
        {
            dialog.close();
        }
        let Some((form, submitter)) = CONFIRMING.with(|slot| slot.borrow_mut().take()) else { return };
        if yes {
            send(&form, submitter.as_ref());
        } else {
            release(&form);
            if let Some(button) = submitter {
                let _ = button.focus();
            }
        }
    }

    // ---- lists filtered as typed ----

    /// Shows only the rows of `region`'s table holding `typed` (case and spacing aside).
    fn filter_rows(region: &str, typed: &str) {
        let Some(region) = document().and_then(|document| document.get_element_by_id(region)) else { return };
        let wanted = typed.trim().to_lowercase();
        let rows = rows(&region);
        let mut shown = 0;
        for row in &rows {
            let text = row.text_content().unwrap_or_default().to_lowercase();
            let show = wanted.is_empty() || text.contains(&wanted);
            shown += usize::from(show);
            set_hidden(row, !show);
        }
        let words = words();
        announce(&fill(&fill(&words.shown_of, "shown", shown), "all", rows.len()));
    }

    fn set_hidden(element: &Element, hidden: bool) {
        let _ = if hidden { element.set_attribute("hidden", "") } else { element.remove_attribute("hidden") };
    }

    // ---- the organisation tree ----

    fn depth(item: &Element) -> u32 {
        item.get_attribute("data-depth").and_then(|depth| depth.parse().ok()).unwrap_or(0)
    }

    fn items(tree: &Element) -> Vec<Element> {
        let mut items = Vec::new();
        let mut next = tree.first_element_child();
        while let Some(item) = next {
            next = item.next_element_sibling();
            items.push(item);
        }
        items
    }

    /// A toggle before each unit with sub-units (expanded, as the page shows them without JavaScript).
    fn add_tree_toggles(tree: Element) {
        let Some(document) = document() else { return };
        let items = items(&tree);
        for (index, item) in items.iter().enumerate() {
            let has_children = items.get(index + 1).is_some_and(|next| depth(next) > depth(item));
            let row = item.query_selector(".unit-tree__row").ok().flatten();
            if !has_children || row.is_none() || item.query_selector("[data-tree-toggle]").ok().flatten().is_some() {
                continue;
            }
            let name = item
                .query_selector(".unit-tree__name")
                .ok()
                .flatten()
                .and_then(|name| name.text_content())
                .unwrap_or_default();
            let Ok(button) = document.create_element("button") else { return };
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("data-tree-toggle", "");
            let _ = button.set_attribute("aria-expanded", "true");
            let _ = button.set_attribute("aria-label", &words().subunits.replace("{name}", name.trim()));
            button.set_class_name("tree-toggle");
            if let Some(row) = row {
                let _ = row.prepend_with_node_1(&button);
            }
        }
    }

    /// Shows or hides the sub-units under `button`'s unit (a sub-unit folded itself stays folded).
    fn set_expanded(button: &Element, expanded: bool) {
        let _ = button.set_attribute("aria-expanded", if expanded { "true" } else { "false" });
        let Some(item) = button.closest("li[data-depth]").ok().flatten() else { return };
        let level = depth(&item);
        // The depth below which a folded sub-unit hides its own sub-units.
        let mut folded_below: Option<u32> = None;
        let mut next = item.next_element_sibling();
        while let Some(sub) = next {
            let sub_depth = depth(&sub);
            if sub_depth <= level {
                break;
            }
            if folded_below.is_some_and(|below| sub_depth > below) {
                next = sub.next_element_sibling();
                continue;
            }
            folded_below = None;
            set_hidden(&sub, !expanded);
            let folded = sub
                .query_selector("[data-tree-toggle]")
                .ok()
                .flatten()
                .is_some_and(|toggle| toggle.get_attribute("aria-expanded").as_deref() == Some("false"));
            if expanded && folded {
                folded_below = Some(sub_depth);
            }
            next = sub.next_element_sibling();
        }
    }

    /// Shows the units whose name (Thai or English) or code holds `typed`, with the units above them; everything,
    /// expanded, when nothing is typed.
    fn find_units(typed: &str) {
        let Some(tree) = document().and_then(|document| document.query_selector("ol.unit-tree").ok().flatten()) else {
            return;
        };
        let wanted = typed.trim().to_lowercase();
        let items = items(&tree);
        let mut shown = vec![wanted.is_empty(); items.len()];
        let mut found = 0;
        if !wanted.is_empty() {
            for (index, item) in items.iter().enumerate() {
                let text = item.get_attribute("data-find").unwrap_or_default().to_lowercase();
                if !text.contains(&wanted) {
                    continue;
                }
                found += 1;
                shown[index] = true;
                // Every unit above it, up to the top.
                let mut level = depth(item);
                for above in (0..index).rev() {
                    if depth(&items[above]) < level {
                        shown[above] = true;
                        level = depth(&items[above]);
                    }
                }
            }
        }
        for (item, show) in items.iter().zip(shown) {
            set_hidden(item, !show);
            if let Some(toggle) = item.query_selector("[data-tree-toggle]").ok().flatten() {
                let _ = toggle.set_attribute("aria-expanded", "true");
            }
        }
        if !wanted.is_empty() {
            announce(&fill(&words().units_found, "n", found));
        }
    }

    // ---- the unit combobox ----

    /// Makes `select` a searchable list: a text field (ARIA combobox) that takes over the select's `id` (so its label
    /// and the error summary's link reach it), description and state, and a listbox of the units matching what is
    /// typed, each with its parents. The select stays, hidden, and carries the value the form sends.
    fn add_combobox(select: Element) {
        let Some(document) = document() else { return };
        let Ok(select) = select.dyn_into::<HtmlSelectElement>() else { return };
        if select.has_attribute("data-combobox-ready") {
            return;
        }
        let id = select.id();
        let (select_id, list_id) = (format!("{id}-select"), format!("{id}-list"));
        let (Ok(field), Ok(list), Ok(wrapper)) =
            (document.create_element("input"), document.create_element("ul"), document.create_element("div"))
        else {
            return;
        };
        select.set_id(&select_id);
        let _ = select.set_attribute("data-combobox-ready", "");
        let _ = select.set_attribute("hidden", "");
        field.set_id(&id);
        for (name, value) in [
            ("type", "text"),
            ("role", "combobox"),
            ("aria-autocomplete", "list"),
            ("aria-expanded", "false"),
            ("aria-controls", list_id.as_str()),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("data-combobox-for", select_id.as_str()),
        ] {
            let _ = field.set_attribute(name, value);
        }
        for name in ["aria-describedby", "aria-invalid"] {
            if let Some(value) = select.get_attribute(name) {
                let _ = field.set_attribute(name, &value);
            }
        }
        field.set_class_name("field__input field__combobox");
        list.set_id(&list_id);
        list.set_class_name("combobox__list");
        let _ = list.set_attribute("role", "listbox");
        let _ = list.set_attribute("hidden", "");
        let _ = list.set_attribute("aria-label", &words().unit_list);
        wrapper.set_class_name("combobox");
        let _ = wrapper.append_child(&field);
        let _ = wrapper.append_child(&list);
        let _ = select.after_with_node_1(&wrapper);
        if let Ok(field) = field.dyn_into::<HtmlInputElement>() {
            field.set_value(&chosen_name(&select));
        }
    }

    fn select_of(field: &Element) -> Option<HtmlSelectElement> {
        let id = field.get_attribute("data-combobox-for")?;
        document()?.get_element_by_id(&id)?.dyn_into().ok()
    }

    fn list_of(field: &Element) -> Option<Element> {
        document()?.get_element_by_id(&field.get_attribute("aria-controls")?)
    }

    /// The name of the unit the select holds (empty when none is chosen).
    fn chosen_name(select: &HtmlSelectElement) -> String {
        let index = select.selected_index();
        let option = (index >= 0).then(|| select.options().item(index as u32)).flatten();
        option
            .filter(|option| !option.get_attribute("value").unwrap_or_default().is_empty())
            .map_or_else(String::new, |option| {
                option.get_attribute("data-name").unwrap_or_else(|| option.text_content().unwrap_or_default())
            })
    }

    /// The select's units (code, name, parents, what finding looks in), in tree order.
    fn units_of(select: &HtmlSelectElement) -> Vec<(String, String, String, String)> {
        let options = select.options();
        (0..options.length())
            .filter_map(|index| options.item(index))
            .filter_map(|option| {
                let code = option.get_attribute("value").filter(|code| !code.is_empty())?;
                let name =
                    option.get_attribute("data-name").unwrap_or_else(|| option.text_content().unwrap_or_default());
                let parents = option.get_attribute("data-parents").unwrap_or_default();
                let find = option.get_attribute("data-find").unwrap_or_else(|| name.clone()).to_lowercase();
                Some((code, name, parents, find))
            })
            .collect()
    }

    /// Opens the list with the units matching what the field holds; `active`: the index of the option to mark.
    fn show_matches(field: &HtmlInputElement, active: Option<usize>) {
        let (Some(document), Some(select), Some(list)) = (document(), select_of(field), list_of(field)) else {
            return;
        };
        let wanted = field.value().trim().to_lowercase();
        // The unit already chosen, shown as such, lists everything: the officer opened the list to change it.
        let everything = wanted.is_empty() || wanted == chosen_name(&select).trim().to_lowercase();
        list.set_inner_html("");
        let mut found = 0;
        for (code, name, parents, find) in units_of(&select) {
            if !everything && !find.contains(&wanted) {
                continue;
            }
            let Ok(option) = document.create_element("li") else { return };
            option.set_id(&format!("{}-{found}", list.id()));
            option.set_class_name("combobox__option");
            let _ = option.set_attribute("role", "option");
            let _ = option.set_attribute("data-value", &code);
            let _ = option.set_attribute("data-name", &name);
            let _ = option.set_attribute("aria-selected", if code == select.value() { "true" } else { "false" });
            let (Ok(main), Ok(detail)) = (document.create_element("span"), document.create_element("span")) else {
                return;
            };
            main.set_class_name("combobox__name");
            main.set_text_content(Some(&name));
            detail.set_class_name("combobox__parents");
            detail.set_text_content(Some(&parents));
            let _ = option.append_child(&main);
            if !parents.is_empty() {
                let _ = option.append_child(&detail);
            }
            let _ = list.append_child(&option);
            found += 1;
        }
        if found == 0
            && let Ok(empty) = document.create_element("li")
        {
            empty.set_class_name("combobox__empty");
            empty.set_text_content(Some(&words().no_unit));
            let _ = list.append_child(&empty);
        }
        let _ = list.remove_attribute("hidden");
        let _ = field.set_attribute("aria-expanded", "true");
        let _ = field.remove_attribute("aria-activedescendant");
        if let Some(active) = active.filter(|_| found > 0) {
            mark(field, &list, active.min(found - 1));
        }
        announce(&if found == 0 { words().no_unit.clone() } else { fill(&words().units_found, "n", found) });
    }

    /// Marks the option at `index` as the one Enter would choose.
    fn mark(field: &HtmlInputElement, list: &Element, index: usize) {
        let options = options_of(list);
        for (at, option) in options.iter().enumerate() {
            let active = at == index;
            option.set_class_name(if active {
                "combobox__option combobox__option--active"
            } else {
                "combobox__option"
            });
            if active {
                let _ = field.set_attribute("aria-activedescendant", &option.id());
                option.scroll_into_view_with_bool(false);
            }
        }
    }

    fn options_of(list: &Element) -> Vec<Element> {
        let Ok(found) = list.query_selector_all("[role=option]") else { return Vec::new() };
        (0..found.length()).filter_map(|index| found.item(index)?.dyn_into::<Element>().ok()).collect()
    }

    fn active_index(field: &HtmlInputElement, list: &Element) -> Option<usize> {
        let active = field.get_attribute("aria-activedescendant")?;
        options_of(list).iter().position(|option| option.id() == active)
    }

    fn close(field: &HtmlInputElement) {
        if let Some(list) = list_of(field) {
            let _ = list.set_attribute("hidden", "");
        }
        let _ = field.set_attribute("aria-expanded", "false");
        let _ = field.remove_attribute("aria-activedescendant");
    }

    fn is_open(field: &HtmlInputElement) -> bool {
        field.get_attribute("aria-expanded").as_deref() == Some("true")
    }

    /// Chooses the unit of `option`: the select takes its code, the field its name.
    fn choose(field: &HtmlInputElement, option: &Element) {
        if let (Some(select), Some(code)) = (select_of(field), option.get_attribute("data-value")) {
            select.set_value(&code);
            field.set_value(&option.get_attribute("data-name").unwrap_or_default());
            let _ = field.remove_attribute("aria-invalid");
        }
        close(field);
    }

    fn on_key(event: Event) {
        let Some(field) = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok()) else { return };
        if !field.has_attribute("data-combobox-for") {
            return;
        }
        let Ok(key) = event.clone().dyn_into::<web_sys::KeyboardEvent>().map(|event| event.key()) else { return };
        let Some(list) = list_of(&field) else { return };
        let count = options_of(&list).len();
        let active = active_index(&field, &list);
        match key.as_str() {
            "ArrowDown" => {
                event.prevent_default();
                if is_open(&field) {
                    mark(&field, &list, active.map_or(0, |at| (at + 1).min(count.saturating_sub(1))));
                } else {
                    show_matches(&field, Some(0));
                }
            }
            "ArrowUp" if is_open(&field) => {
                event.prevent_default();
                mark(&field, &list, active.map_or(count.saturating_sub(1), |at| at.saturating_sub(1)));
            }
            "Enter" if is_open(&field) => {
                // Enter chooses; it does not send the form while the list is open.
                event.prevent_default();
                let options = options_of(&list);
                let option = active.and_then(|at| options.get(at)).or(if count == 1 { options.first() } else { None });
                match option {
                    Some(option) => choose(&field, option),
                    None => close(&field),
                }
            }
            "Escape" if is_open(&field) => {
                event.prevent_default();
                close(&field);
            }
            _ => {}
        }
    }

    /// A press on an option chooses it (and keeps the focus in the field).
    fn on_press(event: Event) {
        let Some(target) = event.target().and_then(|target| target.dyn_into::<Element>().ok()) else { return };
        let Some(option) = target.closest(".combobox__list [role=option]").ok().flatten() else { return };
        event.prevent_default();
        let field = option
            .closest(".combobox")
            .ok()
            .flatten()
            .and_then(|combobox| combobox.query_selector("[role=combobox]").ok().flatten())
            .and_then(|field| field.dyn_into::<HtmlInputElement>().ok());
        if let Some(field) = field {
            choose(&field, &option);
        }
    }

    /// Leaving the field settles it: nothing typed chooses nothing, a unit's exact name (or the only match) chooses
    /// it, anything else goes back to the unit chosen before — the field never shows a unit the form would not send.
    fn on_focus_out(event: Event) {
        let Some(field) = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok()) else { return };
        let Some(select) = select_of(&field).filter(|_| field.has_attribute("data-combobox-for")) else { return };
        let typed = field.value().trim().to_lowercase();
        let units = units_of(&select);
        let exact = units.iter().find(|(_, name, _, _)| name.trim().to_lowercase() == typed);
        let matching: Vec<_> = units.iter().filter(|(_, _, _, find)| find.contains(&typed)).collect();
        match (typed.is_empty(), exact, matching.as_slice()) {
            (true, _, _) => select.set_value(""),
            (false, Some((code, name, _, _)), _) | (false, None, [(code, name, _, _)]) => {
                select.set_value(code);
                field.set_value(name);
            }
            _ => field.set_value(&chosen_name(&select)),
        }
        close(&field);
    }

    // ---- the citizen ID ----

    /// Checks the citizen ID as typed: the count of digits, and a mistake once the number cannot become valid.
    fn check_citizen_id(field: &HtmlInputElement) {
        let Some(document) = document() else { return };
        let note_id = format!("{}-check", field.id());
        let note = match document.get_element_by_id(&note_id) {
            Some(note) => note,
            None => {
                let Ok(note) = document.create_element("p") else { return };
                note.set_id(&note_id);
                note.set_class_name("field__count");
                let _ = note.set_attribute("aria-live", "polite");
                let _ = field.after_with_node_1(&note);
                let described = field.get_attribute("aria-describedby").unwrap_or_default();
                let _ = field.set_attribute("aria-describedby", format!("{described} {note_id}").trim());
                note
            }
        };
        let typed = field.value();
        let words = words();
        let problem = citizen_id::problem_so_far(&typed).map(|problem| match problem {
            TypedProblem::NotDigit | TypedProblem::TooLong => words.citizen_id_length.clone(),
            TypedProblem::CheckDigit => words.citizen_id_checksum.clone(),
        });
        let count = fill(&words.digits, "n", citizen_id::digits_typed(&typed));
        match problem {
            Some(problem) => {
                note.set_text_content(Some(&format!("{count} · {problem}")));
                note.set_class_name("field__count field__count--problem");
                let _ = field.set_attribute("aria-invalid", "true");
                let _ = field.set_attribute("data-checked-invalid", "");
            }
            None => {
                note.set_text_content(Some(&count));
                note.set_class_name("field__count");
                // Our own mark goes as soon as the number may be right again; the server's refusal stays until the
                // number is whole and valid.
                let whole = typed.chars().filter(char::is_ascii_digit).count() == citizen_id::LENGTH;
                if field.has_attribute("data-checked-invalid") || whole {
                    let _ = field.remove_attribute("aria-invalid");
                    let _ = field.remove_attribute("data-checked-invalid");
                }
            }
        }
    }

    // ---- small things ----

    /// Copies the text of the element `button` names.
    fn copy(button: &Element) {
        let Some(id) = button.get_attribute("data-copy") else { return };
        let Some(text) = document().and_then(|document| document.get_element_by_id(&id)).and_then(|e| e.text_content())
        else {
            return;
        };
        let Some(window) = window() else { return };
        let promise = window.navigator().clipboard().write_text(text.trim());
        leptos::task::spawn_local(async move {
            if JsFuture::from(promise).await.is_ok() {
                announce(&words().copied);
            }
        });
    }

    /// Puts the focus on `element` (made focusable from script only, when it is not already).
    fn focus_on(element: &Element) {
        let Ok(element) = element.clone().dyn_into::<HtmlElement>() else { return };
        if !element.has_attribute("tabindex") && !is_focusable(&element) {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }

    fn is_focusable(element: &HtmlElement) -> bool {
        matches!(element.tag_name().as_str(), "A" | "BUTTON" | "INPUT" | "SELECT" | "TEXTAREA")
    }

    /// Says `message` in the page's live region (emptied first, so the same sentence twice is said twice).
    fn announce(message: &str) {
        let Some(region) = document().and_then(|document| document.get_element_by_id(ANNOUNCER_ID)) else { return };
        region.set_text_content(None);
        let message = message.trim().to_owned();
        leptos::prelude::set_timeout(
            move || region.set_text_content(Some(&message)),
            std::time::Duration::from_millis(100),
        );
    }

    /// The session's end as the answer's page gives it, shared with the session-timeout warning (which reads the
    /// latest end any tab knows of from `localStorage`): an officer working in place is not warned as if idle.
    fn share_session_end(html: &str) {
        let Some(start) = html.find("seconds_left") else { return };
        let digits: String = html[start..]
            .chars()
            .skip("seconds_left".len())
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        let Ok(seconds) = digits.parse::<i64>() else { return };
        let deadline = js_sys::Date::now() as i64 + seconds * 1000;
        let Some(storage) = window().and_then(|window| window.local_storage().ok().flatten()) else { return };
        let known = storage.get_item(crate::components::session_timeout::SESSION_ENDS_AT_KEY).ok().flatten();
        if known.and_then(|known| known.parse::<i64>().ok()).is_none_or(|known| known < deadline) {
            let _ = storage.set_item(crate::components::session_timeout::SESSION_ENDS_AT_KEY, &deadline.to_string());
        }
    }
}
