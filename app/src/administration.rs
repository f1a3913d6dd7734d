//! What the administration pages show (Tokens, officers, audit log, organisation tree): the DTOs their server
//! functions (`crate::api`) return. The server has already applied the visitor's scope: a page shows everything it
//! is given.
//! No Token hash, citizen ID (only masked copies) or database entity ever reaches these types; the one secret is
//! [`IssuedToken::grouped`], shown exactly once on the page after the form that issued it (`crate::api::tokens`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use vocabulary::{AuditEvent, OfficerStatus, Role, TokenState, UnitKind};

/// A unit the visitor may choose in a form (only units inside their scope are offered).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOption {
    /// The unit's code (the form's value).
    pub code: String,
    /// Its Thai name.
    pub name_th: String,
    /// Its English name, if it has one (the units page's rename form starts from it, so renaming keeps it).
    pub name_en: Option<String>,
    /// Its level.
    pub kind: UnitKind,
    /// Its parents' Thai names, ministry first (`กระทรวงมหาดไทย › กรมการปกครอง`), to tell units of one name apart.
    pub parents_th: String,
    /// Levels below the ministry (ministry 0, department 1, division 2, service point 3), for indenting.
    pub depth: u8,
    /// Whether the unit is retired (shown in the tree; never offered for new officers or Tokens).
    pub retired: bool,
}

impl UnitOption {
    /// What finding this unit looks in, with JavaScript (`in_place`): its names and code, and with `parents` its
    /// parents' names too (the unit combobox, where a department's divisions are found by the department's name; the
    /// tree shows the parents around a unit already).
    pub fn find_text(&self, parents: bool) -> String {
        [Some(&self.name_th), self.name_en.as_ref(), Some(&self.code), parents.then_some(&self.parents_th)]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One Token in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    /// The Token's id (the revoke and re-issue forms send it).
    pub id: i32,
    /// The intended person's name.
    pub intended_name: Option<String>,
    /// The intended person's citizen ID, masked.
    pub citizen_id_masked: Option<String>,
    /// The role it grants.
    pub role: Role,
    /// The unit it grants, in Thai.
    pub unit_name_th: String,
    /// The unit's code.
    pub unit_code: String,
    /// The official letter or request number.
    pub reference: Option<String>,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
    /// Its state now.
    pub status: TokenState,
    /// Who issued it (`None`: the server's command line).
    pub issued_by: Option<String>,
    /// When it was used or revoked, whichever happened.
    pub closed_at: Option<DateTime<Utc>>,
    /// The officer its use created.
    pub used_by: Option<String>,
}

/// A Token just issued: shown once, in full, and printable as an activation letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedToken {
    /// The Token in groups of four (`7K3M-Q9XA-…`): the only time it is ever shown.
    pub grouped: String,
    /// The intended person's name.
    pub intended_name: String,
    /// Their citizen ID, masked.
    pub citizen_id_masked: String,
    /// The role it grants.
    pub role: Role,
    /// The unit's Thai name.
    pub unit_name_th: String,
    /// The unit's parents, ministry first.
    pub unit_parents_th: String,
    /// The official letter or request number.
    pub reference: Option<String>,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
    /// The issuing officer's name.
    pub issued_by: String,
    /// The Token it replaces, when it was re-issued.
    pub replaces_token_id: Option<i32>,
}

/// What was typed into the issue form, shown again when the server refuses it (this response only; no-store).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueFormValues {
    /// Role code.
    pub role: String,
    /// Unit code.
    pub unit: String,
    /// Citizen ID as typed.
    pub citizen_id: String,
    /// Name as typed.
    pub name: String,
    /// Letter or request number as typed.
    pub reference: String,
    /// Lifetime in days as typed (`7` by default).
    pub lifetime_days: String,
}

