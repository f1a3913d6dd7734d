//! Identity proofing as Digital ID does it, simulated: the assurance levels an account can hold ([`Assurance`]),
//! the ID card's laser code ([`LaserCode`]) and birth date ([`BirthDate`]) as a person types them, and the simulated
//! DOPA (กรมการปกครอง) check of the two ([`dopa_check`]).
//!
//! At the real Digital ID an account registered without proofing is IAL 1.1 with an unverified citizen ID; the ID
//! card's laser code checked with DOPA (or NDID through a bank) gives IAL 1.3; the ThaID (D.DOPA) app's face check
//! gives IAL 2.3. The simulator has no registry to ask, so its DOPA accepts every well-formed laser code except
//! [`REFUSED_LASER_CODE`], which exists to show the refusal. A laser code is a secret of the card: it is checked
//! and forgotten — never stored, logged or sent back to the browser.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::entities::account;

/// The laser code the simulated DOPA refuses ("the data do not match the civil registry"), to try the failure.
pub const REFUSED_LASER_CODE: &str = "JT0000000000";

/// The Buddhist Era year is the Gregorian year plus this.
const BUDDHIST_ERA_OFFSET: i32 = 543;

/// How well the simulated Digital ID knows who holds an account. Each level is written here, once, as the claims
/// `ial_level` and `citizen_id_verified` carry it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Assurance {
    /// Registered without identity proofing: IAL 1.1, citizen ID not verified.
    Unproofed,
    /// The ID card's laser code checked with DOPA: IAL 1.3, citizen ID verified.
    LaserCode,
    /// Proofed through the ThaID app (face verification): IAL 2.3, citizen ID verified.
    ThaId,
}

impl Assurance {
    /// `ial_level` as the account stores it and UserInfo releases it (as a number).
    pub const fn ial_level(self) -> &'static str {
        match self {
            Self::Unproofed => "1.1",
            Self::LaserCode => "1.3",
            Self::ThaId => "2.3",
        }
    }

    /// `citizen_id_verified`.
    pub const fn citizen_id_verified(self) -> bool {
        !matches!(self, Self::Unproofed)
    }

    /// The level an account holds, read from its claims; anything unrecognised or unverified counts as unproofed.
    pub fn of(account: &account::Model) -> Self {
        if !account.citizen_id_verified {
            return Self::Unproofed;
        }
        match account.ial_level.as_str() {
            "2.3" => Self::ThaId,
            "1.3" => Self::LaserCode,
            _ => Self::Unproofed,
        }
    }

    /// How the person is told their level, in Thai.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Unproofed => "IAL 1.1 — ยังไม่ได้พิสูจน์และยืนยันตัวตน",
            Self::LaserCode => "IAL 1.3 — ยืนยันตัวตนด้วยบัตรประจำตัวประชาชน (Laser ID) กับกรมการปกครองแล้ว",
            Self::ThaId => "IAL 2.3 — ยืนยันตัวตนผ่านแอป ThaID (ตรวจสอบใบหน้า) แล้ว",
        }
    }
}

/// A laser code (เลขหลังบัตรประจำตัวประชาชน, Laser ID): 2 Latin letters and 10 digits, e.g. `JT0123456789` (printed
/// `JT0-1234567-89`). Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct LaserCode(String);

impl LaserCode {
    /// Reads a laser code as typed: letters in either case; spaces, hyphens and dashes (U+2010–U+2013 too, as
    /// the pages print the example with non-breaking hyphens) anywhere are ignored.
    pub fn parse(input: &str) -> Option<Self> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2013}'))
            .collect::<String>();
        let bytes = compact.as_bytes();
        let well_formed = bytes.len() == 12
            && bytes[..2].iter().all(u8::is_ascii_alphabetic)
            && bytes[2..].iter().all(u8::is_ascii_digit);
        well_formed.then(|| Self(compact.to_ascii_uppercase()))
    }
}

impl fmt::Debug for LaserCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LaserCode([redacted])")
    }
}

/// A birth date (วันเดือนปีเกิด) typed as Thai forms ask for it: day/month/year with the year in the Buddhist Era,
/// e.g. `15/08/2530`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BirthDate(NaiveDate);

