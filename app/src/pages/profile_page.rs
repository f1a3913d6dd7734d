//! The officer's profile (ข้อมูลส่วนตัว), reached from "Profile" in the name menu: who they are, where they work,
//! their role and when they signed in, as a description list. The data comes from the [`officer_record`] server
//! function.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use vocabulary::Role;

use crate::api::officer::officer_record;
use crate::components::app_failure::loaded;
use crate::components::role_name::role_name;
use crate::components::unit_chain::UnitChain;
use crate::i18n::{Locale, use_locale, use_text};
use crate::request_context::OfficerView;
use crate::thai_date::{datetime_attribute, format_date_time};

/// The profile page: the signed-in officer from the server, then [`ProfileView`].
#[component]
pub fn ProfilePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |()| officer_record());
    loaded(data, |officer| view! { <ProfileView officer /> })
}

/// The officer's details; a muted "ไม่มีข้อมูล" stands for anything not on record.
#[component]
pub fn ProfileView(
    /// The signed-in officer.
    officer: OfficerView,
) -> impl IntoView {
    let text = use_text();
    let locale = use_locale();
    let no_data = move || view! { <span class="no-data">{text.no_data}</span> }.into_any();
    let plain = move |value: Option<String>| match value.filter(|value| !value.trim().is_empty()) {
        Some(value) => view! { {value} }.into_any(),
        None => no_data(),
    };
    let name = match officer.name_th.trim() {
        "" => no_data(),
        name => view! {
            {name.to_owned()}
            " "
            <span class="summary-list__source">{text.from_digital_id}</span>
        }
        .into_any(),
    };
    let email = match officer.email.filter(|email| !email.trim().is_empty()) {
        Some(email) => {
            let href = format!("mailto:{email}");
            view! { <a href=href>{email}</a> }.into_any()
        }
        None => no_data(),
    };
    let unit = if officer.unit_chain.is_empty() {
        no_data()
    } else {
        view! { <UnitChain units=officer.unit_chain /> }.into_any()
    };
    let when = move |at: Option<DateTime<Utc>>| match at {
        Some(at) => moment(at, locale),
        None => no_data(),
    };
    let officer_role = officer.role;
    let rows = [
        (text.field_name, name),
        (text.field_citizen_id, plain(officer.citizen_id_masked)),
        (text.field_phone, plain(officer.phone_number)),
        (text.field_email, email),
        (text.field_unit, unit),
        (text.field_role, view! { {role_name(officer.role, text)} }.into_any()),
        (text.field_activated_at, when(officer.activated_at)),
        (text.field_last_sign_in, when(officer.last_sign_in_at)),
        (text.field_previous_sign_in, when(officer.previous_sign_in_at)),
    ]
    .into_iter()
    .map(|(key, value)| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{key}</dt>
                <dd class="summary-list__value">{value}</dd>
            </div>
        }
    })
    .collect_view();
    view! {
        <Title text=text.profile_title />
        <h1>{text.profile_title}</h1>
        <dl class="summary-list">{rows}</dl>
        <p class="hint">{text.profile_source_note}</p>
        <p class="hint">
            {match officer_role {
                Role::Central | Role::ContactCenter => text.central_rights_body,
                Role::Agency | Role::ServicePoint => text.access_wrong_rights,
            }}
        </p>
    }
}

/// A moment as a `<time>` element: readable Bangkok time, machine-readable in its `datetime`.
fn moment(at: DateTime<Utc>, locale: Locale) -> AnyView {
    view! { <time datetime=datetime_attribute(at)>{format_date_time(at, locale)}</time> }.into_any()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::{TimeZone, Utc};
    use leptos::prelude::*;

    use super::ProfileView;
    use crate::paths::PROFILE_PAGE;
    use crate::request_context::{OfficerView, RequestContext, Visitor};
    use crate::testing::{Rendered, officer, render_view};

    /// The profile's content for `officer`, signed in, in `locale`.
    fn show(officer: OfficerView, locale: crate::i18n::Locale) -> Rendered {
        let context = RequestContext { visitor: Visitor::Officer(officer.clone()), locale, ..Default::default() };
        render_view(PROFILE_PAGE, context, move || {
            // The app provides the language to everything inside it; a view rendered alone gets it here.
            provide_context(locale);
            view! { <ProfileView officer /> }.into_any()
        })
    }

    #[test]
    fn the_profile_lists_the_officers_details_with_thai_dates() {
        let mut officer = officer();
        officer.citizen_id_masked = Some("1-1017-xxxxx-03-0".to_owned());
        officer.last_sign_in_at = Utc.with_ymd_and_hms(2026, 12, 3, 6, 45, 0).single();
        let Rendered { html, status, .. } = show(officer, crate::i18n::Locale::Th);
        assert_eq!(status, None);
        assert!(html.contains("<dl"));
        assert!(html.contains("1-1017-xxxxx-03-0"));
        assert!(html.contains("3 ธันวาคม 2569 เวลา 13:45 น."), "{html}");
        assert!(html.contains(r#"datetime="2026-12-03T13:45+07:00""#));
        assert!(html.contains("ไม่มีข้อมูล"), "missing values are marked");
    }

    #[test]
    fn a4_the_e_mail_digital_id_gave_is_shown_as_a_link() {
        let mut officer = officer();
        officer.email = Some("somchai.t@dopa.go.th".to_owned());
        let Rendered { html, .. } = show(officer, crate::i18n::Locale::Th);
        assert!(html.contains(r#"href="mailto:somchai.t@dopa.go.th""#), "{html}");
    }

    #[test]
    fn in_english_units_go_by_their_english_names_and_by_their_thai_ones_when_they_have_none() {
        let Rendered { html, .. } = show(officer(), crate::i18n::Locale::En);
        assert!(html.contains("Department of Provincial Administration"), "{html}");
        assert!(!html.contains("กรมการปกครอง"), "{html}");
        assert!(html.contains("สำนักทะเบียน"), "no English name: the Thai one: {html}");
    }
}
