//! The HTML document (`shell`, rendered only on the server) and the `App` with its routes.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, StaticSegment};

use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::i18n::use_text;
use crate::pages::accounts_page::AccountsPage;
use crate::pages::activation_page::ActivationPage;
use crate::pages::assurance_required_page::AssuranceRequiredPage;
use crate::pages::audit_page::AuditPage;
use crate::pages::consent_declined_page::ConsentDeclinedPage;
use crate::pages::digital_id_unavailable_page::DigitalIdUnavailablePage;
use crate::pages::home_page::HomePage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::officers_page::{OfficersNotice, OfficersPage};
use crate::pages::profile_page::ProfilePage;
use crate::pages::service_error_page::{ServiceError, ServiceErrorPage};
use crate::pages::sign_in_failed_page::SignInFailedPage;
use crate::pages::sign_in_page::SignInPage;
use crate::pages::tokens_page::TokensPage;
use crate::pages::units_page::UnitsPage;
use crate::paths::{
    ACCOUNTS_PAGE, ACTIVATED_PAGE, ACTIVATION_PAGE, ASSURANCE_REQUIRED_PAGE, AUDIT_PAGE, CONSENT_DECLINED_PAGE,
    DIGITAL_ID_UNAVAILABLE_PAGE, HOME_PAGE, OFFICERS_PAGE, PROFILE_PAGE, SERVICE_ERROR_PAGE, SIGN_IN_FAILED_PAGE,
    SIGN_IN_PAGE, SIGNED_OUT_PAGE, TOKENS_PAGE, UNITS_PAGE,
};
use crate::request_context::use_request_context;

/// The path of the officers' page, where `/` leads (kept for the pages that linked to it before `paths`).
pub use crate::paths::OFFICERS_PAGE as OFFICERS_PAGE_PATH;

/// The whole HTML document. Islands mode: only `#[island]` components load WASM, after the page is idle.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = use_request_context().locale;
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                // No favicon yet: an empty one keeps browsers from asking for /favicon.ico (a 404 on every page).
                <link rel="icon" href="data:," />
                <link
                    rel="preload"
                    href="/fonts/sarabun-thai-400-normal.woff2"
                    r#as="font"
                    r#type="font/woff2"
                    crossorigin=""
                />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: header, the routed page and footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let context = use_request_context();
    provide_context(context.locale);
    let text = use_text();
    let failure = context.failure;
    view! {
        <Stylesheet id="leptos" href="/pkg/info-backoffice.css" />
        <Title formatter=move |page: String| format_title(&page, text.product_name) />
        <a class="skip-link" href="#main-content">
            {text.skip_to_content}
        </a>
        <SiteHeader />
        <main id="main-content" class="page-width" tabindex="-1">
            // A failure of ours answering this request: the service-error content in place of the page (HTTP 500
            // or 503), at the page's own address.
            {match failure {
                Some(reference) => view! { <ServiceError reference=Some(reference) /> }.into_any(),
                None => {
                    view! {
                    <Router>
                        <Routes fallback=NotFoundPage>
                            <Route path=top_page(OFFICERS_PAGE) view=|| view! { <OfficersPage /> } />
                            <Route
                                path=sub_page(SIGNED_OUT_PAGE)
                                view=|| view! { <OfficersPage notice=OfficersNotice::SignedOut /> }
                            />
                            <Route
                                path=sub_page(ACTIVATED_PAGE)
                                view=|| view! { <OfficersPage notice=OfficersNotice::Activated /> }
                            />
                            <Route path=sub_page(SIGN_IN_PAGE) view=SignInPage />
                            <Route path=sub_page(CONSENT_DECLINED_PAGE) view=ConsentDeclinedPage />
                            <Route path=sub_page(SIGN_IN_FAILED_PAGE) view=SignInFailedPage />
                            <Route path=sub_page(ASSURANCE_REQUIRED_PAGE) view=AssuranceRequiredPage />
                            <Route path=sub_page(DIGITAL_ID_UNAVAILABLE_PAGE) view=DigitalIdUnavailablePage />
                            <Route path=sub_page(SERVICE_ERROR_PAGE) view=ServiceErrorPage />
                            <Route path=sub_page(ACTIVATION_PAGE) view=ActivationPage ssr=SsrMode::Async />
                            <Route path=sub_page(HOME_PAGE) view=HomePage ssr=SsrMode::Async />
                            <Route path=sub_page(PROFILE_PAGE) view=ProfilePage ssr=SsrMode::Async />
                            <Route path=sub_page(TOKENS_PAGE) view=TokensPage ssr=SsrMode::Async />
                            <Route path=sub_page(ACCOUNTS_PAGE) view=AccountsPage ssr=SsrMode::Async />
                            <Route path=sub_page(AUDIT_PAGE) view=AuditPage ssr=SsrMode::Async />
                            <Route path=sub_page(UNITS_PAGE) view=UnitsPage ssr=SsrMode::Async />
                        </Routes>
                    </Router>
                    }
                        .into_any()
                }
            }}
        </main>
        // The live region where in-place answers are said (outside <main>, which they replace).
        <p id=crate::components::in_place::ANNOUNCER_ID class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
        <SiteFooter />
    }
}

