//! The page for a person whose Digital ID account is not proofed well enough (`?have=1.1&need=2.3&verified=0&id=1&
//! role=central`): their level, the level needed, and how to raise it at Digital ID (the ThaID app, the ID card's
//! laser code). Answered with HTTP 403; the query holds codes only, each read strictly, so a link cannot make the
//! page say anything else.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use vocabulary::Role;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::role_name::role_name;
use crate::i18n::use_text;
use crate::paths::SIGN_IN_PAGE;
use crate::request_context::use_request_context;

/// What the query says of the shortfall.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Shortfall {
    /// The account's level, `d.d`.
    have: Option<String>,
    /// The level needed, `d.d`.
    need: Option<String>,
    /// Digital ID says the citizen ID is verified.
    verified: bool,
    /// A verified citizen ID is needed too.
    needs_verified_id: bool,
    /// The role the person has or would have.
    role: Option<Role>,
}

/// A level as Digital ID writes it (`1.3`): one digit, a dot, one digit.
fn level(value: Option<String>) -> Option<String> {
    value.filter(|value| matches!(value.as_bytes(), [b'0'..=b'9', b'.', b'0'..=b'9']))
}

fn role(code: Option<String>) -> Option<Role> {
    Role::ALL.into_iter().find(|role| code.as_deref() == Some(role.code()))
}

fn query_shortfall() -> Shortfall {
    use_query_map().with_untracked(|query| Shortfall {
        have: level(query.get("have")),
        need: level(query.get("need")),
        verified: query.get("verified").as_deref() == Some("1"),
        needs_verified_id: query.get("id").as_deref() == Some("1"),
        role: role(query.get("role")),
    })
}

/// Tells the person their level, the level needed, and how to raise it; then to sign in again.
#[component]
pub fn AssuranceRequiredPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    let text = use_text();
    let shortfall = query_shortfall();
    let assurance_url = use_request_context().digital_id_assurance_url;
    let have = match &shortfall.have {
        Some(have) if have.as_str() < "1.3" => format!("{have} ({})", text.assurance_unproofed),
        Some(have) => have.clone(),
        None => text.assurance_have_unknown.to_owned(),
    };
    let need = shortfall.need.as_deref().map(|need| {
        let for_role = shortfall.role.map(|role| format!(" {}", (text.assurance_for_role)(role_name(role, text))));
        format!("{}{}", (text.assurance_or_higher)(need), for_role.unwrap_or_default())
    });
    // ThaID reaches every level; the laser code only up to 1.3, so it is offered only when that is enough.
    let laser_code_is_enough = shortfall.need.as_deref().is_none_or(|need| need <= "1.3");
    let verify_id = shortfall.needs_verified_id && !shortfall.verified;
    view! {
        <Title text=text.assurance_title />
        <h1>{text.assurance_title}</h1>
        <p class="lead">{text.assurance_body}</p>
        <dl class="summary-list summary-list--compact">
            <div class="summary-list__row">
                <dt class="summary-list__key">{text.assurance_have_label}</dt>
                <dd class="summary-list__value">{have}</dd>
            </div>
            {need
                .map(|need| {
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{text.assurance_need_label}</dt>
                            <dd class="summary-list__value">{need}</dd>
                        </div>
                    }
                })}
        </dl>
        {verify_id.then(|| view! { <p>{text.assurance_verify_citizen_id}</p> })}
        <h2>{text.assurance_how_heading}</h2>
        <ul>
            <li>{text.assurance_how_thaid}</li>
            {laser_code_is_enough.then(|| view! { <li>{text.assurance_how_laser_code}</li> })}
        </ul>
        <p>{text.assurance_then_sign_in}</p>
        <p class="actions">
            {assurance_url
                .map(|url| {
                    view! {
                        <a class="button" href=url>
                            {text.assurance_open_digital_id}
                        </a>
                    }
                })}
            <a class="button button--primary" href=SIGN_IN_PAGE>
                {text.sign_in}
            </a>
        </p>
        <p>{text.assurance_contact} " " <ContactCenterPhone /></p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::paths::{ASSURANCE_REQUIRED_PAGE, SIGN_IN_PAGE};
    use crate::request_context::RequestContext;
    use crate::testing::{Rendered, has_link, render};

    #[test]
    fn j3_an_unproofed_central_officer_is_forbidden_and_told_their_level_the_level_needed_and_how_to_raise_it() {
        let context = RequestContext {
            digital_id_assurance_url: Some("http://127.0.0.1:3002/Account/Assurance".into()),
            ..RequestContext::default()
        };
        let Rendered { html, status, .. } =
            render(&format!("{ASSURANCE_REQUIRED_PAGE}?have=1.1&need=2.3&verified=0&id=1&role=central"), context);
        assert_eq!(status, Some(http::StatusCode::FORBIDDEN));
        assert!(html.contains("ต้องยืนยันตัวตนกับ Digital ID ในระดับที่สูงขึ้น"), "{html}");
        assert!(html.contains("1.1 (ยังไม่ได้พิสูจน์ตัวตน)"), "{html}");
        assert!(html.contains("2.3 ขึ้นไป สำหรับเจ้าหน้าที่ส่วนกลาง"), "{html}");
        assert!(html.contains("ThaID"), "{html}");
        assert!(!html.contains("Laser ID"), "a laser code does not reach 2.3: {html}");
        assert!(html.contains("ต้องได้รับการยืนยันกับกรมการปกครอง"), "{html}");
        assert!(has_link(&html, "http://127.0.0.1:3002/Account/Assurance", "ยืนยันตัวตนที่ Digital ID"), "{html}");
        assert!(has_link(&html, SIGN_IN_PAGE, "เข้าสู่ระบบ"), "{html}");
    }

    #[test]
    fn j3_the_english_page_names_the_levels_and_the_role() {
        let context = RequestContext { locale: crate::i18n::Locale::En, ..RequestContext::default() };
        let Rendered { html, .. } = render(
            &format!("{ASSURANCE_REQUIRED_PAGE}?have=1.3&need=2.3&verified=1&id=0&role=contact_center"),
            context,
        );
        assert!(html.contains("Stronger identity proofing needed at Digital ID"), "{html}");
        assert!(html.contains("2.3 or higher (DGA Contact Center officer)"), "{html}");
        assert!(html.contains("ThaID app"), "{html}");
    }

    #[test]
    fn j3_an_agency_officer_is_offered_the_laser_code_too_and_odd_query_values_are_not_repeated() {
        let Rendered { html, .. } = render(
            &format!("{ASSURANCE_REQUIRED_PAGE}?have=%3Cb%3E&need=1.3&verified=1&role=agency"),
            RequestContext::default(),
        );
        assert!(html.contains("ไม่ทราบ (Digital ID ไม่ได้แจ้งระดับ)"), "{html}");
        assert!(html.contains("1.3 ขึ้นไป สำหรับเจ้าหน้าที่หน่วยงาน"), "{html}");
        assert!(html.contains("Laser ID"), "{html}");
        assert!(!html.contains("&lt;b&gt;") && !html.contains("<b>"), "{html}");
        assert!(!html.contains("กรมการปกครองผ่าน Digital ID ด้วย"), "no citizen-ID route: {html}");
    }
}
