//! The session-timeout warning: an island in the header of every signed-in page. Before the session ends for want of
//! activity, a modal dialog says how long is left and offers "stay signed in" (a server function that restarts the
//! idle timeout) or "sign out"; when the time is up the session is ended and the officer lands on the signed-out page,
//! told why. Tabs of one browser agree: each keeps the latest end it knows in `localStorage`, so one tab's page load
//! or "stay signed in" counts for all. Without JavaScript there is no dialog, and the session simply ends.
//!
//! The dialog is the browser's own `<dialog>` opened with `showModal()`: the rest of the page is inert while it is
//! open, Tab stays inside it, Escape is "stay signed in", and screen readers announce its heading and text.
//!
//! Its two server functions are called through [`server_call`], as every island calls ours.
#![expect(missing_docs, reason = "#[island] generates a props struct without documentation")]

use leptos::prelude::*;

use leptos::server_fn::ServerFn;

use crate::api::session::{EndIdleSession, StaySignedIn};
use crate::components::server_call;
use crate::i18n::{Locale, Text};
use crate::paths::{SIGNED_OUT_PAGE, fields};
use crate::request_context::SessionClock;

/// The signed-out page's `why` for a session that ended after the idle timeout, and after its longest life.
pub const WHY_IDLE: &str = "idle";
/// …after the session's longest life.
pub const WHY_LIMIT: &str = "limit";

/// The `localStorage` key holding the latest session end (milliseconds since the epoch) any tab knows of; a page
/// answered in place writes it too (`in_place`).
pub const SESSION_ENDS_AT_KEY: &str = "info.session-ends-at";

/// The timer and its dialog.
#[island]
pub fn SessionTimeout(
    /// When the session ends, as the server saw it when it rendered the page.
    clock: SessionClock,
    /// The session's synchroniser token.
    csrf_token: String,
    /// The language (islands do not see the server's context).
    locale: Locale,
    /// The dialog's "sign out" form (rendered by the server only).
    children: Children,
) -> impl IntoView {
    provide_context(locale);
    let words = Words::of(locale.text());
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let end = RwSignal::new(Ending::new(clock));
    let seconds_left = RwSignal::new(clock.seconds_left);
    let unreachable = RwSignal::new(false);
    let staying = RwSignal::new(false);
    let csrf = StoredValue::new(csrf_token);

    // Effects run only in the browser: start the clock once hydrated, then look at it every second.
    Effect::new(move |_| {
        end.update(|end| end.start(browser::now_ms()));
        let tick = move || {
            let now = browser::now_ms();
            end.update(|end| end.adopt(browser::shared_deadline()));
            let Ending { deadline, absolute, dismissed, ended, .. } = end.get_untracked();
            browser::share_deadline(deadline);
            let left = (deadline - now).max(0);
            seconds_left.set((left + 999) / 1000);
            if left == 0 {
                if !ended {
                    end.update(|end| end.ended = true);
                    let why = if absolute { WHY_LIMIT } else { WHY_IDLE };
                    leptos::task::spawn_local(async move {
                        // Whatever the answer (the session may have ended on the server already), the officer is
                        // signed out now.
                        let token = csrf.get_value();
                        let _ = server_call::post_raw(EndIdleSession::PATH, &[("csrf_token", &token)]).await;
                        browser::go_to(&format!("{SIGNED_OUT_PAGE}?{}={why}", fields::WHY));
                    });
                }
            } else if left <= clock.warning_seconds * 1000 && dismissed != Some(deadline) {
                browser::open(dialog);
            } else {
                browser::close(dialog);
            }
        };
        tick();
        set_interval(tick, std::time::Duration::from_secs(1));
    });
    let on_stay = move || {
        if end.with_untracked(|end| end.absolute) {
            // Nothing moves the absolute end: the officer has read the warning.
            end.update(|end| end.dismissed = Some(end.deadline));
            browser::close(dialog);
            return;
        }
        if staying.get_untracked() {
            return;
        }
        staying.set(true);
        leptos::task::spawn_local(async move {
            let token = csrf.get_value();
            // Read by status only: decoding an `AppError` here would put its decoder in every signed-in page.
            let reply = server_call::post_raw(StaySignedIn::PATH, &[("csrf_token", &token)]).await;
            match reply.map(|reply| (reply.status, serde_json::from_str::<SessionClock>(&reply.body))) {
                Some((200, Ok(clock))) => {
                    unreachable.set(false);
                    end.update(|end| end.restart(clock, browser::now_ms()));
                    browser::share_deadline(end.get_untracked().deadline);
                    browser::close(dialog);
                }
                // The session has already ended (or was ended elsewhere): say so where it is said.
                Some((401, _)) => browser::go_to(&format!("{SIGNED_OUT_PAGE}?{}={WHY_IDLE}", fields::WHY)),
                _ => unreachable.set(true),
            }
            staying.set(false);
        });
    };
    let absolute = move || end.with(|end| end.absolute);
    view! {
        <dialog
            class="timeout-dialog"
            node_ref=dialog
            aria-labelledby="timeout-heading"
            aria-describedby="timeout-body"
            on:cancel=move |event: leptos::ev::Event| {
                event.prevent_default();
                on_stay();
            }
        >
            <h2 id="timeout-heading" class="timeout-dialog__heading">
                {move || if absolute() { words.limit_heading } else { words.heading }}
            </h2>
            <p id="timeout-body">
                {move || {
                    let left = countdown(seconds_left.get(), words);
                    if absolute() { (words.limit_body)(&left) } else { (words.body)(&left) }
                }}
            </p>
            <p class="timeout-dialog__error" role="alert">
                {move || unreachable.get().then_some(words.unreachable)}
            </p>
            <div class="timeout-dialog__actions">
                <button
                    type="button"
                    class="button button--primary"
                    aria-disabled=move || staying.get().then_some("true")
                    on:click=move |_| on_stay()
                >
                    {move || if absolute() { words.understood } else { words.stay }}
                </button>
                {children()}
            </div>
        </dialog>
    }
}

