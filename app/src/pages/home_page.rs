//! The first page after signing in (หน้าแรก): who the officer is here, what their role is for, and whom to ask. The
//! data comes from the [`officer_record`] server function.

use leptos::prelude::*;
use leptos_meta::Title;
use vocabulary::Role;

use crate::api::officer::officer_record;
use crate::components::admin_nav::AdminNav;
use crate::components::app_failure::loaded;
use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::contact_list::ContactList;
use crate::components::role_name::role_name;
use crate::components::unit_chain::UnitChain;
use crate::i18n::admin::use_admin_text;
use crate::i18n::{Text, use_text};
use crate::paths::PROFILE_PAGE;
use crate::request_context::OfficerView;

/// The home page: the signed-in officer from the server, then [`HomeView`].
#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |()| officer_record());
    loaded(data, |officer| view! { <HomeView officer /> })
}

/// Greets the officer, names their unit and role, says what the role is responsible for, links to the profile,
/// and lists the central officers to contact about Tokens and rights.
#[component]
pub fn HomeView(
    /// The signed-in officer.
    officer: OfficerView,
) -> impl IntoView {
    let text = use_text();
    let heading = match officer.name_th.trim() {
        "" => text.home_title.to_owned(),
        name => (text.hello)(name),
    };
    // Whom to ask about one's own access: agency and service-point officers ask their department's central
    // officers; central officers ask the DGA Contact Center; Contact Center staff are the ones others call.
    let central_officers = match officer.role {
        Role::ContactCenter => None,
        Role::Central => Some(
            view! {
                <section class="panel" aria-labelledby="central-officers-heading">
                    <h2 id="central-officers-heading">{text.central_rights_heading}</h2>
                    <p>{text.central_rights_body} " " <ContactCenterPhone /></p>
                </section>
            }
            .into_any(),
        ),
        Role::Agency | Role::ServicePoint => Some(
            view! {
                <section class="panel" aria-labelledby="central-officers-heading">
                    <h2 id="central-officers-heading">{text.your_central_officers}</h2>
                    <p>{text.your_central_officers_intro}</p>
                    <ContactList contacts=officer.central_officers />
                </section>
            }
            .into_any(),
        ),
    };
    // Contact Center staff and central officers manage Tokens and officers: their pages are linked first.
    let administration = matches!(officer.role, Role::ContactCenter | Role::Central).then(|| {
        let admin_text = use_admin_text();
        view! {
            <section class="panel" aria-labelledby="administration-heading">
                <h2 id="administration-heading">{admin_text.home_admin_heading}</h2>
                <AdminNav current=None />
            </section>
        }
    });
    view! {
        <Title text=text.home_title />
        <h1>{heading}</h1>
        <dl class="summary-list summary-list--compact">
            <div class="summary-list__row">
                <dt class="summary-list__key">{text.field_role}</dt>
                <dd class="summary-list__value">{role_name(officer.role, text)}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{text.field_unit}</dt>
                <dd class="summary-list__value">
                    {if officer.unit_chain.is_empty() {
                        view! { <span class="no-data">{text.no_data}</span> }.into_any()
                    } else {
                        view! { <UnitChain units=officer.unit_chain /> }.into_any()
                    }}
                </dd>
            </div>
        </dl>
        {administration}
        <section class="panel" aria-labelledby="what-next-heading">
            <h2 id="what-next-heading">{text.home_what_next_heading}</h2>
            <p>{duty(officer.role, text)}</p>
            <p>
                <a href=PROFILE_PAGE>{text.view_profile}</a>
            </p>
        </section>
        {central_officers}
    }
}

