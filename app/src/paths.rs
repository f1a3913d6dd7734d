//! Every address of the back office, in one place: the pages (Leptos routes) and the sign-in routes (plain axum
//! handlers in `server`), so links, redirects and forms cannot drift apart.

/// The officers' page (เว็บไซต์สำหรับเจ้าหน้าที่), where `/` leads.
pub const OFFICERS_PAGE: &str = "/backend";
/// The choice of sign-in provider ("Digital ID"), reached from "เข้าสู่ระบบ".
pub const SIGN_IN_PAGE: &str = "/backend/sign-in";
/// The officers' page saying the officer has signed out (Digital ID's post-logout redirect URI).
pub const SIGNED_OUT_PAGE: &str = "/backend/signed-out";
/// The officers' page saying the account is activated and the officer should sign in again.
pub const ACTIVATED_PAGE: &str = "/backend/activated";
/// The page after "ไม่ยินยอม" at Digital ID.
pub const CONSENT_DECLINED_PAGE: &str = "/backend/consent-declined";
/// The generic sign-in failure page (`?reference=…`).
pub const SIGN_IN_FAILED_PAGE: &str = "/backend/sign-in-failed";
/// The page when Digital ID cannot be reached.
pub const DIGITAL_ID_UNAVAILABLE_PAGE: &str = "/backend/digital-id-unavailable";
/// The identity-confirmation (Token) page of a first sign-in; its form posts back to the same address.
pub const ACTIVATION_PAGE: &str = "/backend/activate";
/// The first page after signing in.
pub const HOME_PAGE: &str = "/backend/home";
/// The officer's profile.
pub const PROFILE_PAGE: &str = "/backend/profile";

/// `POST`: starts a sign-in (`provider=digital-id`; `intent=register` opens Digital ID's registration first).
pub const LOGIN: &str = "/auth/login";
/// Digital ID's redirect back to us (the exact redirect URI is `{APP_BASE_URL}/auth/callback`).
pub const CALLBACK: &str = "/auth/callback";
/// `POST` with `csrf_token`: signs out here and at Digital ID.
pub const LOGOUT: &str = "/auth/logout";

/// The form field every session form carries (logout, activation).
pub const CSRF_FIELD: &str = "csrf_token";
/// The activation form's token field.
pub const TOKEN_FIELD: &str = "token";
