//! Importing officers known from CITIZENinfo, so they get in at their first Digital ID sign-in without a token.
//!
//! The file is CSV (UTF-8, a header row) with the columns `digital_id_sub`, `citizen_id`, `name_th`, `unit_code`,
//! `role`; each row needs a Digital ID subject, a citizen ID, or both. The whole file is checked first and every
//! problem reported by line; if any row is bad, nothing changes. Names are [stripped](crate::free_text::strip) of
//! characters that could disguise them.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};
use serde::Deserialize;

use crate::citizen_id::{CitizenId, CitizenIdError, CitizenIdKey};
use crate::entities::officer::{self, OfficerSource, Role};
use crate::officers::NewOfficer;

/// The columns, in the order the header must name them.
pub const COLUMNS: [&str; 5] = ["digital_id_sub", "citizen_id", "name_th", "unit_code", "role"];
/// Rows allowed in one file.
const MAX_ROWS: usize = 50_000;

/// One problem in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The column, when one is to blame.
    pub column: Option<&'static str>,
    /// What is wrong (never the citizen ID itself).
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(column) => write!(f, "line {}, {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// Why an import changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems (all of them are listed).
    #[error("{} problem(s) in the file; nothing was imported", .0.len())]
    Rows(Vec<RowError>),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] DbErr),
}

#[derive(Deserialize)]
struct Row {
    digital_id_sub: String,
    citizen_id: String,
    name_th: String,
    unit_code: String,
    role: String,
}

/// A checked row, ready to insert.
struct Checked {
    subject: Option<String>,
    citizen_id: Option<CitizenId>,
    name_th: String,
    unit_id: i32,
    role: Role,
}

