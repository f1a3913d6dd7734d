//! The officer-access services — organisation units, the CITIZENinfo import, sign-in, sessions, login transactions,
//! activation tokens and their rate limits — against the real migrations, on SQLite and (with `TEST_DATABASE_URL`)
//! PostgreSQL.

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::activation::{self, ActivationToken, AttemptLimits, IssueError, IssueToken, RedeemError, RedeemFailure};
use domain::citizen_id::{CitizenId, CitizenIdKey};
use domain::entities::officer::{self, OfficerSource, OfficerStatus, Role};
use domain::entities::organisation_unit::{self, UnitKind};
use domain::entities::{activation_token, login_transaction, officer_session};
use domain::import::{self, ImportError};
use domain::login_transactions;
use domain::officers::{self, DigitalIdIdentity};
use domain::sessions::{self, NewSession, SessionPolicy, SessionSecret};
use domain::testing::TestDatabase;
use domain::units::{self, NewUnit, UnitError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set, Statement,
};
use sha2::{Digest, Sha256};

const ISSUER: &str = "https://digital-id.example.go.th";

/// The moment most tests happen at: whole seconds, so every backend stores it exactly.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).single().expect("a valid time")
}

fn key() -> CitizenIdKey {
    CitizenIdKey::new(b"officer-access test key".to_vec())
}

fn citizen(digits: &str) -> CitizenId {
    CitizenId::parse(digits).expect("a valid citizen ID")
}

fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// Someone signed in at Digital ID, with or without a citizen ID.
fn identity(subject: &str, citizen_id: Option<&str>) -> DigitalIdIdentity {
    let citizen_id = citizen_id.map(citizen);
    DigitalIdIdentity {
        issuer: ISSUER.to_owned(),
        subject: subject.to_owned(),
        name_th: format!("นายทดสอบ {subject}"),
        phone_number: Some("0812345678".to_owned()),
        email: Some(format!("{subject}@example.go.th")),
        citizen_id_hash: citizen_id.as_ref().map(|id| id.keyed_hash(&key())),
        citizen_id_masked: citizen_id.as_ref().map(CitizenId::masked),
    }
}

async fn new_unit(
    db: &DatabaseConnection,
    code: &str,
    name_th: &str,
    kind: UnitKind,
    parent_code: Option<&str>,
) -> Result<organisation_unit::Model, UnitError> {
    let unit = NewUnit {
        code: code.to_owned(),
        name_th: name_th.to_owned(),
        name_en: None,
        kind,
        parent_code: parent_code.map(str::to_owned),
    };
    units::create(db, unit, t0()).await
}

/// One branch of the organisation tree, a unit of each level.
struct Tree {
    ministry: organisation_unit::Model,
    department: organisation_unit::Model,
    division: organisation_unit::Model,
    service_point: organisation_unit::Model,
}

async fn tree(db: &DatabaseConnection) -> Tree {
    let ministry = new_unit(db, "MOI", "กระทรวงมหาดไทย", UnitKind::Ministry, None).await.expect("ministry");
    let department = new_unit(db, "DOPA", "กรมการปกครอง", UnitKind::Department, Some("MOI")).await.expect("department");
    let division =
        new_unit(db, "DOPA-BORA", "สำนักบริหารการทะเบียน", UnitKind::Division, Some("DOPA")).await.expect("division");
    let service_point = new_unit(db, "DOPA-BORA-01", "จุดบริการศูนย์ราชการ", UnitKind::ServicePoint, Some("DOPA-BORA"))
        .await
        .expect("service point");
    Tree { ministry, department, division, service_point }
}

