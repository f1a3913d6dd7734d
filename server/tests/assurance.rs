//! Identity assurance through the real router, against the Digital ID simulator: a citizen ID someone merely typed
//! at Digital ID makes nobody an officer — not an imported one, not through a Token bound to that citizen ID — and an
//! officer below their role's level is told what to do and let in only once Digital ID has proofed them.

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use axum::http::StatusCode;
use domain::entities::audit_event::{self, AuditEvent};
use domain::entities::officer::{self, Role};
use domain::entities::{activation_token, officer_session};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use support::test_app::{Reply, TestApp};

/// The name officers are imported with from CITIZENinfo here.
const IMPORTED: &str = "นางสาวสมศรี เดิม";

/// The audit log's entries of `event` that give `reason`.
async fn refusals(app: &TestApp, event: AuditEvent, reason: &str) -> Vec<audit_event::Model> {
    let entries = app.audit_events(event).await;
    entries.into_iter().filter(|entry| entry.reason.as_deref() == Some(reason)).collect()
}

async fn officer_sessions(app: &TestApp) -> u64 {
    officer_session::Entity::find()
        .filter(officer_session::Column::OfficerId.is_not_null())
        .count(&app.state.db)
        .await
        .expect("count")
}

/// Asserts the reply is the way to the assurance page with these codes, and that the page says them.
async fn assert_sent_to_assurance_page(app: &mut TestApp, reply: &Reply, have: &str, need: &str, role: &str) {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{reply:?}");
    let location = reply.location().to_owned();
    assert!(location.starts_with("/backend/assurance-required?"), "{location}");
    assert!(location.contains(&format!("have={have}&need={need}&")), "{location}");
    assert!(location.ends_with(&format!("&role={role}")), "{location}");
    let page = app.get(&location).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "{page:?}");
    assert!(page.body.contains("ต้องยืนยันตัวตนกับ Digital ID ในระดับที่สูงขึ้น"), "{}", page.body);
    assert!(page.body.contains(&format!("{need} ขึ้นไป")), "{}", page.body);
    assert!(page.body.contains("ThaID"), "{}", page.body);
}

#[tokio::test]
async fn j1_an_unproofed_account_with_an_imported_officers_citizen_id_gets_no_access_and_a_proofed_one_does() {
    let mut app = TestApp::start().await;
    app.unit_tree("DEPT").await;
    let officers_citizen_id = digital_id::testing::random_citizen_id();
    app.import_officer_by_citizen_id(&officers_citizen_id, IMPORTED, "DEPT-DIV", "agency").await;

    // Someone registers at Digital ID with the officer's citizen ID, as anyone can (IAL 1.1, not verified).
    let stranger = app.unproofed_person_with("แอบอ้าง", &officers_citizen_id).await;
    let reply = app.sign_in(&stranger).await;
    assert_sent_to_assurance_page(&mut app, &reply, "1.1", "1.3", "agency").await;
    assert!(app.session_cookie().is_none(), "no session of any kind");
    assert_eq!(app.get("/backend/home").await.location(), "/backend/sign-in");
    let imported = officer::Entity::find().one(&app.state.db).await.expect("query").expect("the officer");
    assert_eq!(imported.subject, None, "the officer is not bound to the stranger's account");
    let audited = refusals(&app, AuditEvent::SignInRefused, "assurance").await;
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert_eq!(audited[0].target_officer_id, Some(imported.id), "the central officers see whom it was about");

    // The same account, once Digital ID has checked the ID card's laser code (1.3), binds and gets in.
    app.set_assurance(&stranger, "1.3", true).await;
    let reply = app.sign_in(&stranger).await;
    assert_eq!(reply.location(), "/backend/home", "{reply:?}");
    assert_eq!(officer_sessions(&app).await, 1);
    app.close().await;
}

