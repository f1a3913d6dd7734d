//! Delegated administration on the sample organisation tree: who administers which units (scopes), activation Tokens
//! issued, listed, revoked and re-issued, officers suspended, reactivated and moved, the tree maintained — each with
//! the audit entries it leaves — against the real migrations, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

mod support {
    pub mod administration;
    pub mod clock;
    pub mod digital_id;
    #[expect(dead_code, reason = "officers are put straight into the database here, never imported")]
    pub mod officers;
    pub mod sign_in;
    pub mod stored_values;
}

use chrono::{DateTime, Duration, Utc};
use domain::activation::{self, ActivationToken, IssueError, IssueToken, Issued, Issuer, RedeemError, RedeemFailure};
use domain::administration::tokens::{self, TokenState};
use domain::administration::units::{self as admin_units, InUse};
use domain::administration::{AdminError, officers as admin_officers};
use domain::entities::activation_token;
use domain::entities::audit_event::AuditEvent;
use domain::entities::officer::{self, OfficerStatus, Role};
use domain::entities::organisation_unit::{self, UnitKind};
use domain::free_text::FreeTextProblem;
use domain::officers::{self, DigitalIdIdentity};
use domain::sample_tree;
use domain::scope::{Scope, Tree};
use domain::sessions::{self, NewSession, SessionPolicy, SessionSecret};
use domain::testing::TestDatabase;
use domain::units::{NewUnit, UnitError};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use support::administration::{Staff, all_entries, entries, origin, staff, unit};
use support::clock::t0;
use support::digital_id::{citizen, key};
use support::officers::insert_officer;
use support::sign_in::{identity, sha256_hex};
use support::stored_values::table_text;

/// The citizen ID every Token here is issued for.
const PERSON: &str = "1101700207030";
/// Someone else's citizen ID.
const OTHER: &str = "3100000000004";

fn request(unit_code: &str, role: Role) -> IssueToken {
    IssueToken {
        unit_code: unit_code.to_owned(),
        role,
        citizen_id: Some(citizen(PERSON)),
        intended_name: Some("นางสาวกานดา ใจดี".to_owned()),
        reference: Some("มท 0309.1/1234".to_owned()),
        lifetime: activation::DEFAULT_LIFETIME,
    }
}

/// Issues a Token as `actor` on the Tokens page would.
async fn try_issue(
    db: &DatabaseConnection,
    actor: &officer::Model,
    request: IssueToken,
    now: DateTime<Utc>,
) -> Result<Issued, IssueError> {
    activation::issue(db, Issuer::Officer { officer: actor, origin: &origin() }, request, &key(), now).await
}

async fn issue(db: &DatabaseConnection, actor: &officer::Model, request: IssueToken, now: DateTime<Utc>) -> Issued {
    try_issue(db, actor, request, now).await.expect("token issued")
}

/// The person a Token is issued for, signed in at Digital ID.
fn person(subject: &str) -> DigitalIdIdentity {
    identity(subject, Some(PERSON))
}

async fn redeem(
    db: &DatabaseConnection,
    token: &ActivationToken,
    who: &DigitalIdIdentity,
    now: DateTime<Utc>,
) -> Result<officer::Model, RedeemError> {
    activation::redeem_from(db, token, who, &domain::assurance::AssurancePolicy::default(), &origin(), now).await
}

fn refusal(result: Result<officer::Model, RedeemError>) -> RedeemFailure {
    match result {
        Err(RedeemError::Refused { reason, .. }) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn token_row(db: &DatabaseConnection, id: i32) -> activation_token::Model {
    activation_token::Entity::find_by_id(id).one(db).await.expect("query").expect("the token exists")
}

async fn token_count(db: &DatabaseConnection) -> u64 {
    activation_token::Entity::find().count(db).await.expect("count tokens")
}

async fn officer_row(db: &DatabaseConnection, id: i32) -> officer::Model {
    officers::find(db, id).await.expect("query").expect("the officer exists")
}

async fn unit_row(db: &DatabaseConnection, id: i32) -> organisation_unit::Model {
    organisation_unit::Entity::find_by_id(id).one(db).await.expect("query").expect("the unit exists")
}

// ---------------------------------------------------------------------------------------------------------------
// Scope
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn g14_contact_center_staff_administer_every_unit_and_issue_only_central_tokens() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { contact_center, .. } = staff(&test.db).await;
        let scope = Scope::of(&contact_center).expect("Contact Center staff have a scope");
        assert_eq!(scope, Scope::Everything, "{backend}");
        assert_eq!(scope.issuable_roles(), [Role::Central], "{backend}");
        let covered =
            [Role::ContactCenter, Role::Central, Role::Agency, Role::ServicePoint].map(|r| scope.covers_role(r));
        assert_eq!(covered, [false, true, true, true], "{backend}: they manage everyone but their own kind");

        let tree = Tree::load(&test.db).await.expect("tree");
        assert_eq!(tree.in_scope(&scope).len(), sample_tree::UNITS.len(), "{backend}");
        assert_eq!(tree.scope_ids(&scope), None, "{backend}");
        for code in ["OPM", "DOPA", "DOL-BKK-CHATUCHAK", "RD-R01-BKK01"] {
            assert!(tree.contains(&scope, unit(&test.db, code).await.id), "{backend}: {code}");
        }

        let central = try_issue(&test.db, &contact_center, request("rd", Role::Central), t0()).await;
        assert!(central.is_ok(), "{backend}: a central Token for a department: {central:?}");
        for (code, role) in
            [("DOPA-BORA", Role::Agency), ("DOPA-BORA-01", Role::ServicePoint), ("DGA-CC", Role::ContactCenter)]
        {
            let result = try_issue(&test.db, &contact_center, request(code, role), t0()).await;
            assert!(matches!(result, Err(IssueError::RoleNotAllowed)), "{backend}: {role:?}: {result:?}");
        }
        assert_eq!(token_count(&test.db).await, 1, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn g14_a_central_officers_scope_is_its_departments_subtree_where_it_issues_agency_and_service_point_tokens() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let dopa = unit(&test.db, "DOPA").await;
        let scope = Scope::of(&dopa_central).expect("a central officer has a scope");
        assert_eq!(scope, Scope::Department(dopa.id), "{backend}");
        assert_eq!(scope.issuable_roles(), [Role::Agency, Role::ServicePoint], "{backend}");
        let covered =
            [Role::ContactCenter, Role::Central, Role::Agency, Role::ServicePoint].map(|r| scope.covers_role(r));
        assert_eq!(covered, [false, false, true, true], "{backend}");

        let tree = Tree::load(&test.db).await.expect("tree");
        let inside: Vec<(&str, u8)> =
            tree.in_scope(&scope).into_iter().map(|(unit, depth)| (unit.code.as_str(), *depth)).collect();
        let expected = [
            ("DOPA", 1),
            ("DOPA-BORA", 2),
            ("DOPA-BORA-01", 3),
            ("DOPA-CMI", 2),
            ("DOPA-CMI-MUANG", 3),
            ("DOPA-CMI-SANSAI", 3),
        ];
        assert_eq!(inside, expected, "{backend}: the department and everything below it, in tree order");
        for code in ["MOI", "DOL", "DOL-BKK-CHATUCHAK", "DGA-CC"] {
            assert!(!tree.contains(&scope, unit(&test.db, code).await.id), "{backend}: {code} is outside");
        }
        let parents: Vec<&str> =
            tree.parents(unit(&test.db, "DOPA-CMI-MUANG").await.id).iter().map(|u| u.code.as_str()).collect();
        assert_eq!(parents, ["MOI", "DOPA", "DOPA-CMI"], "{backend}");

        for (code, role) in [("DOPA-CMI", Role::Agency), ("DOPA-CMI-SANSAI", Role::ServicePoint)] {
            let result = try_issue(&test.db, &dopa_central, request(code, role), t0()).await;
            assert!(result.is_ok(), "{backend}: {code}: {result:?}");
        }
        let central = try_issue(&test.db, &dopa_central, request("DOPA", Role::Central), t0()).await;
        assert!(matches!(central, Err(IssueError::RoleNotAllowed)), "{backend}: {central:?}");
        test.close().await;
    }
}

#[tokio::test]
async fn g14_agency_service_point_and_suspended_officers_administer_nothing() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let staff = staff(&test.db).await;
        let cc_unit = unit(&test.db, "DGA-CC").await.id;
        let suspended_cc =
            insert_officer(&test.db, cc_unit, Role::ContactCenter, OfficerStatus::Suspended, "นายพัก ศูนย์", "cc-off")
                .await;
        let db = &test.db;
        for actor in [&staff.agency, &staff.service_point, &staff.suspended_central, &suspended_cc] {
            let who = &actor.name_th;
            assert_eq!(Scope::of(actor), None, "{backend}: {who}");
            let listed = tokens::list(db, actor, t0()).await;
            assert!(matches!(listed, Err(AdminError::NotPermitted)), "{backend}: {who}: {listed:?}");
            let listed = admin_officers::list(db, actor).await;
            assert!(matches!(listed, Err(AdminError::NotPermitted)), "{backend}: {who}: {listed:?}");
            let issued = try_issue(db, actor, request("DOPA-BORA-01", Role::ServicePoint), t0()).await;
            assert!(matches!(issued, Err(IssueError::NotPermitted)), "{backend}: {who}: {issued:?}");
            let target = staff.service_point.id;
            let suspended =
                admin_officers::set_status(db, actor, target, OfficerStatus::Suspended, &origin, t0()).await;
            assert!(matches!(suspended, Err(AdminError::NotPermitted)), "{backend}: {who}: {suspended:?}");
            let retired = admin_units::retire(db, actor, "DOE-KKN", &origin, t0()).await;
            assert!(matches!(retired, Err(AdminError::NotPermitted)), "{backend}: {who}: {retired:?}");
        }
        assert_eq!(officer_row(db, staff.service_point.id).await.status, OfficerStatus::Active, "{backend}");
        assert_eq!(token_count(db).await, 0, "{backend}");
        assert!(all_entries(db).await.is_empty(), "{backend}: nothing refused is audited as done");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Issuing Tokens
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn g14_a_token_for_a_unit_outside_the_scope_or_a_role_that_does_not_fit_the_unit_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let staff = staff(&test.db).await;
        let cases = [
            (&staff.dopa_central, "DOL-BKK", Role::Agency, "another department's division"),
            (&staff.dopa_central, "DOL-BKK-CHATUCHAK", Role::ServicePoint, "another department's service point"),
            (&staff.dopa_central, "NOPE", Role::Agency, "an unknown unit"),
        ];
        for (actor, code, role, case) in cases {
            let result = try_issue(&test.db, actor, request(code, role), t0()).await;
            assert!(matches!(result, Err(IssueError::UnitNotAllowed)), "{backend}: {case}: {result:?}");
        }
        let cases = [
            (&staff.dopa_central, "DOPA-CMI", Role::ServicePoint, "a service-point officer in a division"),
            (&staff.dopa_central, "DOPA-CMI-MUANG", Role::Agency, "an agency officer at a service point"),
            (&staff.dopa_central, "DOPA", Role::Agency, "an agency officer in the department itself"),
            (&staff.contact_center, "DOPA-BORA", Role::Central, "a central officer in a division"),
        ];
        for (actor, code, role, case) in cases {
            let result = try_issue(&test.db, actor, request(code, role), t0()).await;
            assert!(matches!(result, Err(IssueError::RoleDoesNotFitUnit { .. })), "{backend}: {case}: {result:?}");
        }
        assert_eq!(token_count(&test.db).await, 0, "{backend}: nothing refused is stored");
        assert!(all_entries(&test.db).await.is_empty(), "{backend}: nor audited");
        test.close().await;
    }
}

