//! The back office's server functions: the one interface between the officer's pages and the host. Each page's data
//! is a loader (`GetUrl`: reads only), each in-app action a function posted by an `<ActionForm>` (`PostUrl`, so
//! without JavaScript it is a plain form POST answered by a redirect: [`crate::host::answer`]) or, from an island, by
//! [`crate::components::server_call`] (the same request Leptos's client makes, without its weight in the WASM).
//!
//! Every function lives under [`PREFIX`] with an explicit endpoint, so a form's address never changes between
//! builds. The host mounts `PREFIX/*` behind its same-origin check and session layer; each function authorises
//! itself from the request's session — an administration page's through [`crate::host::actor`] (the session's
//! officer and their scope), home and profile for any signed-in officer, the identity confirmation for a Digital ID
//! account not yet activated — and checks the session's synchroniser token on every change. Nothing here mutates
//! on GET.
//!
//! | endpoint | function | page |
//! |---|---|---|
//! | `GET /api/activation` | [`activation::activation_page`] (with the form refused just before, once) | identity confirmation |
//! | `POST /api/activation/activate` | [`activation::activate`] | identity confirmation |
//! | `GET /api/officer` | [`officer::officer_record`] | home, profile |
//! | `GET /api/accounts` | [`accounts::accounts_page`] | officers |
//! | `POST /api/accounts/status` | [`accounts::set_officer_status`] | officers |
//! | `POST /api/accounts/assign` | [`accounts::assign_officer`] | officers |
//! | `GET /api/tokens` | [`tokens::tokens_page`] (with the Token just issued, once) | Tokens |
//! | `POST /api/tokens/issue` | [`tokens::issue_token`] | Tokens |
//! | `POST /api/tokens/revoke` | [`tokens::revoke_token`] | Tokens |
//! | `POST /api/tokens/reissue` | [`tokens::reissue_token`] | Tokens |
//! | `GET /api/units` | [`units::units_page`] (with the form refused just before, once) | units |
//! | `POST /api/units/create` | [`units::create_unit`] | units |
//! | `POST /api/units/rename` | [`units::rename_unit`] | units |
//! | `POST /api/units/move` | [`units::move_unit`] | units |
//! | `POST /api/units/retire` | [`units::retire_unit`] | units |
//! | `GET /api/audit` | [`audit::audit_page`] (the filter is its argument) | audit log |
//! | `POST /api/language` | [`language::switch_language`] | every page's header |
//! | `POST /api/session/extend` | [`session::stay_signed_in`] | the session-timeout dialog (JavaScript only) |
//! | `POST /api/session/end` | [`session::end_idle_session`] | the session-timeout dialog (JavaScript only) |

pub mod accounts;
pub mod activation;
pub mod audit;
pub mod language;
pub mod officer;
pub mod session;
pub mod tokens;
pub mod units;

/// Where every server function lives.
pub const PREFIX: &str = "/api";

/// Whether `path` is a server function's address (under [`PREFIX`]).
pub fn is_server_function(path: &str) -> bool {
    path.strip_prefix(PREFIX).is_some_and(|rest| rest.starts_with('/'))
}
