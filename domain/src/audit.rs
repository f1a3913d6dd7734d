//! The audit log: writing an entry (inside the same transaction as the change it records, so neither exists
//! without the other), reading it within a scope with filters, and exporting it as CSV.
//!
//! Entries are never changed or deleted (the migration's triggers refuse it). They carry names and masked
//! citizen IDs only: nothing here ever sees a Token or a session id, and a citizen ID typed into free text (a name,
//! a reference) is masked when the entry is written and again when it is exported.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::citizen_id::mask_in_text;
use crate::entities::audit_event::{self, AuditEvent};
use crate::entities::officer;

/// Where a request came from, as the log records it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The client's address (as the server saw it).
    pub client_ip: Option<String>,
}

impl Origin {
    /// A request from `client_ip`.
    pub fn from_ip(client_ip: impl Into<String>) -> Self {
        Self { client_ip: Some(client_ip.into()) }
    }
}

/// An entry to write; build it with [`Entry::new`] and the methods that follow.
#[derive(Clone, Debug)]
pub struct Entry {
    event: AuditEvent,
    reason: Option<String>,
    actor: Option<(i32, String)>,
    target_officer_id: Option<i32>,
    target_name: Option<String>,
    unit_id: Option<i32>,
    token_id: Option<i32>,
    client_ip: Option<String>,
    detail: Option<String>,
}

impl Entry {
    /// A successful `event` from `origin`.
    pub fn new(event: AuditEvent, origin: &Origin) -> Self {
        Self {
            event,
            reason: None,
            actor: None,
            target_officer_id: None,
            target_name: None,
            unit_id: None,
            token_id: None,
            client_ip: origin.client_ip.as_deref().map(|ip| ip.chars().take(64).collect()),
            detail: None,
        }
    }

    /// It failed, for `reason` (a stable code).
    pub fn failed(mut self, reason: &str) -> Self {
        self.reason = Some(reason.to_owned());
        self
    }

    /// The officer who acted.
    pub fn actor(mut self, actor: &officer::Model) -> Self {
        self.actor = Some((actor.id, actor.name_th.clone()));
        self
    }

    /// The officer acted on (also sets the unit, unless one was set).
    pub fn target(mut self, target: &officer::Model) -> Self {
        self.target_officer_id = Some(target.id);
        self.target_name = Some(target.name_th.clone());
        self.unit_id = self.unit_id.or(Some(target.unit_id));
        self
    }

    /// A person acted on who is not (yet) an officer: a Token's intended person, a Digital ID account. Typed by
    /// an issuer, so any citizen ID in it is masked.
    pub fn target_name(mut self, name: Option<&str>) -> Self {
        // At most 255 characters are kept (the column's size; masking lengthens a citizen ID by four).
        self.target_name = name
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| mask_in_text(name).chars().take(255).collect());
        self
    }

    /// The unit concerned.
    pub fn unit(mut self, unit_id: i32) -> Self {
        self.unit_id = Some(unit_id);
        self
    }

    /// The Token concerned.
    pub fn token(mut self, token_id: i32) -> Self {
        self.token_id = Some(token_id);
        self
    }

    /// Details (at most 1024 characters are kept), with any citizen ID in them masked (a reference may hold one).
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(mask_in_text(&detail.into()).chars().take(1024).collect());
        self
    }
}

/// Told of every entry [`record`] writes: its event and its reason code (`None` when it succeeded).
pub type Observer = fn(AuditEvent, Option<&str>);

static OBSERVER: OnceLock<Observer> = OnceLock::new();

/// Has `observer` told of every entry [`record`] writes from now on, just after its insert succeeds: the server's
/// metrics count sign-ins, Tokens and declined consents this way, from the one place every such event passes, with
/// no dependency here. It sees the event and the reason code only — never a name, an address or a detail.
///
/// One observer per process: the first call sets it and later calls change nothing (returning `false`), so calling
/// it again with the same function — once per server state, as tests build many — is harmless. The observer runs
/// inside `record`, on the writer's task: it must be quick and must not block. An entry written inside a transaction
/// is observed when its insert succeeds; if the transaction later rolls back, it has been observed all the same.
pub fn observe(observer: Observer) -> bool {
    OBSERVER.set(observer).is_ok()
}

