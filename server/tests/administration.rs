//! Delegated administration through the real router: DGA Contact Center staff issue a central officer's Token,
//! the central officer activates and issues Tokens for their subtree, revokes one, manages officers and reads the
//! audit log — and cannot see or act outside their department, whatever they post.

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use app::administration::FormProblem;
use app::app_error::AppError;
use app::i18n::admin::ADMIN_TH;
use axum::http::{StatusCode, header};
use chrono::Utc;
use domain::activation::{ActivationToken, RedeemError, RedeemFailure};
use domain::entities::audit_event::{self, AuditEvent};
use domain::testing::TestDatabase;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::test_app::{Jar, Person, Reply, TestApp};

/// Where a signed-in officer lands.
const HOME: &str = "/backend/home";

/// The grouped Token on an issue response (`XXXX-XXXX-…`, seven groups of Crockford base32).
fn token_on(page: &Reply) -> ActivationToken {
    let grouped = page.grouped_token().unwrap_or_else(|| panic!("no Token on the page: {}", page.body));
    ActivationToken::parse(&grouped).expect("a well-formed Token")
}

/// Issues a Token on the Tokens page as the officer whose cookies are in `app`: the Tokens page the form was sent
/// back to (showing the Token once), or the refused form's answer.
async fn issue(app: &mut TestApp, role: &str, unit: &str, person: &Person, name: &str) -> Reply {
    let csrf = app.get("/backend/tokens").await.field("csrf_token").expect("the issue form");
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("role", role),
        ("unit", unit),
        ("citizen_id", person.citizen_id.as_str()),
        ("name", name),
        ("reference", "มท 0309.1/ว 1234"),
        ("lifetime_days", "7"),
    ];
    let posted = app.post("/api/tokens/issue", &fields).await;
    shown_after(app, posted).await
}

/// The Tokens page a successful issue or re-issue was sent back to (`303` to the page itself: the Token is never in
/// the URL); a refusal as it came.
async fn shown_after(app: &mut TestApp, posted: Reply) -> Reply {
    if posted.refusal().is_some() {
        return posted;
    }
    assert_eq!((posted.status, posted.location()), (StatusCode::SEE_OTHER, "/backend/tokens"), "{posted:?}");
    let page = app.get("/backend/tokens").await;
    let token = token_on(&page).grouped();
    assert!(!posted.body.contains(&token) && !posted.body.contains(&token.replace('-', "")), "{posted:?}");
    page
}

/// Activates `token` as `person` in a fresh browser, then signs in again; returns the browser's cookies.
async fn activate(app: &mut TestApp, person: &Person, token: &ActivationToken) -> Jar {
    app.cookies.clear();
    assert_eq!(app.sign_in(person).await.location(), "/backend/activate");
    let csrf = app.get("/backend/activate").await.field("csrf_token").expect("the Token form");
    let activated = app.activate(&[("csrf_token", &csrf), ("token", &token.grouped())]).await;
    assert_eq!(activated.location(), "/backend/activated", "{activated:?}");
    app.sign_in_afresh(person, HOME).await;
    std::mem::take(&mut app.cookies)
}

#[tokio::test]
async fn e9_g8_g14_g15_tokens_flow_from_the_contact_center_to_a_service_point_within_scope_on_sqlite() {
    delegated_administration(TestApp::start().await.with_sample_tree().await).await;
}

#[tokio::test]
async fn e9_g8_g14_g15_tokens_flow_from_the_contact_center_to_a_service_point_within_scope_on_postgresql() {
    let Some(database) = TestDatabase::postgres().await else {
        eprintln!("TEST_DATABASE_URL is unset: skipped");
        return;
    };
    delegated_administration(TestApp::start_on(database).await.with_sample_tree().await).await;
}

