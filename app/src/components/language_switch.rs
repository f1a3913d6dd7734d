//! The language switch in the header: one button naming the other language in that language ("English" on Thai
//! pages, "ภาษาไทย" on English ones). An `<ActionForm>` of
//! [`switch_language`](crate::api::language::switch_language), so without JavaScript it is a plain
//! `POST`: the server remembers the choice (a cookie, and the officer's record when signed in) and shows the same
//! page again.

use leptos::prelude::*;

use crate::api::language::SwitchLanguage;
use crate::i18n::Locale;
use crate::paths::{LANGUAGE_FIELD, RETURN_TO_FIELD};

/// The switch to the language not shown.
#[component]
pub fn LanguageSwitch(
    /// The language the page is in.
    locale: Locale,
    /// The address of the page (path and query), to come back to.
    return_to: String,
) -> impl IntoView {
    let other = locale.other();
    let action = ServerAction::<SwitchLanguage>::new();
    view! {
        <ActionForm action attr:class="language-switch">
            <input type="hidden" name=LANGUAGE_FIELD value=other.tag() />
            <input type="hidden" name=RETURN_TO_FIELD value=return_to />
            <button type="submit" class="language-switch__button" lang=other.tag()>
                <span aria-hidden="true">{other.own_name()}</span>
                <span class="visually-hidden">{other.switch_to_this()}</span>
            </button>
        </ActionForm>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::i18n::Locale;
    use crate::paths::{OFFICERS_PAGE, PROFILE_PAGE};
    use crate::request_context::{RequestContext, Visitor};
    use leptos::prelude::*;

    use crate::components::site_header::SiteHeader;
    use crate::testing::{Rendered, officer, render, render_view};

    #[test]
    fn a_thai_page_offers_english_and_comes_back_to_itself() {
        let context = RequestContext { path: PROFILE_PAGE.to_owned(), ..Default::default() };
        // The header of a signed-in page (the page's own content waits for its loader).
        let context = RequestContext { visitor: Visitor::Officer(officer()), ..context };
        let Rendered { html, .. } = render_view(PROFILE_PAGE, context, || view! { <SiteHeader /> }.into_any());
        assert!(html.contains(r#"action="/api/language" method="post""#), "{html}");
        assert!(html.contains(r#"name="lang" value="en""#), "{html}");
        assert!(html.contains(&format!(r#"name="return_to" value="{PROFILE_PAGE}""#)), "{html}");
        assert!(html.contains(r#"lang="en""#) && html.contains(">English<"), "{html}");
        assert!(html.contains("Change the language to English"));
    }

    #[test]
    fn an_english_page_is_in_english_and_offers_thai() {
        let context = RequestContext { locale: Locale::En, path: OFFICERS_PAGE.to_owned(), ..Default::default() };
        let Rendered { html, .. } = render(OFFICERS_PAGE, context);
        assert!(html.contains(Locale::En.text().officers_heading), "{html}");
        assert!(!html.contains(Locale::Th.text().officers_heading), "{html}");
        assert!(html.contains(r#"name="lang" value="th""#) && html.contains(">ภาษาไทย<"), "{html}");
        assert!(html.contains(r#"lang="th""#), "{html}");
    }
}
