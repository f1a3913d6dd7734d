//! The consent page (`/consent`): what an application asks to read, and the choice ยินยอม / ไม่ยินยอม.

use leptos::prelude::*;

use super::ConsentView;
use super::layout::{CardWidth, document, hidden_inputs};

/// What a scope gives the application, in Thai; `None` for a scope this page does not know.
fn scope_description(scope: &str) -> Option<&'static str> {
    Some(match scope {
        "user_id" => "รหัสผู้ใช้งาน Digital ID",
        "citizen_id" => "เลขบัตรประจำตัวประชาชน",
        "citizen_id_verified" => "สถานะการยืนยันเลขบัตรประจำตัวประชาชน",
        "ial_level" => "ระดับความน่าเชื่อถือของการพิสูจน์ตัวตน (IAL)",
        "title" => "คำนำหน้าชื่อ",
        "given_name" => "ชื่อ",
        "family_name" => "นามสกุล",
        "middle_name" => "ชื่อกลาง",
        "preferred_username" => "ชื่อบัญชีผู้ใช้",
        "name" | "profile" => "ข้อมูลโปรไฟล์ (ชื่อ - นามสกุล)",
        "email" => "อีเมล",
        "email_verified" => "สถานะการยืนยันอีเมล",
        "phone_number" => "เบอร์โทรศัพท์มือถือ",
        "phone_number_verified" => "สถานะการยืนยันเบอร์โทรศัพท์มือถือ",
        "offline_access" => "การเข้าถึงข้อมูลต่อเนื่องแม้คุณไม่ได้ใช้งานอยู่",
        "member_type" => "ประเภทสมาชิก",
        "login_via" => "ช่องทางที่ใช้เข้าสู่ระบบ",
        "roles" => "บทบาทของผู้ใช้งาน",
        _ => return None,
    })
}

/// The lines to list for `scopes`: each scope's description (or its own name when unknown), without repeats.
fn requested_data(scopes: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for scope in scopes.iter().filter(|scope| scope.as_str() != "openid") {
        let line = scope_description(scope).map_or_else(|| scope.clone(), str::to_owned);
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines
}

/// Renders the consent page as a complete HTML document.
pub fn consent_page(view: ConsentView<'_>) -> String {
    let lines = requested_data(view.scopes);
    let requested = if lines.is_empty() {
        view! { <p>"การยืนยันตัวตนเท่านั้น (ไม่มีข้อมูลส่วนบุคคลอื่น)"</p> }.into_any()
    } else {
        let items = lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view();
        view! { <ul class="scope-list">{items}</ul> }.into_any()
    };
    let client_name = view.client_name.to_owned();
    let body = view! {
        <h1>"ขอความยินยอม"</h1>
        <p class="lead">
            <strong>{client_name.clone()}</strong>
            " ขอเข้าถึงข้อมูลของคุณ ("
            {view.display_name.to_owned()}
            ")"
        </p>
        <h2 class="section-heading">"ข้อมูลที่ขอเข้าถึง"</h2>
        {requested}
        <p class="note">
            "การให้ข้อมูลนี้เป็นไปตามนโยบายการใช้ข้อมูลของระบบ Digital ID หากเลือก “ไม่ยินยอม” "
            {client_name}
            " จะไม่ได้รับข้อมูลของคุณ และคุณจะไม่สามารถเข้าใช้งานได้"
        </p>
        <form method="post" action="/consent">
            {hidden_inputs(view.return_url, view.csrf_token)}
            <div class="actions">
                <button type="submit" name="decision" value="allow" class="button button-primary">
                    "ยินยอม"
                </button>
                <button type="submit" name="decision" value="deny" class="button button-secondary">
                    "ไม่ยินยอม"
                </button>
            </div>
        </form>
    };
    document("ขอความยินยอม", CardWidth::Narrow, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requested_data_is_described_in_thai_once_each_with_unknown_scopes_shown_as_named() {
        let scopes: Vec<String> =
            ["openid", "profile", "name", "citizen_id", "juristic_id"].into_iter().map(str::to_owned).collect();
        assert_eq!(requested_data(&scopes), ["ข้อมูลโปรไฟล์ (ชื่อ - นามสกุล)", "เลขบัตรประจำตัวประชาชน", "juristic_id"]);
    }

    #[test]
    fn the_consent_form_offers_allow_and_deny_as_two_submit_buttons() {
        let scopes = vec!["citizen_id".to_owned()];
        let html = consent_page(ConsentView {
            return_url: "/connect/authorize/callback?client_id=info",
            csrf_token: "csrf-token",
            client_name: "ระบบ <info>",
            display_name: "นางสาว สมหญิง ใจดี",
            scopes: &scopes,
        });
        assert!(html.contains("<form method=\"post\" action=\"/consent\">"), "{html}");
        assert!(html.contains("name=\"decision\" value=\"allow\""), "{html}");
        assert!(html.contains("name=\"decision\" value=\"deny\""), "{html}");
        assert!(html.contains("<strong>ระบบ &lt;info&gt;</strong>"), "{html}");
        assert!(html.contains("<li>เลขบัตรประจำตัวประชาชน</li>"), "{html}");
    }
}
