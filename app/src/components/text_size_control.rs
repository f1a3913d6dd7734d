//! The text-size control (ขนาดตัวอักษร) found on Thai government sites: an island, the first interactive part.
//!
//! It is rendered `hidden` on the server and shown only once hydrated, so a browser without JavaScript never sees
//! buttons that would do nothing. The choice is kept in `localStorage` and applied as `data-text-size` on `<html>`,
//! which the stylesheet turns into a root font size; everything is sized in `rem`, so the whole page scales.
#![expect(missing_docs, reason = "#[island] generates a props struct without documentation")]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// A text size the officer can choose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSize {
    /// 87.5 % of the browser's size.
    Smaller,
    /// The browser's size.
    #[default]
    Default,
    /// 125 % of the browser's size.
    Larger,
}

impl TextSize {
    /// The value kept in `localStorage` and set on `<html data-text-size>`.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Smaller => "smaller",
            Self::Default => "default",
            Self::Larger => "larger",
        }
    }

    /// Reads a stored value; anything unknown is the default size.
    pub fn from_key(key: &str) -> Self {
        match key {
            "smaller" => Self::Smaller,
            "larger" => Self::Larger,
            _ => Self::Default,
        }
    }
}

/// Three buttons (ก-, ก, ก+) that change the page's text size and remember the choice.
#[island]
pub fn TextSizeControl(
    /// The language of the labels (islands do not see the server's context).
    locale: Locale,
) -> impl IntoView {
    let text = locale.text();
    let size = RwSignal::new(TextSize::Default);
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser, after hydration: restore the stored size, then reveal the control.
    Effect::new(move |_| {
        size.set(browser::stored_size());
        hydrated.set(true);
    });
    Effect::new(move |_| browser::apply_size(size.get()));

    let button = move |value: TextSize, glyph: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                class="text-size__button"
                class:text-size__button--smaller=value == TextSize::Smaller
                class:text-size__button--larger=value == TextSize::Larger
                title=label
                aria-pressed=move || (size.get() == value).to_string()
                on:click=move |_| size.set(value)
            >
                // The glyph is what the eye reads, the label what a screen reader says (an `aria-label` would leave
                // the visible "ก-" out of the button's name, which WCAG 2.5.3 forbids).
                <span aria-hidden="true">{glyph}</span>
                <span class="visually-hidden">{label}</span>
            </button>
        }
    };
    view! {
        <div class="text-size" role="group" aria-label=text.text_size hidden=move || !hydrated.get()>
            <span class="text-size__label" aria-hidden="true">
                {text.text_size}
            </span>
            {button(TextSize::Smaller, "ก-", text.text_size_smaller)}
            {button(TextSize::Default, "ก", text.text_size_default)}
            {button(TextSize::Larger, "ก+", text.text_size_larger)}
        </div>
    }
}

/// Browser side effects; on the server (where effects never run) these are no-ops.
mod browser {
    use super::TextSize;

    /// The `localStorage` key holding the chosen size.
    #[cfg(feature = "hydrate")]
    const STORAGE_KEY: &str = "info.text-size";

    #[cfg(feature = "hydrate")]
    pub fn stored_size() -> TextSize {
        web_sys::window()
            .and_then(|window| window.local_storage().ok().flatten())
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .map_or(TextSize::Default, |key| TextSize::from_key(&key))
    }

    #[cfg(feature = "hydrate")]
    pub fn apply_size(size: TextSize) {
        let Some(window) = web_sys::window() else { return };
        if let Some(root) = window.document().and_then(|document| document.document_element()) {
            // A failure here only means the size does not change; there is nothing better to do.
            let _ = root.set_attribute("data-text-size", size.key());
        }
        if let Ok(Some(storage)) = window.local_storage() {
            let _ = storage.set_item(STORAGE_KEY, size.key());
        }
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn stored_size() -> TextSize {
        TextSize::Default
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn apply_size(_size: TextSize) {}
}

#[cfg(test)]
mod tests {
    use super::TextSize;

    #[test]
    fn every_size_survives_a_round_trip_through_its_stored_key() {
        for size in [TextSize::Smaller, TextSize::Default, TextSize::Larger] {
            assert_eq!(TextSize::from_key(size.key()), size);
        }
    }

    #[test]
    fn an_unknown_stored_value_means_the_default_size() {
        assert_eq!(TextSize::from_key("huge"), TextSize::Default);
        assert_eq!(TextSize::from_key(""), TextSize::Default);
    }
}
