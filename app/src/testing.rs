//! Rendering the app to HTML in unit tests, as the server does for one request: the address picks the page, and the
//! [`RequestContext`] says who is looking. (Server rendering only: the router reads the address from the request.)

use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use vocabulary::{Role, UnitKind};

use crate::App;
use crate::request_context::{OfficerView, PendingActivation, RequestContext, UnitView, Visitor};

/// A page as the server would send it.
pub struct Rendered {
    /// The document's body (the head's title and links are collected separately by `leptos_meta`).
    pub html: String,
    /// The status the page set, if any (otherwise 200).
    pub status: Option<http::StatusCode>,
    /// The headers the page added.
    pub headers: http::HeaderMap,
}

/// The page at `path` (with its query) as HTML.
pub fn render(path: &str, context: RequestContext) -> Rendered {
    render_with_extensions(path, context, |_| ())
}

/// A component rather than a page, as the server would render it for `context` (at the address `path`).
pub fn render_view(path: &str, context: RequestContext, view: impl FnOnce() -> AnyView) -> Rendered {
    render_inside(path, context, |_| (), view)
}

/// The page at `path`, with `extend` adding to the request's extensions what the server's handler would.
fn render_with_extensions(path: &str, context: RequestContext, extend: impl FnOnce(&mut http::Extensions)) -> Rendered {
    render_inside(path, context, extend, || view! { <App /> }.into_any())
}

/// Renders `view` for a request of `path` whose extensions hold `context` and what `extend` adds.
fn render_inside(
    path: &str,
    context: RequestContext,
    extend: impl FnOnce(&mut http::Extensions),
    view: impl FnOnce() -> AnyView,
) -> Rendered {
    // As leptos_axum renders a request: a root owner with the server's shared context.
    let owner = Owner::new_root(Some(std::sync::Arc::new(hydration_context::SsrSharedContext::new())));
    let locale = context.locale;
    owner.with(|| {
        let (mut parts, ()) = http::Request::builder().uri(path).body(()).expect("a valid request").into_parts();
        parts.extensions.insert(context);
        extend(&mut parts.extensions);
        provide_context(parts);
        // As the shell does: the page's language is the context's.
        provide_context(locale);
        provide_context(RequestUrl::new(path));
        let (meta, _) = leptos_meta::ServerMetaContext::new();
        provide_context(meta);
        let response = leptos_axum::ResponseOptions::default();
        provide_context(response.clone());
        let html = view().to_html();
        let parts = response.0.read().expect("the response options are not poisoned");
        Rendered { html, status: parts.status, headers: parts.headers.clone() }
    })
}

/// `html` without the islands' serialized props (`data-props="…"`), which repeat the page's data for the browser:
/// what a person sees and hears.
pub fn without_island_props(html: &str) -> String {
    let mut shown = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" data-props=\"") {
        shown.push_str(&rest[..at]);
        let after = &rest[at + " data-props=\"".len()..];
        rest = after.find('"').map_or("", |end| &after[end + 1..]);
    }
    shown.push_str(rest);
    shown
}

/// Whether `html` has a link to `href` whose whole text is `text` (attributes after `href` are allowed).
pub fn has_link(html: &str, href: &str, text: &str) -> bool {
    let start = format!(r#"<a href="{href}""#);
    html.match_indices(&start).any(|(at, _)| {
        let rest = &html[at..];
        rest.find("</a>").is_some_and(|end| rest[..end].ends_with(&format!(">{text}")))
    })
}

/// A pending Digital ID account, as the session layer sees it.
pub fn pending(name_th: &str) -> Visitor {
    Visitor::PendingActivation(PendingActivation { name_th: name_th.to_owned(), csrf_token: "csrf-123".to_owned() })
}

/// An agency officer with a full unit chain and nothing else on record.
pub fn officer() -> OfficerView {
    let unit = |code: &str, name_th: &str, kind| UnitView {
        code: code.to_owned(),
        name_th: name_th.to_owned(),
        name_en: (code == "D1").then(|| "Department of Provincial Administration".to_owned()),
        kind,
    };
    OfficerView {
        name_th: "นางสาวทดลอง ใจดี".to_owned(),
        role: Role::Agency,
        unit_chain: vec![
            unit("D1-1", "สำนักทะเบียน", UnitKind::Division),
            unit("D1", "กรมการปกครอง", UnitKind::Department),
            unit("M1", "กระทรวงมหาดไทย", UnitKind::Ministry),
        ],
        citizen_id_masked: None,
        phone_number: None,
        email: None,
        activated_at: None,
        last_sign_in_at: None,
        previous_sign_in_at: None,
        central_officers: Vec::new(),
        csrf_token: "csrf-456".to_owned(),
    }
}
