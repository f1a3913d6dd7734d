//! The English switch: pages are Thai until someone chooses English; the choice is kept by the browser (a cookie) and,
//! for a signed-in officer, on their record, so it follows them to another browser. The switch comes back only to our
//! own pages.

#[expect(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use app::i18n::Locale;
use app::paths::{HOME_PAGE, OFFICERS_PAGE, SIGN_IN_FAILED_PAGE, SIGN_IN_PAGE};

/// The language switch's server function (`app::api::language`).
const LANGUAGE_SWITCH: &str = "/api/language";
use axum::http::{StatusCode, header};
use domain::entities::officer;
use domain::entities::organisation_unit::UnitKind;
use sea_orm::EntityTrait;
use support::test_app::{Person, Reply, TestApp};

fn switch_to(locale: Locale, return_to: &str) -> [(&'static str, String); 2] {
    [("lang", locale.tag().to_owned()), ("return_to", return_to.to_owned())]
}

async fn switch(app: &mut TestApp, fields: &[(&str, String)]) -> Reply {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
    app.post(LANGUAGE_SWITCH, &fields).await
}

fn set_cookies(reply: &Reply) -> Vec<String> {
    reply.headers.get_all(header::SET_COOKIE).iter().map(|value| value.to_str().expect("ascii").to_owned()).collect()
}

fn is_in(reply: &Reply, locale: Locale) -> bool {
    reply.body.contains(&format!(r#"<html lang="{}""#, locale.tag()))
}

/// A central officer imported from CITIZENinfo, who gets in at the first sign-in.
async fn imported_officer(app: &TestApp) -> Person {
    app.add_unit("LANG-MIN", "กระทรวงทดสอบภาษา", UnitKind::Ministry, None).await;
    app.add_unit("LANG", "กรมทดสอบภาษา", UnitKind::Department, Some("LANG-MIN")).await;
    let person = app.person("ภาษา").await;
    app.import_officer_by_citizen_id(&person.citizen_id, "นางสาวภาษา ทดสอบระบบ", "LANG", "central").await;
    person
}

async fn preferred_locale(app: &TestApp) -> Option<String> {
    let officers = officer::Entity::find().all(&app.state.db).await.expect("officers");
    assert_eq!(officers.len(), 1);
    officers[0].preferred_locale.clone()
}

#[tokio::test]
async fn pages_are_thai_until_english_is_chosen_and_the_browser_remembers_the_choice() {
    let mut app = TestApp::start().await;
    let thai = app.get(SIGN_IN_PAGE).await;
    assert!(is_in(&thai, Locale::Th), "{thai:?}");
    assert!(thai.body.contains(r#"name="lang" value="en""#) && thai.body.contains(">English<"), "{thai:?}");
    assert!(thai.body.contains(&format!(r#"name="return_to" value="{SIGN_IN_PAGE}""#)), "{thai:?}");

    let reply = switch(&mut app, &switch_to(Locale::En, SIGN_IN_PAGE)).await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, SIGN_IN_PAGE), "{reply:?}");
    let cookies = set_cookies(&reply);
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let cookie = &cookies[0];
    assert!(cookie.starts_with("info_lang=en;"), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=31536000"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }

    let english = app.get(SIGN_IN_PAGE).await;
    assert!(is_in(&english, Locale::En), "{english:?}");
    assert!(english.body.contains(Locale::En.text().product_name), "{english:?}");
    assert!(!english.body.contains(Locale::Th.text().product_name), "{english:?}");
    assert!(english.body.contains(r#"name="lang" value="th""#), "{english:?}");
    // Every page, not just the one switched on; and back to Thai the same way.
    assert!(is_in(&app.get(OFFICERS_PAGE).await, Locale::En));
    assert!(is_in(&app.get("/no/such/page").await, Locale::En));
    let reply = switch(&mut app, &switch_to(Locale::Th, OFFICERS_PAGE)).await;
    assert_eq!(reply.location(), OFFICERS_PAGE);
    assert!(is_in(&app.get(OFFICERS_PAGE).await, Locale::Th));
    app.close().await;
}

#[tokio::test]
async fn the_switch_comes_back_to_the_same_page_with_its_query_and_never_to_another_site() {
    let mut app = TestApp::start().await;
    // A real refusal's page (a reference with its check: J12), as the officer would be looking at.
    let failed = app.get("/auth/callback?code=made-up&state=made-up").await.location().to_owned();
    assert!(failed.starts_with(&format!("{SIGN_IN_FAILED_PAGE}?reference=")), "{failed}");
    let page = app.get(&failed).await;
    assert!(page.body.contains(&format!(r#"name="return_to" value="{}""#, failed.replace('&', "&amp;"))), "{page:?}");
    let reply = switch(&mut app, &switch_to(Locale::En, &failed)).await;
    assert_eq!(reply.location(), failed, "the officer keeps the reference they may have to read out");

    for foreign in ["//evil.example/backend", "https://evil.example/", "/\\evil.example", "/auth/callback?code=x", ""] {
        let reply = switch(&mut app, &switch_to(Locale::En, foreign)).await;
        assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, OFFICERS_PAGE), "{foreign:?}");
    }
    app.close().await;
}

#[tokio::test]
async fn a_language_the_back_office_does_not_have_changes_nothing() {
    let mut app = TestApp::start().await;
    for lang in ["fr", "", "EN", "en\r\nSet-Cookie: x=1", "<script>"] {
        let fields = [("lang", lang.to_owned()), ("return_to", HOME_PAGE.to_owned())];
        let reply = switch(&mut app, &fields).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{lang:?}: {reply:?}");
        assert!(set_cookies(&reply).is_empty(), "{lang:?}: {reply:?}");
    }
    let reply = switch(&mut app, &[]).await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, OFFICERS_PAGE));
    // A planted cookie with an unknown language is Thai.
    app.cookies.insert("info_lang".into(), "xx".into());
    assert!(is_in(&app.get(OFFICERS_PAGE).await, Locale::Th));
    app.close().await;
}

#[tokio::test]
async fn an_officers_choice_is_kept_on_their_record_and_follows_them_to_another_browser() {
    let mut app = TestApp::start().await;
    let person = imported_officer(&app).await;
    let signed_in = app.sign_in(&person).await;
    assert_eq!(signed_in.location(), HOME_PAGE, "{signed_in:?}");
    assert_eq!(preferred_locale(&app).await, None, "nothing is kept until the officer chooses");

    let reply = switch(&mut app, &switch_to(Locale::En, HOME_PAGE)).await;
    assert_eq!(reply.location(), HOME_PAGE);
    assert_eq!(preferred_locale(&app).await.as_deref(), Some("en"));
    assert!(is_in(&app.get(HOME_PAGE).await, Locale::En));

    // Another browser, which has never chosen: Thai before signing in, the officer's English after.
    app.cookies.clear();
    assert!(is_in(&app.get(OFFICERS_PAGE).await, Locale::Th));
    app.sign_in(&person).await;
    assert!(is_in(&app.get(HOME_PAGE).await, Locale::En), "the choice came with the officer");
    // The record outranks a browser's cookie while signed in.
    app.cookies.insert("info_lang".into(), "th".into());
    assert!(is_in(&app.get(HOME_PAGE).await, Locale::En));
    let reply = switch(&mut app, &switch_to(Locale::Th, HOME_PAGE)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(preferred_locale(&app).await.as_deref(), Some("th"));
    assert!(is_in(&app.get(HOME_PAGE).await, Locale::Th));
    app.close().await;
}
