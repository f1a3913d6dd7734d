//! The audit log: append-only in the database itself, read back newest first with filters, its actors listed for
//! the filter, and exported as CSV safe to open in a spreadsheet — against the real migrations, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL.

mod support {
    #[expect(dead_code, reason = "the audit tests need only some of the staff")]
    pub mod administration;
    pub mod clock;
    #[expect(dead_code, reason = "no citizen ID is parsed here; the officers support module needs the issuer")]
    pub mod digital_id;
    #[expect(dead_code, reason = "officers are put straight into the database here, never imported")]
    pub mod officers;
}

use chrono::{DateTime, Duration, Utc};
use domain::audit::{self, CSV_COLUMNS, Entry, Query};
use domain::entities::audit_event::{self, AuditEvent};
use domain::entities::officer::{self, OfficerStatus, Role};
use domain::testing::TestDatabase;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, IntoActiveModel, Set, Statement,
};
use support::administration::{Staff, all_entries, origin, staff, unit};
use support::clock::t0;
use support::officers::insert_officer;

async fn record(db: &DatabaseConnection, entry: Entry, at: DateTime<Utc>) {
    audit::record(db, entry, at).await.expect("entry recorded");
}

/// The `detail` labels of `rows`, in order.
fn labels(rows: &[audit_event::Model]) -> Vec<&str> {
    rows.iter().map(|row| row.detail.as_deref().unwrap_or("")).collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Append-only
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_audit_entry_can_be_neither_updated_nor_deleted() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let Staff { dopa_central, .. } = staff(&test.db).await;
        let db = &test.db;
        // Recorded now: the database lets an entry go once it is a year old (housekeeping's retention floor).
        let now = chrono::SubsecRound::trunc_subsecs(Utc::now(), 0);
        record(db, Entry::new(AuditEvent::SignedIn, &origin()).actor(&dopa_central).detail("the original"), now).await;
        let before = all_entries(db).await;
        assert_eq!(before.len(), 1, "{backend}");

        let statements = [
            "UPDATE audit_event SET detail = 'rewritten'",
            "UPDATE audit_event SET actor_officer_id = NULL, actor_name = NULL",
            "DELETE FROM audit_event",
        ];
        for sql in statements {
            let result = db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await;
            let error = result.expect_err(&format!("{backend}: {sql} must fail"));
            assert!(error.to_string().contains("append-only"), "{backend}: {sql}: {error}");
        }
        if db.get_database_backend() == DbBackend::Postgres {
            let truncated = db.execute_unprepared("TRUNCATE audit_event").await;
            assert!(truncated.is_err(), "{backend}: TRUNCATE must fail");
        }
        let mut rewrite = before[0].clone().into_active_model();
        rewrite.detail = Set(Some("rewritten".to_owned()));
        assert!(rewrite.update(db).await.is_err(), "{backend}: nor through the entity");
        assert!(audit_event::Entity::delete_by_id(before[0].id).exec(db).await.is_err(), "{backend}");
        assert_eq!(all_entries(db).await, before, "{backend}: the entry is as it was");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_log_is_read_newest_first_filtered_by_dates_event_actor_and_units() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let bora = unit(db, "DOPA-BORA").await.id;
        let dol_bkk = unit(db, "DOL-BKK").await.id;
        let at = |hours: i64| t0() + Duration::hours(hours);
        let issued = |actor: &officer::Model, unit_id, label: &str| {
            Entry::new(AuditEvent::TokenIssued, &origin()).actor(actor).unit(unit_id).detail(label)
        };
        record(db, issued(&staff.dopa_central, bora, "e1"), at(-48)).await;
        let suspended = Entry::new(AuditEvent::OfficerSuspended, &origin()).actor(&staff.dopa_central);
        record(db, suspended.target(&staff.agency).detail("e2"), at(-24)).await;
        record(db, issued(&staff.dol_central, dol_bkk, "e3"), at(0)).await;
        record(db, Entry::new(AuditEvent::TokenRefused, &origin()).failed("unknown").detail("e4"), at(1)).await;
        // The same instant as e4: the later entry comes first.
        record(db, issued(&staff.dol_central, dol_bkk, "e5"), at(1)).await;

        let read = |query: Query, limit: u64| async move {
            let (rows, truncated) = audit::list(db, &query, limit).await.expect("the log reads");
            (labels(&rows).into_iter().map(str::to_owned).collect::<Vec<_>>(), truncated)
        };
        let all = Query::default();
        assert_eq!(read(all.clone(), 10).await, (owned(&["e5", "e4", "e3", "e2", "e1"]), false), "{backend}");
        let cases = [
            ("from is inclusive", Query { from: Some(at(-24)), ..all.clone() }, vec!["e5", "e4", "e3", "e2"]),
            ("until is exclusive", Query { until: Some(at(0)), ..all.clone() }, vec!["e2", "e1"]),
            ("a date range", Query { from: Some(at(-25)), until: Some(at(1)), ..all.clone() }, vec!["e3", "e2"]),
            ("an event", Query { event: Some(AuditEvent::TokenIssued), ..all.clone() }, vec!["e5", "e3", "e1"]),
            ("an actor", Query { actor_officer_id: Some(staff.dopa_central.id), ..all.clone() }, vec!["e2", "e1"]),
            ("a unit", Query { unit_ids: Some(vec![bora]), ..all.clone() }, vec!["e2", "e1"]),
            ("units", Query { unit_ids: Some(vec![bora, dol_bkk]), ..all.clone() }, vec!["e5", "e3", "e2", "e1"]),
            ("no units", Query { unit_ids: Some(Vec::new()), ..all.clone() }, vec![]),
            (
                "everything at once",
                Query {
                    unit_ids: Some(vec![bora, dol_bkk]),
                    from: Some(at(-1)),
                    until: Some(at(2)),
                    event: Some(AuditEvent::TokenIssued),
                    actor_officer_id: Some(staff.dol_central.id),
                },
                vec!["e5", "e3"],
            ),
        ];
        for (case, query, expected) in cases {
            assert_eq!(read(query, 10).await, (owned(&expected), false), "{backend}: {case}");
        }
        assert_eq!(read(all.clone(), 2).await, (owned(&["e5", "e4"]), true), "{backend}: more match");
        assert!(!read(all.clone(), 5).await.1, "{backend}: exactly as many as the limit is not truncated");
        let issued_only = Query { event: Some(AuditEvent::TokenIssued), ..all };
        assert_eq!(read(issued_only, 1).await, (owned(&["e5"]), true), "{backend}");
        test.close().await;
    }
}

