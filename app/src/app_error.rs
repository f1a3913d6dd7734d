//! The one error of the back office's server functions, and of the pages that show their refusals.
//!
//! It holds codes only, never anything typed: a form posted without JavaScript gets it back in its page's URL
//! (`?__path=…&__err=…`, Leptos's progressive-enhancement path), and anyone can write such a URL. Pages therefore
//! render it as escaped text, name fields only by the ids they know, and show a reference only in the shape the
//! server issues ([`is_reference`]).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::administration::FieldProblem;

/// Why a server function refused, or failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// Nobody is signed in, or the session has ended.
    SignInNeeded,
    /// Signed in with Digital ID, but not yet activated here.
    ActivationNeeded,
    /// The officer administers nothing this page offers (HTTP 403).
    Forbidden,
    /// Outside the officer's scope, or not there at all: the two look the same.
    NotFound,
    /// A form was refused: the row it concerned (an officer's id, when the page has rows of forms), which field,
    /// and why.
    Field {
        /// The row's id.
        row: Option<i32>,
        /// The field and its problem.
        problem: FieldProblem,
    },
    /// The activation Token was refused (what was typed, and whom to ask, are in the session's flash).
    Activation(ActivationRefusal),
    /// A failure of ours, logged with its cause under this reference (HTTP 500; 503 when our database is
    /// unreachable).
    Internal {
        /// The reference an officer reads out to the Contact Center: 10 uppercase hexadecimal digits.
        reference: String,
    },
    /// The request could not be read or answered (a server function's own transport error).
    BadRequest,
    /// The browser could not reach the back office (the network, or the server is down): nothing was decided.
    Unreachable,
}

impl AppError {
    /// A refused field of a page without rows.
    pub fn field(field: &str, problem: crate::administration::FormProblem) -> Self {
        Self::Field { row: None, problem: FieldProblem { field: field.to_owned(), problem } }
    }

    /// A refused field of row `row`.
    pub fn row_field(row: i32, field: &str, problem: crate::administration::FormProblem) -> Self {
        Self::Field { row: Some(row), problem: FieldProblem { field: field.to_owned(), problem } }
    }

    /// The HTTP status that says the same: what a caller with JavaScript gets (a form posted without it is
    /// redirected back to its page instead).
    pub fn status(&self) -> u16 {
        match self {
            Self::SignInNeeded => 401,
            Self::ActivationNeeded | Self::Forbidden => 403,
            Self::Field { problem, .. } if problem.problem == crate::administration::FormProblem::FormExpired => 403,
            // Issuing needs a fresh sign-in: not the form's fault, the session's.
            Self::Field { problem, .. }
                if problem.problem == crate::administration::FormProblem::ReauthenticationNeeded =>
            {
                403
            }
            // The Token was used or revoked meanwhile.
            Self::Field { problem, .. } if problem.problem == crate::administration::FormProblem::NotPending => 409,
            Self::NotFound => 404,
            Self::Activation(ActivationRefusal::TooManyAttempts) => 429,
            Self::Activation(_) => 422,
            Self::Field { .. } => 422,
            Self::Internal { .. } => 500,
            Self::BadRequest => 400,
            Self::Unreachable => 503,
        }
    }

    /// The reference to show, when this is a failure of ours and the reference has the shape the server issues (an
    /// error read from a URL someone else wrote may hold anything).
    pub fn reference(&self) -> Option<&str> {
        match self {
            Self::Internal { reference } if is_reference(reference) => Some(reference),
            _ => None,
        }
    }
}

/// Why an activation Token was refused, as a code ([`crate::request_context::ActivationProblem`] without its
/// details).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivationRefusal {
    /// Nothing was typed.
    Empty,
    /// Not the shape of a Token.
    Malformed,
    /// Unknown, expired, used, revoked or someone else's Token.
    Refused,
    /// Too many wrong Tokens: wait.
    TooManyAttempts,
    /// The form's synchroniser token was missing or wrong.
    Expired,
}

impl ActivationRefusal {
    /// The code of `problem`.
    pub fn of(problem: &crate::request_context::ActivationProblem) -> Self {
        use crate::request_context::ActivationProblem;
        match problem {
            ActivationProblem::Empty => Self::Empty,
            ActivationProblem::Malformed => Self::Malformed,
            ActivationProblem::Refused { .. } => Self::Refused,
            ActivationProblem::TooManyAttempts { .. } => Self::TooManyAttempts,
            ActivationProblem::Expired => Self::Expired,
        }
    }
}

/// Whether `text` is a reference as the server issues them: 10 uppercase hexadecimal digits.
pub fn is_reference(text: &str) -> bool {
    text.len() == 10 && text.bytes().all(|byte| byte.is_ascii_digit() || (b'A'..=b'F').contains(&byte))
}

impl std::fmt::Display for AppError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SignInNeeded => formatter.write_str("sign-in needed"),
            Self::ActivationNeeded => formatter.write_str("activation needed"),
            Self::Forbidden => formatter.write_str("forbidden"),
            Self::NotFound => formatter.write_str("not found"),
            Self::Field { row, problem } => {
                write!(formatter, "refused {} ({row:?}): {:?}", problem.field, problem.problem)
            }
            Self::Activation(refusal) => write!(formatter, "activation refused: {refusal:?}"),
            Self::Internal { reference } => write!(formatter, "internal failure {reference}"),
            Self::BadRequest => formatter.write_str("bad request"),
            Self::Unreachable => formatter.write_str("the server could not be reached"),
        }
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        // A browser that could not send the request, or got no answer: the officer may try again.
        if matches!(error, ServerFnErrorErr::Request(_)) {
            return Self::Unreachable;
        }
        // Arguments that do not deserialise, a missing server function: none is the officer's doing in a form we
        // rendered, and none carries anything worth showing.
        #[cfg(feature = "ssr")]
        tracing::warn!(%error, "server function request refused");
        #[cfg(not(feature = "ssr"))]
        let _ = error;
        Self::BadRequest
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::administration::FormProblem;

    #[test]
    fn only_a_reference_of_the_issued_shape_is_shown() {
        assert_eq!(AppError::Internal { reference: "0A1B2C3D4E".to_owned() }.reference(), Some("0A1B2C3D4E"));
        for forged in ["call 02-000-0000", "0a1b2c3d4e", "0A1B2C3D4E5", "", "0A1B2C3D4G"] {
            assert_eq!(AppError::Internal { reference: forged.to_owned() }.reference(), None, "{forged}");
        }
        assert_eq!(AppError::NotFound.reference(), None);
    }

    #[test]
    fn an_error_survives_the_round_trip_through_a_form_redirect() {
        let error = AppError::row_field(7, "unit", FormProblem::RoleDoesNotFitUnit);
        assert_eq!(AppError::de(error.ser()), error);
        assert_eq!(AppError::de("not json".into()), AppError::BadRequest);
    }
}