async fn insert_officer(
    db: &DatabaseConnection,
    unit_id: i32,
    role: Role,
    status: OfficerStatus,
    name_th: &str,
    subject: &str,
) -> officer::Model {
    officer::ActiveModel {
        issuer: Set(Some(ISSUER.to_owned())),
        subject: Set(Some(subject.to_owned())),
        citizen_id_hash: Set(None),
        citizen_id_masked: Set(None),
        name_th: Set(name_th.to_owned()),
        phone_number: Set(None),
        email: Set(None),
        unit_id: Set(unit_id),
        role: Set(role),
        status: Set(status),
        source: Set(OfficerSource::Activation),
        activated_at: Set(Some(t0())),
        last_sign_in_at: Set(None),
        previous_sign_in_at: Set(None),
        created_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("officer inserted")
}

async fn officer_count(db: &DatabaseConnection) -> u64 {
    officer::Entity::find().count(db).await.expect("count officers")
}

/// Every value of every row of `table`, cast to text: to show that a secret is stored in no column at all, including
/// ones an entity might not map.
async fn table_text(db: &DatabaseConnection, table: &str) -> Vec<String> {
    let backend = db.get_database_backend();
    let first = db
        .query_one_raw(Statement::from_string(backend, format!("SELECT * FROM {table}")))
        .await
        .expect("select")
        .expect("the table has a row");
    let columns = first.column_names();
    let casts: Vec<String> = columns.iter().map(|column| format!("CAST({column} AS TEXT)")).collect();
    let rows = db
        .query_all_raw(Statement::from_string(backend, format!("SELECT {} FROM {table}", casts.join(", "))))
        .await
        .expect("select as text");
    rows.iter()
        .flat_map(|row| {
            (0..columns.len()).filter_map(|i| row.try_get_by_index::<Option<String>>(i).expect("a text value"))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Organisation units
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_ministry_department_division_and_service_point_are_each_created_under_their_parent() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        assert_eq!(tree.ministry.parent_id, None, "{backend}");
        assert_eq!(tree.department.parent_id, Some(tree.ministry.id), "{backend}");
        assert_eq!(tree.division.parent_id, Some(tree.department.id), "{backend}");
        assert_eq!(tree.service_point.parent_id, Some(tree.division.id), "{backend}");
        assert_eq!(tree.service_point.kind, UnitKind::ServicePoint, "{backend}");
        assert_eq!(tree.service_point.name_th, "จุดบริการศูนย์ราชการ", "{backend}");
        let found = units::find_by_code(&test.db, " DOPA-BORA ").await.expect("query");
        assert_eq!(found, Some(tree.division), "{backend}: found by its code, surrounding spaces ignored");
        test.close().await;
    }
}

#[tokio::test]
async fn a_unit_without_its_parent_or_under_the_wrong_kind_of_parent_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let refused = [
            ("department without parent", new_unit(&test.db, "D2", "กรมใหม่", UnitKind::Department, None).await),
            ("division under a ministry", new_unit(&test.db, "V2", "กองใหม่", UnitKind::Division, Some("MOI")).await),
            (
                "service point under a department",
                new_unit(&test.db, "S2", "จุดใหม่", UnitKind::ServicePoint, Some("DOPA")).await,
            ),
            ("ministry with a parent", new_unit(&test.db, "M2", "กระทรวงใหม่", UnitKind::Ministry, Some("MOI")).await),
            ("unknown parent", new_unit(&test.db, "D3", "กรมใหม่", UnitKind::Department, Some("NOPE")).await),
        ];
        for (case, result) in refused {
            assert!(matches!(result, Err(UnitError::Parent(_))), "{backend}: {case}: {result:?}");
        }
        assert_eq!(organisation_unit::Entity::find().count(&test.db).await.expect("count"), 4, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn a_duplicate_or_malformed_unit_code_and_an_empty_name_are_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let duplicate = new_unit(&test.db, " DOPA ", "กรมซ้ำ", UnitKind::Department, Some("MOI")).await;
        assert!(
            matches!(&duplicate, Err(UnitError::DuplicateCode(code)) if code == "DOPA"),
            "{backend}: {duplicate:?}"
        );
        for code in ["", "กรม", "HAS SPACE", "A/B", &"X".repeat(33)] {
            let result = new_unit(&test.db, code, "กรมใหม่", UnitKind::Department, Some("MOI")).await;
            assert!(matches!(result, Err(UnitError::BadCode)), "{backend}: {code:?}: {result:?}");
        }
        let blank = new_unit(&test.db, "DLA", "  ", UnitKind::Department, Some("MOI")).await;
        assert!(matches!(blank, Err(UnitError::BadName)), "{backend}: {blank:?}");
        let longest = new_unit(&test.db, &"X".repeat(32), "กรมรหัสยาว", UnitKind::Department, Some("MOI")).await;
        assert!(longest.is_ok(), "{backend}: 32 characters is still a code: {longest:?}");
        test.close().await;
    }
}

#[tokio::test]
async fn a_units_chain_runs_from_the_unit_itself_up_to_its_ministry() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let codes = |chain: Vec<organisation_unit::Model>| chain.into_iter().map(|unit| unit.code).collect::<Vec<_>>();
        let chain = units::chain(&test.db, tree.service_point.id).await.expect("chain");
        assert_eq!(codes(chain), ["DOPA-BORA-01", "DOPA-BORA", "DOPA", "MOI"], "{backend}");
        let chain = units::chain(&test.db, tree.ministry.id).await.expect("chain");
        assert_eq!(codes(chain), ["MOI"], "{backend}");
        assert!(units::chain(&test.db, 9_999).await.expect("chain").is_empty(), "{backend}: unknown unit");
        test.close().await;
    }
}

#[tokio::test]
async fn a_service_points_contacts_are_the_active_central_officers_of_its_department() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let other = new_unit(&test.db, "DLA", "กรมส่งเสริมการปกครองท้องถิ่น", UnitKind::Department, Some("MOI"))
            .await
            .expect("another department");
        let db = &test.db;
        let dept = tree.department.id;
        // Inserted out of name order, to see the names come back sorted.
        insert_officer(db, dept, Role::Central, OfficerStatus::Active, "นางสาวขวัญใจ ส่วนกลาง", "c-2").await;
        insert_officer(db, dept, Role::Central, OfficerStatus::Active, "นางสาวกานดา ส่วนกลาง", "c-1").await;
        insert_officer(db, dept, Role::Central, OfficerStatus::Suspended, "นายพักงาน ส่วนกลาง", "c-3").await;
        insert_officer(db, tree.division.id, Role::Agency, OfficerStatus::Active, "นายหน่วยงาน กอง", "a-1").await;
        insert_officer(db, tree.service_point.id, Role::ServicePoint, OfficerStatus::Active, "นายจุด บริการ", "s-1")
            .await;
        insert_officer(db, other.id, Role::Central, OfficerStatus::Active, "นายกรมอื่น ส่วนกลาง", "c-4").await;

        let expected = ["นางสาวกานดา ส่วนกลาง", "นางสาวขวัญใจ ส่วนกลาง"];
        for unit in [&tree.service_point, &tree.division, &tree.department] {
            let (department, officers) = units::central_officers_for(db, unit.id).await.expect("query");
            assert_eq!(department.map(|d| d.code), Some("DOPA".to_owned()), "{backend}: from {}", unit.code);
            let names: Vec<_> = officers.into_iter().map(|officer| officer.name_th).collect();
            assert_eq!(names, expected, "{backend}: from {}", unit.code);
        }
        let (department, officers) = units::central_officers_for(db, tree.ministry.id).await.expect("query");
        assert!(department.is_none() && officers.is_empty(), "{backend}: a ministry has no department");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Importing officers from CITIZENinfo