#[tokio::test]
async fn g1_g9_an_issued_token_redeems_only_for_the_named_person_and_creates_the_officer_with_its_role_and_unit() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let muang = unit(&test.db, "DOPA-CMI-MUANG").await;
        let issued = issue(&test.db, &dopa_central, request("dopa-cmi-muang", Role::ServicePoint), t0()).await;
        assert_eq!(issued.unit, muang, "{backend}");
        let parents: Vec<&str> = issued.parents.iter().map(|unit| unit.code.as_str()).collect();
        assert_eq!(parents, ["MOI", "DOPA", "DOPA-CMI"], "{backend}: for the printed letter");
        assert_eq!((issued.row.unit_id, issued.row.role), (muang.id, Role::ServicePoint), "{backend}");
        assert_eq!(issued.row.issued_by_officer_id, Some(dopa_central.id), "{backend}");
        assert_eq!(issued.row.expires_at, t0() + activation::DEFAULT_LIFETIME, "{backend}");

        let typed = ActivationToken::parse(&issued.token.grouped().to_lowercase()).expect("well formed");
        let intruder = identity("sub-other", Some(OTHER));
        assert_eq!(refusal(redeem(&test.db, &typed, &intruder, t0()).await), RedeemFailure::WrongPerson, "{backend}");
        let t1 = t0() + Duration::hours(1);
        let officer = redeem(&test.db, &typed, &person("sub-kanda"), t1).await.expect("the named person gets in");
        assert_eq!(
            (officer.role, officer.unit_id, officer.status),
            (Role::ServicePoint, muang.id, OfficerStatus::Active)
        );
        assert_eq!(officer.citizen_id_hash, Some(citizen(PERSON).keyed_hash(&key())), "{backend}");
        assert_eq!(token_row(&test.db, issued.row.id).await.used_by_officer_id, Some(officer.id), "{backend}");

        let redeemed = entries(&test.db, AuditEvent::TokenRedeemed).await;
        assert_eq!(redeemed.len(), 1, "{backend}");
        let entry = &redeemed[0];
        assert_eq!(
            (entry.target_officer_id, entry.token_id, entry.unit_id),
            (Some(officer.id), Some(issued.row.id), Some(muang.id))
        );
        assert_eq!((entry.occurred_at, entry.succeeded, entry.client_ip.as_deref()), (t1, true, Some("203.0.113.7")));
        test.close().await;
    }
}

#[tokio::test]
async fn g13_an_issued_tokens_row_holds_only_the_tokens_hash_and_the_masked_citizen_id() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let issued = issue(&test.db, &dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        let plain = issued.token.grouped().replace('-', "");
        assert_eq!(issued.row.token_hash, sha256_hex(&plain), "{backend}");
        assert_eq!(issued.row.citizen_id_hash, Some(citizen(PERSON).keyed_hash(&key())), "{backend}");
        assert_eq!(issued.row.citizen_id_masked.as_deref(), Some("1-1017-xxxxx-03-0"), "{backend}");
        assert_eq!(token_row(&test.db, issued.row.id).await, issued.row, "{backend}: what is returned is stored");

        for table in ["activation_token", "audit_event"] {
            let stored = table_text(&test.db, table).await;
            for secret in [plain.as_str(), issued.token.grouped().as_str(), PERSON, "1-1017-00207-03-0"] {
                assert!(!stored.iter().any(|value| value.contains(secret)), "{backend}: {table} holds {secret}");
            }
        }
        test.close().await;
    }
}