/// Writes `entry`. Call it on the transaction of the change it records. The [`observe`]r is told once the row is
/// inserted (before the transaction, if any, commits).
pub async fn record(db: &impl ConnectionTrait, entry: Entry, now: DateTime<Utc>) -> Result<(), DbErr> {
    let (event, reason) = (entry.event, entry.reason.clone());
    let (actor_officer_id, actor_name) = entry.actor.unzip();
    audit_event::ActiveModel {
        occurred_at: Set(now),
        event: Set(entry.event),
        succeeded: Set(entry.reason.is_none()),
        reason: Set(entry.reason),
        actor_officer_id: Set(actor_officer_id),
        actor_name: Set(actor_name),
        target_officer_id: Set(entry.target_officer_id),
        target_name: Set(entry.target_name),
        unit_id: Set(entry.unit_id),
        token_id: Set(entry.token_id),
        client_ip: Set(entry.client_ip),
        detail: Set(entry.detail),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(observer) = OBSERVER.get() {
        observer(event, reason.as_deref());
    }
    Ok(())
}

/// Which entries to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Only entries of these units (`None`: every entry, also those with no unit). The caller's scope and the
    /// unit filter are both expressed here.
    pub unit_ids: Option<Vec<i32>>,
    /// From this instant on.
    pub from: Option<DateTime<Utc>>,
    /// Before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Only this event.
    pub event: Option<AuditEvent>,
    /// Only this acting officer.
    pub actor_officer_id: Option<i32>,
}

/// The newest entries matching `query`, at most `limit`, and whether more match.
pub async fn list(
    db: &impl ConnectionTrait,
    query: &Query,
    limit: u64,
) -> Result<(Vec<audit_event::Model>, bool), DbErr> {
    let mut condition = Condition::all();
    if let Some(unit_ids) = &query.unit_ids {
        condition = condition.add(audit_event::Column::UnitId.is_in(unit_ids.iter().copied()));
    }
    if let Some(from) = query.from {
        condition = condition.add(audit_event::Column::OccurredAt.gte(from));
    }
    if let Some(until) = query.until {
        condition = condition.add(audit_event::Column::OccurredAt.lt(until));
    }
    if let Some(event) = query.event {
        condition = condition.add(audit_event::Column::Event.eq(event));
    }
    if let Some(actor) = query.actor_officer_id {
        condition = condition.add(audit_event::Column::ActorOfficerId.eq(actor));
    }
    let mut rows = audit_event::Entity::find()
        .filter(condition)
        .order_by_desc(audit_event::Column::OccurredAt)
        .order_by_desc(audit_event::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let truncated = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((rows, truncated))
}

/// The officers who acted in entries of these units (`None`: all), as (id, name), by name: one line per officer
/// under the name of their latest entry, even if they were renamed.
pub async fn actors(db: &impl ConnectionTrait, unit_ids: Option<&[i32]>) -> Result<Vec<(i32, String)>, DbErr> {
    let mut select = audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::ActorOfficerId)
        .column(audit_event::Column::ActorName)
        .column_as(audit_event::Column::Id.max(), "latest")
        .filter(audit_event::Column::ActorOfficerId.is_not_null())
        .group_by(audit_event::Column::ActorOfficerId)
        .group_by(audit_event::Column::ActorName);
    if let Some(unit_ids) = unit_ids {
        select = select.filter(audit_event::Column::UnitId.is_in(unit_ids.iter().copied()));
    }
    let mut spellings: Vec<(i32, String, i64)> = select
        .into_tuple::<(Option<i32>, Option<String>, Option<i64>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, name, latest)| Some((id?, name.unwrap_or_default(), latest.unwrap_or_default())))
        .collect();
    // Each officer's latest spelling first, so the others are dropped (sorting by name first and deduplicating
    // would keep two lines for an officer whenever another name sorts between their spellings).
    spellings.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)));
    spellings.dedup_by_key(|(id, ..)| *id);
    let mut actors: Vec<(i32, String)> = spellings.into_iter().map(|(id, name, _)| (id, name)).collect();
    actors.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(actors)
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 11] = [
    "occurred_at",
    "event",
    "succeeded",
    "reason",
    "actor_officer_id",
    "actor_name",
    "target_name",
    "unit_code",
    "token_id",
    "client_ip",
    "detail",
];

