//! The units page's server functions (Contact Center staff only): the organisation tree, and creating, renaming,
//! moving and retiring a unit. A missing field reads as empty, so a form without its synchroniser token is refused
//! as expired like one with a wrong token.
//!
//! A refused form travels as [`AppError`] codes; which unit it was about, and what was typed into a refused create
//! or rename form, are kept in the session's one-time flash ([`crate::host::put_flash`]) for the page's next view,
//! never in a URL.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, PostUrl};

use crate::administration::{Done, UnitsPageData};
use crate::app_error::AppError;

/// The organisation tree, with the form refused just before (taken from the flash, once).
#[server(prefix = "/api", endpoint = "units", input = GetUrl)]
pub async fn units_page() -> Result<UnitsPageData, AppError> {
    on_server::page().await
}

/// Adds a unit ("เพิ่มหน่วยงาน").
#[server(prefix = "/api", endpoint = "units/create", input = PostUrl)]
pub async fn create_unit(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The new unit's code.
    #[server(default)]
    code: String,
    /// Its Thai name.
    #[server(default)]
    name_th: String,
    /// Its English name (may be empty).
    #[server(default)]
    name_en: String,
    /// Its kind's code.
    #[server(default)]
    kind: String,
    /// Its parent's code (empty for a ministry).
    #[server(default)]
    parent: String,
) -> Result<Done, AppError> {
    let form = on_server::UnitForm { csrf_token, code, name_th, name_en, kind, parent };
    let result = on_server::create(form).await;
    crate::host::answer::<CreateUnit, _>(crate::paths::UNITS_PAGE, result)
}

/// Renames a unit.
#[server(prefix = "/api", endpoint = "units/rename", input = PostUrl)]
pub async fn rename_unit(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The unit's code.
    #[server(default)]
    code: String,
    /// Its new Thai name.
    #[server(default)]
    name_th: String,
    /// Its new English name (empty: none).
    #[server(default)]
    name_en: String,
) -> Result<Done, AppError> {
    let form = on_server::UnitForm { csrf_token, code, name_th, name_en, ..Default::default() };
    let result = on_server::rename(form).await;
    crate::host::answer::<RenameUnit, _>(crate::paths::UNITS_PAGE, result)
}

/// Moves a unit under another one level up.
#[server(prefix = "/api", endpoint = "units/move", input = PostUrl)]
pub async fn move_unit(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The unit's code.
    #[server(default)]
    code: String,
    /// The new parent's code.
    #[server(default)]
    parent: String,
) -> Result<Done, AppError> {
    let form = on_server::UnitForm { csrf_token, code, parent, ..Default::default() };
    let result = on_server::move_to(form).await;
    crate::host::answer::<MoveUnit, _>(crate::paths::UNITS_PAGE, result)
}

/// Retires a unit no longer in use ("เลิกใช้หน่วยงาน").
#[server(prefix = "/api", endpoint = "units/retire", input = PostUrl)]
pub async fn retire_unit(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The unit's code.
    #[server(default)]
    code: String,
) -> Result<Done, AppError> {
    let form = on_server::UnitForm { csrf_token, code, ..Default::default() };
    let result = on_server::retire(form).await;
    crate::host::answer::<RetireUnit, _>(crate::paths::UNITS_PAGE, result)
}

#[cfg(feature = "ssr")]
mod on_server {
    use chrono::Utc;
    use domain::administration::{AdminError, units};
    use domain::entities::organisation_unit::UnitKind;
    use domain::scope::{Scope, Tree};
    use domain::units::{NewUnit, UnitError};

    use crate::administration::{Done, FieldProblem, FormProblem, RefusedUnitForm, UnitsPageData};
    use crate::app_error::AppError;
    use crate::host::free_text::{checked_text, text_problem};
    use crate::host::views::unit_option;
    use crate::host::{Actor, actor, backend, internal, put_flash, take_flash};
    use crate::paths::fields;

    const MAX_NAME: usize = 255;

    /// The flash's kind: the units form refused just before.
    const FLASH: &str = "units";