impl BirthDate {
    /// Reads `วว/ดด/ปปปป` (พ.ศ.); `/`, `-`, `.` or spaces separate the parts. Refuses impossible dates, dates after
    /// `today` and people over 150 years old.
    pub fn parse(input: &str, today: NaiveDate) -> Option<Self> {
        let parts: Vec<&str> = input
            .split(|c: char| matches!(c, '/' | '-' | '.') || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let [day, month, year] = parts.as_slice() else {
            return None;
        };
        let number = |part: &str, lengths: std::ops::RangeInclusive<usize>| -> Option<u32> {
            let all_digits = lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
            if all_digits { part.parse().ok() } else { None }
        };
        let (day, month, year) = (number(day, 1..=2)?, number(month, 1..=2)?, number(year, 4..=4)?);
        let year = i32::try_from(year).ok()? - BUDDHIST_ERA_OFFSET;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        (date <= today && today.year() - date.year() <= 150).then_some(Self(date))
    }

    /// The date (Gregorian).
    pub fn date(self) -> NaiveDate {
        self.0
    }
}

/// What the simulated DOPA answers about a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DopaAnswer {
    /// The card's data match the civil registry.
    Matches,
    /// They do not (at the simulator: the laser code is [`REFUSED_LASER_CODE`]).
    DoesNotMatch,
}

/// The simulated DOPA check of a card: citizen ID, birth date and laser code. A real check would compare them with
/// the civil registry; the simulator accepts every well-formed laser code except [`REFUSED_LASER_CODE`].
pub fn dopa_check(_citizen_id: &str, _birth_date: BirthDate, laser_code: &LaserCode) -> DopaAnswer {
    if laser_code.0 == REFUSED_LASER_CODE { DopaAnswer::DoesNotMatch } else { DopaAnswer::Matches }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date")
    }

    #[test]
    fn a_laser_code_is_read_with_or_without_dashes_and_in_either_case() {
        let expected = LaserCode("JT0123456789".into());
        for typed in
            ["JT0-1234567-89", "jt0123456789", " JT0 1234567 89 ", "Jt0‐1234567‐89", "JT0\u{2011}1234567\u{2011}89"]
        {
            assert_eq!(LaserCode::parse(typed), Some(expected.clone()), "{typed}");
        }
    }

    #[test]
    fn a_laser_code_of_the_wrong_shape_is_refused() {
        for typed in
            ["", "JT012345678", "JT01234567890", "J10123456789", "JTO123456789", "กข0123456789", "ÄT0123456789"]
        {
            assert_eq!(LaserCode::parse(typed), None, "{typed}");
        }
    }

    #[test]
    fn the_debug_form_of_a_laser_code_hides_it() {
        let code = LaserCode::parse("JT0123456789").expect("well formed");
        assert!(!format!("{code:?}").contains("0123456789"));
    }

    #[test]
    fn a_birth_date_is_read_in_the_buddhist_era() {
        let date = BirthDate::parse("15/08/2530", today()).expect("a date");
        assert_eq!(date.date(), NaiveDate::from_ymd_opt(1987, 8, 15).expect("a date"));
        assert_eq!(BirthDate::parse("1-1-2530", today()).map(BirthDate::date), NaiveDate::from_ymd_opt(1987, 1, 1));
    }

    #[test]
    fn impossible_future_and_malformed_birth_dates_are_refused() {
        for typed in ["31/02/2530", "15/08/2600", "15/08/1987", "15/08/30", "2530-08-15", "15/08", "ก/08/2530", ""] {
            assert_eq!(BirthDate::parse(typed, today()), None, "{typed}");
        }
    }

    #[test]
    fn the_simulated_dopa_refuses_only_the_documented_laser_code() {
        let born = BirthDate::parse("15/08/2530", today()).expect("a date");
        let good = LaserCode::parse("JT0-1234567-89").expect("well formed");
        let refused = LaserCode::parse("jt0-0000000-00").expect("well formed");
        assert_eq!(dopa_check("1101700207030", born, &good), DopaAnswer::Matches);
        assert_eq!(dopa_check("1101700207030", born, &refused), DopaAnswer::DoesNotMatch);
    }

    #[test]
    fn each_level_is_the_pair_of_claims_digital_id_sends() {
        assert_eq!((Assurance::Unproofed.ial_level(), Assurance::Unproofed.citizen_id_verified()), ("1.1", false));
        assert_eq!((Assurance::LaserCode.ial_level(), Assurance::LaserCode.citizen_id_verified()), ("1.3", true));
        assert_eq!((Assurance::ThaId.ial_level(), Assurance::ThaId.citizen_id_verified()), ("2.3", true));
        assert!(Assurance::Unproofed < Assurance::LaserCode && Assurance::LaserCode < Assurance::ThaId);
    }
}
