//! The HTML document (`shell`, rendered only on the server) and the `App` with its routes.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::i18n::{Locale, use_text};
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::officers_page::OfficersPage;

/// The path of the officers' page, where `/` leads.
pub const OFFICERS_PAGE_PATH: &str = "/backend";

/// The whole HTML document. Islands mode: only `#[island]` components load WASM, after the page is idle.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = Locale::default();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
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
    provide_context(Locale::default());
    let text = use_text();
    view! {
        <Stylesheet id="leptos" href="/pkg/info-backoffice.css" />
        <Title formatter=move |page: String| format_title(&page, text.product_name) />
        <a class="skip-link" href="#main-content">
            {text.skip_to_content}
        </a>
        <SiteHeader />
        <main id="main-content" class="page-width" tabindex="-1">
            <Router>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/backend") view=OfficersPage />
                </Routes>
            </Router>
        </main>
        <SiteFooter />
    }
}

/// "Page – Product", or just the product's name when a page sets no title.
fn format_title(page: &str, product: &str) -> String {
    if page.is_empty() { product.to_owned() } else { format!("{page} – {product}") }
}

#[cfg(test)]
mod tests {
    use super::format_title;

    #[test]
    fn a_page_title_is_followed_by_the_product_name() {
        assert_eq!(format_title("ไม่พบหน้า", "ศูนย์รวมข้อมูลบริการภาครัฐ"), "ไม่พบหน้า – ศูนย์รวมข้อมูลบริการภาครัฐ");
        assert_eq!(format_title("", "ศูนย์รวมข้อมูลบริการภาครัฐ"), "ศูนย์รวมข้อมูลบริการภาครัฐ");
    }
}
