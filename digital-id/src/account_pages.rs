//! The pages a person sees at the simulated Digital ID: sign-in (`/Account/Login`, throttled), registration
//! (`/Account/Register`, with its optional identity proofing) and consent (`/consent`). Their `ReturnUrl` always
//! leads back into the pending authorization (`/connect/authorize/callback?…`) or to the assurance page
//! (`/Account/Assurance`); any other `ReturnUrl` is ignored, so these pages are no open redirector.

use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::response::Response;
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;

use crate::accounts::{self, RegisterError, SignIn};
use crate::browser::{self, csrf_matches, csrf_token, error_page, html, see_other, set_session_cookie};
use crate::endpoints::authorize::{AuthorizeRequest, client_redirect, encode_return_url, login_url, parse_return_url};
use crate::grants::{BrowserSession, now, random_token};
use crate::pages::{
    ConsentView, FieldErrors, LoginView, MessageView, RegisterField, RegisterForm, RegisterView, consent_page,
    login_page, message_page, register_page,
};
use crate::proofing::Assurance;
use crate::simulator::SimState;
use crate::throttle::Refused;
use crate::validation::{normalize_login, validate_registration};

/// `?ReturnUrl=…` (and the `registered` flag after registration).
#[derive(Debug, Default, Deserialize)]
pub struct ReturnQuery {
    /// The pending authorization.
    #[serde(rename = "ReturnUrl", default)]
    pub return_url: String,
    /// Set after a successful registration, to greet the new account.
    #[serde(default)]
    pub registered: Option<String>,
}

/// The posted sign-in form.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(rename = "ReturnUrl", default)]
    return_url: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
}

/// The posted consent form.
#[derive(Deserialize)]
pub struct ConsentForm {
    #[serde(rename = "ReturnUrl", default)]
    return_url: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
}

/// The posted registration form with its hidden fields.
#[derive(Deserialize)]
pub struct RegisterPost {
    #[serde(rename = "ReturnUrl", default)]
    return_url: String,
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: RegisterForm,
}

const SIGN_IN_FAILED: &str = "ชื่อบัญชีผู้ใช้ เลขบัตรประจำตัวประชาชน หรือรหัสผ่านไม่ถูกต้อง";

/// The refusal of a throttled sign-in: the same for every login, known or not, so it reveals no account.
pub(crate) fn throttled_message(refused: Refused) -> String {
    format!(
        "ชื่อบัญชีผู้ใช้ เลขบัตรประจำตัวประชาชน หรือรหัสผ่านไม่ถูกต้องหลายครั้งเกินไป ระบบจึงระงับการเข้าสู่ระบบด้วยชื่อนี้ \
         หรือจากเครื่องนี้ไว้ชั่วคราว กรุณาลองใหม่ในอีก {} นาที",
        refused.minutes()
    )
}
const REGISTERED: &str = "ลงทะเบียนสำเร็จแล้ว กรุณาเข้าสู่ระบบด้วยบัญชีใหม่ของคุณ";

/// `GET /Account/Login`
pub async fn login(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    Query(query): Query<ReturnQuery>,
) -> Response {
    let notice = query.registered.is_some().then_some(REGISTERED);
    render_login(&state, &headers, &query.return_url, "", None, notice)
}

