//! The sign-in page (`/Account/Login`): a username or citizen ID and a password.

use leptos::prelude::*;

use super::LoginView;
use super::layout::{CardWidth, document, hidden_inputs};

/// The id of the failed attempt's message, which both inputs point to with `aria-describedby`.
const ERROR_ID: &str = "login-error";

/// Renders the sign-in page as a complete HTML document.
pub fn login_page(view: LoginView<'_>) -> String {
    let has_error = view.error.is_some();
    let invalid = has_error.then_some("true");
    let described_by = has_error.then_some(ERROR_ID);
    let body = view! {
        <h1>"เข้าสู่ระบบ Digital ID"</h1>
        {view.client_name.map(|name| view! {
            <p class="lead">"เพื่อเข้าใช้งาน " <strong>{name.to_owned()}</strong></p>
        })}
        {view.notice.map(|notice| view! {
            <div class="notice" role="status">
                <p>{notice.to_owned()}</p>
            </div>
        })}
        {view.error.map(|error| view! {
            <div class="alert" role="alert" id=ERROR_ID>
                <p>{error.to_owned()}</p>
            </div>
        })}
        <form method="post" action="/Account/Login">
            {hidden_inputs(view.return_url, view.csrf_token)}
            <div class="field">
                <label for="login">"ชื่อบัญชีผู้ใช้ หรือ เลขบัตรประจำตัวประชาชน"</label>
                <input
                    type="text"
                    id="login"
                    name="login"
                    value=view.login.to_owned()
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    aria-invalid=invalid
                    aria-describedby=described_by
                />
            </div>
            <div class="field">
                <label for="password">"รหัสผ่าน"</label>
                <input
                    type="password"
                    id="password"
                    name="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=invalid
                    aria-describedby=described_by
                />
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary">"เข้าสู่ระบบ"</button>
            </div>
        </form>
        <p class="alternative">
            "ยังไม่มีบัญชี Digital ID? " <a href=view.register_href.to_owned()>"ลงทะเบียน"</a>
        </p>
    };
    document("เข้าสู่ระบบ", CardWidth::Narrow, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view<'a>(login: &'a str, error: Option<&'a str>) -> LoginView<'a> {
        LoginView {
            return_url: "/connect/authorize/callback?client_id=info&state=\"x\"",
            csrf_token: "csrf-token",
            login,
            error,
            notice: None,
            client_name: Some("ระบบศูนย์รวมข้อมูลบริการภาครัฐ"),
            register_href: "/Account/Register?ReturnUrl=%2Fconnect",
        }
    }

    #[test]
    fn the_sign_in_page_is_a_complete_thai_document_that_says_it_is_a_simulator() {
        let html = login_page(view("", None));
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"th\">"), "{html}");
        assert!(html.contains("ไม่ใช่ Digital ID จริง"), "{html}");
        assert!(html.contains("เพื่อเข้าใช้งาน <strong>ระบบศูนย์รวมข้อมูลบริการภาครัฐ</strong>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn what_was_typed_and_the_return_url_are_escaped() {
        let html = login_page(view("a\"><script>alert(1)</script>", None));
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("value=\"a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), "{html}");
        assert!(html.contains("client_id=info&amp;state=&quot;x&quot;"), "{html}");
    }

    #[test]
    fn a_failed_attempt_is_announced_and_described_on_both_inputs() {
        let html = login_page(view("somchai", Some("ชื่อบัญชีผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")));
        assert!(html.contains("role=\"alert\" id=\"login-error\""), "{html}");
        assert_eq!(html.matches("aria-invalid=\"true\" aria-describedby=\"login-error\"").count(), 2, "{html}");
    }

    #[test]
    fn without_an_error_the_inputs_are_not_marked_invalid() {
        let html = login_page(view("", None));
        assert!(!html.contains("aria-invalid"), "{html}");
        assert!(!html.contains("role=\"alert\""), "{html}");
    }
}