// ---------------------------------------------------------------------------------------------------------------

const HEADER: &str = "digital_id_sub,citizen_id,name_th,unit_code,role\n";

async fn import_csv(db: &DatabaseConnection, rows: &str) -> Result<usize, ImportError> {
    import::import_officers(db, format!("{HEADER}{rows}").as_bytes(), ISSUER, &key(), t0()).await
}

#[tokio::test]
async fn a_valid_file_imports_every_row_keeping_citizen_ids_only_as_keyed_hash_and_masked_form() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let rows = "sub-kanda,,นางสาวกานดา ใจดี,DOPA,central\n\
                    ,1101700207030,นายสมชาย ใจดี,DOPA-BORA,agency\n\
                    sub-wichai, 3-1000-00000-00-4 ,นายวิชัย รักงาน,DOPA-BORA-01,service_point\n";
        assert_eq!(import_csv(&test.db, rows).await.expect("imported"), 3, "{backend}");

        let officers = officer::Entity::find().order_by_asc(officer::Column::Id).all(&test.db).await.expect("query");
        let summary: Vec<_> = officers
            .iter()
            .map(|o| (o.issuer.as_deref(), o.subject.as_deref(), o.name_th.as_str(), o.unit_id, o.role))
            .collect();
        assert_eq!(
            summary,
            [
                (Some(ISSUER), Some("sub-kanda"), "นางสาวกานดา ใจดี", tree.department.id, Role::Central),
                (None, None, "นายสมชาย ใจดี", tree.division.id, Role::Agency),
                (Some(ISSUER), Some("sub-wichai"), "นายวิชัย รักงาน", tree.service_point.id, Role::ServicePoint),
            ],
            "{backend}"
        );
        let citizen_ids: Vec<_> =
            officers.iter().map(|o| (o.citizen_id_hash.clone(), o.citizen_id_masked.as_deref())).collect();
        assert_eq!(
            citizen_ids,
            [
                (None, None),
                (Some(citizen("1101700207030").keyed_hash(&key())), Some("1-1017-xxxxx-03-0")),
                (Some(citizen("3100000000004").keyed_hash(&key())), Some("3-1000-xxxxx-00-4")),
            ],
            "{backend}"
        );
        for officer in &officers {
            assert_eq!(
                (officer.source, officer.status, officer.activated_at, officer.created_at),
                (OfficerSource::CitizenInfo, OfficerStatus::Active, None, t0()),
                "{backend}"
            );
        }

        let stored = table_text(&test.db, "officer").await;
        let hash = citizen("1101700207030").keyed_hash(&key());
        assert!(stored.contains(&hash), "{backend}: the dump sees the hash column");
        for digits in ["1101700207030", "3100000000004", "3-1000-00000-00-4"] {
            assert!(!stored.iter().any(|value| value.contains(digits)), "{backend}: {digits} is stored somewhere");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn a_file_with_bad_rows_reports_every_problem_by_line_and_column_and_imports_nothing() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, "sub-existing,1000000000009,นายมีแล้ว เดิม,DOPA-BORA,agency\n")
            .await
            .expect("an officer imported earlier");
        let rows = "sub-good,,นางสาวกานดา ใจดี,DOPA,central\n\
                    ,1101700207031,นายสมชาย ผิดหลัก,DOPA-BORA,agency\n\
                    sub-nounit,,นายไม่มี หน่วยงาน,NOPE,agency\n\
                    sub-misfit,,นายผิด ระดับ,DOPA-BORA-01,central\n\
                    sub-noname,,,DOPA,central\n\
                    ,,นายไม่มี ตัวตน,DOPA,central\n\
                    sub-good,,นางสาวกานดา ซ้ำ,DOPA,central\n\
                    ,3100000000004,นายวิชัย รักงาน,DOPA-BORA,agency\n\
                    ,3-1000-00000-00-4,นายวิชัย ซ้ำ,DOPA-BORA,agency\n\
                    ,1000000000009,นายมีแล้ว ทางบัตร,DOPA-BORA,agency\n\
                    sub-existing,,นายมีแล้ว ทางบัญชี,DOPA-BORA,agency\n\
                    sub-badrole,,นายบทบาท ผิด,DOPA-BORA,admin\n\
                    sub-short,,นายคอลัมน์ ขาด,DOPA\n\
                    ,12345,นายเลข สั้น,DOPA-BORA,agency\n";
        let Err(ImportError::Rows(errors)) = import_csv(&test.db, rows).await else {
            panic!("{backend}: the file is refused with its problems")
        };
        let located: Vec<_> = errors.iter().map(|error| (error.line, error.column)).collect();
        assert_eq!(
            located,
            [
                (3, Some("citizen_id")),
                (4, Some("unit_code")),
                (5, Some("role")),
                (6, Some("name_th")),
                (7, Some("digital_id_sub")),
                (8, Some("digital_id_sub")),
                (10, Some("citizen_id")),
                (11, Some("citizen_id")),
                (12, Some("digital_id_sub")),
                (13, Some("role")),
                (14, None),
                (15, Some("citizen_id")),
            ],
            "{backend}: one error per problem: {errors:#?}"
        );
        let message = |line| errors.iter().find(|error| error.line == line).map(|error| error.message.as_str());
        assert_eq!(message(3), Some("has a wrong check digit"), "{backend}");
        assert_eq!(message(8), Some("appears twice in the file"), "{backend}");
        assert_eq!(message(10), Some("appears twice in the file"), "{backend}");
        assert_eq!(message(11), Some("is already an officer"), "{backend}");
        assert_eq!(message(12), Some("is already an officer"), "{backend}");
        assert_eq!(message(15), Some("must be 13 digits"), "{backend}");
        for error in &errors {
            let shown = error.to_string();
            for digits in ["1101700207031", "3100000000004", "3-1000-00000-00-4", "1000000000009", "12345"] {
                assert!(!shown.contains(digits), "{backend}: {shown:?} shows a citizen ID");
            }
        }

        let officers = officer::Entity::find().all(&test.db).await.expect("query");
        let subjects: Vec<_> = officers.iter().map(|officer| officer.subject.as_deref()).collect();
        assert_eq!(subjects, [Some("sub-existing")], "{backend}: only the earlier officer; not even the good row");
        test.close().await;
    }
}

