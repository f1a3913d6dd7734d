//! The officers page's server functions: the officers in the actor's scope, suspending or reactivating one (a
//! suspension ends their sessions at once), and giving one another role or unit. A missing field reads as empty, so
//! a form without its synchroniser token is refused as expired like one with a wrong token.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, PostUrl};

use crate::administration::{AccountsPageData, Done};
use crate::app_error::AppError;

/// The officers page's data, for the signed-in officer's scope: everyone, or those whose name, unit name or unit code
/// holds `search` (case aside; cut to 64 characters).
#[server(prefix = "/api", endpoint = "accounts", input = GetUrl)]
pub async fn accounts_page(
    /// Part of a name, a unit's name or a unit's code; empty for everyone.
    #[server(default)]
    search: String,
) -> Result<AccountsPageData, AppError> {
    on_server::page(&search).await
}

/// A search as typed, cleaned: trimmed, inner runs of spaces made one, at most 64 characters.
pub fn clean_search(typed: &str) -> String {
    typed.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(64).collect()
}

/// Whether `officer` is found by `search` (already cleaned; empty finds everyone).
pub fn found_by(officer: &crate::administration::OfficerRow, search: &str) -> bool {
    if search.is_empty() {
        return true;
    }
    let wanted = search.to_lowercase();
    [&officer.name_th, &officer.unit_name_th, &officer.unit_code]
        .into_iter()
        .any(|text| text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().contains(&wanted))
}

/// "ระงับการใช้งาน" (`status=suspended`) or "เปิดใช้งานอีกครั้ง" (`status=active`) for one officer.
#[server(prefix = "/api", endpoint = "accounts/status", input = PostUrl)]
pub async fn set_officer_status(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The officer's id.
    #[server(default)]
    officer_id: String,
    /// `suspended` or `active`.
    #[server(default)]
    status: String,
) -> Result<Done, AppError> {
    let result = on_server::set_status(&csrf_token, &officer_id, &status).await;
    crate::host::answer::<SetOfficerStatus, _>(crate::paths::ACCOUNTS_PAGE, result)
}

/// Gives one officer another role or unit in the actor's scope.
#[server(prefix = "/api", endpoint = "accounts/assign", input = PostUrl)]
pub async fn assign_officer(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The officer's id.
    #[server(default)]
    officer_id: String,
    /// The new role's code.
    #[server(default)]
    role: String,
    /// The new unit's code.
    #[server(default)]
    unit: String,
) -> Result<Done, AppError> {
    let result = on_server::assign(&csrf_token, &officer_id, &role, &unit).await;
    crate::host::answer::<AssignOfficer, _>(crate::paths::ACCOUNTS_PAGE, result)
}

#[cfg(feature = "ssr")]
mod on_server {
    use chrono::Utc;
    use domain::administration::{AdminError, officers};
    use domain::entities::officer::{OfficerStatus, Role};
    use domain::scope::Tree;

    use crate::administration::{AccountsPageData, Done, FormProblem, OfficerRow};
    use crate::app_error::AppError;
    use crate::host::views::unit_options;
    use crate::host::{actor, backend, refused};
    use crate::paths::fields;

    pub async fn page(search: &str) -> Result<AccountsPageData, AppError> {
        let actor = actor()?;
        let search = super::clean_search(search);
        let db = backend()?.db;
        let load = async {
            let tree = Tree::load(&db).await?;
            let listed = officers::list(&db, &actor.officer).await?;
            Ok::<_, AdminError>(AccountsPageData {
                officers: listed.into_iter().map(officer_row).filter(|row| super::found_by(row, &search)).collect(),
                assignable_roles: actor.scope.roles().to_vec(),
                units: unit_options(&tree, &actor.scope, actor.scope.roles()),
                csrf_token: actor.csrf_token.clone(),
                search: search.clone(),
            })
        };
        load.await.map_err(|error| refused("officers page request failed", &error))
    }

