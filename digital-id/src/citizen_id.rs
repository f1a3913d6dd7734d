//! The Thai citizen ID rules the simulator's registration uses: the same rules as the back office's, from
//! `domain::citizen_id` (one check-digit implementation for both; the simulator already links `domain` for its
//! database).

pub use domain::citizen_id::{LENGTH, check_digit, is_valid, mask, normalize};