#[tokio::test]
async fn a_file_with_the_wrong_header_or_no_rows_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let row = "sub-kanda,,นางสาวกานดา ใจดี,DOPA,central\n";
        for header in [
            "sub,citizen_id,name_th,unit_code,role\n",
            "citizen_id,digital_id_sub,name_th,unit_code,role\n",
            "digital_id_sub,citizen_id,name_th,unit_code\n",
            "digital_id_sub,citizen_id,name_th,unit_code,role,extra\n",
        ] {
            let result =
                import::import_officers(&test.db, format!("{header}{row}").as_bytes(), ISSUER, &key(), t0()).await;
            let Err(ImportError::Rows(errors)) = result else { panic!("{backend}: {header:?} is accepted") };
            let located: Vec<_> = errors.iter().map(|error| (error.line, error.column)).collect();
            assert_eq!(located, [(1, None)], "{backend}: {header:?}");
        }
        let header_only = import::import_officers(&test.db, HEADER.as_bytes(), ISSUER, &key(), t0()).await;
        assert!(matches!(header_only, Err(ImportError::Rows(errors)) if errors.len() == 1), "{backend}");
        assert_eq!(officer_count(&test.db).await, 0, "{backend}");
        // The same row under the right header, and with the byte-order mark Excel writes, imports.
        let with_bom = format!("\u{feff}{HEADER}{row}");
        let imported = import::import_officers(&test.db, with_bom.as_bytes(), ISSUER, &key(), t0()).await;
        assert_eq!(imported.expect("imported"), 1, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn problems_are_reported_on_their_own_line_after_blank_lines_and_multi_line_fields() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let rows = "sub-a,,นาย ก,DOPA,central\r\n\
                    \r\n\
                    ,,นาย ข,DOPA,central\r\n\
                    \"sub-c\",,\"นาย\r\nค\",DOPA,central\r\n\
                    sub-d,,นาย ง,NOPE,central\r\n";
        let Err(ImportError::Rows(errors)) = import_csv(&test.db, rows).await else { panic!("{backend}: refused") };
        let located: Vec<_> = errors.iter().map(|error| (error.line, error.column)).collect();
        assert_eq!(
            located,
            [(4, Some("digital_id_sub")), (5, Some("name_th")), (7, Some("unit_code"))],
            "{backend}: the lines a text editor shows"
        );
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Officers at sign-in
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_officer_is_found_for_sign_in_by_issuer_and_subject() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, "sub-kanda,,นางสาวกานดา ใจดี,DOPA,central\n").await.expect("imported");
        let found = officers::find_for_sign_in(&test.db, &identity("sub-kanda", None)).await.expect("query");
        assert_eq!(found.map(|officer| officer.name_th), Some("นางสาวกานดา ใจดี".to_owned()), "{backend}");
        let other_issuer =
            DigitalIdIdentity { issuer: "https://other.example".to_owned(), ..identity("sub-kanda", None) };
        let found = officers::find_for_sign_in(&test.db, &other_issuer).await.expect("query");
        assert!(found.is_none(), "{backend}: the same subject at another issuer is someone else");
        let stranger = officers::find_for_sign_in(&test.db, &identity("sub-stranger", None)).await.expect("query");
        assert!(stranger.is_none(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn an_imported_officer_with_only_a_citizen_id_is_found_by_it_and_bound_to_the_subject() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย ใจดี,DOPA-BORA,agency\n").await.expect("imported");
        let first = officers::find_for_sign_in(&test.db, &identity("sub-somchai", Some("1101700207030")))
            .await
            .expect("query")
            .expect("found by citizen ID");
        assert_eq!(
            (first.issuer.as_deref(), first.subject.as_deref()),
            (Some(ISSUER), Some("sub-somchai")),
            "{backend}"
        );
        let stored = officers::find(&test.db, first.id).await.expect("query").expect("exists");
        assert_eq!(stored.subject.as_deref(), Some("sub-somchai"), "{backend}: the binding is stored");
        let again = officers::find_for_sign_in(&test.db, &identity("sub-somchai", None)).await.expect("query");
        assert_eq!(again.map(|officer| officer.id), Some(first.id), "{backend}: found by subject alone");
        test.close().await;
    }
}