/// Writes `rows` as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Thai), with `unit_code` giving
/// each unit id's code. Any citizen ID in a text cell is masked (whatever wrote the row), and cells a spreadsheet
/// would run as a formula are prefixed with `'` (OWASP CSV injection).
pub fn write_csv(
    rows: &[audit_event::Model],
    unit_code: impl Fn(i32) -> Option<String>,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(CSV_COLUMNS)?;
        for row in rows {
            let optional =
                |value: Option<String>| value.map(|value| defuse_formula(&mask_in_text(&value))).unwrap_or_default();
            writer.write_record([
                row.occurred_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                row.event.code().to_owned(),
                row.succeeded.to_string(),
                optional(row.reason.clone()),
                row.actor_officer_id.map(|id| id.to_string()).unwrap_or_default(),
                optional(row.actor_name.clone()),
                optional(row.target_name.clone()),
                optional(row.unit_id.and_then(&unit_code)),
                row.token_id.map(|id| id.to_string()).unwrap_or_default(),
                optional(row.client_ip.clone()),
                optional(row.detail.clone()),
            ])?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// `'` before a cell whose first visible character starts a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab
/// or carriage return, or their full-width and small forms, which spreadsheet programs also read as operators.
/// Whitespace and invisible characters (zero-width spaces, a byte-order mark, bidi and other format controls) are
/// looked through, since spreadsheet programs skip or ignore them before a formula.
fn defuse_formula(value: &str) -> String {
    let first_visible = value.chars().find(|&c| starts_formula(c) || !is_invisible(c));
    if first_visible.is_some_and(starts_formula) { format!("'{value}") } else { value.to_owned() }
}

/// A character that starts a formula: the ASCII operators, tab and carriage return, their full-width forms
/// (U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠), their small forms (U+FE62 ﹢, U+FE63 ﹣, U+FE66 ﹦, U+FE6B ﹫) and the
/// minus sign U+2212.
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\t'
            | '\r'
            | '\u{FF1D}'
            | '\u{FF0B}'
            | '\u{FF0D}'
            | '\u{FF20}'
            | '\u{FE62}'
            | '\u{FE63}'
            | '\u{FE66}'
            | '\u{FE6B}'
            | '\u{2212}'
    )
}

/// Whitespace, control characters and Unicode's default-ignorable code points (`DerivedCoreProperties.txt`: soft
/// hyphen, zero-width and bidi format characters, the byte-order mark, variation selectors, fillers, tags), none of
/// which shows.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_a_spreadsheet_would_run_is_defused() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("นายสมชาย"), "นายสมชาย");
        assert_eq!(defuse_formula("-1"), "'-1");
        assert_eq!(defuse_formula("\tx"), "'\tx");
        assert_eq!(defuse_formula("\r=1"), "'\r=1");
    }

    #[test]
    fn j13_a_formula_behind_invisible_characters_is_defused() {
        for hidden in ["\u{200B}", "\u{FEFF}", "\u{2060}", "\u{200E}", "\u{202E}", "\u{00AD}", "\u{E0041}", "\u{180E}"]
        {
            let cell = format!("{hidden}=HYPERLINK(\"http://evil.example\",\"x\")");
            assert_eq!(
                defuse_formula(&cell),
                format!("'{cell}"),
                "U+{:04X} first",
                u32::from(hidden.chars().next().unwrap_or(' '))
            );
        }
        assert_eq!(
            defuse_formula("\u{200B}\u{FEFF}\u{200D}+cmd|' /C calc'!A0"),
            "'\u{200B}\u{FEFF}\u{200D}+cmd|' /C calc'!A0"
        );
    }

    #[test]
    fn j13_a_formula_behind_whitespace_is_defused() {
        assert_eq!(defuse_formula("  =1+1"), "'  =1+1");
        assert_eq!(defuse_formula("\u{00A0}@SUM(A1)"), "'\u{00A0}@SUM(A1)");
        assert_eq!(defuse_formula("\u{3000}-2+3"), "'\u{3000}-2+3");
        assert_eq!(defuse_formula("\n=1"), "'\n=1");
    }

    #[test]
    fn j13_full_width_and_small_operators_are_defused() {
        for operator in
            ['\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{FE62}', '\u{FE63}', '\u{FE66}', '\u{FE6B}', '\u{2212}']
        {
            let cell = format!("{operator}1+1");
            assert_eq!(defuse_formula(&cell), format!("'{cell}"), "U+{:04X} first", u32::from(operator));
            let hidden = format!("\u{200B}{operator}1+1");
            assert_eq!(defuse_formula(&hidden), format!("'{hidden}"), "U+200B then U+{:04X}", u32::from(operator));
        }
    }

    #[test]
    fn j13_text_that_merely_contains_an_operator_or_only_invisible_characters_is_left_alone() {
        for cell in ["สมชาย = ผู้ดูแล", "a-b", "\u{200B}สมชาย", " 1,000", "", "\u{200B}\u{FEFF}", "   "]
        {
            assert_eq!(defuse_formula(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn j13_the_csv_export_defuses_a_reason_that_hides_a_formula() {
        let row = audit_event::Model {
            id: 1,
            occurred_at: Utc::now(),
            event: AuditEvent::SignedIn,
            succeeded: false,
            reason: Some("\u{200B}\u{FF1D}HYPERLINK(\"http://evil.example\")".into()),
            actor_officer_id: None,
            actor_name: None,
            target_officer_id: None,
            target_name: None,
            unit_id: None,
            token_id: None,
            client_ip: None,
            detail: None,
        };
        let csv = String::from_utf8(write_csv(&[row], |_| None).expect("written")).expect("UTF-8");
        assert!(csv.contains(",\"'\u{200B}\u{FF1D}HYPERLINK"), "{csv}");
    }
}
