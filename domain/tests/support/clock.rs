//! The moment the officer-access tests happen at.

use chrono::{DateTime, TimeZone, Utc};

/// The moment most tests happen at: whole seconds, so every backend stores it exactly.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).single().expect("a valid time")
}