/// The line a record starts on: 1 + the newlines before its first byte (csv's own line count is taken before it
/// skips blank lines and the `\n` of a `\r\n`).
fn line_of(csv: &[u8], position: Option<&csv::Position>, fallback: u64) -> u64 {
    let Some(position) = position else { return fallback };
    let start = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(csv.len());
    let skipped = csv[start..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
    1 + csv[..start + skipped].iter().filter(|&&b| b == b'\n').count() as u64
}

/// Imports `csv` for Digital ID `issuer`; returns how many officers were created.
pub async fn import_officers<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    csv: &[u8],
    issuer: &str,
    key: &CitizenIdKey,
    now: DateTime<Utc>,
) -> Result<usize, ImportError> {
    let mut errors = Vec::new();
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(csv);
    let headers = match reader.headers() {
        Ok(headers) if headers.iter().eq(COLUMNS.iter().copied()) => headers.clone(),
        _ => {
            return Err(ImportError::Rows(vec![RowError {
                line: 1,
                column: None,
                message: format!("the header must be exactly: {}", COLUMNS.join(",")),
            }]));
        }
    };
    let mut checked = Vec::new();
    let (mut subjects, mut citizen_hashes) = (HashSet::new(), HashSet::new());
    for (index, record) in reader.records().enumerate() {
        let position = match &record {
            Ok(record) => record.position(),
            Err(error) => error.position(),
        };
        let line = line_of(csv, position, index as u64 + 2);
        let record = record.and_then(|record| record.deserialize::<Row>(Some(&headers)));
        if index >= MAX_ROWS {
            errors.push(RowError { line, column: None, message: format!("a file holds at most {MAX_ROWS} rows") });
            break;
        }
        let row = match record {
            Ok(row) => row,
            Err(error) => {
                let message = match error.kind() {
                    csv::ErrorKind::Utf8 { .. } => "the line is not UTF-8".to_owned(),
                    csv::ErrorKind::UnequalLengths { .. } => format!("a row has {} columns", COLUMNS.len()),
                    _ => "the line cannot be read as CSV".to_owned(),
                };
                errors.push(RowError { line, column: None, message });
                continue;
            }
        };
        let mut fail = |column, message: String| errors.push(RowError { line, column: Some(column), message });
        let subject = Some(row.digital_id_sub.clone()).filter(|sub| !sub.is_empty());
        if let Some(sub) = &subject
            && (sub.len() > 255 || sub.chars().any(char::is_control))
        {
            fail("digital_id_sub", "must be at most 255 characters without control characters".into());
        }
        let citizen_id = match row.citizen_id.as_str() {
            "" => None,
            text => match CitizenId::parse(text) {
                Ok(id) => Some(id),
                Err(CitizenIdError::Malformed) => {
                    fail("citizen_id", "must be 13 digits".into());
                    None
                }
                Err(CitizenIdError::CheckDigit) => {
                    fail("citizen_id", "has a wrong check digit".into());
                    None
                }
            },
        };
        if subject.is_none() && row.citizen_id.is_empty() {
            fail("digital_id_sub", "a row needs a Digital ID subject, a citizen ID, or both".into());
        }
        // A control character means a broken file, and is refused. Direction controls, zero-width and other
        // invisible characters and stacked marks are stripped instead: legacy names carry them (Thai text often
        // holds U+200B between words), nobody at CITIZENinfo can retype them, and a cleaned name is better than none.
        let name_th = crate::free_text::strip(&row.name_th).trim().to_owned();
        if name_th.is_empty() || name_th.chars().count() > 255 || row.name_th.chars().any(char::is_control) {
            fail("name_th", "must be 1–255 visible characters without control characters".into());
        } else if name_th != row.name_th {
            tracing::info!(line, "name_th: direction controls, invisible characters or stacked marks removed");
        }
        let role = Role::from_code(&row.role);
        if role.is_none() {
            fail("role", "must be central, agency, service_point or contact_center".into());
        }
        let unit = crate::units::find_by_code(db, &row.unit_code).await?;
        match (&unit, role) {
            // The code is echoed so the file can be fixed, but masked (a shifted column can hold a citizen ID) and
            // cut short (a 10 kB cell is not repeated back).
            (None, _) => {
                let shown: String = crate::citizen_id::mask_in_text(&row.unit_code).chars().take(40).collect();
                fail("unit_code", format!("no unit has code {shown:?}"))
            }
            (Some(unit), _) if unit.retired_at.is_some() => fail("unit_code", format!("{} is retired", unit.code)),
            (Some(unit), Some(role)) => {
                if let Err(error) = crate::activation::check_role_fits_unit(role, unit) {
                    fail("role", error.to_string());
                }
            }
            (Some(_), None) => {}
        }
        if let Some(sub) = &subject {
            if !subjects.insert(sub.clone()) {
                fail("digital_id_sub", "appears twice in the file".into());
            } else if officer::Entity::find()
                .filter(officer::Column::Issuer.eq(issuer))
                .filter(officer::Column::Subject.eq(sub))
                .one(db)
                .await?
                .is_some()
            {
                fail("digital_id_sub", "is already an officer".into());
            }
        }
        if let Some(id) = &citizen_id {
            let hash = id.keyed_hash(key);
            if !citizen_hashes.insert(hash.clone()) {
                fail("citizen_id", "appears twice in the file".into());
            } else if officer::Entity::find().filter(officer::Column::CitizenIdHash.eq(&hash)).one(db).await?.is_some()
            {
                fail("citizen_id", "is already an officer".into());
            }
        }
        if let (Some(unit), Some(role)) = (unit, role) {
            checked.push(Checked { subject, citizen_id, name_th, unit_id: unit.id, role });
        }
    }
    if checked.is_empty() && errors.is_empty() {
        errors.push(RowError { line: 2, column: None, message: "the file has no rows".into() });
    }
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }

    let txn = db.begin().await?;
    let count = checked.len();
    for row in checked {
        let new_officer = NewOfficer {
            digital_id: row.subject.map(|subject| (issuer.to_owned(), subject)),
            citizen_id_hash: row.citizen_id.as_ref().map(|id| id.keyed_hash(key)),
            citizen_id_masked: row.citizen_id.as_ref().map(CitizenId::masked),
            name_th: row.name_th,
            phone_number: None,
            email: None,
            unit_id: row.unit_id,
            role: row.role,
            source: OfficerSource::CitizenInfo,
            activated_at: None,
        };
        crate::officers::create(&txn, new_officer, now).await?;
    }
    txn.commit().await?;
    Ok(count)
}