#[tokio::test]
async fn an_officer_bound_to_one_subject_is_not_rebound_by_another_subject_with_the_same_citizen_id() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย ใจดี,DOPA-BORA,agency\n").await.expect("imported");
        let owner = identity("sub-owner", Some("1101700207030"));
        let bound = officers::find_for_sign_in(&test.db, &owner).await.expect("query").expect("bound");
        let second_account = identity("sub-second", Some("1101700207030"));
        let found = officers::find_for_sign_in(&test.db, &second_account).await.expect("query");
        assert!(found.is_none(), "{backend}: a second account with the same citizen ID is not let in");
        let stored = officers::find(&test.db, bound.id).await.expect("query").expect("exists");
        assert_eq!(stored.subject.as_deref(), Some("sub-owner"), "{backend}: still bound to the first subject");
        let found = officers::find_for_sign_in(&test.db, &owner).await.expect("query");
        assert_eq!(found.map(|officer| officer.id), Some(bound.id), "{backend}");

        // The same holds for an officer imported with both a subject and a citizen ID.
        import_csv(&test.db, "sub-wichai,3100000000004,นายวิชัย รักงาน,DOPA-BORA,agency\n").await.expect("imported");
        let found = officers::find_for_sign_in(&test.db, &identity("sub-other", Some("3100000000004"))).await;
        assert!(found.expect("query").is_none(), "{backend}");
        test.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_ten_first_sign_ins_at_once_with_one_citizen_id_exactly_one_subject_is_bound() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย ใจดี,DOPA-BORA,agency\n").await.expect("imported");
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..10 {
            let db = test.db.clone();
            tasks.spawn(async move {
                let who = identity(&format!("sub-{n}"), Some("1101700207030"));
                officers::find_for_sign_in(&db, &who).await.map(|found| found.map(|officer| (who.subject, officer)))
            });
        }
        let mut bound = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            bound.extend(joined.expect("the task ran").expect("query"));
        }
        assert_eq!(bound.len(), 1, "{backend}: {bound:?}");
        let (subject, officer) = &bound[0];
        assert_eq!(officer.subject.as_ref(), Some(subject), "{backend}");
        let stored = officers::find(&test.db, officer.id).await.expect("query").expect("exists");
        assert_eq!(stored.subject.as_ref(), Some(subject), "{backend}: the winner's subject is the one stored");
        test.close().await;
    }
}

#[tokio::test]
async fn a_sign_in_moves_the_last_sign_in_to_previous_updates_contact_details_and_sets_activation_once() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย (CITIZENinfo),DOPA-BORA,agency\n").await.expect("imported");
        let somchai = identity("sub-somchai", Some("1101700207030"));
        let officer = officers::find_for_sign_in(&test.db, &somchai).await.expect("query").expect("found");
        assert_eq!(officer.activated_at, None, "{backend}: not yet activated");

        let t1 = t0() + Duration::hours(1);
        let officer = officers::record_sign_in(&test.db, officer, &somchai, t1).await.expect("recorded");
        let stored = officers::find(&test.db, officer.id).await.expect("query").expect("exists");
        assert_eq!(stored, officer, "{backend}: what is returned is what is stored");
        assert_eq!(
            (stored.last_sign_in_at, stored.previous_sign_in_at, stored.activated_at),
            (Some(t1), None, Some(t1)),
            "{backend}"
        );
        assert_eq!(stored.name_th, "นายทดสอบ sub-somchai", "{backend}: Digital ID's name replaces the import's");
        assert_eq!(stored.phone_number.as_deref(), Some("0812345678"), "{backend}");
        assert_eq!(stored.email.as_deref(), Some("sub-somchai@example.go.th"), "{backend}");
        assert_eq!(stored.citizen_id_masked.as_deref(), Some("1-1017-xxxxx-03-0"), "{backend}");

        let t2 = t1 + Duration::days(2);
        let later = DigitalIdIdentity {
            name_th: "  ".to_owned(),
            phone_number: None,
            email: Some("somchai@dopa.go.th".to_owned()),
            ..somchai.clone()
        };
        officers::record_sign_in(&test.db, stored, &later, t2).await.expect("recorded");
        let stored = officers::find(&test.db, officer.id).await.expect("query").expect("exists");
        assert_eq!(
            (stored.last_sign_in_at, stored.previous_sign_in_at, stored.activated_at),
            (Some(t2), Some(t1), Some(t1)),
            "{backend}: activation is the first sign-in, not the latest"
        );
        assert_eq!(stored.name_th, "นายทดสอบ sub-somchai", "{backend}: an empty name does not erase the name");
        assert_eq!(stored.phone_number, None, "{backend}");
        assert_eq!(stored.email.as_deref(), Some("somchai@dopa.go.th"), "{backend}");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------------------------

fn policy() -> SessionPolicy {
    SessionPolicy { idle_timeout: Duration::minutes(30), absolute_timeout: Duration::hours(8) }
}