async fn delegated_administration(mut app: TestApp) {
    let staff = app.contact_center_staff().await;
    let central = app.person("ปกครอง").await;
    let other_central = app.person("ที่ดิน").await;
    let service_point = app.person("ทะเบียน").await;
    let revoked_person = app.person("ยกเลิก").await;
    app.import_officer(&other_central, "นายที่ดิน ทดสอบระบบ", "DOL", "central").await;

    // DGA Contact Center staff issue the central officer's Token for the Department of Provincial Administration.
    app.sign_in_afresh(&staff, HOME).await;
    let issued = issue(&mut app, "central", "DOPA", &central, "นายปกครอง ทดสอบระบบ").await;
    assert_eq!(issued.status, StatusCode::OK, "{issued:?}");
    assert_eq!(issued.headers[header::CACHE_CONTROL], "no-store");
    let central_token = token_on(&issued);
    assert!(issued.body.contains("กรมการปกครอง"), "the letter names the unit");
    assert!(!issued.body.contains(&central.citizen_id), "the citizen ID is shown masked only");
    let listed = app.get("/backend/tokens").await;
    assert!(!listed.body.contains(&central_token.grouped()), "the Token is shown once, never in the list");
    let staff_jar = std::mem::take(&mut app.cookies);

    // The central officer activates, signs in again and issues a service-point Token and another one.
    let central_jar = activate(&mut app, &central, &central_token).await;
    app.cookies = central_jar.clone();
    assert_eq!(app.officer_of(&central).await.role, domain::entities::officer::Role::Central);
    let home = app.get("/backend/home").await;
    assert!(home.body.contains("/backend/tokens"), "home links to the Tokens page");
    let issued = issue(&mut app, "service_point", "DOPA-CMI-MUANG", &service_point, "นางทะเบียน ทดสอบระบบ").await;
    assert_eq!(issued.status, StatusCode::OK, "{issued:?}");
    let service_point_token = token_on(&issued);
    let doomed = token_on(&issue(&mut app, "agency", "DOPA-BORA", &revoked_person, "นายยกเลิก ทดสอบระบบ").await);

    // …and revokes the second: its redemption then fails.
    let doomed_row = domain::entities::activation_token::Entity::find()
        .filter(domain::entities::activation_token::Column::IntendedName.eq("นายยกเลิก ทดสอบระบบ"))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("the Token row");
    let csrf = app.get("/backend/tokens").await.field("csrf_token").expect("csrf");
    let revoked =
        app.post("/api/tokens/revoke", &[("csrf_token", &csrf), ("token_id", &doomed_row.id.to_string())]).await;
    assert_eq!((revoked.status, revoked.location()), (StatusCode::SEE_OTHER, "/backend/tokens?done=revoked"));
    let again =
        app.post("/api/tokens/revoke", &[("csrf_token", &csrf), ("token_id", &doomed_row.id.to_string())]).await;
    assert_eq!(again.refusal(), Some(AppError::field("token_id", FormProblem::NotPending)), "a Token is revoked once");
    assert_eq!(again.outcome(), StatusCode::CONFLICT);
    app.cookies.clear();
    assert_eq!(app.sign_in(&revoked_person).await.location(), "/backend/activate");
    let csrf = app.get("/backend/activate").await.field("csrf_token").expect("the Token form");
    let refused = app.activate(&[("csrf_token", &csrf), ("token", &doomed.grouped())]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "a revoked Token no longer works");
    let refusal = app.audit_events(AuditEvent::TokenRefused).await;
    assert_eq!(refusal.last().and_then(|entry| entry.reason.as_deref()), Some("revoked"), "{refusal:?}");

    // The service-point officer activates and reaches home; they administer nothing.
    let service_point_jar = activate(&mut app, &service_point, &service_point_token).await;
    app.cookies = service_point_jar.clone();
    assert_eq!(app.get("/backend/tokens").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/backend/audit").await.status, StatusCode::FORBIDDEN);
    let csrf = app.get("/backend/profile").await.field("csrf_token").expect("the logout form");
    let forged = issue_with(&mut app, &csrf, "service_point", "DOPA-CMI-MUANG").await;
    assert_eq!(forged.refusal(), Some(AppError::Forbidden), "issuing needs a scope, whatever the form says");

    // Outside the subtree, the central officer sees nothing and can do nothing.
    let dol_token = {
        app.cookies = staff_jar.clone();
        let stranger = app.person("คนนอก").await;
        token_on(&issue(&mut app, "central", "DOL", &stranger, "นายคนนอก ทดสอบระบบ").await);
        domain::entities::activation_token::Entity::find()
            .filter(domain::entities::activation_token::Column::IntendedName.eq("นายคนนอก ทดสอบระบบ"))
            .one(&app.state.db)
            .await
            .expect("query")
            .expect("row")
    };
    app.cookies = central_jar.clone();
    let tokens_page = app.get("/backend/tokens").await;
    assert!(tokens_page.body.contains("นางทะเบียน ทดสอบระบบ"), "their own subtree is listed");
    assert!(!tokens_page.body.contains("นายคนนอก"), "another department's Tokens are not listed");
    assert!(!tokens_page.body.contains("กรมที่ดิน"), "nor are its units offered");
    let csrf = tokens_page.field("csrf_token").expect("csrf");
    let id = dol_token.id.to_string();
    for path in ["/api/tokens/revoke", "/api/tokens/reissue"] {
        let reply = app.post(path, &[("csrf_token", &csrf), ("token_id", &id)]).await;
        assert_eq!(reply.refusal(), Some(AppError::NotFound), "{path}: another department's Token does not exist here");
    }
    let outside = issue_with(&mut app, &csrf, "agency", "DOL-BKK").await;
    assert_eq!(
        outside.refusal(),
        Some(AppError::field("unit", FormProblem::UnitNotAllowed)),
        "a unit outside the subtree is refused"
    );
    assert_eq!(outside.outcome(), StatusCode::UNPROCESSABLE_ENTITY);
    let central_role = issue_with(&mut app, &csrf, "central", "DOPA").await;
    assert_eq!(
        central_role.refusal(),
        Some(AppError::field("role", FormProblem::RoleNotAllowed)),
        "central officers cannot make central officers"
    );
    let other = app.officer_of(&other_central).await.id.to_string();
    let suspend_other = app
        .post("/api/accounts/status", &[("csrf_token", &csrf), ("officer_id", &other), ("status", "suspended")])
        .await;
    assert_eq!(suspend_other.refusal(), Some(AppError::NotFound), "another department's officer does not exist here");
    assert!(suspend_other.location().starts_with("/backend/accounts?__path=/api/accounts/status&__err="));
    assert_eq!(app.get("/backend/units").await.status, StatusCode::FORBIDDEN, "the tree is the Contact Center's");
    let accounts = app.get("/backend/accounts").await;
    // Names come from Digital ID at activation ("นางสาว" is the simulator's title).
    assert!(accounts.body.contains("นางสาวทะเบียน ทดสอบระบบ") && !accounts.body.contains("ที่ดิน ทดสอบระบบ"));
    let audit = app.get("/backend/audit").await;
    assert_eq!(audit.status, StatusCode::OK);
    assert!(!audit.body.contains("นายคนนอก"), "another department's audit entries are not shown");
    let forged_filter = app.get("/backend/audit?unit=DOL").await;
    assert_eq!(forged_filter.status, StatusCode::UNPROCESSABLE_ENTITY, "a unit outside the scope is no filter");
    assert!(!forged_filter.body.contains("นายคนนอก"));

    // The central officer suspends the service-point officer: their session ends at once.
    let service_point_id = app.officer_of(&service_point).await.id.to_string();
    let suspended = app
        .post(
            "/api/accounts/status",
            &[("csrf_token", &csrf), ("officer_id", &service_point_id), ("status", "suspended")],
        )
        .await;
    assert_eq!((suspended.status, suspended.location()), (StatusCode::SEE_OTHER, "/backend/accounts?done=suspended"));
    let own = app.officer_of(&central).await.id;
    let self_suspend = app
        .post(
            "/api/accounts/status",
            &[("csrf_token", &csrf), ("officer_id", &own.to_string()), ("status", "suspended")],
        )
        .await;
    let nobody_suspends_themselves = AppError::row_field(own, "status", FormProblem::OwnAccount);
    assert_eq!(self_suspend.refusal(), Some(nobody_suspends_themselves));
    let page = app.get(self_suspend.location()).await;
    assert!(page.body.contains(ADMIN_TH.problem(FormProblem::OwnAccount)), "the page shows the refusal by the field");
    let moved = app
        .post(
            "/api/accounts/assign",
            &[
                ("csrf_token", &csrf),
                ("officer_id", &service_point_id),
                ("role", "service_point"),
                ("unit", "DOPA-CMI-SANSAI"),
            ],
        )
        .await;
    assert_eq!(moved.location(), "/backend/accounts?done=assigned");
    app.cookies = service_point_jar;
    assert_eq!(app.get("/backend/home").await.location(), "/backend/sign-in", "the suspended officer's session ended");

    // The CSV holds the department's entries, citizen IDs masked.
    app.cookies = central_jar;
    let csv = app.get("/backend/audit.csv?event=token_issued").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(csv.headers[header::CONTENT_DISPOSITION].to_str().expect("ascii").starts_with("attachment;"));
    assert!(csv.body.starts_with('\u{feff}'), "a byte-order mark, so spreadsheets read Thai");
    // The header, the central officer's two Tokens and their own, issued by the Contact Center for DOPA.
    assert_eq!(csv.body.lines().count(), 4, "{}", csv.body);
    assert!(!csv.body.contains(&service_point.citizen_id) && !csv.body.contains("นายคนนอก"));

    // Every action is in the audit log: who, to whom, where.
    let staff_officer = app.officer_of(&staff).await;
    let central_officer = app.officer_of(&central).await;
    let issued = app.audit_events(AuditEvent::TokenIssued).await;
    assert_eq!(issued.len(), 4);
    assert_eq!(issued[0].actor_officer_id, Some(staff_officer.id));
    assert_eq!(issued[0].target_name.as_deref(), Some("นายปกครอง ทดสอบระบบ"));
    assert!(issued[0].detail.as_deref().is_some_and(|detail| detail.contains("xxxxx")), "{:?}", issued[0].detail);
    assert_eq!(issued[1].actor_officer_id, Some(central_officer.id));
    let redeemed = app.audit_events(AuditEvent::TokenRedeemed).await;
    assert_eq!(redeemed.len(), 2, "the central and the service-point officer");
    let revoked = app.audit_events(AuditEvent::TokenRevoked).await;
    assert_eq!((revoked.len(), revoked[0].token_id), (1, Some(doomed_row.id)));
    assert_eq!(app.audit_events(AuditEvent::SignedIn).await.len(), 3, "staff, and the two officers once activated");
    let suspension = app.audit_events(AuditEvent::OfficerSuspended).await;
    assert_eq!(suspension.len(), 1);
    assert_eq!(
        (suspension[0].actor_officer_id, suspension[0].target_name.as_deref()),
        (Some(central_officer.id), Some("นางสาวทะเบียน ทดสอบระบบ"))
    );
    assert_eq!(app.audit_events(AuditEvent::OfficerAssigned).await.len(), 1);
    let every: Vec<audit_event::Model> = audit_event::Entity::find().all(&app.state.db).await.expect("all");
    for person in [&staff, &central, &service_point, &revoked_person] {
        assert!(
            every.iter().all(|entry| !format!("{entry:?}").contains(&person.citizen_id)),
            "no citizen ID is stored in the audit log"
        );
    }
    let identity = app.digital_id_identity(&revoked_person.subject);
    let redemption = domain::activation::redeem(&app.state.db, &doomed, &identity, Utc::now()).await;
    assert!(matches!(redemption, Err(RedeemError::Refused { reason: RedeemFailure::Revoked, .. })), "{redemption:?}");
    app.close().await;
}

/// Posts the issue form with a given synchroniser token, role and unit (and a valid person).
async fn issue_with(app: &mut TestApp, csrf: &str, role: &str, unit: &str) -> Reply {
    let fields = [
        ("csrf_token", csrf),
        ("role", role),
        ("unit", unit),
        ("citizen_id", "1101700207030"),
        ("name", "นายปลอม ทดสอบระบบ"),
        ("reference", ""),
        ("lifetime_days", "7"),
    ];
    app.post("/api/tokens/issue", &fields).await
}

#[tokio::test]
async fn f1_a_form_without_the_sessions_token_changes_nothing() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let staff = app.contact_center_staff().await;
    app.sign_in_afresh(&staff, HOME).await;
    let forged = issue_with(&mut app, "not-the-token", "central", "DOPA").await;
    assert_eq!(forged.refusal(), Some(AppError::field("role", FormProblem::FormExpired)));
    assert_eq!(forged.outcome(), StatusCode::FORBIDDEN);
    let created = app
        .post("/api/units/create", &[("csrf_token", "x"), ("code", "NEW"), ("name_th", "ใหม่"), ("kind", "ministry")])
        .await;
    assert_eq!(created.refusal(), Some(AppError::field("code", FormProblem::FormExpired)));
    assert_eq!(created.outcome(), StatusCode::FORBIDDEN);
    assert!(domain::units::find_by_code(&app.state.db, "NEW").await.expect("query").is_none());
    assert!(app.audit_events(AuditEvent::TokenIssued).await.is_empty());
}

