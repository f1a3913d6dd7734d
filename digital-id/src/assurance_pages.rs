//! `GET|POST /Account/Assurance`: where a signed-in account raises its identity assurance level, as Digital ID
//! allows after registration — with the ID card's laser code checked by the simulated DOPA (IAL 1.3) or through the
//! ThaID app (IAL 2.3, one simulated button). A relying party that refuses an account for its level links here
//! (`{issuer}/Account/Assurance`); without a session at the simulator the person signs in first and comes back.
//! A level is only ever raised here, never lowered.

use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::response::Response;
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

use crate::account_pages::{internal, stale_form};
use crate::accounts;
use crate::browser::{self, csrf_matches, csrf_token, html, see_other};
use crate::endpoints::authorize::login_url;
use crate::entities::account;
use crate::pages::{AssuranceView, FieldErrors, assurance_page};
use crate::proofing::Assurance;
use crate::simulator::SimState;
use crate::validation::{Proofing, laser_code_proofing};

/// The page's path (also an allowed `ReturnUrl` of the sign-in page).
pub const ASSURANCE_PATH: &str = "/Account/Assurance";
/// `method` of the laser-code form.
pub const METHOD_LASER_CODE: &str = "laser_code";
/// `method` of the simulated ThaID button.
pub const METHOD_THAID: &str = "thaid";

/// `?raised=1` after a raised level.
#[derive(Debug, Default, Deserialize)]
pub struct AssuranceQuery {
    /// Set after the level was raised.
    #[serde(default)]
    raised: Option<String>,
}

/// The posted form: `csrf`, `method` (`laser_code` or `thaid`) and, for the laser code, `birth_date` and
/// `laser_code`.
#[derive(Deserialize)]
pub struct AssurancePost {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    laser_code: String,
}

const RAISED: &str = "ยืนยันตัวตนสำเร็จ ระดับความน่าเชื่อถือของบัญชีได้รับการปรับแล้ว";

/// `GET /Account/Assurance`: the account's level and the ways up; sign-in first if nobody is signed in.
pub async fn assurance(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    Query(query): Query<AssuranceQuery>,
) -> Response {
    let account = match signed_in_account(&state, &headers).await {
        Ok(Some(account)) => account,
        Ok(None) => return see_other(&login_url(ASSURANCE_PATH)),
        Err(error) => return internal(&error),
    };
    let notice = query.raised.is_some().then_some(RAISED);
    render(&state, &headers, &account, "", &FieldErrors::new(), notice)
}

/// `POST /Account/Assurance`: raises the level by the chosen method, then shows the page again (303).
pub async fn assurance_post(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    Form(form): Form<AssurancePost>,
) -> Response {
    if !csrf_matches(&headers, &form.csrf) {
        return stale_form();
    }
    let account = match signed_in_account(&state, &headers).await {
        Ok(Some(account)) => account,
        Ok(None) => return see_other(&login_url(ASSURANCE_PATH)),
        Err(error) => return internal(&error),
    };
    let reached = match form.method.as_str() {
        METHOD_LASER_CODE => {
            let today = chrono::Utc::now().date_naive();
            let checked = laser_code_proofing(
                &form.birth_date,
                &form.laser_code,
                Some(&account.citizen_id),
                Proofing::Required,
                today,
            );
            match checked {
                Ok(reached) => reached,
                Err(errors) => {
                    tracing::info!(sub = %account.id, "a laser-code check at the assurance page failed");
                    let mut response = render(&state, &headers, &account, &form.birth_date, &errors, None);
                    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                    return response;
                }
            }
        }
        METHOD_THAID => Assurance::ThaId,
        _ => return browser::error_page(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง", "กรุณาเลือกวิธียืนยันตัวตน"),
    };
    if reached > Assurance::of(&account) {
        if let Err(error) = accounts::set_assurance(&state.db, &account.id, reached).await {
            return internal(&error);
        }
        tracing::info!(sub = %account.id, ial_level = reached.ial_level(), "identity assurance raised");
    }
    see_other(&format!("{ASSURANCE_PATH}?raised=1"))
}

/// The account of the browser's session at the simulator, if any.
async fn signed_in_account(state: &SimState, headers: &HeaderMap) -> Result<Option<account::Model>, sea_orm::DbErr> {
    match browser::session(state, headers) {
        Some((_, session)) => accounts::find(&state.db, &session.account_id).await,
        None => Ok(None),
    }
}

fn render(
    state: &SimState,
    headers: &HeaderMap,
    account: &account::Model,
    birth_date: &str,
    errors: &FieldErrors,
    notice: Option<&str>,
) -> Response {
    let (csrf, set_cookie) = csrf_token(state, headers);
    let body = assurance_page(AssuranceView {
        csrf_token: &csrf,
        display_name: &account.display_name(),
        assurance: Assurance::of(account),
        birth_date,
        errors,
        notice,
    });
    html(StatusCode::OK, body, set_cookie)
}