/// Why a field of an administration form was refused. Each has one translated sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormProblem {
    /// No role chosen, or one the visitor may not grant.
    RoleNotAllowed,
    /// No unit chosen, or one outside the visitor's scope, retired or unknown.
    UnitNotAllowed,
    /// The role does not belong at the chosen unit's level (central → department, agency → division, …).
    RoleDoesNotFitUnit,
    /// The citizen ID is missing.
    CitizenIdMissing,
    /// Not 13 digits.
    CitizenIdLength,
    /// 13 digits, but the check digit is wrong.
    CitizenIdChecksum,
    /// The name is missing.
    NameMissing,
    /// A text is too long (or, in the audit filter, not one of the values offered).
    TextInvalid,
    /// The lifetime is not a whole number of days from 1 to 30.
    LifetimeInvalid,
    /// A unit code that is empty or not `A–Z 0–9 - _ .` (at most 32).
    CodeInvalid,
    /// Another unit has the code.
    CodeTaken,
    /// The chosen parent is not one level above (or is retired, or is the unit itself or below it).
    ParentInvalid,
    /// The unit still has active officers, pending Tokens or units under it.
    UnitInUse,
    /// A date filter that is not a date, or a range that ends before it starts.
    DateInvalid,
    /// The form was stale or forged (its synchroniser token did not match).
    FormExpired,
    /// The Token was used or revoked meanwhile (by someone else, or in another tab).
    NotPending,
    /// Officers may not suspend, move or re-role themselves.
    OwnAccount,
    /// Issuing a Token needs a Digital ID sign-in of the last few minutes, and this session's is older.
    ReauthenticationNeeded,
    /// A name or reference holds a direction control (U+202E shows `gnp.exe` as `exe.png`).
    TextDirectionControl,
    /// A name or reference holds an invisible character: a control code, line break, zero-width space, ….
    TextInvisibleCharacter,
    /// More than two vowel or tone marks are stacked on one letter.
    TextStackedMarks,
}

/// A refused field: which input (its `name`, also its `id`) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The field's name (one of `paths::fields`).
    pub field: String,
    /// Why.
    pub problem: FormProblem,
}

/// An action that just succeeded, for the banner after the redirect (`?done=…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Done {
    /// A Token was revoked.
    Revoked,
    /// An officer was suspended (their sessions ended).
    Suspended,
    /// An officer was reactivated.
    Reactivated,
    /// An officer's role or unit changed.
    Assigned,
    /// A unit was created.
    UnitCreated,
    /// A unit was renamed.
    UnitRenamed,
    /// A unit was moved.
    UnitMoved,
    /// A unit was retired.
    UnitRetired,
}

impl Done {
    /// The code in `?done=`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Revoked => "revoked",
            Self::Suspended => "suspended",
            Self::Reactivated => "reactivated",
            Self::Assigned => "assigned",
            Self::UnitCreated => "unit-created",
            Self::UnitRenamed => "unit-renamed",
            Self::UnitMoved => "unit-moved",
            Self::UnitRetired => "unit-retired",
        }
    }

    /// The action for a `?done=` code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::Revoked,
            Self::Suspended,
            Self::Reactivated,
            Self::Assigned,
            Self::UnitCreated,
            Self::UnitRenamed,
            Self::UnitMoved,
            Self::UnitRetired,
        ]
        .into_iter()
        .find(|done| done.code() == code)
    }
}

/// The Tokens page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensPageData {
    /// The roles the visitor may issue Tokens for (Contact Center: central; central officer: agency, service point).
    pub issuable_roles: Vec<Role>,
    /// The units the visitor may issue Tokens for, tree order.
    pub units: Vec<UnitOption>,
    /// Tokens in the visitor's scope, newest first.
    pub tokens: Vec<TokenRow>,
    /// The issue form as typed, when the server just refused it (from the session's one-time flash).
    pub form: IssueFormValues,
    /// Everything that was wrong with it (the refusal itself names only the first).
    pub problems: Vec<FieldProblem>,
    /// The Token just issued or re-issued (from the session's one-time flash: shown once, instead of the list).
    pub issued: Option<IssuedToken>,
    /// The session's synchroniser token for the forms.
    pub csrf_token: String,
    /// The session's Digital ID sign-in is too old to issue Tokens: the page offers a fresh sign-in instead of the
    /// issue form.
    pub reauthentication_needed: bool,
}