/// The route of a one-segment address such as `/backend`.
fn top_page(path: &'static str) -> StaticSegment<&'static str> {
    StaticSegment(path.trim_start_matches('/'))
}

/// The route of a two-segment address such as `/backend/sign-in`. A `StaticSegment` matches a single segment only,
/// so the address from `paths` is split at its second `/` (the tests check every page address round-trips).
fn sub_page(path: &'static str) -> (StaticSegment<&'static str>, StaticSegment<&'static str>) {
    let (section, page) = path.trim_start_matches('/').split_once('/').unwrap_or((path, ""));
    (StaticSegment(section), StaticSegment(page))
}

/// "Page – Product", or just the product's name when a page sets no title.
/// The document title. `leptos_meta` 0.8 copies it into the server's HTML as it is, so on the server it is escaped
/// here: a title can hold what an officer typed (the activation letter names the person), and `</title>` must not
/// end the element. In the browser it is set as `document.title`, plain text, so it is left alone there.
fn format_title(page: &str, product: &str) -> String {
    let title = if page.is_empty() { product.to_owned() } else { format!("{page} – {product}") };
    if cfg!(feature = "ssr") { escape_text(&title) } else { title }
}

/// `&`, `<` and `>` as character references: enough for the text of an element.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use leptos_router::PossibleRouteMatch;

    use super::{format_title, sub_page, top_page};
    use crate::paths::{OFFICERS_PAGE, PAGES};

    /// Every page but the officers' page, which is the one at the top level.
    fn sub_pages() -> impl Iterator<Item = &'static str> {
        PAGES.into_iter().map(|page| page.path).filter(|path| *path != OFFICERS_PAGE)
    }

    #[test]
    fn every_page_route_matches_exactly_its_address() {
        let matched = top_page(OFFICERS_PAGE).test(OFFICERS_PAGE).expect("the officers' page matches");
        assert_eq!((matched.matched(), matched.remaining()), (OFFICERS_PAGE, ""));
        for path in sub_pages() {
            let matched = sub_page(path).test(path).unwrap_or_else(|| panic!("{path} matches its route"));
            assert_eq!((matched.matched(), matched.remaining()), (path, ""), "{path}");
        }
    }

    #[test]
    fn a_page_route_does_not_match_another_page() {
        for path in sub_pages() {
            for other in sub_pages().filter(|other| *other != path) {
                assert!(sub_page(path).test(other).is_none(), "{path} must not match {other}");
            }
        }
    }

    #[test]
    fn a_page_title_is_followed_by_the_product_name() {
        assert_eq!(format_title("ไม่พบหน้า", "ศูนย์รวมข้อมูลบริการภาครัฐ"), "ไม่พบหน้า – ศูนย์รวมข้อมูลบริการภาครัฐ");
        assert_eq!(format_title("", "ศูนย์รวมข้อมูลบริการภาครัฐ"), "ศูนย์รวมข้อมูลบริการภาครัฐ");
    }
    #[cfg(feature = "ssr")]
    #[test]
    fn a_typed_name_cannot_end_the_title_element_on_the_server() {
        let title = format_title("Token สำหรับ </title><script>x</script> & co", "ศูนย์");
        assert_eq!(title, "Token สำหรับ &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; co – ศูนย์");
    }
}