/// When this tab believes the session ends.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Ending {
    /// The server's clock this tab started from.
    clock: SessionClock,
    /// The end, in milliseconds since the epoch (0 until the clock starts).
    deadline: i64,
    /// Whether it is the absolute end.
    absolute: bool,
    /// The end the officer has already been warned of and closed the warning for (absolute ends only).
    dismissed: Option<i64>,
    /// Whether this tab has ended the session.
    ended: bool,
}

impl Ending {
    fn new(clock: SessionClock) -> Self {
        Self { clock, deadline: 0, absolute: clock.absolute, dismissed: None, ended: false }
    }

    /// Starts counting at `now` (the page was just loaded: that was activity).
    fn start(&mut self, now: i64) {
        self.deadline = now + self.clock.seconds_left * 1000;
    }

    /// After "stay signed in": the server's new clock, from `now`.
    fn restart(&mut self, clock: SessionClock, now: i64) {
        self.clock = clock;
        self.absolute = clock.absolute;
        self.deadline = now + clock.seconds_left * 1000;
    }

    /// A later end another tab knows of (its page load or "stay signed in" moved the idle timeout on).
    fn adopt(&mut self, shared: Option<i64>) {
        if let Some(shared) = shared.filter(|shared| *shared > self.deadline) {
            self.deadline = shared;
            // Only the idle timeout moves; an absolute end is the same in every tab.
            self.absolute = false;
        }
    }
}

/// The catalogue's words the dialog shows, picked once: its closures hold these, never the catalogue (a `&Text` kept
/// at run time keeps every string of both languages in the WASM that every page loads).
#[derive(Clone, Copy)]
struct Words {
    heading: &'static str,
    body: fn(&str) -> String,
    limit_heading: &'static str,
    limit_body: fn(&str) -> String,
    stay: &'static str,
    understood: &'static str,
    unreachable: &'static str,
    minutes: fn(i64) -> String,
    seconds: fn(i64) -> String,
}

impl Words {
    /// The words of `text` (inlined, so only these strings are read).
    #[inline(always)]
    fn of(text: &'static Text) -> Self {
        Self {
            heading: text.timeout_heading,
            body: text.timeout_body,
            limit_heading: text.timeout_limit_heading,
            limit_body: text.timeout_limit_body,
            stay: text.timeout_stay,
            understood: text.timeout_understood,
            unreachable: text.unreachable_body,
            minutes: text.minutes,
            seconds: text.seconds,
        }
    }
}

