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

/// Activation Tokens in the officer's scope (Contact Center staff and central officers): the list, and the forms
/// that issue, revoke and re-issue one (server functions in `crate::api::tokens`; a Token just issued is shown here
/// once, from the session's flash, never in a URL).
pub const TOKENS_PAGE: &str = "/backend/tokens";
/// The officers in the officer's scope, with suspend, reactivate and change of role or unit (server functions in
/// `crate::api::accounts`).
pub const ACCOUNTS_PAGE: &str = "/backend/accounts";
/// The audit log in the officer's scope, filtered by the query (`from`, `to`, `event`, `actor`, `unit`).
pub const AUDIT_PAGE: &str = "/backend/audit";
/// The same filtered audit log as a CSV download.
pub const AUDIT_CSV: &str = "/backend/audit.csv";
/// The organisation tree (Contact Center staff): create, rename, move and retire units.
pub const UNITS_PAGE: &str = "/backend/units";

/// The language switch's field (the server function `crate::api::language::switch_language`): the language's code (`th`, `en`).
pub const LANGUAGE_FIELD: &str = "lang";
/// A form's field naming the page to go to afterwards (the login form's, the language switch's); the server keeps
/// only addresses of our own pages.
pub const RETURN_TO_FIELD: &str = "return_to";

/// Who may open a page; everyone else is sent on by the host's session layer before the page renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone (the public pages, the sign-in pages and their outcomes).
    Anyone,
    /// A signed-in, activated officer; a Digital ID account not yet activated goes to the activation page, anyone
    /// else to the sign-in page. (What an officer may see there is their scope's business: the page's server
    /// function answers "no permission" itself.)
    Officer,
    /// A Digital ID account not yet activated; an officer goes home, anyone else to the sign-in page.
    PendingActivation,
}

/// A page of the back office (a `GET` that renders a page): its address and who may open it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// The address.
    pub path: &'static str,
    /// Who may open it.
    pub access: Access,
}

/// Every page, once: the session layer's access rules, the language switch's allowed return addresses and the
/// checks on the Leptos routes (`crate::shell`'s tests) all come from here, so a new page is one line here and its
/// `<Route>`.
pub const PAGES: [Page; 15] = [
    Page { path: OFFICERS_PAGE, access: Access::Anyone },
    Page { path: SIGNED_OUT_PAGE, access: Access::Anyone },
    Page { path: ACTIVATED_PAGE, access: Access::Anyone },
    Page { path: SIGN_IN_PAGE, access: Access::Anyone },
    Page { path: CONSENT_DECLINED_PAGE, access: Access::Anyone },
    Page { path: SIGN_IN_FAILED_PAGE, access: Access::Anyone },
    Page { path: ASSURANCE_REQUIRED_PAGE, access: Access::Anyone },
    Page { path: DIGITAL_ID_UNAVAILABLE_PAGE, access: Access::Anyone },
    Page { path: ACTIVATION_PAGE, access: Access::PendingActivation },
    Page { path: HOME_PAGE, access: Access::Officer },
    Page { path: PROFILE_PAGE, access: Access::Officer },
    Page { path: TOKENS_PAGE, access: Access::Officer },
    Page { path: ACCOUNTS_PAGE, access: Access::Officer },
    Page { path: AUDIT_PAGE, access: Access::Officer },
    Page { path: UNITS_PAGE, access: Access::Officer },
];

/// The page at `path` (a trailing `/` ignored), if it is one of ours.
pub fn page(path: &str) -> Option<Page> {
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    PAGES.into_iter().find(|page| page.path == path)
}

/// Whether `path` is one of our pages.
pub fn is_page(path: &str) -> bool {
    PAGES.iter().any(|page| page.path == path)
}

/// Form fields of the administration pages.
pub mod fields {
    /// Why the signed-out page is shown (`idle`, `limit`: the session timed out).
    pub const WHY: &str = "why";
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
    /// The officers page's search: part of a name, a unit's name or code.
    pub const SEARCH: &str = "q";
    /// The audit log: how many entries to show.
    pub const SHOWN: &str = "shown";
    /// After a redirect: which action just succeeded (`revoked`, `suspended`, …), for the banner.
    pub const DONE: &str = "done";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_is_in_the_table_once_and_found_with_or_without_a_trailing_slash() {
        for page_of_table in PAGES {
            assert_eq!(PAGES.iter().filter(|other| other.path == page_of_table.path).count(), 1, "{page_of_table:?}");
            assert_eq!(page(page_of_table.path), Some(page_of_table));
            assert_eq!(page(&format!("{}/", page_of_table.path)), Some(page_of_table));
        }
        assert_eq!(page("/backend/nowhere"), None);
        assert_eq!(page(AUDIT_CSV), None, "a download is not a page");
    }

    #[test]
    fn only_the_signed_in_pages_need_an_officer_and_only_activation_a_pending_account() {
        let needing = |access| PAGES.into_iter().filter(move |page| page.access == access).map(|page| page.path);
        assert_eq!(
            needing(Access::Officer).collect::<Vec<_>>(),
            [HOME_PAGE, PROFILE_PAGE, TOKENS_PAGE, ACCOUNTS_PAGE, AUDIT_PAGE, UNITS_PAGE]
        );
        assert_eq!(needing(Access::PendingActivation).collect::<Vec<_>>(), [ACTIVATION_PAGE]);
    }
}
