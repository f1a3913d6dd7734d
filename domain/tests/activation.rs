//! Activation tokens: issued for a unit and a role and stored only as a hash, redeemed once into an officer, refused
//! when used, unknown, expired, revoked or presented by the wrong person — also when redeemed concurrently — against
//! the real migrations, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

mod support {
    pub mod clock;
    pub mod digital_id;
    pub mod officer_count;
    pub mod sign_in;
    pub mod stored_values;
    #[expect(dead_code, reason = "tokens are issued only for the tree's department and division")]
    pub mod units;
}

use chrono::{DateTime, Duration, Utc};
use domain::activation::{self, ActivationToken, IssueError, IssueToken, Issuer, RedeemError, RedeemFailure};
use domain::assurance::{Assurance, AssurancePolicy, IalLevel};
use domain::entities::activation_token;
use domain::entities::audit_event::{self, AuditEvent};
use domain::entities::officer::{self, OfficerSource, OfficerStatus, Role};
use domain::officers;
use domain::testing::TestDatabase;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use support::clock::t0;
use support::digital_id::{ISSUER, citizen, key};
use support::officer_count::officer_count;
use support::sign_in::{identity, identity_at, sha256_hex, unproofed};
use support::stored_values::table_text;
use support::units::tree;

fn request(unit_code: &str, role: Role) -> IssueToken {
    IssueToken {
        unit_code: unit_code.to_owned(),
        role,
        citizen_id: None,
        intended_name: Some(" นางสาวกานดา ใจดี ".to_owned()),
        reference: Some("มท 0309.1/1234".to_owned()),
        lifetime: activation::DEFAULT_LIFETIME,
    }
}

async fn issue(
    db: &DatabaseConnection,
    request: IssueToken,
    now: DateTime<Utc>,
) -> (ActivationToken, activation_token::Model) {
    let issued = activation::issue(db, Issuer::CommandLine, request, &key(), now).await.expect("token issued");
    (issued.token, issued.row)
}

async fn token_row(db: &DatabaseConnection, id: i32) -> activation_token::Model {
    activation_token::Entity::find_by_id(id).one(db).await.expect("query").expect("the token exists")
}

/// The token's symbols as typed without grouping: what must never be stored.
fn plain(token: &ActivationToken) -> String {
    token.grouped().replace('-', "")
}

