//! The state of an activation Token at a given moment.

use serde::{Deserialize, Serialize};

/// A Token's state at a given moment. It is not stored: `domain` works it out from the Token's row (used, revoked,
/// expiry) and the time, so a Token becomes expired without anyone writing it down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenState {
    /// Issued, not yet used, not revoked, not expired.
    Pending,
    /// Redeemed.
    Used,
    /// Past its expiry without being used.
    Expired,
    /// Revoked by an issuer, on re-issue, or after repeated use by the wrong person.
    Revoked,
}
