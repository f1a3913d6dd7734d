//! Organisation units: creating them under the right kind of parent, finding them by code, and walking up the tree
//! (a unit's parent chain, its department, and that department's central officers).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult,
    IdenStatic, Iterable, QueryFilter, Set, Statement,
};

use crate::entities::officer::{self, OfficerStatus, Role};
use crate::entities::organisation_unit::{self, UnitKind};
use crate::free_text::{self, FreeTextProblem};

/// A unit to create.
#[derive(Clone, Debug)]
pub struct NewUnit {
    /// Its unique code.
    pub code: String,
    /// Its official Thai name.
    pub name_th: String,
    /// Its English name, if any.
    pub name_en: Option<String>,
    /// Its level.
    pub kind: UnitKind,
    /// The parent's code; required for every kind but a ministry.
    pub parent_code: Option<String>,
}

/// Why a unit was not created.
#[derive(Debug, thiserror::Error)]
pub enum UnitError {
    /// The code is empty, too long or not `A–Z 0–9 - _ .`.
    #[error("the unit code must be 1–32 characters of A–Z, 0–9, '-', '_' or '.' (small letters become capitals)")]
    BadCode,
    /// The Thai name is empty, or a name is too long.
    #[error("the Thai name must be 1–255 characters, the English name at most 255")]
    BadName,
    /// A name holds a character that could disguise it ([`crate::free_text`]).
    #[error("the {}: {problem}", if *.english { "English name" } else { "Thai name" })]
    NameText {
        /// Whether the English name is to blame (else the Thai one).
        english: bool,
        /// What is wrong with it.
        problem: FreeTextProblem,
    },
    /// Another unit has the code.
    #[error("a unit with code {0} already exists")]
    DuplicateCode(String),
    /// The parent is missing, unknown or of the wrong kind.
    #[error("{0}")]
    Parent(String),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// A unit's names as stored: trimmed; the Thai name 1–255 characters, the English one at most 255 (empty: none);
/// both free of direction controls, invisible characters and stacked marks ([`crate::free_text::check`]).
pub fn checked_names(name_th: &str, name_en: Option<&str>) -> Result<(String, Option<String>), UnitError> {
    let name_th = name_th.trim();
    let name_en = name_en.map(str::trim).filter(|name| !name.is_empty());
    if name_th.is_empty() || name_th.chars().count() > 255 || name_en.is_some_and(|name| name.chars().count() > 255) {
        return Err(UnitError::BadName);
    }
    free_text::check(name_th).map_err(|problem| UnitError::NameText { english: false, problem })?;
    if let Some(name) = name_en {
        free_text::check(name).map_err(|problem| UnitError::NameText { english: true, problem })?;
    }
    Ok((name_th.to_owned(), name_en.map(str::to_owned)))
}

/// Whether `code` is an acceptable unit code (codes are stored and looked up in capitals, so `moi` is `MOI`).
pub fn is_valid_code(code: &str) -> bool {
    (1..=32).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Creates a unit after checking its code, name and parent (a child is exactly one level below its parent).
pub async fn create(
    db: &impl ConnectionTrait,
    unit: NewUnit,
    now: DateTime<Utc>,
) -> Result<organisation_unit::Model, UnitError> {
    let code = unit.code.trim().to_ascii_uppercase();
    if !is_valid_code(&code) {
        return Err(UnitError::BadCode);
    }
    let (name_th, name_en) = checked_names(&unit.name_th, unit.name_en.as_deref())?;
    if find_by_code(db, &code).await?.is_some() {
        return Err(UnitError::DuplicateCode(code));
    }
    let parent_id = match (unit.kind.parent_kind(), unit.parent_code.as_deref().map(str::trim)) {
        (None, None) => None,
        (None, Some(_)) => return Err(UnitError::Parent("a ministry has no parent".into())),
        (Some(kind), None) => {
            return Err(UnitError::Parent(format!("a {} needs a parent {}", unit.kind.code(), kind.code())));
        }
        (Some(kind), Some(parent_code)) => {
            let parent = find_by_code(db, parent_code)
                .await?
                .ok_or_else(|| UnitError::Parent(format!("no unit has code {parent_code}")))?;
            if parent.kind != kind {
                return Err(UnitError::Parent(format!(
                    "the parent of a {} must be a {}, but {parent_code} is a {}",
                    unit.kind.code(),
                    kind.code(),
                    parent.kind.code()
                )));
            }
            if parent.retired_at.is_some() {
                return Err(UnitError::Parent(format!("{parent_code} is retired")));
            }
            Some(parent.id)
        }
    };
    let model = organisation_unit::ActiveModel {
        code: Set(code),
        name_th: Set(name_th),
        name_en: Set(name_en),
        kind: Set(unit.kind),
        parent_id: Set(parent_id),
        created_at: Set(now),
        retired_at: Set(None),
        ..Default::default()
    };
    Ok(model.insert(db).await?)
}

/// The unit with `code`, if any.
pub async fn find_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<organisation_unit::Model>, DbErr> {
    organisation_unit::Entity::find()
        .filter(organisation_unit::Column::Code.eq(code.trim().to_ascii_uppercase()))
        .one(db)
        .await
}

/// The unit and its ancestors, the unit first and the ministry last.
pub async fn chain(db: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<organisation_unit::Model>, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!("{} SELECT organisation_unit.* FROM up {JOIN_UNITS} ORDER BY up.depth", up_the_tree(backend));
    organisation_unit::Entity::find()
        .from_raw_sql(Statement::from_sql_and_values(backend, sql, [unit_id.into()]))
        .all(db)
        .await
}

/// One round trip (every signed-in request walks an officer's chain): a recursive query up the parents from the unit
/// in the first parameter, `up(id, depth)` nearest first. The tree has four levels; the depth bound only guards
/// against a corrupted cycle.
fn up_the_tree(backend: DbBackend) -> String {
    format!(
        "WITH RECURSIVE up(id, depth) AS ( \
           SELECT id, 0 FROM organisation_unit WHERE id = {} \
           UNION ALL \
           SELECT unit.parent_id, up.depth + 1 FROM organisation_unit unit JOIN up ON unit.id = up.id \
           WHERE unit.parent_id IS NOT NULL AND up.depth < {MAX_DEPTH} \
         )",
        placeholder(backend, 1)
    )
}

/// The units of [`up_the_tree`]'s chain.
const JOIN_UNITS: &str = "JOIN organisation_unit ON organisation_unit.id = up.id";

/// The `n`th (from 1) bound value in a raw statement.
fn placeholder(backend: DbBackend, n: usize) -> String {
    if backend == DbBackend::Postgres { format!("${n}") } else { "?".to_owned() }
}

/// The most parents [`chain`] climbs (the tree has four levels).
const MAX_DEPTH: u32 = 7;

/// The department `unit_id` belongs to (or is), and its active central officers: the people an officer of that
/// unit asks for a token or for corrected rights.
pub async fn central_officers_for(
    db: &impl ConnectionTrait,
    unit_id: i32,
) -> Result<(Option<organisation_unit::Model>, Vec<officer::Model>), DbErr> {
    let (chain, officers) = chain_and_central_officers(db, unit_id).await?;
    Ok((department_in(&chain).cloned(), officers))
}

/// The unit's [`chain`] and the active central officers, by name, of the department in it (none when the unit lies
/// under no department), in one query: what a signed-in officer's pages show on every request.
pub async fn chain_and_central_officers(
    db: &impl ConnectionTrait,
    unit_id: i32,
) -> Result<(Vec<organisation_unit::Model>, Vec<officer::Model>), DbErr> {
    let backend = db.get_database_backend();
    // Each unit of the chain, the department once per central officer (left join: a unit without any still comes).
    // The department is named by its own CTE so PostgreSQL looks the officers up by the unit index: joined on the
    // unit's kind instead, its planner scanned every officer on each request.
    let officer_columns = officer::Column::iter()
        .map(|column| format!(r#"central."{0}" AS "{CENTRAL}{0}""#, column.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "{up}, department(id) AS ( \
           SELECT organisation_unit.id FROM up {JOIN_UNITS} WHERE organisation_unit.kind = {kind} \
           ORDER BY up.depth LIMIT 1 \
         ) \
         SELECT organisation_unit.*, {officer_columns} FROM up {JOIN_UNITS} \
         LEFT JOIN officer central ON central.unit_id = organisation_unit.id \
           AND central.unit_id = (SELECT id FROM department) AND central.role = {role} AND central.status = {status} \
         ORDER BY up.depth, central.name_th",
        up = up_the_tree(backend),
        kind = placeholder(backend, 2),
        role = placeholder(backend, 3),
        status = placeholder(backend, 4),
    );
    let values = [
        unit_id.into(),
        UnitKind::Department.to_value().into(),
        Role::Central.to_value().into(),
        OfficerStatus::Active.to_value().into(),
    ];
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    let mut chain: Vec<organisation_unit::Model> = Vec::new();
    let mut officers = Vec::new();
    for row in &rows {
        let unit = organisation_unit::Model::from_query_result(row, "")?;
        if chain.last().is_none_or(|last| last.id != unit.id) {
            chain.push(unit);
        }
        officers.extend(Option::<officer::Model>::from_query_result(row, CENTRAL)?);
    }
    Ok((chain, officers))
}

/// The prefix of the central officers' columns in [`chain_and_central_officers`].
const CENTRAL: &str = "central_";

/// The department in a unit's [`chain`], if the unit lies under one (or is one).
pub fn department_in(chain: &[organisation_unit::Model]) -> Option<&organisation_unit::Model> {
    chain.iter().find(|unit| unit.kind == UnitKind::Department)
}