fn refusal(result: Result<officer::Model, RedeemError>) -> (RedeemFailure, Option<i32>) {
    match result {
        Err(RedeemError::Refused { reason, unit_id }) => (reason, unit_id),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn g13_a_central_token_for_a_department_is_issued_and_only_its_hash_is_stored() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let (token, row) = issue(&test.db, request("DOPA", Role::Central), t0()).await;
        assert_eq!(plain(&token).len(), activation::TOKEN_LENGTH, "{backend}");
        assert_eq!(row.token_hash, sha256_hex(&plain(&token)), "{backend}");
        assert_eq!((row.unit_id, row.role), (tree.department.id, Role::Central), "{backend}");
        assert_eq!((row.created_at, row.expires_at), (t0(), t0() + Duration::days(7)), "{backend}");
        assert_eq!(row.intended_name.as_deref(), Some("นางสาวกานดา ใจดี"), "{backend}");
        assert_eq!((row.used_at, row.revoked_at, row.failed_identity_attempts), (None, None, 0), "{backend}");
        assert_eq!(token_row(&test.db, row.id).await, row, "{backend}: what is returned is what is stored");

        let stored = table_text(&test.db, "activation_token").await;
        assert!(stored.contains(&row.token_hash), "{backend}: the dump sees the hash column");
        for shown in [plain(&token), token.grouped()] {
            assert!(!stored.iter().any(|value| value.contains(&shown)), "{backend}: the token is stored");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn a_token_for_the_wrong_kind_of_unit_an_unknown_unit_or_a_life_outside_one_to_thirty_days_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let key = key();
        let refused = |request| activation::issue(&test.db, Issuer::CommandLine, request, &key, t0());

        let misfit = refused(request("DOPA-BORA", Role::Central)).await;
        assert!(
            matches!(
                &misfit,
                Err(IssueError::RoleDoesNotFitUnit { role: "central", expected: "department", unit, actual: "division" })
                    if unit == "DOPA-BORA"
            ),
            "{backend}: {misfit:?}"
        );
        let misfit = refused(request("DOPA", Role::ServicePoint)).await;
        assert!(matches!(misfit, Err(IssueError::RoleDoesNotFitUnit { .. })), "{backend}: {misfit:?}");
        let unknown = refused(request("NOPE", Role::Central)).await;
        assert!(matches!(&unknown, Err(IssueError::UnknownUnit(code)) if code == "NOPE"), "{backend}: {unknown:?}");
        for lifetime in [Duration::days(31), Duration::zero(), Duration::hours(23), Duration::minutes(1)] {
            let result = refused(IssueToken { lifetime, ..request("DOPA", Role::Central) }).await;
            assert!(matches!(result, Err(IssueError::Lifetime)), "{backend}: {lifetime}: {result:?}");
        }
        let stored = activation_token::Entity::find().count(&test.db).await.expect("count");
        assert_eq!(stored, 0, "{backend}: nothing refused is stored");
        let audited = audit_event::Entity::find().count(&test.db).await.expect("count");
        assert_eq!(audited, 0, "{backend}: nor audited");

        for days in [1, 30] {
            let result = refused(IssueToken { lifetime: Duration::days(days), ..request("DOPA", Role::Central) }).await;
            assert!(result.is_ok(), "{backend}: {days} days is allowed: {result:?}");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn a_token_issued_on_the_command_line_is_audited_as_token_issued_naming_no_officer_and_no_address() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let (_, row) = issue(&test.db, bound_request("1101700207030"), t0()).await;
        assert_eq!(row.issued_by_officer_id, None, "{backend}: the Tokens list shows the administrator");

        let entries = audit_event::Entity::find().all(&test.db).await.expect("audit");
        assert_eq!(entries.len(), 1, "{backend}: {entries:?}");
        let entry = &entries[0];
        assert_eq!(
            (entry.event, entry.succeeded, entry.occurred_at),
            (AuditEvent::TokenIssued, true, t0()),
            "{backend}"
        );
        assert_eq!((entry.actor_officer_id, entry.actor_name.as_deref()), (None, None), "{backend}");
        assert_eq!(entry.client_ip, None, "{backend}: no request came in");
        assert_eq!((entry.unit_id, entry.token_id), (Some(tree.division.id), Some(row.id)), "{backend}");
        assert_eq!(entry.target_name.as_deref(), Some("นางสาวกานดา ใจดี"), "{backend}");
        let detail = entry.detail.as_deref().unwrap_or_default();
        for part in
            ["role agency", "citizen ID 1-1017-xxxxx-03-0", "reference มท 0309.1/1234", "on the server's command line"]
        {
            assert!(detail.contains(part), "{backend}: {part:?} in {detail:?}");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn g1_redeeming_a_token_creates_the_officer_with_the_tokens_unit_and_role_and_marks_it_used() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let (token, row) = issue(&test.db, request("DOPA-BORA", Role::Agency), t0()).await;
        let typed = ActivationToken::parse(&token.grouped().to_lowercase().replace('-', " ")).expect("well formed");
        let who = identity("sub-new", Some("1101700207030"));
        let t1 = t0() + Duration::hours(1);
        let officer = activation::redeem(&test.db, &typed, &who, t1).await.expect("redeemed");

        assert_eq!((officer.unit_id, officer.role), (tree.division.id, Role::Agency), "{backend}: from the token");
        assert_eq!((officer.status, officer.source), (OfficerStatus::Active, OfficerSource::Activation), "{backend}");
        assert_eq!(
            (officer.issuer.as_deref(), officer.subject.as_deref()),
            (Some(ISSUER), Some("sub-new")),
            "{backend}"
        );
        assert_eq!(officer.citizen_id_hash, who.citizen_id_hash, "{backend}");
        assert_eq!(officer.citizen_id_masked.as_deref(), Some("1-1017-xxxxx-03-0"), "{backend}");
        assert_eq!((officer.activated_at, officer.created_at), (Some(t1), t1), "{backend}");
        assert_eq!(officers::find(&test.db, officer.id).await.expect("query"), Some(officer.clone()), "{backend}");

        let used = token_row(&test.db, row.id).await;
        assert_eq!(
            (used.used_at, used.used_by_officer_id, used.revoked_at),
            (Some(t1), Some(officer.id), None),
            "{backend}"
        );
        let signed_in = officers::find_for_sign_in(&test.db, &identity("sub-new", None), &AssurancePolicy::default())
            .await
            .expect("query")
            .officer();
        assert_eq!(signed_in.map(|o| o.id), Some(officer.id), "{backend}: the next sign-in finds the officer");
        test.close().await;
    }
}

#[tokio::test]
async fn g5_a_used_token_is_refused_the_second_time() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let (token, _) = issue(&test.db, request("DOPA-BORA", Role::Agency), t0()).await;
        activation::redeem(&test.db, &token, &identity("sub-first", None), t0()).await.expect("redeemed");
        let later = t0() + Duration::minutes(1);
        for who in [identity("sub-second", None), identity("sub-first", None)] {
            let again = activation::redeem(&test.db, &token, &who, later).await;
            assert_eq!(refusal(again), (RedeemFailure::Used, Some(tree.division.id)), "{backend}: {}", who.subject);
        }
        assert_eq!(officer_count(&test.db).await, 1, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn g3_an_unknown_token_is_refused_without_naming_a_unit() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        issue(&test.db, request("DOPA-BORA", Role::Agency), t0()).await;
        let guess = ActivationToken::generate();
        let result = activation::redeem(&test.db, &guess, &identity("sub-guess", None), t0()).await;
        assert_eq!(refusal(result), (RedeemFailure::Unknown, None), "{backend}");
        assert_eq!(officer_count(&test.db).await, 0, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn g7_an_expired_token_is_refused_but_works_until_its_expiry() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let unit = Some(tree.division.id);
        let who = identity("sub-late", None);
        let (old, _) = issue(&test.db, request("DOPA-BORA", Role::Agency), t0() - Duration::days(8)).await;
        let result = activation::redeem(&test.db, &old, &who, t0()).await;
        assert_eq!(refusal(result), (RedeemFailure::Expired, unit), "{backend}: issued 8 days ago for 7");

        let (token, _) = issue(&test.db, request("DOPA-BORA", Role::Agency), t0()).await;
        for late in [Duration::days(8), Duration::days(7)] {
            let result = activation::redeem(&test.db, &token, &who, t0() + late).await;
            assert_eq!(refusal(result), (RedeemFailure::Expired, unit), "{backend}: {late} after issue");
        }
        assert_eq!(officer_count(&test.db).await, 0, "{backend}");
        let just_in_time = t0() + Duration::days(7) - Duration::seconds(1);
        activation::redeem(&test.db, &token, &who, just_in_time).await.expect("a second before expiry it works");
        test.close().await;
    }
}

#[tokio::test]
async fn g8_a_revoked_token_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let (token, row) = issue(&test.db, request("DOPA-BORA", Role::Agency), t0()).await;
        let mut revoke = row.into_active_model();
        revoke.revoked_at = Set(Some(t0() + Duration::minutes(5)));
        revoke.update(&test.db).await.expect("revoked");
        let result = activation::redeem(&test.db, &token, &identity("sub-x", None), t0() + Duration::hours(1)).await;
        assert_eq!(refusal(result), (RedeemFailure::Revoked, Some(tree.division.id)), "{backend}");
        assert_eq!(officer_count(&test.db).await, 0, "{backend}");
        test.close().await;
    }
}

fn bound_request(citizen_id: &str) -> IssueToken {
    IssueToken { citizen_id: Some(citizen(citizen_id)), ..request("DOPA-BORA", Role::Agency) }
}

#[tokio::test]
async fn j2_a_token_bound_to_a_person_never_redeems_for_an_unproofed_account_with_their_citizen_id() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let (token, row) = issue(&test.db, bound_request("1101700207030"), t0()).await;
        let impostors = [
            unproofed("sub-typed-it", Some("1101700207030")),
            identity_at(
                "sub-unverified",
                Some("1101700207030"),
                Assurance { citizen_id_verified: false, ial: Some(IalLevel::THAID) },
            ),
        ];
        for who in impostors {
            let (reason, _) = refusal(activation::redeem(&test.db, &token, &who, t0()).await);
            let RedeemFailure::Assurance(shortfall) = reason else {
                panic!("{backend}: {}: expected an assurance refusal, got {reason:?}", who.subject);
            };
            assert!(shortfall.need_verified_citizen_id, "{backend}");
        }
        let untouched = token_row(&test.db, row.id).await;
        assert_eq!(
            (untouched.used_at, untouched.revoked_at, untouched.failed_identity_attempts),
            (None, None, 0),
            "{backend}: an unproofed try neither uses, counts against nor revokes the Token"
        );
        assert_eq!(officer_count(&test.db).await, 0, "{backend}");

        let laser = Assurance { citizen_id_verified: true, ial: Some(IalLevel::LASER_CODE) };
        let owner = identity_at("sub-owner", Some("1101700207030"), laser);
        let officer = activation::redeem(&test.db, &token, &owner, t0()).await.expect("the proofed person gets in");
        assert_eq!(officer.citizen_id_hash, row.citizen_id_hash, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn j3_a_token_redeems_only_at_its_roles_level_and_an_unproven_citizen_id_is_not_kept() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let (central, _) = issue(&test.db, request("DOPA", Role::Central), t0()).await;
        let laser = Assurance { citizen_id_verified: true, ial: Some(IalLevel::LASER_CODE) };
        let (reason, _) = refusal(
            activation::redeem(&test.db, &central, &identity_at("sub-a", Some("1101700207030"), laser), t0()).await,
        );
        assert!(
            matches!(reason, RedeemFailure::Assurance(shortfall) if shortfall.need == IalLevel::THAID),
            "{backend}: {reason:?}"
        );

        // A lenient policy for agency officers admits an unproofed account through an unbound Token, but its typed
        // citizen ID is not kept for look-ups.
        let policy = AssurancePolicy { agency: IalLevel::UNPROOFED, ..AssurancePolicy::default() };
        let (agency, _) = issue(&test.db, request("DOPA-BORA", Role::Agency), t0()).await;
        let who = unproofed("sub-b", Some("1101700207030"));
        let officer = activation::redeem_from(&test.db, &agency, &who, &policy, &Default::default(), t0())
            .await
            .expect("admitted by the lenient policy");
        assert_eq!(officer.citizen_id_hash, None, "{backend}: an unproven citizen ID identifies nobody");
        assert_eq!(officer.citizen_id_masked.as_deref(), Some("1-1017-xxxxx-03-0"), "{backend}: shown as given");
        test.close().await;
    }
}