/// "1 นาที 45 วินาที" / "1 minute 45 seconds".
fn countdown(seconds: i64, words: Words) -> String {
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    match (minutes, seconds) {
        (0, seconds) => (words.seconds)(seconds),
        (minutes, 0) => (words.minutes)(minutes),
        (minutes, seconds) => format!("{} {}", (words.minutes)(minutes), (words.seconds)(seconds)),
    }
}

/// The browser's clock, storage, dialog and address; on the server (where effects and handlers never run) these do
/// nothing.
mod browser {
    use leptos::prelude::NodeRef;

    #[cfg(feature = "hydrate")]
    use super::SESSION_ENDS_AT_KEY as STORAGE_KEY;

    /// Milliseconds since the epoch, by the wall clock every tab shares (whole: formatting and parsing floats would
    /// cost the bundle ~20 kB).
    #[cfg(feature = "hydrate")]
    pub fn now_ms() -> i64 {
        js_sys::Date::now() as i64
    }

    #[cfg(feature = "hydrate")]
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    #[cfg(feature = "hydrate")]
    pub fn shared_deadline() -> Option<i64> {
        storage()?.get_item(STORAGE_KEY).ok().flatten()?.parse().ok()
    }

    #[cfg(feature = "hydrate")]
    pub fn share_deadline(deadline: i64) {
        if shared_deadline().is_none_or(|shared| shared < deadline)
            && let Some(storage) = storage()
        {
            let _ = storage.set_item(STORAGE_KEY, &deadline.to_string());
        }
    }

    #[cfg(feature = "hydrate")]
    pub fn open(dialog: NodeRef<leptos::html::Dialog>) {
        use leptos::prelude::GetUntracked;
        if let Some(dialog) = dialog.get_untracked().filter(|dialog| !dialog.open()) {
            let _ = dialog.show_modal();
        }
    }

    #[cfg(feature = "hydrate")]
    pub fn close(dialog: NodeRef<leptos::html::Dialog>) {
        use leptos::prelude::GetUntracked;
        if let Some(dialog) = dialog.get_untracked().filter(|dialog| dialog.open()) {
            dialog.close();
        }
    }

    #[cfg(feature = "hydrate")]
    pub fn go_to(address: &str) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_href(address);
        }
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn now_ms() -> i64 {
        0
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn shared_deadline() -> Option<i64> {
        None
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn share_deadline(_deadline: i64) {}

    #[cfg(not(feature = "hydrate"))]
    pub fn open(_dialog: NodeRef<leptos::html::Dialog>) {}

    #[cfg(not(feature = "hydrate"))]
    pub fn close(_dialog: NodeRef<leptos::html::Dialog>) {}

    #[cfg(not(feature = "hydrate"))]
    pub fn go_to(_address: &str) {}
}

#[cfg(test)]
mod tests {
    use super::{Ending, Words, countdown};
    use crate::i18n::Locale;
    use crate::request_context::SessionClock;

    fn clock(seconds_left: i64, absolute: bool) -> SessionClock {
        SessionClock { seconds_left, absolute, warning_seconds: 120 }
    }

    #[test]
    fn a_tab_counts_from_its_page_load_and_adopts_a_later_end_from_another_tab() {
        let mut end = Ending::new(clock(1800, false));
        end.start(1_000_000);
        assert_eq!(end.deadline, 1_000_000 + 1_800_000);
        end.adopt(Some(1_000_000));
        assert_eq!(end.deadline, 2_800_000, "an earlier end changes nothing");
        end.adopt(Some(3_000_000));
        assert_eq!(end.deadline, 3_000_000);
        end.restart(clock(1800, false), 2_000_000);
        assert_eq!(end.deadline, 3_800_000);
    }

    #[test]
    fn an_absolute_end_gives_way_only_to_a_later_idle_end() {
        let mut end = Ending::new(clock(600, true));
        end.start(0);
        assert!(end.absolute);
        end.adopt(Some(600_000));
        assert!(end.absolute, "the same end is still absolute");
    }

    #[test]
    fn the_time_left_reads_in_minutes_and_seconds_in_both_languages() {
        let th = Words::of(Locale::Th.text());
        assert_eq!(countdown(105, th), "1 นาที 45 วินาที");
        assert_eq!(countdown(120, th), "2 นาที");
        assert_eq!(countdown(9, th), "9 วินาที");
        let en = Words::of(Locale::En.text());
        assert_eq!(countdown(61, en), "1 minute 1 second");
        assert_eq!(countdown(130, en), "2 minutes 10 seconds");
    }
}