async fn start_session(
    db: &DatabaseConnection,
    officer_id: Option<i32>,
    who: &DigitalIdIdentity,
    now: DateTime<Utc>,
) -> (SessionSecret, sessions::Session) {
    let new = NewSession {
        officer_id,
        identity: who,
        provider_session_id: Some("sid-1".to_owned()),
        id_token: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln".to_owned(),
        auth_time: Some(now),
    };
    sessions::create(db, new, policy(), now).await.expect("session created")
}

async fn session_count(db: &DatabaseConnection) -> u64 {
    officer_session::Entity::find().count(db).await.expect("count sessions")
}

#[tokio::test]
async fn a_session_is_found_by_its_secret_and_stored_under_the_secrets_sha256() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let officer =
            insert_officer(&test.db, tree.division.id, Role::Agency, OfficerStatus::Active, "นายก", "s").await;
        let who = identity("s", Some("1101700207030"));
        let (secret, created) = start_session(&test.db, Some(officer.id), &who, t0()).await;
        assert_eq!(created.row.id, sha256_hex(secret.expose()), "{backend}: keyed by the hash");
        assert_ne!(created.row.id, secret.expose(), "{backend}");

        let found = sessions::find(&test.db, &secret, policy(), t0() + Duration::minutes(5))
            .await
            .expect("query")
            .expect("live");
        assert_eq!(found.row.id, created.row.id, "{backend}");
        assert_eq!(found.row.officer_id, Some(officer.id), "{backend}");
        assert_eq!(found.identity, who, "{backend}: the identity survives the round trip");
        assert_eq!(found.row.expires_at, t0() + Duration::hours(8), "{backend}");

        let stored = table_text(&test.db, "officer_session").await;
        assert!(stored.contains(&created.row.id), "{backend}: the dump sees the id column");
        assert!(!stored.iter().any(|value| value.contains(secret.expose())), "{backend}: the secret is stored");
        let wrong = SessionSecret::new(created.row.id.clone());
        let found = sessions::find(&test.db, &wrong, policy(), t0()).await.expect("query");
        assert!(found.is_none(), "{backend}: the stored id is not a secret that opens the session");
        test.close().await;
    }
}

#[tokio::test]
async fn every_new_session_gets_a_new_secret() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let who = identity("s", None);
        let (first, _) = start_session(&test.db, None, &who, t0()).await;
        let (second, _) = start_session(&test.db, None, &who, t0()).await;
        assert_ne!(first, second, "{backend}");
        assert_eq!(first.expose().len(), 43, "{backend}: 256 bits");
        assert_eq!(session_count(&test.db).await, 2, "{backend}");
        for secret in [&first, &second] {
            let found = sessions::find(&test.db, secret, policy(), t0()).await.expect("query");
            assert!(found.is_some(), "{backend}");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn a_session_idle_for_the_idle_timeout_is_ended_and_deleted() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let who = identity("s", None);
        let (kept, _) = start_session(&test.db, None, &who, t0()).await;
        let (idle, _) = start_session(&test.db, None, &who, t0()).await;
        let almost = t0() + Duration::minutes(29);
        assert!(sessions::find(&test.db, &kept, policy(), almost).await.expect("query").is_some(), "{backend}");
        let found = sessions::find(&test.db, &idle, policy(), t0() + Duration::minutes(30)).await.expect("query");
        assert!(found.is_none(), "{backend}: idle for 30 minutes");
        assert_eq!(session_count(&test.db).await, 1, "{backend}: the idle one is deleted");
        // The session seen at minute 29 lives on from there.
        let later = almost + Duration::minutes(29);
        assert!(sessions::find(&test.db, &kept, policy(), later).await.expect("query").is_some(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn a_session_past_its_absolute_timeout_is_ended_even_when_used_recently() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let (secret, _) = start_session(&test.db, None, &identity("s", None), t0()).await;
        for step in 1..=19 {
            let now = t0() + Duration::minutes(25 * step);
            let found = sessions::find(&test.db, &secret, policy(), now).await.expect("query");
            assert!(found.is_some(), "{backend}: in use at minute {}", 25 * step);
        }
        let found = sessions::find(&test.db, &secret, policy(), t0() + Duration::hours(8)).await.expect("query");
        assert!(found.is_none(), "{backend}: 8 hours after it began, though seen 5 minutes ago");
        assert_eq!(session_count(&test.db).await, 0, "{backend}: and deleted");
        test.close().await;
    }
}

#[tokio::test]
async fn ending_a_session_or_every_session_of_an_officer_deletes_exactly_those() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let unit = tree.division.id;
        let a = insert_officer(&test.db, unit, Role::Agency, OfficerStatus::Active, "นายก", "a").await;
        let b = insert_officer(&test.db, unit, Role::Agency, OfficerStatus::Active, "นายข", "b").await;
        let (a1, _) = start_session(&test.db, Some(a.id), &identity("a", None), t0()).await;
        let (a2, _) = start_session(&test.db, Some(a.id), &identity("a", None), t0()).await;
        let (b1, _) = start_session(&test.db, Some(b.id), &identity("b", None), t0()).await;
        let (pending, _) = start_session(&test.db, None, &identity("new", None), t0()).await;

        assert_eq!(sessions::end_for_officer(&test.db, a.id).await.expect("ended"), 2, "{backend}");
        let live = |secret: SessionSecret| {
            let db = test.db.clone();
            async move { sessions::find(&db, &secret, policy(), t0()).await.expect("query").is_some() }
        };
        assert_eq!(
            (live(a1).await, live(a2).await, live(b1.clone()).await, live(pending.clone()).await),
            (false, false, true, true),
            "{backend}"
        );
        assert!(sessions::end(&test.db, &b1).await.expect("ended"), "{backend}");
        assert!(!sessions::end(&test.db, &b1).await.expect("ended"), "{backend}: nothing left to end");
        assert_eq!((live(b1).await, live(pending).await), (false, true), "{backend}");
        test.close().await;
    }
}