/// One officer in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerRow {
    /// The officer's id (the forms send it).
    pub id: i32,
    /// Thai name with title.
    pub name_th: String,
    /// Masked citizen ID.
    pub citizen_id_masked: Option<String>,
    /// Role.
    pub role: Role,
    /// The unit's code.
    pub unit_code: String,
    /// The unit's Thai name.
    pub unit_name_th: String,
    /// Active or suspended.
    pub status: OfficerStatus,
    /// The latest sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// Whether the visitor may suspend, reactivate, move or change the role of this officer (never themselves).
    pub manageable: bool,
}

/// The officers page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsPageData {
    /// Officers in the visitor's scope, by unit then name.
    pub officers: Vec<OfficerRow>,
    /// The roles the visitor may give.
    pub assignable_roles: Vec<Role>,
    /// The units the visitor may move officers to.
    pub units: Vec<UnitOption>,
    /// The session's synchroniser token for the forms.
    pub csrf_token: String,
    /// The search the officers were found with (empty: everyone in scope), as cleaned.
    pub search: String,
}

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// When.
    pub occurred_at: DateTime<Utc>,
    /// What.
    pub event: AuditEvent,
    /// The event's code (`token_issued`, …), as the filter and CSV use it.
    pub event_code: String,
    /// Whether it succeeded.
    pub succeeded: bool,
    /// Why it failed, as a stable code (`expired`, `wrong_person`, …).
    pub reason: Option<String>,
    /// Who did it (`None`: the system or an unknown Digital ID account).
    pub actor: Option<String>,
    /// To whom (an officer or the intended person of a Token).
    pub target: Option<String>,
    /// The unit concerned, in Thai.
    pub unit_name_th: Option<String>,
    /// From which address.
    pub client_ip: Option<String>,
    /// Details (the role change, the Token's id and reference, a masked citizen ID…).
    pub detail: Option<String>,
}

/// The audit filter as typed (and echoed back).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilterValues {
    /// First day, as typed (`thai_date::parse_day`).
    pub from: String,
    /// Last day, as typed.
    pub to: String,
    /// Event code, or empty for all.
    pub event: String,
    /// Acting officer's id, or empty for all.
    pub actor: String,
    /// Unit code, or empty for all (the unit and everything under it).
    pub unit: String,
    /// How many entries to show (the page only: "show more"), or empty for the first page.
    pub shown: String,
}

/// The audit page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPageData {
    /// The filter.
    pub filter: AuditFilterValues,
    /// What was wrong with it.
    pub problems: Vec<FieldProblem>,
    /// Matching entries, newest first.
    pub entries: Vec<AuditRow>,
    /// Whether more entries match than are shown (the CSV has them all).
    pub truncated: bool,
    /// The officers who appear as actors in the scope, for the filter: (id, name).
    pub actors: Vec<(i32, String)>,
    /// The units in the scope, for the filter.
    pub units: Vec<UnitOption>,
    /// The CSV download of the same filter (`/backend/audit.csv?…`).
    pub csv_href: String,
    /// The same filter with more entries shown, when more match (up to the page's limit).
    pub more_href: Option<String>,
}

/// The organisation tree page (Contact Center staff).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitsPageData {
    /// Every unit, tree order, retired ones included.
    pub units: Vec<UnitOption>,
    /// The form refused just before (kept in the session's flash, shown once).
    pub refused: Option<RefusedUnitForm>,
    /// The session's synchroniser token for the forms.
    pub csrf_token: String,
}

/// A units form the server refused, as the page shows it again (the refusal itself is the action's [`AppError`]).
///
/// [`AppError`]: crate::app_error::AppError
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedUnitForm {
    /// The unit a rename, move or retire form was about (`None`: the create form).
    pub unit: Option<String>,
    /// The create form as typed: (code, name_th, name_en, kind, parent).
    pub create_form: [String; 5],
    /// A unit's rename form as typed: (Thai name, English name), shown again in that unit's form so nothing typed
    /// is lost.
    pub rename_form: Option<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::Done;

    #[test]
    fn every_done_action_survives_a_round_trip_through_its_code() {
        for done in [Done::Revoked, Done::Suspended, Done::Assigned, Done::UnitRetired] {
            assert_eq!(Done::from_code(done.code()), Some(done));
        }
        assert_eq!(Done::from_code("deleted"), None);
    }
}