#[tokio::test]
async fn g9_a_token_bound_to_a_person_refuses_others_and_still_works_for_that_person() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let (token, row) = issue(&test.db, bound_request("1101700207030"), t0()).await;
        assert_eq!(row.citizen_id_hash, Some(citizen("1101700207030").keyed_hash(&key())), "{backend}");
        let stored = table_text(&test.db, "activation_token").await;
        assert!(!stored.iter().any(|value| value.contains("1101700207030")), "{backend}: the citizen ID is stored");

        for who in [identity("sub-other", Some("3100000000004")), identity("sub-no-id", None)] {
            let result = activation::redeem(&test.db, &token, &who, t0()).await;
            assert_eq!(refusal(result).0, RedeemFailure::WrongPerson, "{backend}: {}", who.subject);
        }
        let after_two = token_row(&test.db, row.id).await;
        assert_eq!((after_two.failed_identity_attempts, after_two.revoked_at), (2, None), "{backend}");

        let owner = identity("sub-owner", Some("1-1017-00207-03-0"));
        let officer = activation::redeem(&test.db, &token, &owner, t0()).await.expect("the right person gets in");
        assert_eq!(officer.citizen_id_hash, row.citizen_id_hash, "{backend}");
        assert_eq!(officer_count(&test.db).await, 1, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn g9_a_token_bound_to_a_person_is_revoked_after_three_redemptions_by_someone_else() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let (token, row) = issue(&test.db, bound_request("1101700207030"), t0()).await;
        let intruder = identity("sub-intruder", Some("3100000000004"));
        for attempt in 1..=3 {
            let result = activation::redeem(&test.db, &token, &intruder, t0()).await;
            assert_eq!(refusal(result).0, RedeemFailure::WrongPerson, "{backend}: attempt {attempt}");
        }
        let revoked = token_row(&test.db, row.id).await;
        assert_eq!((revoked.failed_identity_attempts, revoked.revoked_at), (3, Some(t0())), "{backend}");
        let owner = identity("sub-owner", Some("1101700207030"));
        let result = activation::redeem(&test.db, &token, &owner, t0() + Duration::minutes(1)).await;
        assert_eq!(refusal(result).0, RedeemFailure::Revoked, "{backend}: even the right person");
        assert_eq!(officer_count(&test.db).await, 0, "{backend}");
        test.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn g9_concurrent_redemptions_by_the_wrong_person_all_count_and_revoke_the_token() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let (token, row) = issue(&test.db, bound_request("1101700207030"), t0()).await;
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..10 {
            let (db, token) = (test.db.clone(), token.clone());
            let intruder = identity(&format!("sub-intruder-{n}"), Some("3100000000004"));
            tasks.spawn(async move { activation::redeem(&db, &token, &intruder, t0()).await });
        }
        while let Some(joined) = tasks.join_next().await {
            let (reason, _) = refusal(joined.expect("the task ran"));
            assert!(matches!(reason, RedeemFailure::WrongPerson | RedeemFailure::Revoked), "{backend}: {reason:?}");
        }
        let after = token_row(&test.db, row.id).await;
        assert!(after.failed_identity_attempts >= 3, "{backend}: {} counted", after.failed_identity_attempts);
        assert_eq!(after.revoked_at, Some(t0()), "{backend}: revoked");
        let owner = identity("sub-owner", Some("1101700207030"));
        assert_eq!(refusal(activation::redeem(&test.db, &token, &owner, t0()).await).0, RedeemFailure::Revoked);
        test.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn g6_of_twenty_concurrent_redemptions_of_one_token_exactly_one_succeeds() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let (token, row) = issue(&test.db, request("DOPA-BORA", Role::Agency), t0()).await;
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..20 {
            let (db, token) = (test.db.clone(), token.clone());
            tasks.spawn(async move {
                activation::redeem(&db, &token, &identity(&format!("racer-{n:02}"), None), t0()).await
            });
        }
        let (mut winners, mut refused) = (Vec::new(), 0);
        while let Some(joined) = tasks.join_next().await {
            match joined.expect("the task ran") {
                Ok(officer) => winners.push(officer),
                Err(RedeemError::Refused { reason: RedeemFailure::Used, unit_id }) => {
                    assert_eq!(unit_id, Some(tree.division.id), "{backend}");
                    refused += 1;
                }
                Err(other) => panic!("{backend}: {other:?}"),
            }
        }
        assert_eq!((winners.len(), refused), (1, 19), "{backend}");
        let in_unit = officer::Entity::find()
            .filter(officer::Column::UnitId.eq(tree.division.id))
            .all(&test.db)
            .await
            .expect("query");
        assert_eq!(in_unit, winners, "{backend}: exactly the winner's officer row");
        assert_eq!(token_row(&test.db, row.id).await.used_by_officer_id, Some(winners[0].id), "{backend}");
        test.close().await;
    }
}