#[test]
fn a_session_secret_never_shows_in_debug_output() {
    let secret = SessionSecret::new("s3cret-cookie-value");
    let shown = format!("{secret:?}");
    assert!(!shown.contains("s3cret-cookie-value"), "{shown}");
    assert_eq!(shown, "SessionSecret(***)");
}

// ---------------------------------------------------------------------------------------------------------------
// Login transactions
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_login_transaction_is_taken_once_and_then_gone() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let payload = r#"{"state":"s","nonce":"n","pkce_verifier":"v","return_to":"/profile"}"#.to_owned();
        let secret =
            login_transactions::put(&test.db, payload.clone(), Duration::minutes(10), t0()).await.expect("put");
        let row = login_transaction::Entity::find().one(&test.db).await.expect("query").expect("stored");
        assert_eq!(row.id, sha256_hex(&secret), "{backend}: keyed by the hash, not the secret");

        let unknown = login_transactions::take(&test.db, "not-the-secret", t0()).await.expect("take");
        assert_eq!(unknown, None, "{backend}");
        let now = t0() + Duration::minutes(1);
        assert_eq!(login_transactions::take(&test.db, &secret, now).await.expect("take"), Some(payload), "{backend}");
        assert_eq!(login_transactions::take(&test.db, &secret, now).await.expect("take"), None, "{backend}: once");
        test.close().await;
    }
}

#[tokio::test]
async fn an_expired_login_transaction_gives_nothing() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let put = |payload: &str| login_transactions::put(&test.db, payload.to_owned(), Duration::minutes(10), t0());
        let (first, second) = (put("first").await.expect("put"), put("second").await.expect("put"));
        let expiry = t0() + Duration::minutes(10);
        let just_before = expiry - Duration::seconds(1);
        let taken = login_transactions::take(&test.db, &first, just_before).await.expect("take");
        assert_eq!(taken.as_deref(), Some("first"), "{backend}: still valid a second before");
        assert_eq!(login_transactions::take(&test.db, &second, expiry).await.expect("take"), None, "{backend}");
        let rows = login_transaction::Entity::find().count(&test.db).await.expect("count");
        assert_eq!(rows, 0, "{backend}: the expired one is gone too");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Activation tokens
// ---------------------------------------------------------------------------------------------------------------

fn request(unit_code: &str, role: Role) -> IssueToken {
    IssueToken {
        unit_code: unit_code.to_owned(),
        role,
        citizen_id: None,
        intended_name: Some(" นางสาวกานดา ใจดี ".to_owned()),
        reference: Some("มท 0309.1/1234".to_owned()),
        lifetime: activation::DEFAULT_LIFETIME,
        issued_by_officer_id: None,
    }
}

async fn issue(
    db: &DatabaseConnection,
    request: IssueToken,
    now: DateTime<Utc>,
) -> (ActivationToken, activation_token::Model) {
    activation::issue(db, request, &key(), now).await.expect("token issued")
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
async fn a_central_token_for_a_department_is_issued_and_only_its_hash_is_stored() {
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
async fn a_token_for_the_wrong_kind_of_unit_an_unknown_unit_or_too_long_a_life_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let key = key();
        let refused = |request| activation::issue(&test.db, request, &key, t0());

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
        for days in [31, 0] {
            let lifetime = Duration::days(days);
            let result = refused(IssueToken { lifetime, ..request("DOPA", Role::Central) }).await;
            assert!(matches!(result, Err(IssueError::Lifetime)), "{backend}: {days} days: {result:?}");
        }
        let stored = activation_token::Entity::find().count(&test.db).await.expect("count");
        assert_eq!(stored, 0, "{backend}: nothing refused is stored");

        let longest = refused(IssueToken { lifetime: Duration::days(30), ..request("DOPA", Role::Central) }).await;
        assert!(longest.is_ok(), "{backend}: 30 days is allowed: {longest:?}");
        test.close().await;
    }
}

#[tokio::test]
async fn redeeming_a_token_creates_the_officer_with_the_tokens_unit_and_role_and_marks_it_used() {
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
        let signed_in = officers::find_for_sign_in(&test.db, &identity("sub-new", None)).await.expect("query");
        assert_eq!(signed_in.map(|o| o.id), Some(officer.id), "{backend}: the next sign-in finds the officer");
        test.close().await;
    }
}

