//! The officers' page (เว็บไซต์สำหรับเจ้าหน้าที่) at `/backend`: what the back office is, the "เข้าสู่ระบบ" button,
//! Digital ID registration, and how officers get access. The signed-out and activated addresses show the same page
//! with a banner saying what just happened.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::login_forms::RegisterDigitalIdForm;
use crate::components::notification_banner::NotificationBanner;
use crate::components::session_timeout::{WHY_IDLE, WHY_LIMIT};
use crate::i18n::use_text;
use crate::paths::{ACTIVATION_PAGE, HOME_PAGE, SIGN_IN_PAGE, fields};
use crate::request_context::{Visitor, use_request_context};
use leptos_router::hooks::use_query_map;

/// What the officers' page tells the officer about what just happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OfficersNotice {
    /// Nothing: the plain officers' page.
    #[default]
    None,
    /// The officer has just signed out.
    SignedOut,
    /// The identity confirmation succeeded: sign in with Digital ID again.
    Activated,
}

/// The page every officer starts from.
#[component]
pub fn OfficersPage(
    /// The banner to show above the heading, if any.
    #[prop(optional)]
    notice: OfficersNotice,
) -> impl IntoView {
    let text = use_text();
    let banner = match notice {
        OfficersNotice::None => None,
        OfficersNotice::SignedOut => {
            // Signed out by the session-timeout dialog: say why (only these codes are read from the address).
            let why = use_query_map().with_untracked(|query| query.get(fields::WHY));
            let (heading, body) = match why.as_deref() {
                Some(WHY_IDLE) => (text.signed_out_idle_heading, text.signed_out_idle_body),
                Some(WHY_LIMIT) => (text.signed_out_limit_heading, text.signed_out_limit_body),
                _ => (text.signed_out_heading, text.signed_out_body),
            };
            Some(view! {
                <NotificationBanner heading_id="notice-heading" heading=heading>
                    <p>{body}</p>
                </NotificationBanner>
            })
        }
        OfficersNotice::Activated => Some(view! {
            <NotificationBanner heading_id="notice-heading" heading=text.activated_heading>
                <p>{text.activated_body}</p>
            </NotificationBanner>
        }),
    };
    // Someone already signed in is offered the way onwards instead of signing in again.
    let start = match use_request_context().visitor {
        Visitor::Officer(_) => view! {
            <p class="actions">
                <a class="button button--primary" href=HOME_PAGE>
                    {text.go_to_home}
                </a>
            </p>
        }
        .into_any(),
        Visitor::PendingActivation(_) => view! {
            <p class="actions">
                <a class="button button--primary" href=ACTIVATION_PAGE>
                    {text.continue_activation}
                </a>
            </p>
        }
        .into_any(),
        Visitor::Anonymous => view! {
            <p class="actions">
                <a class="button button--primary button--large" href=SIGN_IN_PAGE>
                    {text.sign_in}
                </a>
            </p>
            <RegisterDigitalIdForm />
        }
        .into_any(),
    };
    view! {
        <Title text=text.officers_heading />
        {banner}
        <h1>{text.officers_heading}</h1>
        <p class="lead">{text.officers_intro}</p>
        {start}
        <section class="panel" aria-labelledby="access-heading">
            <h2 id="access-heading">{text.access_heading}</h2>
            <ul class="list">
                <li>
                    {text.access_central_officers} " (" <ContactCenterPhone /> ")"
                </li>
                <li>{text.access_unit_officers}</li>
            </ul>
            <p class="hint">{text.access_wrong_rights}</p>
        </section>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::paths::{ACTIVATED_PAGE, HOME_PAGE, LOGIN, OFFICERS_PAGE, SIGN_IN_PAGE, SIGNED_OUT_PAGE};
    use crate::request_context::{RequestContext, Visitor};
    use crate::testing::{Rendered, has_link, officer, render};

    #[test]
    fn the_officers_page_offers_sign_in_and_digital_id_registration() {
        let Rendered { html, status, .. } = render(OFFICERS_PAGE, RequestContext::default());
        assert_eq!(status, None);
        assert!(has_link(&html, SIGN_IN_PAGE, "เข้าสู่ระบบ"), "{html}");
        assert!(html.contains(&format!(r#"action="{LOGIN}""#)));
        assert!(html.contains(r#"name="intent" value="register""#));
        assert!(html.contains("ลงทะเบียน Digital ID"));
        assert!(!html.contains("notification-banner"));
    }

    #[test]
    fn signing_out_and_activating_show_their_banners_on_the_officers_page() {
        let Rendered { html, .. } = render(SIGNED_OUT_PAGE, RequestContext::default());
        assert!(html.contains(r#"role="status""#) && html.contains("ท่านได้ออกจากระบบเรียบร้อยแล้ว"), "{html}");
        let Rendered { html, .. } = render(ACTIVATED_PAGE, RequestContext::default());
        assert!(html.contains("ยืนยันตัวตนสำเร็จ") && html.contains("เข้าสู่ระบบด้วย Digital ID อีกครั้ง"), "{html}");
        assert!(has_link(&html, SIGN_IN_PAGE, "เข้าสู่ระบบ"));
    }

    #[test]
    fn a_signed_in_officer_is_offered_the_home_page_instead_of_signing_in() {
        let Rendered { html, .. } =
            render(OFFICERS_PAGE, RequestContext { visitor: Visitor::Officer(officer()), ..Default::default() });
        assert!(has_link(&html, HOME_PAGE, "ไปยังหน้าแรก"));
        assert!(!html.contains(&format!(r#"href="{SIGN_IN_PAGE}""#)));
    }
}