/// The labels as the log returns them.
fn owned(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|label| (*label).to_owned()).collect()
}

#[tokio::test]
async fn each_officer_who_acted_is_listed_once_for_the_filter_under_their_latest_name() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let bora = unit(db, "DOPA-BORA").await.id;
        let dol_bkk = unit(db, "DOL-BKK").await.id;
        // Names chosen so that, sorted by name, another officer falls between the two spellings of the first.
        let mut renamed = staff.dopa_central.clone();
        renamed.name_th = "นายก ส่วนกลาง".to_owned();
        let other = insert_officer(db, bora, Role::Agency, OfficerStatus::Active, "นายข หน่วยงาน", "other").await;
        let entry =
            |actor: &officer::Model, unit_id| Entry::new(AuditEvent::SignedIn, &origin()).actor(actor).unit(unit_id);
        record(db, entry(&renamed, bora), t0()).await;
        record(db, entry(&other, bora), t0()).await;
        let mut renamed_again = renamed.clone();
        renamed_again.name_th = "นายฮ ส่วนกลาง".to_owned();
        record(db, entry(&renamed_again, bora), t0() + Duration::hours(1)).await;
        record(db, entry(&staff.dol_central, dol_bkk), t0()).await;
        record(db, Entry::new(AuditEvent::TokenRefused, &origin()).failed("unknown"), t0()).await;

        let actors = audit::actors(db, None).await.expect("actors");
        let mut ids: Vec<i32> = actors.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        let mut expected = vec![staff.dopa_central.id, staff.dol_central.id, other.id];
        expected.sort_unstable();
        assert_eq!(ids, expected, "{backend}: once each: {actors:?}");
        let name_of = |id| actors.iter().find(|(actor, _)| *actor == id).map(|(_, name)| name.as_str());
        assert_eq!(name_of(staff.dopa_central.id), Some("นายฮ ส่วนกลาง"), "{backend}: the latest spelling");
        let names: Vec<&str> = actors.iter().map(|(_, name)| name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "{backend}: by name");

        let in_bora = audit::actors(db, Some(&[bora])).await.expect("actors");
        let mut ids: Vec<i32> = in_bora.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        let mut expected = vec![staff.dopa_central.id, other.id];
        expected.sort_unstable();
        assert_eq!(ids, expected, "{backend}: only those who acted in the units: {in_bora:?}");
        assert!(audit::actors(db, Some(&[])).await.expect("actors").is_empty(), "{backend}");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// CSV export
// ---------------------------------------------------------------------------------------------------------------

/// Whether `text` holds 13 digits in a row.
fn has_thirteen_digit_run(text: &str) -> bool {
    text.as_bytes().split(|b| !b.is_ascii_digit()).any(|run| run.len() >= 13)
}