#[tokio::test]
async fn a_used_token_is_refused_the_second_time() {
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
async fn an_unknown_token_is_refused_without_naming_a_unit() {
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
async fn an_expired_token_is_refused_but_works_until_its_expiry() {
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
async fn a_revoked_token_is_refused() {
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
async fn a_token_bound_to_a_person_refuses_others_and_still_works_for_that_person() {
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
async fn a_token_bound_to_a_person_is_revoked_after_three_redemptions_by_someone_else() {
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
async fn concurrent_redemptions_by_the_wrong_person_all_count_and_revoke_the_token() {
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
async fn of_twenty_concurrent_redemptions_of_one_token_exactly_one_succeeds() {
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

// ---------------------------------------------------------------------------------------------------------------
// Rate limits on redeeming
// ---------------------------------------------------------------------------------------------------------------

const ATTACKER_IP: &str = "203.0.113.7";
const OWNER_IP: &str = "198.51.100.20";

async fn fail(db: &DatabaseConnection, subject: &str, ip: &str, at: DateTime<Utc>) {
    activation::record_attempt(db, subject, ip, false, at).await.expect("attempt recorded");
}

async fn wait(db: &DatabaseConnection, subject: &str, ip: &str, now: DateTime<Utc>) -> Option<Duration> {
    activation::retry_after(db, AttemptLimits::default(), subject, ip, now).await.expect("limits read")
}

#[tokio::test]
async fn four_failures_still_allow_a_try_and_the_fifth_in_fifteen_minutes_imposes_a_wait() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for minute in 0..4 {
            fail(db, "sub-guess", ATTACKER_IP, t0() + Duration::minutes(minute)).await;
        }
        let now = t0() + Duration::minutes(5);
        assert_eq!(wait(db, "sub-guess", ATTACKER_IP, now).await, None, "{backend}: 4 failures");
        fail(db, "sub-guess", ATTACKER_IP, t0() + Duration::minutes(4)).await;
        let limited = wait(db, "sub-guess", ATTACKER_IP, now).await.expect("limited after 5 failures");
        assert!(limited > Duration::zero() && limited <= Duration::minutes(15), "{backend}: {limited}");
        assert_eq!(limited, Duration::minutes(10), "{backend}: until the first failure is 15 minutes old");
        assert_eq!(wait(db, "sub-guess", "192.0.2.1", now).await, Some(limited), "{backend}: a new address too");
        let end = now + limited;
        assert_eq!(wait(db, "sub-guess", ATTACKER_IP, end - Duration::seconds(1)).await, Some(Duration::seconds(1)));
        assert_eq!(wait(db, "sub-guess", ATTACKER_IP, end).await, None, "{backend}: the wait is over");
        test.close().await;
    }
}

#[tokio::test]
async fn a_subject_over_its_limit_does_not_lock_out_the_rightful_owner() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for minute in 0..10 {
            fail(db, "sub-guess", ATTACKER_IP, t0() + Duration::minutes(minute)).await;
        }
        let now = t0() + Duration::minutes(10);
        assert!(wait(db, "sub-guess", ATTACKER_IP, now).await.is_some(), "{backend}: the guesser is limited");
        assert_eq!(wait(db, "sub-owner", OWNER_IP, now).await, None, "{backend}: the owner from elsewhere");
        assert_eq!(wait(db, "sub-owner", ATTACKER_IP, now).await, None, "{backend}: even from the same address");
        test.close().await;
    }
}

#[tokio::test]
async fn twenty_failures_from_one_address_across_many_subjects_limit_that_address() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for n in 0..19 {
            fail(db, &format!("sub-{n:02}"), ATTACKER_IP, t0() + Duration::minutes(n)).await;
        }
        let now = t0() + Duration::minutes(20);
        assert_eq!(wait(db, "sub-fresh", ATTACKER_IP, now).await, None, "{backend}: 19 failures");
        fail(db, "sub-19", ATTACKER_IP, t0() + Duration::minutes(19)).await;
        let limited = wait(db, "sub-fresh", ATTACKER_IP, now).await.expect("the address is limited after 20");
        assert!(limited > Duration::zero() && limited <= Duration::hours(1), "{backend}: {limited}");
        assert_eq!(limited, Duration::minutes(40), "{backend}: until the first failure is an hour old");
        assert_eq!(wait(db, "sub-fresh", OWNER_IP, now).await, None, "{backend}: other addresses are not");
        test.close().await;
    }
}

#[tokio::test]
async fn failures_older_than_the_window_and_successes_do_not_count() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for minute in 0..5 {
            fail(db, "sub-old", ATTACKER_IP, t0() - Duration::minutes(20 + minute)).await;
        }
        assert_eq!(wait(db, "sub-old", OWNER_IP, t0()).await, None, "{backend}: failures 20–24 minutes ago");
        for n in 0..25 {
            let at = t0() - Duration::minutes(1);
            activation::record_attempt(db, &format!("sub-ok-{n}"), ATTACKER_IP, true, at).await.expect("recorded");
            activation::record_attempt(db, "sub-mixed", OWNER_IP, true, at).await.expect("recorded");
        }
        for minute in 1..5 {
            fail(db, "sub-mixed", OWNER_IP, t0() - Duration::minutes(minute)).await;
        }
        assert_eq!(wait(db, "sub-mixed", OWNER_IP, t0()).await, None, "{backend}: 25 successes and 4 failures");
        assert_eq!(wait(db, "sub-any", ATTACKER_IP, t0()).await, None, "{backend}: 25 successes from one address");
        fail(db, "sub-mixed", OWNER_IP, t0()).await;
        assert!(wait(db, "sub-mixed", OWNER_IP, t0()).await.is_some(), "{backend}: the fifth failure counts");
        test.close().await;
    }
}