#[tokio::test]
async fn j1_j3_an_imported_central_officer_needs_the_thaid_level_and_gets_in_once_raised() {
    let mut app = TestApp::start().await;
    app.unit_tree("DEPT").await;
    let person = app.person_at("สมศรี", "1.3", true).await;
    app.import_officer_by_citizen_id(&person.citizen_id, IMPORTED, "DEPT", "central").await;
    let reply = app.sign_in(&person).await;
    assert_sent_to_assurance_page(&mut app, &reply, "1.3", "2.3", "central").await;
    let imported = officer::Entity::find().one(&app.state.db).await.expect("query").expect("the officer");
    assert_eq!(imported.subject, None, "a level too low for the role binds nothing");

    app.set_assurance(&person, "2.3", true).await;
    assert_eq!(app.sign_in(&person).await.location(), "/backend/home");
    app.close().await;
}

#[tokio::test]
async fn j3_a_bound_officer_below_their_roles_level_is_refused_at_every_sign_in_and_audited() {
    let mut app = TestApp::start().await;
    app.unit_tree("DEPT").await;
    let person = app.person("สมศรี").await;
    app.import_officer_by_citizen_id(&person.citizen_id, IMPORTED, "DEPT", "central").await;
    assert_eq!(app.sign_in(&person).await.location(), "/backend/home", "bound at 2.3");
    app.cookies.clear();

    // Digital ID now reports no level at all (say, the claim was not released): no access.
    app.set_assurance(&person, "", false).await;
    let reply = app.sign_in(&person).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(reply.location().starts_with("/backend/assurance-required?need=2.3&"), "{}", reply.location());
    let page = app.get(reply.location()).await;
    assert!(page.body.contains("ไม่ทราบ (Digital ID ไม่ได้แจ้งระดับ)"), "{}", page.body);
    assert_eq!(refusals(&app, AuditEvent::SignInRefused, "assurance").await.len(), 1);
    assert!(app.session_cookie().is_none());
    app.close().await;
}

#[tokio::test]
async fn j2_a_token_bound_to_a_citizen_id_does_not_activate_an_unproofed_account_carrying_it() {
    let mut app = TestApp::start().await;
    app.unit_tree("DEPT").await;
    let intended_citizen_id = digital_id::testing::random_citizen_id();
    let token = app.issue_token("DEPT-DIV", Role::Agency, Some(&intended_citizen_id)).await;

    let stranger = app.unproofed_person_with("แอบอ้าง", &intended_citizen_id).await;
    assert_eq!(app.sign_in(&stranger).await.location(), "/backend/activate", "a pending session, as anyone gets");
    let page = app.get("/backend/activate").await;
    let csrf = page.field("csrf_token").expect("the form's CSRF token");
    let reply = app.activate(&[("csrf_token", csrf.as_str()), ("token", &token.grouped())]).await;
    assert_sent_to_assurance_page(&mut app, &reply, "1.1", "1.3", "agency").await;
    assert!(app.session_cookie().is_none(), "the pending session ended: sign in again after raising the level");
    assert_eq!(officer::Entity::find().count(&app.state.db).await.expect("count"), 0);
    let row = activation_token::Entity::find().one(&app.state.db).await.expect("query").expect("the Token");
    assert_eq!((row.used_at, row.revoked_at, row.failed_identity_attempts), (None, None, 0), "the Token is untouched");
    assert_eq!(refusals(&app, AuditEvent::TokenRefused, "assurance").await.len(), 1);

    // Once Digital ID has checked the laser code (the person it was meant for), the same Token works.
    app.set_assurance(&stranger, "1.3", true).await;
    assert_eq!(app.sign_in(&stranger).await.location(), "/backend/activate");
    let page = app.get("/backend/activate").await;
    let csrf = page.field("csrf_token").expect("the form's CSRF token");
    let reply = app.activate(&[("csrf_token", csrf.as_str()), ("token", &token.grouped())]).await;
    assert_eq!(reply.location(), "/backend/activated", "{reply:?}");
    app.close().await;
}
