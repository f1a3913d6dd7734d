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
/// The page for a person whose Digital ID account is not proofed well enough for their role or their citizen ID to
/// count (`?have=1.1&need=2.3&verified=0&id=1&role=central`: codes only). HTTP 403.
pub const ASSURANCE_REQUIRED_PAGE: &str = "/backend/assurance-required";
/// The page when Digital ID cannot be reached.
pub const DIGITAL_ID_UNAVAILABLE_PAGE: &str = "/backend/digital-id-unavailable";
/// The page after a failure of ours (`?reference=…`; HTTP 500, or 503 when the database is unreachable). The server
/// renders it in place of the page that failed, so the browser's address stays that page's.
pub const SERVICE_ERROR_PAGE: &str = "/backend/error";
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
/// Where Digital ID posts back-channel Logout Tokens (server to server; registered as `backchannel_logout_uri`).
pub const BACKCHANNEL_LOGOUT: &str = "/auth/backchannel-logout";

/// The form field every session form carries (logout, activation).
pub const CSRF_FIELD: &str = "csrf_token";
/// The activation form's token field.
pub const TOKEN_FIELD: &str = "token";

/// Activation Tokens in the officer's scope (Contact Center staff and central officers): the list, and the form
/// that issues one. `POST` issues and answers with the Token shown once (never redirected: it must not reach a URL).
pub const TOKENS_PAGE: &str = "/backend/tokens";
/// `POST` with `token_id`: revokes a pending Token.
pub const REVOKE_TOKEN: &str = "/backend/tokens/revoke";
/// `POST` with `token_id`: revokes a pending or expired Token and issues a new one with the same details.
pub const REISSUE_TOKEN: &str = "/backend/tokens/reissue";
/// The officers in the officer's scope, with suspend, reactivate and change of role or unit.
pub const ACCOUNTS_PAGE: &str = "/backend/accounts";
/// `POST` with `officer_id` and `status` (`active` or `suspended`).
pub const ACCOUNT_STATUS: &str = "/backend/accounts/status";
/// `POST` with `officer_id`, `role` and `unit`: moves an officer or changes their role.
pub const ACCOUNT_ASSIGN: &str = "/backend/accounts/assign";
/// The audit log in the officer's scope, filtered by the query (`from`, `to`, `event`, `actor`, `unit`).
pub const AUDIT_PAGE: &str = "/backend/audit";
/// The same filtered audit log as a CSV download.
pub const AUDIT_CSV: &str = "/backend/audit.csv";
/// The organisation tree (Contact Center staff): create, rename, move and retire units.
pub const UNITS_PAGE: &str = "/backend/units";

/// `POST` with [`LANGUAGE_FIELD`] and [`RETURN_TO_FIELD`]: switches the UI's language (remembered in a cookie, and
/// on the officer's record when signed in), then shows the page it came from again.
pub const LANGUAGE_SWITCH: &str = "/backend/language";
/// The language switch's field: the language's code (`th`, `en`).
pub const LANGUAGE_FIELD: &str = "lang";
/// A form's field naming the page to go to afterwards (the login form's, the language switch's); the server keeps
/// only addresses of our own pages.
pub const RETURN_TO_FIELD: &str = "return_to";

/// Every page an officer can be looking at (a `GET` that renders a page), for checks that an address is ours.
pub const PAGES: [&str; 15] = [
    OFFICERS_PAGE,
    SIGNED_OUT_PAGE,
    ACTIVATED_PAGE,
    SIGN_IN_PAGE,
    CONSENT_DECLINED_PAGE,
    SIGN_IN_FAILED_PAGE,
    ASSURANCE_REQUIRED_PAGE,
    DIGITAL_ID_UNAVAILABLE_PAGE,
    ACTIVATION_PAGE,
    HOME_PAGE,
    PROFILE_PAGE,
    TOKENS_PAGE,
    ACCOUNTS_PAGE,
    AUDIT_PAGE,
    UNITS_PAGE,
];

/// Form fields of the administration pages.
pub mod fields {
    /// A Token's id in the list (never the Token itself).
    pub const TOKEN_ID: &str = "token_id";
    /// An officer's id in the list.
    pub const OFFICER_ID: &str = "officer_id";
    /// A role code (`central`, `agency`, `service_point`).
    pub const ROLE: &str = "role";
    /// A unit code.
    pub const UNIT: &str = "unit";
    /// The intended person's 13-digit citizen ID.
    pub const CITIZEN_ID: &str = "citizen_id";
    /// The intended person's name.
    pub const NAME: &str = "name";
    /// Not a field: the Tokens page's fresh sign-in section, which the error summary links to.
    pub const REAUTHENTICATE: &str = "reauthenticate";
    /// The official letter or request number.
    pub const REFERENCE: &str = "reference";
    /// The Token's lifetime in days (1–30).
    pub const LIFETIME_DAYS: &str = "lifetime_days";
    /// An officer's new status (`active`, `suspended`).
    pub const STATUS: &str = "status";
    /// The units form's action (`create`, `rename`, `move`, `retire`).
    pub const ACTION: &str = "action";
    /// A unit's code on the units form.
    pub const CODE: &str = "code";
    /// A unit's Thai name.
    pub const NAME_TH: &str = "name_th";
    /// A unit's English name.
    pub const NAME_EN: &str = "name_en";
    /// A unit's kind (`ministry`, `department`, `division`, `service_point`).
    pub const KIND: &str = "kind";
    /// A unit's (new) parent code.
    pub const PARENT: &str = "parent";
    /// Audit filter: first day (`YYYY-MM-DD`, Gregorian, as `<input type=date>` sends it).
    pub const FROM: &str = "from";
    /// Audit filter: last day.
    pub const TO: &str = "to";
    /// Audit filter: event code.
    pub const EVENT: &str = "event";
    /// Audit filter: acting officer's id.
    pub const ACTOR: &str = "actor";
    /// After a redirect: which action just succeeded (`revoked`, `suspended`, …), for the banner.
    pub const DONE: &str = "done";
}