    fn officer_row(listing: officers::OfficerListing) -> OfficerRow {
        let officer = listing.officer;
        OfficerRow {
            id: officer.id,
            name_th: officer.name_th,
            citizen_id_masked: officer.citizen_id_masked,
            role: officer.role,
            unit_code: listing.unit.code,
            unit_name_th: listing.unit.name_th,
            status: officer.status,
            last_sign_in_at: officer.last_sign_in_at,
            manageable: listing.manageable,
        }
    }

    pub async fn set_status(csrf_token: &str, officer_id: &str, status: &str) -> Result<Done, AppError> {
        let actor = actor()?;
        let officer_id = officer_id.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
        if !actor.csrf_matches(csrf_token) {
            return Err(AppError::row_field(officer_id, fields::STATUS, FormProblem::FormExpired));
        }
        let (status, done) = match status {
            "suspended" => (OfficerStatus::Suspended, Done::Suspended),
            "active" => (OfficerStatus::Active, Done::Reactivated),
            _ => return Err(AppError::NotFound),
        };
        let db = backend()?.db;
        officers::set_status(&db, &actor.officer, officer_id, status, &actor.origin, Utc::now())
            .await
            .map_err(|error| refused_change(officer_id, fields::STATUS, &error))?;
        Ok(done)
    }

    pub async fn assign(csrf_token: &str, officer_id: &str, role: &str, unit: &str) -> Result<Done, AppError> {
        let actor = actor()?;
        let officer_id = officer_id.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
        if !actor.csrf_matches(csrf_token) {
            return Err(AppError::row_field(officer_id, fields::ROLE, FormProblem::FormExpired));
        }
        let Some(role) = Role::from_code(role.trim()) else {
            return Err(AppError::row_field(officer_id, fields::ROLE, FormProblem::RoleNotAllowed));
        };
        let db = backend()?.db;
        officers::assign(&db, &actor.officer, officer_id, role, unit.trim(), &actor.origin, Utc::now())
            .await
            .map_err(|error| refused_change(officer_id, fields::ROLE, &error))?;
        Ok(Done::Assigned)
    }

    /// A refused change, as the field it concerns (`own_field`: the form's own control).
    fn refused_change(officer_id: i32, own_field: &str, error: &AdminError) -> AppError {
        let (field, problem) = match error {
            AdminError::RoleNotAllowed => (fields::ROLE, FormProblem::RoleNotAllowed),
            AdminError::UnitNotAllowed => (fields::UNIT, FormProblem::UnitNotAllowed),
            AdminError::RoleDoesNotFitUnit => (fields::UNIT, FormProblem::RoleDoesNotFitUnit),
            AdminError::OwnAccount => (own_field, FormProblem::OwnAccount),
            other => return refused("officers page request failed", other),
        };
        AppError::row_field(officer_id, field, problem)
    }
}

#[cfg(test)]
mod tests {
    use super::{clean_search, found_by};
    use crate::administration::OfficerRow;
    use vocabulary::{OfficerStatus, Role};

    fn row() -> OfficerRow {
        OfficerRow {
            id: 7,
            name_th: "นางสาวค้นหา  ได้ดี".to_owned(),
            citizen_id_masked: Some("1-1017-xxxxx-03-0".to_owned()),
            role: Role::Agency,
            unit_code: "DOPA-BORA".to_owned(),
            unit_name_th: "สำนักบริหารการทะเบียน".to_owned(),
            status: OfficerStatus::Active,
            last_sign_in_at: None,
            manageable: true,
        }
    }

    #[test]
    fn an_officer_is_found_by_part_of_their_name_their_units_name_or_its_code_case_and_spacing_aside() {
        let officer = row();
        for search in ["", "ค้นหา ได้", "บริหารการทะเบียน", "dopa-bora", "BORA"]
        {
            assert!(found_by(&officer, &clean_search(search)), "{search}");
        }
        for search in ["สมชาย", "1-1017", "xxxxx", "DOPA-BORB"] {
            assert!(!found_by(&officer, &clean_search(search)), "{search}: not a name, unit or code");
        }
        assert_eq!(clean_search("  ค้นหา \t ได้  "), "ค้นหา ได้");
        assert_eq!(clean_search(&"ก".repeat(100)).chars().count(), 64);
    }
}