/// What the role is responsible for, as the specification describes it.
fn duty(role: Role, text: &Text) -> &'static str {
    match role {
        Role::ContactCenter => text.duty_contact_center,
        Role::Central => text.duty_central,
        Role::Agency | Role::ServicePoint => text.duty_unit,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;
    use vocabulary::Role;

    use super::HomeView;
    use crate::components::site_header::SiteHeader;
    use crate::paths::{ACCOUNTS_PAGE, AUDIT_PAGE, HOME_PAGE, PROFILE_PAGE, TOKENS_PAGE, UNITS_PAGE};
    use crate::request_context::{OfficerView, RequestContext, Visitor};
    use crate::testing::{Rendered, has_link, officer, render_view};

    /// The home page's content for `officer`, signed in.
    fn show(officer: OfficerView) -> Rendered {
        let context = RequestContext { visitor: Visitor::Officer(officer.clone()), ..Default::default() };
        render_view(HOME_PAGE, context, move || view! { <HomeView officer /> }.into_any())
    }

    #[test]
    fn the_home_page_greets_the_officer_with_their_unit_role_and_profile_link() {
        let Rendered { html, status, .. } = show(officer());
        assert_eq!(status, None);
        assert!(html.contains("สวัสดี นางสาวทดลอง ใจดี"));
        assert!(html.contains("สำนักทะเบียน") && html.contains("กระทรวงมหาดไทย"));
        assert!(html.contains("เจ้าหน้าที่หน่วยงาน"));
        assert!(has_link(&html, PROFILE_PAGE, "ดูข้อมูลส่วนตัว"));
        // No central officer on record: the DGA Contact Center instead.
        assert!(html.contains(r#"href="tel:+6626126060""#));
    }

    #[test]
    fn the_header_shows_the_officers_name_menu_with_profile_and_logout() {
        // The header is the app's, around every page, and knows the officer from the session (not from the page's
        // server function).
        let context = RequestContext { visitor: Visitor::Officer(officer()), ..Default::default() };
        let Rendered { html, .. } = render_view(HOME_PAGE, context, || view! { <SiteHeader /> }.into_any());
        assert!(html.contains(r#"<details class="name-menu">"#), "{html}");
        assert!(has_link(&html, PROFILE_PAGE, "Profile") && html.contains(">Logout</button>"));
        assert!(html.contains(r#"name="csrf_token" value="csrf-456""#));
        assert!(html.contains(&format!(r#"<a href="{HOME_PAGE}" class="site-header__brand">"#)), "{html}");
    }

    #[test]
    fn a_central_officer_is_pointed_to_the_dga_contact_center_not_to_central_officers() {
        let mut central = officer();
        central.role = Role::Central;
        let Rendered { html, .. } = show(central);
        assert!(html.contains("แก้ไขสิทธิ์การเข้าใช้งานผ่าน DGA Contact Center"), "{html}");
        assert!(!html.contains("เจ้าหน้าที่ส่วนกลางต้นสังกัด"), "a central officer has no parent central officer");
    }

    #[test]
    fn central_officers_and_contact_center_staff_are_linked_to_their_administration_pages() {
        let mut central = officer();
        central.role = Role::Central;
        let Rendered { html, .. } = show(central);
        assert!(has_link(&html, TOKENS_PAGE, "จัดการ Token"), "{html}");
        assert!(has_link(&html, ACCOUNTS_PAGE, "บัญชีเจ้าหน้าที่") && html.contains(AUDIT_PAGE));
        assert!(!html.contains(UNITS_PAGE), "the organisation tree is the Contact Center's");
        assert!(!html.contains(r#"aria-current="page""#), "no administration page is the current one");

        let mut staff = officer();
        staff.role = Role::ContactCenter;
        let Rendered { html, .. } = show(staff);
        assert!(has_link(&html, UNITS_PAGE, "โครงสร้างหน่วยงาน"));
    }

    #[test]
    fn an_agency_officer_is_not_offered_administration_pages() {
        let Rendered { html, .. } = show(officer());
        assert!(!html.contains(TOKENS_PAGE) && !html.contains("เมนูผู้ดูแลระบบ"));
    }
}
