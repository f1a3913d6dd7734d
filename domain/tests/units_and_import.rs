//! Organisation units — the ministry → department → division → service point tree, its codes, chains and contacts — and
//! the CITIZENinfo import of officers into it, against the real migrations, on SQLite and (with `TEST_DATABASE_URL`)
//! PostgreSQL.

mod support {
    pub mod clock;
    pub mod digital_id;
    pub mod officer_count;
    pub mod officers;
    pub mod stored_values;
    pub mod units;
}

use domain::activation::{self, IssueError, IssueToken, Issuer, TextField};
use domain::entities::activation_token;
use domain::entities::officer::{self, OfficerSource, OfficerStatus, Role};
use domain::entities::organisation_unit::{self, UnitKind};
use domain::free_text::FreeTextProblem;
use domain::import::{self, ImportError};
use domain::testing::TestDatabase;
use domain::units::{self, NewUnit, UnitError};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use support::clock::t0;
use support::digital_id::{ISSUER, citizen, key};
use support::officer_count::officer_count;
use support::officers::{HEADER, import_csv, insert_officer};
use support::stored_values::table_text;
use support::units::{new_unit, tree};

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
            // The chain read with them (one row per central officer) has the department once.
            let (chain, _) = units::chain_and_central_officers(db, unit.id).await.expect("query");
            assert_eq!(chain, units::chain(db, unit.id).await.expect("chain"), "{backend}: from {}", unit.code);
        }
        let (department, officers) = units::central_officers_for(db, tree.ministry.id).await.expect("query");
        assert!(department.is_none() && officers.is_empty(), "{backend}: a ministry has no department");
        test.close().await;
    }
}

#[tokio::test]
async fn j11_a_new_unit_whose_thai_or_english_name_holds_a_direction_control_or_stacked_marks_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let unit = |name_th: &str, name_en: Option<&str>| NewUnit {
            code: "DLA".to_owned(),
            name_th: name_th.to_owned(),
            name_en: name_en.map(str::to_owned),
            kind: UnitKind::Department,
            parent_code: Some("MOI".to_owned()),
        };
        let spoofed = units::create(&test.db, unit("กรม\u{202e}ใหม่", None), t0()).await;
        assert!(
            matches!(
                spoofed,
                Err(UnitError::NameText { english: false, problem: FreeTextProblem::DirectionControl(_) })
            ),
            "{backend}: {spoofed:?}"
        );
        let english = units::create(&test.db, unit("กรมใหม่", Some("New\u{2066}Dept")), t0()).await;
        assert!(
            matches!(
                english,
                Err(UnitError::NameText { english: true, problem: FreeTextProblem::DirectionControl(_) })
            ),
            "{backend}: {english:?}"
        );
        let stacked = units::create(&test.db, unit("กรมใหม่\u{e48}\u{e48}\u{e48}", None), t0()).await;
        assert!(matches!(stacked, Err(UnitError::NameText { problem: FreeTextProblem::StackedMarks, .. })));
        assert_eq!(organisation_unit::Entity::find().count(&test.db).await.expect("count"), 4, "{backend}");
        let thai = units::create(&test.db, unit("กรมส่งเสริมการปกครองท้องถิ่น", Some("Local Administration")), t0());
        assert!(thai.await.is_ok(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn j11_a_token_issued_on_the_command_line_with_a_direction_control_in_its_name_or_reference_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let request = |name: &str, reference: &str| IssueToken {
            unit_code: "DOPA".to_owned(),
            role: Role::Central,
            citizen_id: None,
            intended_name: Some(name.to_owned()),
            reference: Some(reference.to_owned()),
            lifetime: activation::DEFAULT_LIFETIME,
        };
        for (name, reference, field) in
            [("นาย\u{202e}สมชาย", "มท 1", TextField::IntendedName), ("นายสมชาย", "มท\u{202e} 1", TextField::Reference)]
        {
            let result = activation::issue(&test.db, Issuer::CommandLine, request(name, reference), &key(), t0()).await;
            assert!(
                matches!(result, Err(IssueError::Text { field: f, problem: FreeTextProblem::DirectionControl(_) }) if f == field),
                "{backend}: {result:?}"
            );
        }
        assert_eq!(activation_token::Entity::find().count(&test.db).await.expect("count"), 0, "{backend}");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Importing officers from CITIZENinfo
// ---------------------------------------------------------------------------------------------------------------

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

#[tokio::test]
async fn j11_imported_names_are_stripped_of_direction_controls_invisible_characters_and_stacked_marks() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        let rows = "sub-a,,นาย\u{202e}สมชาย\u{200b}ใจดี,DOPA,central\n\
                    sub-b,,นางสาวกิ\u{e48}\u{e48}\u{e48}\u{e48}ดา,DOPA,central\n\
                    sub-c,,\u{feff}นายปั๊ม น้ำใจ,DOPA,central\n";
        assert_eq!(import_csv(&test.db, rows).await.expect("imported"), 3, "{backend}");
        let officers = officer::Entity::find().order_by_asc(officer::Column::Id).all(&test.db).await.expect("query");
        let names: Vec<_> = officers.iter().map(|officer| officer.name_th.as_str()).collect();
        assert_eq!(names, ["นายสมชายใจดี", "นางสาวกิ\u{e48}ดา", "นายปั๊ม น้ำใจ"], "{backend}");

        let only_invisible = import_csv(&test.db, "sub-d,,\u{200b}\u{202e},DOPA,central\n").await;
        assert!(
            matches!(&only_invisible, Err(ImportError::Rows(errors)) if errors[0].column == Some("name_th")),
            "{backend}: a name of nothing visible is no name: {only_invisible:?}"
        );
        test.close().await;
    }
}