#[tokio::test]
async fn contact_center_staff_maintain_the_tree_and_each_change_is_audited() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let staff = app.contact_center_staff().await;
    app.sign_in_afresh(&staff, HOME).await;
    let page = app.get("/backend/units").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = page.field("csrf_token").expect("csrf");
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let mut all = vec![("csrf_token", csrf.clone())];
        all.extend(fields.into_iter().map(|(key, value)| (key, value.to_owned())));
        all
    };
    // Each form posts to its own server function, named by what was the form's `action` field.
    let send = async |app: &mut TestApp, fields: Vec<(&'static str, String)>| {
        let action = fields.iter().find(|(key, _)| *key == "action").map(|(_, value)| value.clone()).expect("action");
        let borrowed: Vec<(&str, &str)> =
            fields.iter().filter(|(key, _)| *key != "action").map(|(key, value)| (*key, value.as_str())).collect();
        app.post(&format!("/api/units/{action}"), &borrowed).await
    };
    let created = send(
        &mut app,
        post(vec![
            ("action", "create"),
            ("code", "dopa-ubn"),
            ("name_th", "ที่ทำการปกครองจังหวัดอุบลราชธานี"),
            ("kind", "division"),
            ("parent", "DOPA"),
        ]),
    )
    .await;
    assert_eq!(created.location(), "/backend/units?done=unit-created", "{created:?}");
    let duplicate = send(
        &mut app,
        post(vec![
            ("action", "create"),
            ("code", "DOPA-UBN"),
            ("name_th", "ซ้ำ"),
            ("kind", "division"),
            ("parent", "DOPA"),
        ]),
    )
    .await;
    assert_eq!(duplicate.refusal(), Some(AppError::field("code", FormProblem::CodeTaken)));
    assert_eq!(duplicate.outcome(), StatusCode::UNPROCESSABLE_ENTITY);
    let shown_again = app.get(duplicate.location()).await;
    assert!(shown_again.body.contains(r#"value="ซ้ำ""#), "the create form keeps what was typed");
    let renamed =
        send(&mut app, post(vec![("action", "rename"), ("code", "DOPA-UBN"), ("name_th", "ที่ทำการปกครองจังหวัดอุบลฯ")]))
            .await;
    assert_eq!(renamed.location(), "/backend/units?done=unit-renamed");
    let bad_move = send(&mut app, post(vec![("action", "move"), ("code", "DOPA-UBN"), ("parent", "MOI")])).await;
    assert_eq!(bad_move.refusal(), Some(AppError::field("parent", FormProblem::ParentInvalid)));
    assert_eq!(bad_move.outcome(), StatusCode::UNPROCESSABLE_ENTITY, "a division hangs under a department");
    let moved = send(&mut app, post(vec![("action", "move"), ("code", "DOPA-UBN"), ("parent", "DOL")])).await;
    assert_eq!(moved.location(), "/backend/units?done=unit-moved");
    let in_use = send(&mut app, post(vec![("action", "retire"), ("code", "DOPA")])).await;
    assert_eq!(in_use.refusal(), Some(AppError::field("code", FormProblem::UnitInUse)));
    assert_eq!(in_use.outcome(), StatusCode::UNPROCESSABLE_ENTITY, "a unit with units under it stays");
    let retired = send(&mut app, post(vec![("action", "retire"), ("code", "DOPA-UBN")])).await;
    assert_eq!(retired.location(), "/backend/units?done=unit-retired");
    for event in [AuditEvent::UnitCreated, AuditEvent::UnitRenamed, AuditEvent::UnitMoved, AuditEvent::UnitRetired] {
        let entries = app.audit_events(event).await;
        assert_eq!(entries.len(), 1, "{event:?}");
        assert_eq!(entries[0].actor_name.as_deref(), Some("นางสาวศูนย์บริการ ทดสอบระบบ"));
    }
}

#[tokio::test]
async fn a_refused_rename_keeps_what_was_typed_for_the_next_view_of_the_page_only_and_never_in_the_address() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let staff = app.contact_center_staff().await;
    app.sign_in_afresh(&staff, HOME).await;
    let csrf = app.get("/backend/units").await.field("csrf_token").expect("csrf");
    let typed = "สำนัก\u{202e}ทะเบียนใหม่";
    let fields = [("csrf_token", csrf.as_str()), ("code", "DOPA"), ("name_th", typed), ("name_en", "New Registry")];
    let refused = app.post("/api/units/rename", &fields).await;
    assert_eq!(refused.refusal(), Some(AppError::field("name_th", FormProblem::TextDirectionControl)));
    assert_eq!(refused.outcome(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!refused.location().contains("New") && !refused.location().contains("%E0"), "{}", refused.location());
    let shown = app.get(refused.location()).await;
    let form = shown.body.split(r#"<details id="unit-DOPA" open"#).nth(1).expect("DOPA's forms are open");
    assert!(form.contains(&format!(r#"value="{typed}""#)) && form.contains(r#"value="New Registry""#), "{form}");
    let again = app.get(refused.location()).await;
    assert!(!again.body.contains("New Registry"), "what was typed is shown once");
    assert!(app.audit_events(AuditEvent::UnitRenamed).await.is_empty(), "nothing was renamed");
}

#[tokio::test]
async fn c6_sign_in_sign_out_and_declined_consent_are_audited() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let central = app.person("ปกครอง").await;
    app.import_officer(&central, "นายปกครอง ทดสอบระบบ", "DOPA", "central").await;
    app.sign_in_afresh(&central, HOME).await;
    let csrf = app.get("/backend/home").await.field("csrf_token").expect("the logout form");
    app.post("/auth/logout", &[("csrf_token", &csrf)]).await;
    let officer = app.officer_of(&central).await;
    let signed_in_entries = app.audit_events(AuditEvent::SignedIn).await;
    assert_eq!((signed_in_entries.len(), signed_in_entries[0].actor_officer_id), (1, Some(officer.id)));
    assert_eq!(signed_in_entries[0].unit_id, Some(officer.unit_id), "the entry is in the officer's unit's scope");
    assert_eq!(app.audit_events(AuditEvent::SignedOut).await.len(), 1);

    // Someone who has not consented before (Digital ID remembers a consent).
    let stranger = app.person("ไม่ยินยอม").await;
    app.decline_consent(&stranger).await;
    let declined = app.audit_events(AuditEvent::ConsentDeclined).await;
    assert_eq!((declined.len(), declined[0].succeeded), (1, false));
}

/// Makes every session's Digital ID sign-in `minutes` old.
async fn age_sign_ins(app: &TestApp, minutes: i64) {
    use domain::entities::officer_session;
    use sea_orm::sea_query::Expr;
    officer_session::Entity::update_many()
        .col_expr(officer_session::Column::AuthTime, Expr::value(Utc::now() - chrono::Duration::minutes(minutes)))
        .exec(&app.state.db)
        .await
        .expect("sessions aged");
}

#[tokio::test]
async fn an_issued_or_reissued_token_is_shown_once_on_the_page_after_the_form_and_never_in_a_url() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let staff = app.contact_center_staff().await;
    let central = app.person("ปกครอง").await;
    app.sign_in_afresh(&staff, HOME).await;
    let csrf = app.get("/backend/tokens").await.field("csrf_token").expect("the issue form");
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("role", "central"),
        ("unit", "DOPA"),
        ("citizen_id", central.citizen_id.as_str()),
        ("name", "นายปกครอง ทดสอบระบบ"),
        ("reference", ""),
        ("lifetime_days", "7"),
    ];
    let posted = app.post("/api/tokens/issue", &fields).await;
    assert_eq!((posted.status, posted.location()), (StatusCode::SEE_OTHER, "/backend/tokens"), "{posted:?}");
    assert_eq!(posted.headers[header::CACHE_CONTROL], "no-store");

    // The page the form was sent back to shows it, once; a reload (or the loader itself) no longer does.
    let shown = app.get(posted.location()).await;
    assert_eq!(
        (shown.status, &shown.headers[header::CACHE_CONTROL]),
        (StatusCode::OK, &"no-store".parse().expect("a header"))
    );
    let token = token_on(&shown).grouped();
    assert!(shown.body.contains("Token นี้แสดงเพียงครั้งเดียว"), "{shown:?}");
    for text in [&token, &token.replace('-', "")] {
        assert!(!posted.location().contains(text.as_str()) && !posted.body.contains(text.as_str()), "{posted:?}");
    }
    let reloaded = app.get("/backend/tokens").await;
    assert_eq!(reloaded.status, StatusCode::OK);
    assert!(!reloaded.body.contains(&token), "shown once: {reloaded:?}");
    assert!(reloaded.body.contains("นายปกครอง ทดสอบระบบ"), "now only listed");
    let loader = app.get("/api/tokens").await;
    assert!(loader.status.is_success() && !loader.body.contains(&token), "{loader:?}");

    // A re-issued Token alike: revoked, replaced, and its replacement shown once.
    let id = reloaded.field("token_id").expect("the Token's forms");
    let posted = app.post("/api/tokens/reissue", &[("csrf_token", &csrf), ("token_id", &id)]).await;
    assert_eq!((posted.status, posted.location()), (StatusCode::SEE_OTHER, "/backend/tokens"), "{posted:?}");
    let shown = app.get("/backend/tokens").await;
    let replacement = token_on(&shown).grouped();
    assert_ne!(replacement, token);
    assert!(shown.body.contains("Token เดิมถูกยกเลิกแล้ว"), "{shown:?}");
    assert!(!posted.location().contains(&replacement) && !posted.body.contains(&replacement));
    assert!(!app.get("/backend/tokens").await.body.contains(&replacement), "shown once");
}

async fn token_count(app: &TestApp) -> u64 {
    use sea_orm::PaginatorTrait;
    domain::entities::activation_token::Entity::find().count(&app.state.db).await.expect("count")
}

#[tokio::test]
async fn e13_g15_issuing_a_token_needs_a_sign_in_of_the_last_fifteen_minutes_and_a_fresh_one_returns_to_the_tokens_page()
 {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let staff = app.contact_center_staff().await;
    let central = app.person("ปกครอง").await;
    app.sign_in_afresh(&staff, HOME).await;

    // Fourteen minutes after signing in, issuing works.
    age_sign_ins(&app, 14).await;
    let page = app.get("/backend/tokens").await;
    assert!(page.body.contains(r#"name="citizen_id""#) && !page.body.contains(r#"name="fresh""#), "{page:?}");
    assert_eq!(issue(&mut app, "central", "DOPA", &central, "นายปกครอง ทดสอบระบบ").await.status, StatusCode::OK);
    let issued = token_count(&app).await;

    // Sixteen minutes after: the page asks for a fresh sign-in instead, and a posted form is refused, kept on screen.
    age_sign_ins(&app, 16).await;
    let page = app.get("/backend/tokens").await;
    assert!(page.body.contains("ยืนยันตัวตนอีกครั้งก่อนออก Token"), "{page:?}");
    assert!(!page.body.contains(r#"name="citizen_id""#), "no issue form");
    let refused = issue(&mut app, "central", "DOPA", &central, "นายปกครอง ทดสอบระบบ").await;
    assert_eq!(refused.refusal(), Some(AppError::field("reauthenticate", FormProblem::ReauthenticationNeeded)));
    assert_eq!(refused.outcome(), StatusCode::FORBIDDEN, "{refused:?}");
    let shown = app.get(refused.location()).await;
    assert!(shown.body.contains("กรุณายืนยันตัวตนด้วย Digital ID อีกครั้งก่อนออก Token"), "{shown:?}");
    assert!(shown.body.contains("นายปกครอง ทดสอบระบบ"), "what was typed stays");
    assert!(!refused.location().contains("%E0%B8%9B"), "but never in the URL: {}", refused.location());
    let listed_token = app.get("/backend/tokens").await.field("token_id").expect("the issued Token is listed");
    let csrf = app.get("/backend/tokens").await.field("csrf_token").expect("a form");
    let reissue = app.post("/api/tokens/reissue", &[("csrf_token", &csrf), ("token_id", &listed_token)]).await;
    assert_eq!(reissue.outcome(), StatusCode::FORBIDDEN, "re-issuing also needs a fresh sign-in: {reissue:?}");
    assert_eq!(token_count(&app).await, issued, "nothing issued");

    // The fresh sign-in asks Digital ID for the password again and comes back to the Tokens page.
    let started =
        app.post("/auth/login", &[("provider", "digital-id"), ("fresh", "1"), ("return_to", "/backend/tokens")]).await;
    let authorize_url = started.location().to_owned();
    assert!(authorize_url.contains("prompt=login") && authorize_url.contains("max_age=0"), "{authorize_url}");
    let redirect = digital_id::testing::TestBrowser::new(&app.sim.issuer)
        .authorize(&authorize_url, &staff.username, digital_id::testing::PASSWORD)
        .await;
    assert_eq!(app.callback(&redirect).await.location(), "/backend/tokens");
    let other = app.person("ที่ดิน").await;
    assert_eq!(issue(&mut app, "central", "DOL", &other, "นายที่ดิน ทดสอบระบบ").await.status, StatusCode::OK);
    assert_eq!(token_count(&app).await, issued + 1);
}