#[tokio::test]
async fn the_csv_export_starts_with_a_bom_hides_citizen_ids_and_defuses_formulas() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let staff = staff(&test.db).await;
        let db = &test.db;
        let bora = unit(db, "DOPA-BORA").await;
        let mut formula_actor = staff.dopa_central.clone();
        formula_actor.name_th = "@SUM(1+1)*cmd|' /C calc'!A0".to_owned();
        // What an issuer might type into free-text fields: a person's citizen ID, plain or grouped as on the card.
        let typed = Entry::new(AuditEvent::TokenIssued, &domain::audit::Origin::from_ip("-1+1"))
            .actor(&formula_actor)
            .target_name(Some("=HYPERLINK(\"http://evil.example\",\"คลิก\") 1101700207030"))
            .unit(bora.id)
            .token(7)
            .detail("+เลขที่ 1-1017-00207-03-0; สำเนา 1 1017 00207 03 0; อ้างอิง 3100000000004");
        record(db, typed, t0()).await;
        record(db, Entry::new(AuditEvent::TokenRefused, &origin()).failed("wrong_person").detail("ปกติ"), t0()).await;
        let (rows, _) = audit::list(db, &Query::default(), 10).await.expect("the log reads");
        for row in &rows {
            let stored = [&row.target_name, &row.detail].map(|text| text.clone().unwrap_or_default());
            assert!(!stored.iter().any(|text| has_thirteen_digit_run(text)), "{backend}: stored as {stored:?}");
        }

        let csv = audit::write_csv(&rows, |id| (id == bora.id).then(|| bora.code.clone())).expect("written");
        assert!(csv.starts_with("\u{feff}".as_bytes()), "{backend}: a byte-order mark first");
        let text = String::from_utf8(csv.clone()).expect("UTF-8");
        assert!(!has_thirteen_digit_run(&text), "{backend}: {text}");
        let without_separators: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
        for full in ["1101700207030", "3100000000004"] {
            assert!(!without_separators.contains(full), "{backend}: {full} in {text}");
        }

        let mut reader = csv::Reader::from_reader(&csv[3..]);
        let header: Vec<String> = reader.headers().expect("a header").iter().map(str::to_owned).collect();
        assert_eq!(header, CSV_COLUMNS, "{backend}");
        let records: Vec<csv::StringRecord> = reader.records().map(|record| record.expect("a record")).collect();
        assert_eq!(records.len(), 2, "{backend}");
        let cell = |record: &csv::StringRecord, column: &str| {
            let index = CSV_COLUMNS.iter().position(|name| *name == column).expect("a column");
            record.get(index).expect("a cell").to_owned()
        };
        let typed = &records[1];
        assert_eq!(cell(typed, "occurred_at"), "2026-12-03T09:00:00Z", "{backend}");
        assert_eq!((cell(typed, "event"), cell(typed, "succeeded")), ("token_issued".into(), "true".into()));
        assert_eq!(cell(typed, "actor_officer_id"), staff.dopa_central.id.to_string(), "{backend}");
        assert_eq!(cell(typed, "actor_name"), "'@SUM(1+1)*cmd|' /C calc'!A0", "{backend}");
        assert_eq!(
            cell(typed, "target_name"),
            "'=HYPERLINK(\"http://evil.example\",\"คลิก\") 1-1017-xxxxx-03-0",
            "{backend}"
        );
        assert_eq!((cell(typed, "unit_code"), cell(typed, "token_id")), ("DOPA-BORA".into(), "7".into()));
        assert_eq!(cell(typed, "client_ip"), "'-1+1", "{backend}");
        assert_eq!(
            cell(typed, "detail"),
            "'+เลขที่ 1-1017-xxxxx-03-0; สำเนา 1-1017-xxxxx-03-0; อ้างอิง 3-1000-xxxxx-00-4",
            "{backend}"
        );
        let refused = &records[0];
        assert_eq!((cell(refused, "succeeded"), cell(refused, "reason")), ("false".into(), "wrong_person".into()));
        assert_eq!((cell(refused, "actor_name"), cell(refused, "unit_code")), (String::new(), String::new()));
        assert_eq!(cell(refused, "detail"), "ปกติ", "{backend}: ordinary text is left alone");
        test.close().await;
    }
}

#[test]
fn the_csv_export_masks_a_citizen_id_even_in_a_row_written_without_masking() {
    let row = audit_event::Model {
        id: 1,
        occurred_at: t0(),
        event: AuditEvent::TokenRefused,
        succeeded: false,
        reason: Some("wrong_person".to_owned()),
        actor_officer_id: None,
        actor_name: Some("1101700207030".to_owned()),
        target_officer_id: None,
        target_name: Some("นายทดสอบ 1 1017 00207 03 0".to_owned()),
        unit_id: None,
        token_id: None,
        client_ip: None,
        detail: Some("-3100000000004".to_owned()),
    };
    let csv = audit::write_csv(&[row], |_| None).expect("written");
    let text = String::from_utf8(csv).expect("UTF-8");
    assert!(!has_thirteen_digit_run(&text), "{text}");
    let line = text.lines().nth(1).expect("a row");
    assert_eq!(
        line,
        "2026-12-03T09:00:00Z,token_refused,false,wrong_person,,1-1017-xxxxx-03-0,นายทดสอบ 1-1017-xxxxx-03-0,,,,'-3-1000-xxxxx-00-4"
    );
}

#[test]
fn an_empty_export_is_the_bom_and_the_header() {
    let csv = audit::write_csv(&[], |_| None).expect("written");
    assert_eq!(csv, format!("\u{feff}{}\n", CSV_COLUMNS.join(",")).into_bytes());
}
