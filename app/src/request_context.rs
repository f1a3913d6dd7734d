//! What the server tells a page about the request: who is looking (resolved from the session cookie by the server's
//! session layer) and the Digital ID links. The server puts a
//! [`RequestContext`] into the request's extensions; pages read it with [`use_request_context`]. These are DTOs:
//! no database entity, token or citizen ID ever reaches them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use vocabulary::{Role, UnitKind};

use crate::i18n::Locale;

/// Everything a page may know about the request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestContext {
    /// Who is looking.
    pub visitor: Visitor,
    /// The language to render in: the signed-in officer's choice, else this browser's, else Thai.
    pub locale: Locale,
    /// The address being shown (path only), where the language switch comes back to.
    pub path: String,
    /// A failure of ours while answering this request, by its logged reference: the app then shows the service-error
    /// content in place of the page at this address (a route's failure; a server function's is its `AppError`).
    pub failure: Option<String>,
    /// When the signed-in session ends unless the officer does something (the session-timeout dialog's start).
    pub session_clock: Option<SessionClock>,
    /// Where a person raises their identity assurance at Digital ID, when it has such a page we know of (the
    /// built-in simulator's; the real Digital ID's is reached through its own site and the ThaID app).
    pub digital_id_assurance_url: Option<String>,
}

/// When a signed-in session ends unless the officer does something, as the server saw it when it answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionClock {
    /// Seconds from the answer to the end.
    pub seconds_left: i64,
    /// Whether that end is the session's absolute end, which staying signed in cannot move.
    pub absolute: bool,
    /// How long before the end the officer is warned.
    pub warning_seconds: i64,
}

/// Who is looking at the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Visitor {
    /// Not signed in.
    #[default]
    Anonymous,
    /// Signed in with Digital ID, but not yet an officer here: must enter an activation token.
    PendingActivation(PendingActivation),
    /// A signed-in officer.
    Officer(OfficerView),
}

impl Visitor {
    /// The synchroniser token the session's forms carry (logout, activation); `None` when not signed in.
    pub fn csrf_token(&self) -> Option<&str> {
        match self {
            Self::Anonymous => None,
            Self::PendingActivation(pending) => Some(&pending.csrf_token),
            Self::Officer(officer) => Some(&officer.csrf_token),
        }
    }

    /// The name shown at the top right; `None` when not signed in.
    pub fn display_name(&self) -> Option<&str> {
        match self {
            Self::Anonymous => None,
            Self::PendingActivation(pending) => Some(&pending.name_th),
            Self::Officer(officer) => Some(&officer.name_th),
        }
    }
}

/// A Digital ID account that signed in but has no officer here yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingActivation {
    /// The Thai name Digital ID gave (may be empty).
    pub name_th: String,
    /// The session's synchroniser token.
    pub csrf_token: String,
}

/// A signed-in officer, as the home, profile and header show them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficerView {
    /// Full Thai name with title.
    pub name_th: String,
    /// The role.
    pub role: Role,
    /// The officer's unit first, then its parents up to the ministry.
    pub unit_chain: Vec<UnitView>,
    /// The citizen ID, masked (`1-1017-xxxxx-03-0`).
    pub citizen_id_masked: Option<String>,
    /// Mobile number.
    pub phone_number: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// When the officer first got in.
    pub activated_at: Option<DateTime<Utc>>,
    /// This sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// The sign-in before this one.
    pub previous_sign_in_at: Option<DateTime<Utc>>,
    /// The central officers of the officer's department (who to contact about tokens and rights).
    pub central_officers: Vec<ContactView>,
    /// The session's synchroniser token.
    pub csrf_token: String,
}

/// An organisation unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitView {
    /// Its code.
    pub code: String,
    /// Its Thai name.
    pub name_th: String,
    /// Its English name, when it has one.
    pub name_en: Option<String>,
    /// Its level.
    pub kind: UnitKind,
}

impl UnitView {
    /// Its name in `locale` ([`crate::i18n::Locale::pick_name`]).
    pub fn name(&self, locale: crate::i18n::Locale) -> &str {
        locale.pick_name(&self.name_th, self.name_en.as_deref())
    }
}

/// Someone to contact (a central officer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    /// Their Thai name.
    pub name_th: String,
    /// Their phone number, if known.
    pub phone_number: Option<String>,
    /// Their e-mail address, if known.
    pub email: Option<String>,
}

/// The activation form as it was refused (kept in the session's flash for the page's next view).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivationFormState {
    /// What was wrong.
    pub problem: ActivationProblem,
    /// What the officer typed, to show again (the server never puts it in a URL or log).
    pub typed_token: String,
}

/// Why the activation form was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ActivationProblem {
    /// Nothing was typed.
    Empty,
    /// Not the shape of a token (length or characters).
    Malformed,
    /// Unknown, expired, used, revoked or someone else's token: one message for all.
    Refused {
        /// The token's department and its central officers, when the token identified its unit.
        department: Option<DepartmentContacts>,
    },
    /// Too many wrong tokens from this account or address; try again after this many minutes.
    TooManyAttempts {
        /// Minutes to wait (at least 1).
        retry_after_minutes: i64,
    },
    /// The form's synchroniser token was missing or wrong (an old page, or a forged request).
    Expired,
}

/// A department and its central officers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentContacts {
    /// The department's Thai name.
    pub name_th: String,
    /// Its English name, when it has one.
    pub name_en: Option<String>,
    /// Its central officers.
    pub central_officers: Vec<ContactView>,
}

impl DepartmentContacts {
    /// Its name in `locale` ([`crate::i18n::Locale::pick_name`]).
    pub fn name(&self, locale: crate::i18n::Locale) -> &str {
        locale.pick_name(&self.name_th, self.name_en.as_deref())
    }
}

/// The request's context during server rendering; the default (anonymous) in the browser or when none was set.
pub fn use_request_context() -> RequestContext {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestContext>().cloned())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        RequestContext::default()
    }
}