/// `POST /Account/Login`: throttled per login and client address ([`crate::throttle`]).
pub async fn login_post(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    extensions: http::Extensions,
    Form(form): Form<LoginForm>,
) -> Response {
    if !csrf_matches(&headers, &form.csrf) {
        return stale_form();
    }
    let login = normalize_login(&form.login);
    let address = browser::client_address(&extensions);
    let account = match accounts::sign_in(&state.db, &state.throttle, &login, form.password, address).await {
        Ok(SignIn::Accepted(account)) => account,
        Ok(SignIn::Refused) => {
            tracing::info!("a sign-in attempt failed");
            return render_login(&state, &headers, &form.return_url, &form.login, Some(SIGN_IN_FAILED), None);
        }
        Ok(SignIn::Throttled(refused)) => {
            tracing::warn!(retry_after_seconds = refused.retry_after_seconds, "a sign-in attempt was throttled");
            let message = throttled_message(refused);
            let mut response = render_login(&state, &headers, &form.return_url, &form.login, Some(&message), None);
            *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            if let Ok(value) = http::HeaderValue::from_str(&refused.retry_after_seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            return response;
        }
        Err(error) => return internal(&error),
    };
    if let Some((old, _)) = browser::session(&state, &headers) {
        // A new sign-in at Digital ID replaces the browser's session; the relying parties' sessions go on.
        let _ = state.grants.end_session(&old);
    }
    let session_id = state.grants.start_session(BrowserSession {
        account_id: account.id.clone(),
        auth_time: now(),
        sid: random_token(),
    });
    tracing::info!(sub = %account.id, "signed in at the simulator");
    let mut response = see_other(&continue_to(&state, &form.return_url));
    response.headers_mut().append(header::SET_COOKIE, set_session_cookie(&state, &session_id));
    response
}

fn render_login(
    state: &SimState,
    headers: &HeaderMap,
    return_url: &str,
    login: &str,
    error: Option<&str>,
    notice: Option<&str>,
) -> Response {
    let return_url = safe_return_url(state, return_url);
    let (csrf, set_cookie) = csrf_token(state, headers);
    let request = parse_return_url(state, return_url);
    let register_href = format!("/Account/Register?{}", encode_return_url(return_url));
    let body = login_page(LoginView {
        return_url,
        csrf_token: &csrf,
        login,
        error,
        notice,
        client_name: request.as_ref().map(|request| request.client.name.as_str()),
        register_href: &register_href,
    });
    let status = if error.is_some() { StatusCode::UNAUTHORIZED } else { StatusCode::OK };
    html(status, body, set_cookie)
}

/// `GET /Account/Register`
pub async fn register(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    Query(query): Query<ReturnQuery>,
) -> Response {
    render_register(&state, &headers, &query.return_url, &RegisterForm::default(), &FieldErrors::new())
}

/// `POST /Account/Register`: on success, back to sign-in with the same `ReturnUrl`, as at the real Digital ID.
pub async fn register_post(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    Form(post): Form<RegisterPost>,
) -> Response {
    if !csrf_matches(&headers, &post.csrf) {
        return stale_form();
    }
    let new_account = match validate_registration(&post.form) {
        Ok(new_account) => new_account,
        Err(errors) => return render_register(&state, &headers, &post.return_url, &post.form, &errors),
    };
    match accounts::register(&state.db, new_account).await {
        Ok(account) => {
            tracing::info!(sub = %account.id, ial_level = %account.ial_level, "registered a new account at the simulator");
            let return_url = safe_return_url(&state, &post.return_url);
            see_other(&format!("{}&registered=1", login_url(return_url)))
        }
        Err(RegisterError::UsernameTaken) => {
            let errors = FieldErrors::from([(RegisterField::Username, "ชื่อบัญชีผู้ใช้นี้มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น".into())]);
            render_register(&state, &headers, &post.return_url, &post.form, &errors)
        }
        Err(RegisterError::CitizenIdTaken) => {
            let errors = FieldErrors::from([(
                RegisterField::CitizenId,
                "เลขบัตรประจำตัวประชาชนนี้ลงทะเบียนไว้แล้ว กรุณาเข้าสู่ระบบด้วยบัญชีเดิม".into(),
            )]);
            render_register(&state, &headers, &post.return_url, &post.form, &errors)
        }
        Err(RegisterError::Internal(error)) => internal(&error),
    }
}

fn render_register(
    state: &SimState,
    headers: &HeaderMap,
    return_url: &str,
    form: &RegisterForm,
    errors: &FieldErrors,
) -> Response {
    let return_url = safe_return_url(state, return_url);
    let (csrf, set_cookie) = csrf_token(state, headers);
    let login_href = login_url(return_url);
    // Passwords and the laser code are never sent back to the browser; names come back without what was refused
    // in them (direction controls, invisible characters, piled-up marks), so the field shows what would be saved.
    let form = RegisterForm {
        password: String::new(),
        password_confirmation: String::new(),
        laser_code: String::new(),
        given_name: domain::free_text::strip(&form.given_name),
        family_name: domain::free_text::strip(&form.family_name),
        ..form.clone()
    };
    let body =
        register_page(RegisterView { return_url, csrf_token: &csrf, form: &form, errors, login_href: &login_href });
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    html(status, body, set_cookie)
}

/// `GET /consent`
pub async fn consent(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    Query(query): Query<ReturnQuery>,
) -> Response {
    let Some(request) = parse_return_url(&state, &query.return_url) else {
        return error_page(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง", "ไม่พบคำขอเข้าสู่ระบบที่รอการยินยอม");
    };
    let Some((_, session)) = browser::session(&state, &headers) else {
        return see_other(&login_url(&query.return_url));
    };
    let account = match accounts::find(&state.db, &session.account_id).await {
        Ok(Some(account)) => account,
        Ok(None) => return see_other(&login_url(&query.return_url)),
        Err(error) => return internal(&error),
    };
    let (csrf, set_cookie) = csrf_token(&state, &headers);
    let scopes: Vec<String> = request.scopes.iter().filter(|scope| *scope != "openid").cloned().collect();
    let body = consent_page(ConsentView {
        return_url: &query.return_url,
        csrf_token: &csrf,
        client_name: &request.client.name,
        display_name: &account.display_name(),
        scopes: &scopes,
    });
    html(StatusCode::OK, body, set_cookie)
}

/// `POST /consent`: "ยินยอม" records consent and continues; "ไม่ยินยอม" returns `access_denied` to the client.
pub async fn consent_post(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    Form(form): Form<ConsentForm>,
) -> Response {
    if !csrf_matches(&headers, &form.csrf) {
        return stale_form();
    }
    let Some(request) = parse_return_url(&state, &form.return_url) else {
        return error_page(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง", "ไม่พบคำขอเข้าสู่ระบบที่รอการยินยอม");
    };
    let Some((_, session)) = browser::session(&state, &headers) else {
        return see_other(&login_url(&form.return_url));
    };
    match form.decision.as_str() {
        "allow" => {
            if let Err(error) =
                accounts::record_consent(&state.db, &session.account_id, &request.client.client_id, &request.scopes)
                    .await
            {
                return internal(&error);
            }
            tracing::info!(sub = %session.account_id, client_id = %request.client.client_id, "consent given");
            see_other(&form.return_url)
        }
        "deny" => {
            tracing::info!(sub = %session.account_id, client_id = %request.client.client_id, "consent refused");
            deny(&state, &request)
        }
        _ => error_page(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง", "กรุณาเลือก ยินยอม หรือ ไม่ยินยอม"),
    }
}

fn deny(state: &SimState, request: &AuthorizeRequest) -> Response {
    let params = [("error", "access_denied"), ("error_description", "the person did not consent")];
    see_other(&client_redirect(state, &request.redirect_uri, &params, request.state.as_deref()))
}

/// `GET /`: what the simulator is, for someone who opens it directly; says who is signed in, if anyone.
pub async fn home(State(state): State<Arc<SimState>>, headers: HeaderMap) -> Response {
    let about = "ระบบนี้จำลองการทำงานของ Digital ID ของสำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) \
                 เพื่อใช้พัฒนา ทดสอบ และฝึกอบรมระบบสำหรับเจ้าหน้าที่ของศูนย์รวมข้อมูลบริการภาครัฐ";
    let signed_in = match browser::session(&state, &headers) {
        Some((_, session)) => match accounts::find(&state.db, &session.account_id).await {
            Ok(account) => account,
            Err(error) => return internal(&error),
        },
        None => None,
    };
    let assurance_path = crate::assurance_pages::ASSURANCE_PATH;
    let body = match signed_in {
        Some(account) => {
            let who = format!("คุณเข้าสู่ระบบ Digital ID (ระบบจำลอง) ในชื่อ {}", account.display_name());
            let level = format!("ระดับความน่าเชื่อถือของบัญชี: {}", Assurance::of(&account).describe());
            message_page(MessageView {
                title: "Digital ID (ระบบจำลอง)",
                paragraphs: &[&who, &level, "กลับไปที่แอปพลิเคชันที่คุณต้องการใช้งานเพื่อดำเนินการต่อ", about],
                links: &[
                    (assurance_path, "ยืนยันตัวตนเพิ่มระดับความน่าเชื่อถือ"),
                    ("/connect/endsession", "ออกจากระบบ Digital ID"),
                ],
                is_error: false,
            })
        }
        None => message_page(MessageView {
            title: "Digital ID (ระบบจำลอง)",
            paragraphs: &[about, "การเข้าสู่ระบบเริ่มจากแอปพลิเคชันที่ใช้ Digital ID เช่น หน้าสำหรับเจ้าหน้าที่ของศูนย์รวมข้อมูลบริการภาครัฐ"],
            links: &[("/Account/Register", "ลงทะเบียน Digital ID"), (assurance_path, "ยืนยันตัวตนเพิ่มระดับความน่าเชื่อถือ")],
            is_error: false,
        }),
    };
    html(StatusCode::OK, body, None)
}

/// The `ReturnUrl` if it leads back into a valid pending authorization or is the assurance page, else empty.
pub(crate) fn safe_return_url<'r>(state: &SimState, return_url: &'r str) -> &'r str {
    if return_url == crate::assurance_pages::ASSURANCE_PATH || parse_return_url(state, return_url).is_some() {
        return_url
    } else {
        ""
    }
}

/// Where to go after signing in: the pending authorization, or the simulator's home page.
fn continue_to(state: &SimState, return_url: &str) -> String {
    match safe_return_url(state, return_url) {
        "" => "/".to_owned(),
        url => url.to_owned(),
    }
}

pub(crate) fn stale_form() -> Response {
    error_page(
        StatusCode::FORBIDDEN,
        "แบบฟอร์มหมดอายุ",
        "แบบฟอร์มนี้หมดอายุหรือไม่ได้ส่งจากหน้านี้ กรุณากลับไปเริ่มเข้าสู่ระบบใหม่จากแอปพลิเคชัน",
    )
}

pub(crate) fn internal(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "an account page failed");
    error_page(StatusCode::INTERNAL_SERVER_ERROR, "ระบบขัดข้อง", "ขออภัย ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง")
}
