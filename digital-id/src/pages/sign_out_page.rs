//! The sign-out confirmation ("ออกจากระบบ Digital ID?"): shown when a request to end the session does not carry an
//! ID token naming this session, so that no other page can sign the person out (and, through back-channel logout,
//! out of every application) by merely linking here.

use leptos::prelude::*;

use super::SignOutView;
use super::layout::{CardWidth, document};

/// Renders the confirmation page as a complete HTML document.
pub fn sign_out_page(view: SignOutView<'_>) -> String {
    let hidden = view
        .hidden
        .iter()
        .map(|(name, value)| view! { <input type="hidden" name=(*name).to_owned() value=(*value).to_owned() /> })
        .collect_view();
    let who = view.display_name.map(|name| {
        view! { <p class="lead">"คุณเข้าสู่ระบบอยู่ในชื่อ " <strong>{name.to_owned()}</strong></p> }
    });
    let asked_by = view.client_name.map(|name| {
        view! { <p>"คำขอนี้มาจาก " <strong>{name.to_owned()}</strong></p> }
    });
    let body = view! {
        <h1>"ออกจากระบบ Digital ID?"</h1>
        {who}
        {asked_by}
        <p>
            "เมื่อออกจากระบบ Digital ID แอปพลิเคชันที่คุณเข้าใช้งานผ่าน Digital ID ในเบราว์เซอร์นี้จะออกจากระบบด้วย "
            "หากคุณไม่ได้ตั้งใจออกจากระบบ ให้กดยกเลิก"
        </p>
        <form method="post" action=view.action.to_owned()>
            <input type="hidden" name="csrf" value=view.csrf_token.to_owned() />
            {hidden}
            <div class="actions">
                <button type="submit" class="button button-primary">"ออกจากระบบ"</button>
                <a class="button button-secondary" href="/">"ยกเลิก"</a>
            </div>
        </form>
    };
    document("ออกจากระบบ Digital ID?", CardWidth::Narrow, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_confirmation_posts_the_csrf_token_and_the_request_and_offers_a_way_back() {
        let html = sign_out_page(SignOutView {
            csrf_token: "csrf-token",
            action: "/Account/Logout",
            hidden: &[("state", "a\"b"), ("client_id", "info")],
            display_name: Some("นายทดสอบ ระบบ"),
            client_name: None,
        });
        assert!(html.contains("<h1>ออกจากระบบ Digital ID?</h1>"), "{html}");
        assert!(html.contains("<form method=\"post\" action=\"/Account/Logout\">"), "{html}");
        assert!(html.contains("name=\"csrf\" value=\"csrf-token\""), "{html}");
        assert!(html.contains("name=\"state\" value=\"a&quot;b\""), "{html}");
        assert!(html.contains("name=\"client_id\" value=\"info\""), "{html}");
        assert!(html.contains(">ยกเลิก</a>"), "{html}");
        assert!(html.contains("นายทดสอบ ระบบ"), "{html}");
    }
}