#[tokio::test]
async fn g15_issuing_a_token_is_audited_with_its_issuer_person_unit_and_token() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let issued = issue(&test.db, &dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        let issued_entries = entries(&test.db, AuditEvent::TokenIssued).await;
        assert_eq!(issued_entries.len(), 1, "{backend}");
        let entry = &issued_entries[0];
        assert_eq!(
            (entry.actor_officer_id, entry.actor_name.as_deref()),
            (Some(dopa_central.id), Some("นายปกครอง ส่วนกลาง")),
            "{backend}"
        );
        assert_eq!(entry.target_name.as_deref(), Some("นางสาวกานดา ใจดี"), "{backend}");
        assert_eq!((entry.unit_id, entry.token_id), (Some(issued.row.unit_id), Some(issued.row.id)), "{backend}");
        assert_eq!((entry.occurred_at, entry.succeeded, entry.reason.as_deref()), (t0(), true, None), "{backend}");
        assert_eq!(entry.client_ip.as_deref(), Some("203.0.113.7"), "{backend}");
        let detail = entry.detail.as_deref().unwrap_or_default();
        for part in ["role agency", "citizen ID 1-1017-xxxxx-03-0", "reference มท 0309.1/1234", "expires 2026-12-10"]
        {
            assert!(detail.contains(part), "{backend}: {part:?} in {detail:?}");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn an_officers_token_living_less_than_a_day_or_more_than_thirty_days_is_refused_and_nothing_is_audited() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        for asked in [Duration::hours(1), Duration::days(31), Duration::days(90)] {
            let asking = IssueToken { lifetime: asked, ..request("DOPA-BORA", Role::Agency) };
            let refused = try_issue(&test.db, &dopa_central, asking, t0()).await;
            assert!(matches!(refused, Err(IssueError::Lifetime)), "{backend}: {asked} asked: {refused:?}");
        }
        assert_eq!(token_count(&test.db).await, 0, "{backend}: nothing refused is stored");
        assert!(all_entries(&test.db).await.is_empty(), "{backend}: nor audited");
        for days in [1, 30] {
            let asking = IssueToken { lifetime: Duration::days(days), ..request("DOPA-BORA", Role::Agency) };
            let issued = issue(&test.db, &dopa_central, asking, t0()).await;
            assert_eq!(issued.row.expires_at, t0() + Duration::days(days), "{backend}: {days} days asked");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn an_officers_token_must_name_its_persons_citizen_id_and_name() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let unbound = IssueToken { citizen_id: None, ..request("DOPA-BORA", Role::Agency) };
        let unnamed = IssueToken { intended_name: Some(" ".into()), ..request("DOPA-BORA", Role::Agency) };
        for (case, asking) in [("no citizen ID", unbound), ("a blank name", unnamed)] {
            let refused = try_issue(&test.db, &dopa_central, asking, t0()).await;
            assert!(matches!(refused, Err(IssueError::PersonMissing)), "{backend}: {case}: {refused:?}");
        }
        assert_eq!(token_count(&test.db).await, 0, "{backend}: nothing refused is stored");
        test.close().await;
    }
}

#[tokio::test]
async fn a_token_issued_on_the_command_line_is_audited_like_one_from_the_tokens_page_and_listed_without_an_issuer() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let from_page = issue(&test.db, &dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        let command_line = IssueToken { citizen_id: None, intended_name: None, ..request("DOPA-BORA", Role::Agency) };
        let from_command_line = activation::issue(&test.db, Issuer::CommandLine, command_line, &key(), t0())
            .await
            .expect("the command line issues a Token for nobody in particular");
        assert_eq!(from_command_line.row.issued_by_officer_id, None, "{backend}");
        assert_eq!(from_command_line.unit, from_page.unit, "{backend}");

        let logged = entries(&test.db, AuditEvent::TokenIssued).await;
        let tokens: Vec<Option<i32>> = logged.iter().map(|entry| entry.token_id).collect();
        assert_eq!(tokens, [Some(from_page.row.id), Some(from_command_line.row.id)], "{backend}: one entry each");
        let (page, command) = (&logged[0], &logged[1]);
        assert_eq!(page.actor_officer_id, Some(dopa_central.id), "{backend}");
        assert_eq!(page.client_ip.as_deref(), Some("203.0.113.7"), "{backend}");
        assert_eq!((command.actor_officer_id, command.actor_name.as_deref()), (None, None), "{backend}");
        assert_eq!((command.client_ip.as_deref(), command.succeeded), (None, true), "{backend}");
        assert_eq!(command.unit_id, page.unit_id, "{backend}: in the department's scope, so its officers see it");
        let detail = command.detail.as_deref().unwrap_or_default();
        assert!(detail.starts_with("role agency; reference มท 0309.1/1234; expires "), "{backend}: {detail}");
        assert!(detail.ends_with("; on the server's command line"), "{backend}: {detail}");

        let listed = tokens::list(&test.db, &dopa_central, t0()).await.expect("listed");
        let issuers: Vec<(i32, Option<&str>)> =
            listed.iter().map(|listing| (listing.row.id, listing.issued_by.as_deref())).collect();
        assert_eq!(
            issuers,
            [(from_command_line.row.id, None), (from_page.row.id, Some("นายปกครอง ส่วนกลาง"))],
            "{backend}: newest first; the command line's names no officer"
        );
        test.close().await;
    }
}