    /// Every units form (fields a form does not have are empty).
    #[derive(Debug, Default)]
    pub struct UnitForm {
        pub csrf_token: String,
        pub code: String,
        pub name_th: String,
        pub name_en: String,
        pub kind: String,
        pub parent: String,
    }

    /// Which of the page's forms.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Which {
        Create,
        Rename,
        Other,
    }

    /// Who may open the tree: Contact Center staff only (a central officer is refused like an agency officer).
    fn contact_center() -> Result<Actor, AppError> {
        let actor = actor()?;
        match actor.scope {
            Scope::Everything => Ok(actor),
            Scope::Department(_) => Err(AppError::Forbidden),
        }
    }

    pub async fn page() -> Result<UnitsPageData, AppError> {
        let actor = contact_center()?;
        let tree = Tree::load(&backend()?.db).await.map_err(|error| internal("units page failed", &error))?;
        Ok(UnitsPageData {
            units: tree.units.iter().map(|(unit, depth)| unit_option(&tree, unit, *depth)).collect(),
            refused: take_flash::<RefusedUnitForm>(FLASH).await,
            csrf_token: actor.csrf_token.clone(),
        })
    }

    pub async fn create(form: UnitForm) -> Result<Done, AppError> {
        let actor = checked(&form, Which::Create).await?;
        let unit = match new_unit(&form) {
            Ok(unit) => unit,
            Err(field_problem) => return refuse(&form, Which::Create, field_problem).await,
        };
        let db = backend()?.db;
        let result = units::create(&db, &actor.officer, unit, &actor.origin, Utc::now()).await;
        finish(&form, Which::Create, result.map(|_| Done::UnitCreated)).await
    }

    pub async fn rename(form: UnitForm) -> Result<Done, AppError> {
        let actor = checked(&form, Which::Rename).await?;
        let (name_th, name_en) = match names(&form) {
            Ok(names) => names,
            Err(field_problem) => return refuse(&form, Which::Rename, field_problem).await,
        };
        let db = backend()?.db;
        let renamed =
            units::rename(&db, &actor.officer, &form.code, &name_th, name_en.as_deref(), &actor.origin, Utc::now());
        finish(&form, Which::Rename, renamed.await.map(|_| Done::UnitRenamed)).await
    }

    pub async fn move_to(form: UnitForm) -> Result<Done, AppError> {
        let actor = checked(&form, Which::Other).await?;
        let db = backend()?.db;
        let moved = units::move_to(&db, &actor.officer, &form.code, form.parent.trim(), &actor.origin, Utc::now());
        finish(&form, Which::Other, moved.await.map(|_| Done::UnitMoved)).await
    }

    pub async fn retire(form: UnitForm) -> Result<Done, AppError> {
        let actor = checked(&form, Which::Other).await?;
        let db = backend()?.db;
        let retired = units::retire(&db, &actor.officer, &form.code, &actor.origin, Utc::now());
        finish(&form, Which::Other, retired.await.map(|_| Done::UnitRetired)).await
    }

    /// The actor, once they may change the tree and the form's synchroniser token is the session's.
    async fn checked(form: &UnitForm, which: Which) -> Result<Actor, AppError> {
        let actor = contact_center()?;
        if !actor.csrf_matches(&form.csrf_token) {
            refuse(form, which, problem(fields::CODE, FormProblem::FormExpired)).await?;
        }
        Ok(actor)
    }

    /// The domain's answer: done, a field's problem, or a refusal that is not the form's fault.
    async fn finish(form: &UnitForm, which: Which, result: Result<Done, AdminError>) -> Result<Done, AppError> {
        let field_problem = match result {
            Ok(done) => return Ok(done),
            Err(AdminError::Unit(UnitError::BadCode)) => problem(fields::CODE, FormProblem::CodeInvalid),
            Err(AdminError::Unit(UnitError::DuplicateCode(_))) => problem(fields::CODE, FormProblem::CodeTaken),
            Err(AdminError::Unit(UnitError::BadName)) => problem(fields::NAME_TH, FormProblem::TextInvalid),
            Err(AdminError::Unit(UnitError::NameText { english, problem: why })) => {
                problem(if english { fields::NAME_EN } else { fields::NAME_TH }, text_problem(why))
            }
            Err(AdminError::Unit(UnitError::Parent(_))) => problem(fields::PARENT, FormProblem::ParentInvalid),
            Err(AdminError::UnitInUse(_)) => problem(fields::CODE, FormProblem::UnitInUse),
            Err(error) => return Err(crate::host::refused("units page request failed", &error)),
        };
        refuse(form, which, field_problem).await
    }

    /// A refused form: which unit it was about and what was typed into a create or rename form kept in the flash
    /// for the page's next view; the problem itself is the refusal.
    async fn refuse(form: &UnitForm, which: Which, field_problem: FieldProblem) -> Result<Done, AppError> {
        let typed = |value: &str| value.chars().take(MAX_NAME).collect::<String>();
        let kept = RefusedUnitForm {
            unit: (which != Which::Create).then(|| typed(form.code.trim()).to_ascii_uppercase()),
            create_form: if which == Which::Create {
                [&form.code, &form.name_th, &form.name_en, &form.kind, &form.parent].map(|value| typed(value))
            } else {
                Default::default()
            },
            rename_form: (which == Which::Rename).then(|| (typed(&form.name_th), typed(&form.name_en))),
        };
        put_flash(FLASH, &kept).await?;
        Err(AppError::Field { row: None, problem: field_problem })
    }

    fn names(form: &UnitForm) -> Result<(String, Option<String>), FieldProblem> {
        let name_th = match checked_text(&form.name_th, MAX_NAME) {
            Ok(Some(name)) => name,
            Ok(None) => return Err(problem(fields::NAME_TH, FormProblem::NameMissing)),
            Err(why) => return Err(problem(fields::NAME_TH, why)),
        };
        let name_en = checked_text(&form.name_en, MAX_NAME).map_err(|why| problem(fields::NAME_EN, why))?;
        Ok((name_th, name_en))
    }

    fn new_unit(form: &UnitForm) -> Result<NewUnit, FieldProblem> {
        let code = form.code.trim().to_ascii_uppercase();
        if !domain::units::is_valid_code(&code) {
            return Err(problem(fields::CODE, FormProblem::CodeInvalid));
        }
        let (name_th, name_en) = names(form)?;
        let kind =
            UnitKind::from_code(form.kind.trim()).ok_or_else(|| problem(fields::KIND, FormProblem::ParentInvalid))?;
        let parent_code = Some(form.parent.trim().to_owned()).filter(|parent| !parent.is_empty());
        Ok(NewUnit { code, name_th, name_en, kind, parent_code })
    }

    fn problem(field: &str, problem: FormProblem) -> FieldProblem {
        FieldProblem { field: field.to_owned(), problem }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn form(code: &str, name_th: &str, kind: &str) -> UnitForm {
            UnitForm {
                code: code.to_owned(),
                name_th: name_th.to_owned(),
                kind: kind.to_owned(),
                parent: "DOPA".to_owned(),
                ..Default::default()
            }
        }

        #[test]
        fn a_new_units_code_is_kept_in_capitals() {
            let unit = new_unit(&form(" dopa-bora-02 ", "สำนักบริหารการทะเบียน ๒", "division")).expect("valid");
            assert_eq!(unit.code, "DOPA-BORA-02");
            assert_eq!(unit.kind, UnitKind::Division);
            assert_eq!(unit.parent_code.as_deref(), Some("DOPA"));
        }

        #[test]
        fn a_bad_code_a_missing_name_and_an_unknown_kind_name_their_fields() {
            assert_eq!(new_unit(&form("มท", "ก", "division")).expect_err("bad").field, fields::CODE);
            assert_eq!(new_unit(&form("A", " ", "division")).expect_err("bad").problem, FormProblem::NameMissing);
            assert_eq!(new_unit(&form("A", "ก", "planet")).expect_err("bad").field, fields::KIND);
        }
    }
}
