//! The real migrations, run against SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

use chrono::Utc;
use domain::entities::organisation_unit::{self, UnitKind};
use domain::migration::Migrator;
use domain::testing::TestDatabase;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, ModelTrait, QueryFilter, Set};
use sea_orm_migration::MigratorTrait;

fn unit(code: &str, name_th: &str, kind: UnitKind, parent_id: Option<i32>) -> organisation_unit::ActiveModel {
    organisation_unit::ActiveModel {
        code: Set(code.to_owned()),
        name_th: Set(name_th.to_owned()),
        name_en: Set(None),
        kind: Set(kind),
        parent_id: Set(parent_id),
        created_at: Set(Utc::now()),
        retired_at: Set(None),
        ..Default::default()
    }
}

#[tokio::test]
async fn every_migration_is_applied_and_a_second_run_finds_nothing_pending() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let applied = Migrator::get_applied_migrations(&test.db).await.expect("status reads");
        assert_eq!(applied.len(), Migrator::migrations().len(), "{backend}: all applied");
        assert_eq!(domain::database::migrate(&test.db).await.expect("re-run"), 0, "{backend}: nothing pending");
        test.close().await;
    }
}

#[tokio::test]
async fn organisation_units_round_trip_with_their_thai_names_and_parent() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let ministry = unit("MOI", "กระทรวงมหาดไทย", UnitKind::Ministry, None).insert(&test.db).await.expect("insert");
        let department = unit("DOPA", "กรมการปกครอง", UnitKind::Department, Some(ministry.id))
            .insert(&test.db)
            .await
            .expect("insert");

        let found = organisation_unit::Entity::find()
            .filter(organisation_unit::Column::Code.eq("DOPA"))
            .one(&test.db)
            .await
            .expect("query")
            .expect("found");
        assert_eq!(found, department, "{backend}");
        assert_eq!(found.name_th, "กรมการปกครอง", "{backend}: Thai survives the round trip");
        let parent_id = found.parent_id.expect("a department has a parent");
        let parent = organisation_unit::Entity::find_by_id(parent_id).one(&test.db).await.expect("query");
        assert_eq!(parent.map(|p| p.code), Some("MOI".to_owned()), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn a_second_unit_with_the_same_code_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        unit("MOI", "กระทรวงมหาดไทย", UnitKind::Ministry, None).insert(&test.db).await.expect("first insert");
        let duplicate = unit("MOI", "ซ้ำ", UnitKind::Ministry, None).insert(&test.db).await;
        assert!(duplicate.is_err(), "{backend}: unique code");
        test.close().await;
    }
}

#[tokio::test]
async fn a_unit_with_children_cannot_be_deleted_and_a_missing_parent_is_refused() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let ministry = unit("MOI", "กระทรวงมหาดไทย", UnitKind::Ministry, None).insert(&test.db).await.expect("insert");
        unit("DOPA", "กรมการปกครอง", UnitKind::Department, Some(ministry.id)).insert(&test.db).await.expect("insert");
        assert!(ministry.delete(&test.db).await.is_err(), "{backend}: restrict on delete");
        let orphan = unit("X", "ไม่มีต้นสังกัด", UnitKind::Department, Some(9_999)).insert(&test.db).await;
        assert!(orphan.is_err(), "{backend}: foreign key enforced");
        test.close().await;
    }
}

#[tokio::test]
async fn migrations_roll_back_to_an_empty_schema_and_apply_again() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        Migrator::down(&test.db, None).await.expect("down");
        assert!(Migrator::get_applied_migrations(&test.db).await.expect("status").is_empty(), "{backend}");
        let gone = organisation_unit::Entity::find().all(&test.db).await;
        assert!(gone.is_err(), "{backend}: the table is dropped");
        Migrator::up(&test.db, None).await.expect("up again");
        assert!(organisation_unit::Entity::find().all(&test.db).await.expect("table back").is_empty(), "{backend}");
        test.close().await;
    }
}