#[tokio::test]
async fn a_citizen_id_typed_into_the_name_is_masked_in_the_audit_entry_even_at_the_longest_name() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        // 255 characters, the most a name may have; masking the ID makes it longer than the column.
        let name = format!("{}{PERSON}", "ก".repeat(242));
        let longest = IssueToken { intended_name: Some(name.clone()), ..request("DOPA-BORA", Role::Agency) };
        let issued = issue(&test.db, &dopa_central, longest, t0()).await;
        let kept = domain::citizen_id::mask_in_text(&name).chars().take(255).collect::<String>();
        assert_eq!(issued.row.intended_name, Some(kept), "{backend}: the Token keeps the name, its citizen ID masked");
        let logged = entries(&test.db, AuditEvent::TokenIssued).await;
        let target = logged[0].target_name.clone().unwrap_or_default();
        assert_eq!(target, format!("{}1-1017-xxxxx-", "ก".repeat(242)), "{backend}: masked, cut at 255 characters");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Revoking and re-issuing Tokens
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn g8_a_revoked_token_no_longer_redeems_and_the_refusal_is_audited_with_its_reason() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let issued = issue(&test.db, &dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        let t1 = t0() + Duration::minutes(5);
        tokens::revoke(&test.db, &dopa_central, issued.row.id, &origin, t1).await.expect("revoked");
        let row = token_row(&test.db, issued.row.id).await;
        assert_eq!((row.revoked_at, row.revoked_by_officer_id), (Some(t1), Some(dopa_central.id)), "{backend}");

        let revoked = entries(&test.db, AuditEvent::TokenRevoked).await;
        assert_eq!(revoked.len(), 1, "{backend}");
        let entry = &revoked[0];
        assert_eq!((entry.actor_officer_id, entry.token_id), (Some(dopa_central.id), Some(row.id)), "{backend}");
        assert_eq!((entry.unit_id, entry.target_name.as_deref()), (Some(row.unit_id), Some("นางสาวกานดา ใจดี")));

        let t2 = t0() + Duration::hours(1);
        let officers_before = officer::Entity::find().count(&test.db).await.expect("count");
        let result = redeem(&test.db, &issued.token, &person("sub-kanda"), t2).await;
        assert_eq!(refusal(result), RedeemFailure::Revoked, "{backend}");
        assert_eq!(officer::Entity::find().count(&test.db).await.expect("count"), officers_before, "{backend}");
        let refused = entries(&test.db, AuditEvent::TokenRefused).await;
        assert_eq!(refused.len(), 1, "{backend}");
        let entry = &refused[0];
        assert_eq!((entry.succeeded, entry.reason.as_deref()), (false, Some("revoked")), "{backend}");
        assert_eq!((entry.token_id, entry.unit_id, entry.occurred_at), (Some(row.id), Some(row.unit_id), t2));
        assert_eq!(entry.target_name.as_deref(), Some("นายทดสอบ sub-kanda"), "{backend}: who tried");

        let again = tokens::revoke(&test.db, &dopa_central, row.id, &origin, t2).await;
        assert!(matches!(again, Err(AdminError::NotPending)), "{backend}: {again:?}");
        assert_eq!(entries(&test.db, AuditEvent::TokenRevoked).await.len(), 1, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn revoking_a_token_outside_the_scope_is_reported_as_not_found() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let staff = staff(&test.db).await;
        let agency = issue(&test.db, &staff.dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        let central = issue(&test.db, &staff.contact_center, request("DOPA", Role::Central), t0()).await;
        let cases = [
            (&staff.dol_central, agency.row.id, "another department's Token"),
            (&staff.dopa_central, central.row.id, "its own department's central Token"),
            (&staff.dopa_central, 9_999, "no Token at all"),
        ];
        for (actor, token_id, case) in cases {
            let result = tokens::revoke(&test.db, actor, token_id, &origin, t0()).await;
            assert!(matches!(result, Err(AdminError::NotFound)), "{backend}: {case}: {result:?}");
            let result = tokens::reissue(&test.db, actor, token_id, &origin, t0()).await;
            assert!(matches!(result, Err(AdminError::NotFound)), "{backend}: re-issue {case}: {result:?}");
        }
        // Contact Center staff see a central officer's Token but leave it to its issuer.
        let seen = tokens::revoke(&test.db, &staff.contact_center, agency.row.id, &origin, t0()).await;
        assert!(matches!(seen, Err(AdminError::NotPermitted)), "{backend}: {seen:?}");
        for row in [&agency.row, &central.row] {
            assert_eq!(token_row(&test.db, row.id).await.revoked_at, None, "{backend}: still pending");
        }
        assert!(entries(&test.db, AuditEvent::TokenRevoked).await.is_empty(), "{backend}");
        assert_eq!(token_count(&test.db).await, 2, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn a_used_token_can_be_neither_revoked_nor_reissued() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let issued = issue(&test.db, &dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        redeem(&test.db, &issued.token, &person("sub-kanda"), t0()).await.expect("redeemed");
        let revoked = tokens::revoke(&test.db, &dopa_central, issued.row.id, &origin, t0()).await;
        assert!(matches!(revoked, Err(AdminError::NotPending)), "{backend}: {revoked:?}");
        let reissued = tokens::reissue(&test.db, &dopa_central, issued.row.id, &origin, t0()).await;
        assert!(matches!(reissued, Err(AdminError::NotPending)), "{backend}: {reissued:?}");
        let row = token_row(&test.db, issued.row.id).await;
        assert!(row.used_at.is_some() && row.revoked_at.is_none(), "{backend}: {row:?}");
        assert_eq!(token_count(&test.db).await, 1, "{backend}: no new Token");
        assert!(entries(&test.db, AuditEvent::TokenRevoked).await.is_empty(), "{backend}");
        assert_eq!(entries(&test.db, AuditEvent::TokenIssued).await.len(), 1, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn reissuing_revokes_the_old_token_and_gives_a_new_working_one_with_the_same_details() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let old = issue(&test.db, &dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        let t1 = t0() + Duration::days(1);
        let new = tokens::reissue(&test.db, &dopa_central, old.row.id, &origin, t1).await.expect("re-issued");
        assert_ne!(new.row.id, old.row.id, "{backend}");
        assert_ne!(new.token, old.token, "{backend}");
        let same = |row: &activation_token::Model| {
            (
                row.unit_id,
                row.role,
                row.citizen_id_hash.clone(),
                row.citizen_id_masked.clone(),
                row.intended_name.clone(),
                row.reference.clone(),
            )
        };
        assert_eq!(same(&new.row), same(&old.row), "{backend}");
        assert_eq!((new.row.issued_by_officer_id, new.row.created_at), (Some(dopa_central.id), t1), "{backend}");
        assert_eq!(new.row.expires_at, t1 + activation::DEFAULT_LIFETIME, "{backend}");
        assert_eq!((new.unit.code.as_str(), new.parents.len()), ("DOPA-BORA", 2), "{backend}");
        let old_row = token_row(&test.db, old.row.id).await;
        assert_eq!((old_row.revoked_at, old_row.revoked_by_officer_id), (Some(t1), Some(dopa_central.id)));

        let revoked = entries(&test.db, AuditEvent::TokenRevoked).await;
        assert_eq!(revoked.len(), 1, "{backend}");
        assert_eq!((revoked[0].token_id, revoked[0].actor_officer_id), (Some(old.row.id), Some(dopa_central.id)));
        assert_eq!(revoked[0].detail, Some(format!("re-issued as token #{}", new.row.id)), "{backend}");
        let issued = entries(&test.db, AuditEvent::TokenIssued).await;
        assert_eq!(issued.len(), 2, "{backend}: the first issue and the re-issue");
        assert_eq!((issued[1].token_id, issued[1].occurred_at), (Some(new.row.id), t1), "{backend}");
        let detail = issued[1].detail.as_deref().unwrap_or_default();
        assert!(detail.contains(&format!("replaces token #{}", old.row.id)), "{backend}: {detail}");

        let t2 = t1 + Duration::hours(1);
        assert_eq!(refusal(redeem(&test.db, &old.token, &person("sub-kanda"), t2).await), RedeemFailure::Revoked);
        let intruder = identity("sub-other", Some(OTHER));
        assert_eq!(refusal(redeem(&test.db, &new.token, &intruder, t2).await), RedeemFailure::WrongPerson);
        let officer = redeem(&test.db, &new.token, &person("sub-kanda"), t2).await.expect("the new Token works");
        assert_eq!((officer.role, officer.unit_id), (Role::Agency, old.row.unit_id), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn an_expired_token_is_reissued_but_not_for_a_retired_unit() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let Staff { dopa_central, contact_center, .. } = staff(&test.db).await;
        let short = IssueToken { lifetime: Duration::days(1), ..request("DOPA-CMI-SANSAI", Role::ServicePoint) };
        let expired = issue(&test.db, &dopa_central, short.clone(), t0()).await;
        let later = t0() + Duration::days(3);
        let listed = tokens::list(&test.db, &dopa_central, later).await.expect("listed");
        assert_eq!(listed.iter().map(|t| t.state).collect::<Vec<_>>(), [TokenState::Expired], "{backend}");
        let renewed = tokens::reissue(&test.db, &dopa_central, expired.row.id, &origin, later).await;
        let renewed = renewed.expect("an expired Token is re-issued");
        redeem(&test.db, &renewed.token, &person("sub-kanda"), later).await.expect("and the new one works");

        let gone = issue(&test.db, &dopa_central, short.clone(), t0()).await;
        let muang = issue(&test.db, &dopa_central, IssueToken { unit_code: "DOPA-CMI-MUANG".into(), ..short }, t0());
        let muang = muang.await;
        // Retiring needs the units below and the officers in it gone: suspend the new officer, retire its unit.
        let sansai_officer = officer::Entity::find().all(&test.db).await.expect("officers");
        let sansai_officer = sansai_officer.iter().find(|o| o.subject.as_deref() == Some("sub-kanda")).expect("new");
        admin_officers::set_status(
            &test.db,
            &contact_center,
            sansai_officer.id,
            OfficerStatus::Suspended,
            &origin,
            later,
        )
        .await
        .expect("suspended");
        admin_units::retire(&test.db, &contact_center, "DOPA-CMI-SANSAI", &origin, later).await.expect("retired");
        let result = tokens::reissue(&test.db, &dopa_central, gone.row.id, &origin, later).await;
        assert!(matches!(result, Err(AdminError::UnitNotAllowed)), "{backend}: {result:?}");
        assert_eq!(token_row(&test.db, gone.row.id).await.revoked_at, None, "{backend}: the old one is untouched");
        let other = tokens::reissue(&test.db, &dopa_central, muang.row.id, &origin, later).await;
        assert!(other.is_ok(), "{backend}: an active unit's expired Token still is: {other:?}");
        test.close().await;
    }
}

#[tokio::test]
async fn g9_a_token_redeemed_by_the_wrong_person_three_times_is_revoked_and_audited() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let issued = issue(&test.db, &dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        let intruder = identity("sub-intruder", Some(OTHER));
        for attempt in 1..=3 {
            let at = t0() + Duration::minutes(attempt);
            assert_eq!(refusal(redeem(&test.db, &issued.token, &intruder, at).await), RedeemFailure::WrongPerson);
            let revoked = entries(&test.db, AuditEvent::TokenRevoked).await;
            assert_eq!(revoked.len(), usize::from(attempt == 3), "{backend}: after attempt {attempt}");
        }
        let refused = entries(&test.db, AuditEvent::TokenRefused).await;
        let reasons: Vec<_> = refused.iter().map(|e| (e.reason.as_deref(), e.token_id, e.succeeded)).collect();
        assert_eq!(reasons, [(Some("wrong_person"), Some(issued.row.id), false); 3], "{backend}");
        let revoked = &entries(&test.db, AuditEvent::TokenRevoked).await[0];
        assert_eq!((revoked.actor_officer_id, revoked.token_id), (None, Some(issued.row.id)), "{backend}: the system");
        assert_eq!((revoked.unit_id, revoked.occurred_at), (Some(issued.row.unit_id), t0() + Duration::minutes(3)));
        assert_eq!(revoked.target_name.as_deref(), Some("นางสาวกานดา ใจดี"), "{backend}");
        let row = token_row(&test.db, issued.row.id).await;
        assert_eq!((row.revoked_at, row.revoked_by_officer_id), (Some(t0() + Duration::minutes(3)), None));

        let owner = redeem(&test.db, &issued.token, &person("sub-kanda"), t0() + Duration::minutes(4)).await;
        assert_eq!(refusal(owner), RedeemFailure::Revoked, "{backend}: even the named person");
        let listed = tokens::list(&test.db, &dopa_central, t0() + Duration::minutes(5)).await.expect("listed");
        assert_eq!(listed.iter().map(|t| t.state).collect::<Vec<_>>(), [TokenState::Revoked], "{backend}");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_central_officer_lists_only_its_own_departments_tokens() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let central_dopa = issue(db, &staff.contact_center, request("DOPA", Role::Central), t0()).await;
        let central_dol = issue(db, &staff.contact_center, request("DOL", Role::Central), t0()).await;
        let used = issue(db, &staff.dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        let revoked = issue(db, &staff.dopa_central, request("DOPA-CMI-SANSAI", Role::ServicePoint), t0()).await;
        let dol = issue(db, &staff.dol_central, request("DOL-BKK", Role::Agency), t0()).await;
        let newcomer = redeem(db, &used.token, &person("sub-kanda"), t0()).await.expect("redeemed");
        tokens::revoke(db, &staff.dopa_central, revoked.row.id, &origin, t0()).await.expect("revoked");

        let later = t0() + Duration::hours(1);
        let ids = |listed: &[tokens::TokenListing]| {
            let mut ids: Vec<i32> = listed.iter().map(|listing| listing.row.id).collect();
            ids.sort_unstable();
            ids
        };
        let dopa_sees = tokens::list(db, &staff.dopa_central, later).await.expect("listed");
        assert_eq!(ids(&dopa_sees), [used.row.id, revoked.row.id], "{backend}: not the central or DOL Tokens");
        let seen_used = dopa_sees.iter().find(|listing| listing.row.id == used.row.id).expect("listed");
        assert_eq!(seen_used.state, TokenState::Used, "{backend}");
        assert_eq!(seen_used.used_by.as_deref(), Some(newcomer.name_th.as_str()), "{backend}");
        assert_eq!(seen_used.issued_by.as_deref(), Some("นายปกครอง ส่วนกลาง"), "{backend}");
        assert_eq!(seen_used.unit.code, "DOPA-BORA", "{backend}");
        let seen_revoked = dopa_sees.iter().find(|listing| listing.row.id == revoked.row.id).expect("listed");
        assert_eq!(seen_revoked.state, TokenState::Revoked, "{backend}");

        let dol_sees = tokens::list(db, &staff.dol_central, later).await.expect("listed");
        assert_eq!(ids(&dol_sees), [dol.row.id], "{backend}");
        assert_eq!(dol_sees[0].state, TokenState::Pending, "{backend}");
        let everyone = tokens::list(db, &staff.contact_center, later).await.expect("listed");
        let all = [central_dopa.row.id, central_dol.row.id, used.row.id, revoked.row.id, dol.row.id];
        assert_eq!(ids(&everyone), all, "{backend}: Contact Center staff see every Token");
        test.close().await;
    }
}

#[tokio::test]
async fn a_central_officer_lists_only_its_own_departments_officers_and_manages_only_those_below_it() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let listed = admin_officers::list(db, &staff.dopa_central).await.expect("listed");
        let seen: Vec<(&str, &str, bool)> = listed
            .iter()
            .map(|listing| {
                (listing.unit.code.as_str(), listing.officer.subject.as_deref().unwrap_or(""), listing.manageable)
            })
            .collect();
        let mut by_unit = seen.clone();
        // Within a unit officers come by name, which the database's collation orders: compare units in order only.
        by_unit.sort_by_key(|(code, subject, _)| (*code, *subject));
        assert_eq!(
            by_unit,
            [
                ("DOPA", "dopa", false),
                ("DOPA", "dopa-off", false),
                ("DOPA-BORA", "bora", true),
                ("DOPA-BORA-01", "sp", true)
            ],
            "{backend}: not DOL's officers, nor Contact Center staff; only those below it are manageable"
        );
        let units: Vec<&str> = seen.iter().map(|(code, ..)| *code).collect();
        assert_eq!(units, ["DOPA", "DOPA", "DOPA-BORA", "DOPA-BORA-01"], "{backend}: in tree order");

        let dol = admin_officers::list(db, &staff.dol_central).await.expect("listed");
        let dol: Vec<_> = dol.iter().map(|listing| (listing.officer.id, listing.manageable)).collect();
        assert_eq!(dol, [(staff.dol_central.id, false)], "{backend}: itself, not manageable");

        let everyone = admin_officers::list(db, &staff.contact_center).await.expect("listed");
        assert_eq!(everyone.len(), 6, "{backend}");
        for listing in &everyone {
            let expected = listing.officer.id != staff.contact_center.id;
            assert_eq!(listing.manageable, expected, "{backend}: {}", listing.officer.name_th);
        }
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Officers
// ---------------------------------------------------------------------------------------------------------------

fn policy() -> SessionPolicy {
    SessionPolicy { idle_timeout: Duration::minutes(30), absolute_timeout: Duration::hours(8) }
}

async fn signed_in(db: &DatabaseConnection, officer: &officer::Model) -> SessionSecret {
    let who = identity(officer.subject.as_deref().expect("a subject"), None);
    let new = NewSession {
        officer_id: Some(officer.id),
        identity: &who,
        provider_session_id: None,
        id_token: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln".to_owned(),
        auth_time: Some(t0()),
    };
    sessions::create(db, new, policy(), t0()).await.expect("session created").0
}

async fn resolves(db: &DatabaseConnection, secret: &SessionSecret) -> bool {
    sessions::find(db, secret, policy(), t0() + Duration::minutes(1)).await.expect("query").is_some()
}

#[tokio::test]
async fn e9_suspending_an_officer_ends_their_sessions_at_once_and_they_can_be_reactivated() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let agency_session = signed_in(db, &staff.agency).await;
        let other_session = signed_in(db, &staff.service_point).await;
        assert!(resolves(db, &agency_session).await, "{backend}: signed in");

        let suspend = |at| {
            admin_officers::set_status(db, &staff.dopa_central, staff.agency.id, OfficerStatus::Suspended, &origin, at)
        };
        assert!(suspend(t0()).await.expect("suspended"), "{backend}");
        assert_eq!(officer_row(db, staff.agency.id).await.status, OfficerStatus::Suspended, "{backend}");
        assert!(!resolves(db, &agency_session).await, "{backend}: the session ended");
        assert!(resolves(db, &other_session).await, "{backend}: nobody else's did");
        assert!(!suspend(t0()).await.expect("no change"), "{backend}: already suspended");

        let suspended = entries(db, AuditEvent::OfficerSuspended).await;
        assert_eq!(suspended.len(), 1, "{backend}: the second try changed nothing");
        let entry = &suspended[0];
        assert_eq!(
            (entry.actor_officer_id, entry.actor_name.as_deref()),
            (Some(staff.dopa_central.id), Some("นายปกครอง ส่วนกลาง"))
        );
        assert_eq!(
            (entry.target_officer_id, entry.target_name.as_deref()),
            (Some(staff.agency.id), Some("นางสาวทะเบียน หน่วยงาน"))
        );
        assert_eq!(entry.unit_id, Some(staff.agency.unit_id), "{backend}");

        let t1 = t0() + Duration::hours(1);
        let reactivated =
            admin_officers::set_status(db, &staff.dopa_central, staff.agency.id, OfficerStatus::Active, &origin, t1);
        assert!(reactivated.await.expect("reactivated"), "{backend}");
        assert_eq!(officer_row(db, staff.agency.id).await.status, OfficerStatus::Active, "{backend}");
        let reactivated = entries(db, AuditEvent::OfficerReactivated).await;
        assert_eq!(reactivated.len(), 1, "{backend}");
        assert_eq!(
            (reactivated[0].actor_officer_id, reactivated[0].target_officer_id),
            (Some(staff.dopa_central.id), Some(staff.agency.id))
        );
        assert_eq!(reactivated[0].occurred_at, t1, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn an_officer_is_given_another_role_and_unit_only_within_the_scope() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let assign = |role, code: &'static str| {
            admin_officers::assign(db, &staff.dopa_central, staff.agency.id, role, code, &origin, t0())
        };
        let refusals =
            [(Role::Agency, "DOL-BKK", "another department's unit"), (Role::Agency, "NOPE", "an unknown unit")];
        for (role, code, case) in refusals {
            let result = assign(role, code).await;
            assert!(matches!(result, Err(AdminError::UnitNotAllowed)), "{backend}: {case}: {result:?}");
        }
        let result = assign(Role::Central, "DOPA").await;
        assert!(matches!(result, Err(AdminError::RoleNotAllowed)), "{backend}: {result:?}");
        let result = assign(Role::ContactCenter, "DOPA-BORA").await;
        assert!(matches!(result, Err(AdminError::RoleNotAllowed)), "{backend}: {result:?}");
        let result = assign(Role::Agency, "DOPA-CMI-MUANG").await;
        assert!(matches!(result, Err(AdminError::RoleDoesNotFitUnit)), "{backend}: {result:?}");
        assert_eq!(officer_row(db, staff.agency.id).await, staff.agency, "{backend}: nothing refused changed");
        assert!(entries(db, AuditEvent::OfficerAssigned).await.is_empty(), "{backend}");

        assert!(assign(Role::ServicePoint, "dopa-cmi-muang").await.expect("assigned"), "{backend}");
        let muang = unit(db, "DOPA-CMI-MUANG").await;
        let moved = officer_row(db, staff.agency.id).await;
        assert_eq!((moved.role, moved.unit_id), (Role::ServicePoint, muang.id), "{backend}");
        assert!(!assign(Role::ServicePoint, "DOPA-CMI-MUANG").await.expect("no change"), "{backend}");

        let assigned = entries(db, AuditEvent::OfficerAssigned).await;
        assert_eq!(assigned.len(), 1, "{backend}");
        let entry = &assigned[0];
        assert_eq!(
            (entry.actor_officer_id, entry.target_officer_id),
            (Some(staff.dopa_central.id), Some(staff.agency.id))
        );
        assert_eq!(entry.unit_id, Some(muang.id), "{backend}: the unit they now belong to");
        assert_eq!(
            entry.detail.as_deref(),
            Some("role agency → service_point; unit DOPA-BORA → DOPA-CMI-MUANG"),
            "{backend}"
        );

        let promoted =
            admin_officers::assign(db, &staff.contact_center, staff.agency.id, Role::Central, "DOL", &origin, t0());
        assert!(promoted.await.expect("Contact Center staff move anyone"), "{backend}");
        let gone = admin_officers::set_status(
            db,
            &staff.dopa_central,
            staff.agency.id,
            OfficerStatus::Suspended,
            &origin,
            t0(),
        );
        let gone = gone.await;
        assert!(matches!(gone, Err(AdminError::NotFound)), "{backend}: now in DOL: {gone:?}");
        test.close().await;
    }
}

#[tokio::test]
async fn an_officer_cannot_change_their_own_access() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let staff = staff(&test.db).await;
        let db = &test.db;
        for (actor, role, code) in
            [(&staff.dopa_central, Role::Agency, "DOPA-BORA"), (&staff.contact_center, Role::Central, "DOPA")]
        {
            let suspended = admin_officers::set_status(db, actor, actor.id, OfficerStatus::Suspended, &origin, t0());
            let suspended = suspended.await;
            assert!(matches!(suspended, Err(AdminError::OwnAccount)), "{backend}: {}: {suspended:?}", actor.name_th);
            let assigned = admin_officers::assign(db, actor, actor.id, role, code, &origin, t0()).await;
            assert!(matches!(assigned, Err(AdminError::OwnAccount)), "{backend}: {}: {assigned:?}", actor.name_th);
            assert_eq!(&officer_row(db, actor.id).await, actor, "{backend}: unchanged");
        }
        assert!(all_entries(db).await.is_empty(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn officers_outside_the_scope_are_reported_as_not_found_and_peers_cannot_be_managed() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let cc_unit = unit(db, "DGA-CC").await.id;
        let colleague =
            insert_officer(db, cc_unit, Role::ContactCenter, OfficerStatus::Active, "นายเพื่อน ศูนย์", "cc-2").await;
        let not_found = [
            (&staff.dol_central, staff.agency.id, "another department's officer"),
            (&staff.dopa_central, staff.contact_center.id, "Contact Center staff"),
            (&staff.dopa_central, staff.dol_central.id, "another department's central officer"),
            (&staff.dopa_central, 9_999, "nobody"),
        ];
        for (actor, target, case) in not_found {
            let result = admin_officers::set_status(db, actor, target, OfficerStatus::Suspended, &origin, t0()).await;
            assert!(matches!(result, Err(AdminError::NotFound)), "{backend}: {case}: {result:?}");
            let result = admin_officers::assign(db, actor, target, Role::Agency, "DOPA-BORA", &origin, t0()).await;
            assert!(matches!(result, Err(AdminError::NotFound)), "{backend}: {case}: {result:?}");
        }
        let peers = [
            (&staff.dopa_central, staff.suspended_central.id, "a central officer of the same department"),
            (&staff.contact_center, colleague.id, "another Contact Center officer"),
        ];
        for (actor, target, case) in peers {
            let result = admin_officers::set_status(db, actor, target, OfficerStatus::Active, &origin, t0()).await;
            assert!(matches!(result, Err(AdminError::NotPermitted)), "{backend}: {case}: {result:?}");
        }
        assert_eq!(officer_row(db, staff.suspended_central.id).await.status, OfficerStatus::Suspended, "{backend}");
        assert_eq!(officer_row(db, staff.agency.id).await, staff.agency, "{backend}");
        assert!(all_entries(db).await.is_empty(), "{backend}");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The organisation tree
// ---------------------------------------------------------------------------------------------------------------

fn new_unit(code: &str, kind: UnitKind, parent_code: &str) -> NewUnit {
    NewUnit {
        code: code.to_owned(),
        name_th: " ที่ทำการปกครองจังหวัดขอนแก่น ".to_owned(),
        name_en: None,
        kind,
        parent_code: Some(parent_code.to_owned()),
    }
}

#[tokio::test]
async fn contact_center_staff_create_rename_move_and_retire_a_unit_and_each_is_audited() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let Staff { contact_center: cc, dopa_central, dol_central, .. } = staff(&test.db).await;
        let db = &test.db;
        let created = admin_units::create(db, &cc, new_unit("dopa-kkn", UnitKind::Division, "DOPA"), &origin, t0());
        let created = created.await.expect("created");
        assert_eq!((created.code.as_str(), created.name_th.as_str()), ("DOPA-KKN", "ที่ทำการปกครองจังหวัดขอนแก่น"));
        assert_eq!(created.parent_id, Some(unit(db, "DOPA").await.id), "{backend}");

        let renamed =
            admin_units::rename(db, &cc, "DOPA-KKN", " ที่ทำการปกครองขอนแก่น ", Some(" Khon Kaen "), &origin, t0());
        let renamed = renamed.await.expect("renamed");
        assert_eq!((renamed.name_th.as_str(), renamed.name_en.as_deref()), ("ที่ทำการปกครองขอนแก่น", Some("Khon Kaen")));

        let dol = unit(db, "DOL").await;
        let moved = admin_units::move_to(db, &cc, "DOPA-KKN", "dol", &origin, t0()).await.expect("moved");
        assert_eq!(moved.parent_id, Some(dol.id), "{backend}");
        assert_eq!(unit_row(db, created.id).await, moved, "{backend}: stored");
        // The unit went with the move from one department's scope to the other's.
        let dopa_issue = try_issue(db, &dopa_central, request("DOPA-KKN", Role::Agency), t0()).await;
        assert!(matches!(dopa_issue, Err(IssueError::UnitNotAllowed)), "{backend}: {dopa_issue:?}");
        let dol_token = issue(db, &dol_central, request("DOPA-KKN", Role::Agency), t0()).await;
        let busy = admin_units::retire(db, &cc, "DOPA-KKN", &origin, t0()).await;
        assert!(matches!(busy, Err(AdminError::UnitInUse(InUse::Tokens))), "{backend}: {busy:?}");
        tokens::revoke(db, &dol_central, dol_token.row.id, &origin, t0()).await.expect("revoked");

        let t1 = t0() + Duration::hours(1);
        let retired = admin_units::retire(db, &cc, "DOPA-KKN", &origin, t1).await.expect("retired");
        assert_eq!(retired.retired_at, Some(t1), "{backend}");
        let again = admin_units::retire(db, &cc, "DOPA-KKN", &origin, t1).await.expect("already retired");
        assert_eq!(again.retired_at, Some(t1), "{backend}: unchanged");
        let refused = try_issue(db, &dol_central, request("DOPA-KKN", Role::Agency), t1).await;
        assert!(matches!(refused, Err(IssueError::UnitNotAllowed)), "{backend}: a retired unit takes no Tokens");

        let expected = [
            (AuditEvent::UnitCreated, "DOPA-KKN ที่ทำการปกครองจังหวัดขอนแก่น (division)"),
            (AuditEvent::UnitRenamed, "DOPA-KKN: ที่ทำการปกครองจังหวัดขอนแก่น → ที่ทำการปกครองขอนแก่น"),
            (AuditEvent::UnitMoved, "DOPA-KKN: DOPA → DOL"),
            (AuditEvent::UnitRetired, "DOPA-KKN ที่ทำการปกครองขอนแก่น"),
        ];
        for (event, detail) in expected {
            let logged = entries(db, event).await;
            assert_eq!(logged.len(), 1, "{backend}: {event:?}");
            assert_eq!((logged[0].actor_officer_id, logged[0].unit_id), (Some(cc.id), Some(created.id)), "{event:?}");
            assert_eq!(logged[0].detail.as_deref(), Some(detail), "{backend}: {event:?}");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn a_taken_code_a_parent_of_the_wrong_level_or_an_unknown_unit_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let Staff { contact_center: cc, .. } = staff(&test.db).await;
        let db = &test.db;
        let taken = admin_units::create(db, &cc, new_unit("dopa-bora", UnitKind::Division, "DOPA"), &origin, t0());
        let taken = taken.await;
        assert!(
            matches!(&taken, Err(AdminError::Unit(UnitError::DuplicateCode(code))) if code == "DOPA-BORA"),
            "{backend}: {taken:?}"
        );
        for (kind, parent) in
            [(UnitKind::Division, "MOI"), (UnitKind::ServicePoint, "DOPA"), (UnitKind::Division, "NOPE")]
        {
            let result = admin_units::create(db, &cc, new_unit("NEW", kind, parent), &origin, t0()).await;
            assert!(
                matches!(result, Err(AdminError::Unit(UnitError::Parent(_)))),
                "{backend}: {kind:?} under {parent}"
            );
        }
        for (code, parent) in
            [("DOPA-BORA", "MOI"), ("DOPA-BORA", "DOPA-BORA-01"), ("DOPA-BORA", "NOPE"), ("MOI", "OPM")]
        {
            let result = admin_units::move_to(db, &cc, code, parent, &origin, t0()).await;
            assert!(matches!(result, Err(AdminError::Unit(UnitError::Parent(_)))), "{backend}: {code} under {parent}");
        }
        let blank = admin_units::rename(db, &cc, "DOPA-BORA", "  ", None, &origin, t0()).await;
        assert!(matches!(blank, Err(AdminError::Unit(UnitError::BadName))), "{backend}: {blank:?}");
        let rename = admin_units::rename(db, &cc, "NOPE", "ชื่อ", None, &origin, t0()).await;
        let moved = admin_units::move_to(db, &cc, "NOPE", "DOPA", &origin, t0()).await;
        let retired = admin_units::retire(db, &cc, "NOPE", &origin, t0()).await;
        for (action, result) in
            [("rename", rename.map(|_| ())), ("move", moved.map(|_| ())), ("retire", retired.map(|_| ()))]
        {
            assert!(matches!(result, Err(AdminError::NotFound)), "{backend}: {action}: {result:?}");
        }
        let units = organisation_unit::Entity::find().count(db).await.expect("count");
        assert_eq!(units, sample_tree::UNITS.len() as u64, "{backend}: nothing created");
        assert_eq!(unit(db, "DOPA-BORA").await.parent_id, Some(unit(db, "DOPA").await.id), "{backend}: not moved");
        assert!(all_entries(db).await.is_empty(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn a_unit_with_active_officers_pending_tokens_or_active_units_below_it_is_not_retired() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let cc = &staff.contact_center;
        let retire = |code: &'static str| admin_units::retire(db, cc, code, &origin, t0());
        let officers = retire("DOPA-BORA-01").await;
        assert!(matches!(officers, Err(AdminError::UnitInUse(InUse::Officers))), "{backend}: {officers:?}");
        let children = retire("DOPA-CMI").await;
        assert!(matches!(children, Err(AdminError::UnitInUse(InUse::Children))), "{backend}: {children:?}");
        issue(db, &staff.dopa_central, request("DOPA-CMI-SANSAI", Role::ServicePoint), t0()).await;
        let tokens = retire("DOPA-CMI-SANSAI").await;
        assert!(matches!(tokens, Err(AdminError::UnitInUse(InUse::Tokens))), "{backend}: {tokens:?}");
        for code in ["DOPA-BORA-01", "DOPA-CMI", "DOPA-CMI-SANSAI"] {
            assert_eq!(unit(db, code).await.retired_at, None, "{backend}: {code}");
        }
        assert!(entries(db, AuditEvent::UnitRetired).await.is_empty(), "{backend}");

        // A suspended officer, an expired Token and retired units below do not hold a unit back.
        let short = IssueToken { lifetime: Duration::days(1), ..request("DOPA-CMI-MUANG", Role::ServicePoint) };
        issue(db, &staff.dopa_central, short, t0()).await;
        let later = t0() + Duration::days(2);
        admin_officers::set_status(db, cc, staff.service_point.id, OfficerStatus::Suspended, &origin, later)
            .await
            .expect("suspended");
        admin_units::retire(db, cc, "DOPA-BORA-01", &origin, later).await.expect("no active officers");
        admin_units::retire(db, cc, "DOPA-CMI-MUANG", &origin, later).await.expect("only an expired Token");
        let still = admin_units::retire(db, cc, "DOPA-CMI", &origin, later).await;
        assert!(matches!(still, Err(AdminError::UnitInUse(InUse::Children))), "{backend}: SANSAI is active");
        test.close().await;
    }
}

#[tokio::test]
async fn a_central_officer_may_not_change_the_organisation_tree() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let Staff { dopa_central: actor, .. } = staff(&test.db).await;
        let db = &test.db;
        let created = admin_units::create(db, &actor, new_unit("DOPA-KKN", UnitKind::Division, "DOPA"), &origin, t0());
        let renamed = admin_units::rename(db, &actor, "DOPA-CMI", "ชื่อใหม่", None, &origin, t0());
        let moved = admin_units::move_to(db, &actor, "DOPA-CMI-MUANG", "DOPA-BORA", &origin, t0());
        let retired = admin_units::retire(db, &actor, "DOPA-CMI-SANSAI", &origin, t0());
        let results = [created.await, renamed.await, moved.await, retired.await];
        for (action, result) in ["create", "rename", "move", "retire"].into_iter().zip(results) {
            assert!(matches!(result, Err(AdminError::NotPermitted)), "{backend}: {action}: {result:?}");
        }
        let before: Vec<_> = sample_tree::UNITS.iter().map(|(code, ..)| *code).collect();
        let tree = Tree::load(db).await.expect("tree");
        assert_eq!(tree.units.len(), before.len(), "{backend}");
        assert_eq!(tree.by_code("DOPA-CMI").map(|unit| unit.name_th.as_str()), Some("ที่ทำการปกครองจังหวัดเชียงใหม่"));
        assert!(tree.units.iter().all(|(unit, _)| unit.retired_at.is_none()), "{backend}");
        assert!(all_entries(db).await.is_empty(), "{backend}");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The sample tree
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn loading_the_sample_tree_again_creates_only_what_is_missing() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        assert!(!sample_tree::is_loaded(db).await.expect("query"), "{backend}: empty");
        let moi = NewUnit {
            code: "MOI".into(),
            name_th: "กระทรวงมหาดไทย".into(),
            name_en: None,
            kind: UnitKind::Ministry,
            parent_code: None,
        };
        let moi = domain::units::create(db, moi, t0()).await.expect("one unit exists already");
        let created = sample_tree::load(db, t0()).await.expect("loaded");
        assert_eq!(created, sample_tree::UNITS.len() - 1, "{backend}: all but MOI");
        assert!(sample_tree::is_loaded(db).await.expect("query"), "{backend}");
        assert_eq!(sample_tree::load(db, t0()).await.expect("loaded again"), 0, "{backend}: nothing the second time");

        let tree = Tree::load(db).await.expect("tree");
        assert_eq!(tree.units.len(), sample_tree::UNITS.len(), "{backend}: no duplicates");
        assert_eq!(tree.by_code("MOI"), Some(&moi), "{backend}: the existing unit is kept");
        for (code, kind, parent, name_th, _) in sample_tree::UNITS {
            let unit = tree.by_code(code).unwrap_or_else(|| panic!("{backend}: {code}"));
            assert_eq!((unit.kind, unit.name_th.as_str()), (kind, name_th), "{backend}: {code}");
            let parent_code = unit.parent_id.and_then(|id| tree.get(id)).map(|parent| parent.code.as_str());
            assert_eq!(parent_code, parent, "{backend}: {code}'s parent");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn j11_a_unit_renamed_with_a_direction_control_invisible_character_or_stacked_marks_is_refused_naming_the_field()
{
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let origin = origin();
        let Staff { contact_center: cc, .. } = staff(&test.db).await;
        let db = &test.db;
        let cases = [
            ("สำนัก\u{202e}ทะเบียน", None, false, FreeTextProblem::DirectionControl('\u{202e}')),
            ("สำนักทะเบียน", Some("Bureau\u{200b}"), true, FreeTextProblem::Invisible('\u{200b}')),
            ("สำนักทะเบี\u{e35}\u{e48}\u{e49}ยน", None, false, FreeTextProblem::StackedMarks),
        ];
        for (name_th, name_en, english_refused, expected) in cases {
            let result = admin_units::rename(db, &cc, "DOPA-BORA", name_th, name_en, &origin, t0()).await;
            assert!(
                matches!(result, Err(AdminError::Unit(UnitError::NameText { english, problem }))
                    if english == english_refused && problem == expected),
                "{backend}: {name_th:?} / {name_en:?}: {result:?}"
            );
        }
        assert_eq!(unit(db, "DOPA-BORA").await.name_th, "สำนักบริหารการทะเบียน", "{backend}: not renamed");
        assert!(all_entries(db).await.is_empty(), "{backend}: nothing audited");
        let thai = admin_units::rename(db, &cc, "DOPA-BORA", "สำนักบริหารการทะเบียนที่ปั๊มน้ำ", None, &origin, t0());
        assert!(thai.await.is_ok(), "{backend}: ordinary Thai with a vowel and a tone mark on one letter");
        test.close().await;
    }
}

#[tokio::test]
async fn j11_a_token_stored_with_a_direction_control_before_they_were_refused_is_reissued_with_it_stripped() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let old = issue(&test.db, &dopa_central, request("DOPA-BORA", Role::Agency), t0()).await;
        // As a row written before case J11 could hold them.
        activation_token::Entity::update_many()
            .col_expr(
                activation_token::Column::IntendedName,
                Expr::value("นายสมชาย\u{202e}gnp.exe ใจดี\u{e48}\u{e48}\u{e48}"),
            )
            .col_expr(activation_token::Column::Reference, Expr::value("มท\u{200b} 0309/1"))
            .filter(activation_token::Column::Id.eq(old.row.id))
            .exec(&test.db)
            .await
            .expect("legacy row");
        let new = tokens::reissue(&test.db, &dopa_central, old.row.id, &origin(), t0()).await.expect("re-issued");
        assert_eq!(new.row.intended_name.as_deref(), Some("นายสมชายgnp.exe ใจดี\u{e48}"), "{backend}");
        assert_eq!(new.row.reference.as_deref(), Some("มท 0309/1"), "{backend}");
        test.close().await;
    }
}
