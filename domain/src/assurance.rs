//! Identity assurance: how well Digital ID knows the person who signed in ([`Assurance`], from its own
//! `citizen_id_verified` and `ial_level` claims), and how well the back office needs them known
//! ([`AssurancePolicy`]).
//!
//! Digital ID lets anyone register with a citizen ID they merely type (IAL 1.1, not verified); the ID card's laser
//! code checked with DOPA, or NDID through a bank, gives IAL 1.3; the ThaID app's face check gives IAL 2.3. A
//! citizen ID therefore *counts* — binds an imported CITIZENinfo officer, redeems a Token bound to a person — only
//! when Digital ID says it is verified at an IAL of at least [`AssurancePolicy::citizen_id_minimum`]; and every
//! role has a minimum IAL that its officers must hold at every sign-in (docs/SECURITY.md says why the defaults are
//! what they are).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::entities::officer::Role;

/// An identity assurance level as Digital ID states it (`1.1`, `1.3`, `2.3`…), kept in tenths so levels compare
/// exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IalLevel(u8);

impl IalLevel {
    /// IAL 1.1: registered without identity proofing.
    pub const UNPROOFED: Self = Self(11);
    /// IAL 1.3: the ID card's laser code checked with DOPA, or NDID through a bank.
    pub const LASER_CODE: Self = Self(13);
    /// IAL 2.3: proofed through the ThaID (D.DOPA) app.
    pub const THAID: Self = Self(23);

    /// The level `major.minor`, e.g. `from_parts(2, 3)`; `None` unless both are single digits.
    pub const fn from_parts(major: u8, minor: u8) -> Option<Self> {
        if major <= 9 && minor <= 9 { Some(Self(major * 10 + minor)) } else { None }
    }

    /// Reads a level written as `1.3`, `2`, `IAL2.3` or `ial 1.3`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let text = text.get(..3).filter(|prefix| prefix.eq_ignore_ascii_case("ial")).map_or(text, |_| &text[3..]);
        let text = text.trim();
        let (major, minor) = text.split_once('.').unwrap_or((text, "0"));
        let single_digit = |part: &str| match part.as_bytes() {
            [digit @ b'0'..=b'9'] => Some(digit - b'0'),
            _ => None,
        };
        // "2.30" is 2.3; "2.35" is not a level Digital ID has.
        let minor = minor.trim_end_matches('0');
        Self::from_parts(single_digit(major)?, if minor.is_empty() { Some(0) } else { single_digit(minor) }?)
    }

    /// Reads the `ial_level` claim, which has been seen both as a number (`2.3`) and as a string (`"2.3"`).
    pub fn from_claim(value: &Value) -> Option<Self> {
        match value {
            Value::String(text) => Self::parse(text),
            Value::Number(number) => {
                let value = number.as_f64()?;
                let tenths = (value * 10.0).round();
                // Only levels with one decimal, as Digital ID writes them (1.3 is 13.000000000000002 tenths).
                if (value * 10.0 - tenths).abs() > 1e-6 || !(0.0..=99.0).contains(&tenths) {
                    return None;
                }
                #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ tenths ≤ 99, whole")]
                Some(Self(tenths as u8))
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for IalLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// What Digital ID said of the person who signed in: whether their citizen ID was proofed, and at what level. An
/// absent or unreadable claim counts as unproofed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assurance {
    /// `citizen_id_verified`: Digital ID checked the citizen ID against DOPA.
    pub citizen_id_verified: bool,
    /// `ial_level`, when given and readable.
    pub ial: Option<IalLevel>,
}

impl Assurance {
    /// Reads Digital ID's `citizen_id_verified` (a boolean, or a string such as `"true"`) and `ial_level` (a number
    /// or a string) leniently; a claim that is absent or says anything else is unproofed.
    pub fn from_claims(citizen_id_verified: Option<&Value>, ial_level: Option<&Value>) -> Self {
        let citizen_id_verified = match citizen_id_verified {
            Some(Value::Bool(verified)) => *verified,
            Some(Value::String(text)) => {
                ["true", "1", "yes", "y", "verified"].iter().any(|word| text.trim().eq_ignore_ascii_case(word))
            }
            Some(Value::Number(number)) => number.as_u64() == Some(1),
            _ => false,
        };
        Self { citizen_id_verified, ial: ial_level.and_then(IalLevel::from_claim) }
    }

    /// Whether the level is at least `minimum` (an unknown level never is).
    pub fn reaches(&self, minimum: IalLevel) -> bool {
        self.ial.is_some_and(|ial| ial >= minimum)
    }
}

/// How well Digital ID must know a person for the back office: for their citizen ID to count, and for each role.
/// Configuration (`[assurance]` in Leptos.toml); [`AssurancePolicy::default`] is the shipped policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssurancePolicy {
    /// The least IAL at which a verified citizen ID binds an imported officer or redeems a Token bound to a person.
    pub citizen_id_minimum: IalLevel,
    /// The least IAL of DGA Contact Center staff.
    pub contact_center: IalLevel,
    /// The least IAL of central officers.
    pub central: IalLevel,
    /// The least IAL of agency officers.
    pub agency: IalLevel,
    /// The least IAL of service-point officers.
    pub service_point: IalLevel,
}

impl Default for AssurancePolicy {
    /// A citizen ID counts from IAL 1.3; Contact Center staff and central officers, who hand out Tokens and manage
    /// officers, need 2.3 (the ThaID app's face check: a laser code is printed on every copy of an ID card handed
    /// over for paperwork); agency and service-point officers need 1.3.
    fn default() -> Self {
        Self {
            citizen_id_minimum: IalLevel::LASER_CODE,
            contact_center: IalLevel::THAID,
            central: IalLevel::THAID,
            agency: IalLevel::LASER_CODE,
            service_point: IalLevel::LASER_CODE,
        }
    }
}

/// A person whose Digital ID account is not proofed well enough for what they tried: what they have and what is
/// needed, to tell them how to raise it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
    /// The role they have, or would have.
    pub role: Role,
    /// Their level (`None`: Digital ID gave none, or one we could not read).
    pub have: Option<IalLevel>,
    /// Whether Digital ID says their citizen ID is verified.
    pub citizen_id_verified: bool,
    /// The level needed.
    pub need: IalLevel,
    /// Whether a verified citizen ID is needed too.
    pub need_verified_citizen_id: bool,
}

impl AssurancePolicy {
    /// The least IAL of officers of `role`.
    pub const fn minimum_for(&self, role: Role) -> IalLevel {
        match role {
            Role::ContactCenter => self.contact_center,
            Role::Central => self.central,
            Role::Agency => self.agency,
            Role::ServicePoint => self.service_point,
        }
    }

    /// Whether Digital ID vouches for this person's citizen ID: verified, at [`AssurancePolicy::citizen_id_minimum`]
    /// or above.
    pub fn citizen_id_counts(&self, assurance: &Assurance) -> bool {
        assurance.citizen_id_verified && assurance.reaches(self.citizen_id_minimum)
    }

    /// Whether a person with `assurance` may be an officer of `role`; `by_citizen_id` when they would become one
    /// through their citizen ID (an imported officer, a Token bound to a person), which must count as well.
    pub fn admits(&self, role: Role, assurance: &Assurance, by_citizen_id: bool) -> Result<(), Shortfall> {
        let need =
            if by_citizen_id { self.minimum_for(role).max(self.citizen_id_minimum) } else { self.minimum_for(role) };
        let verified_enough = !by_citizen_id || assurance.citizen_id_verified;
        if assurance.reaches(need) && verified_enough {
            Ok(())
        } else {
            Err(Shortfall {
                role,
                have: assurance.ial,
                citizen_id_verified: assurance.citizen_id_verified,
                need,
                need_verified_citizen_id: by_citizen_id,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn j4_levels_are_read_from_numbers_and_strings_and_anything_else_is_no_level() {
        let level = |value: Value| IalLevel::from_claim(&value).map(|level| level.to_string());
        assert_eq!(level(json!(2.3)), Some("2.3".into()));
        assert_eq!(level(json!(1.3)), Some("1.3".into()));
        assert_eq!(level(json!(2)), Some("2.0".into()));
        assert_eq!(level(json!("1.1")), Some("1.1".into()));
        assert_eq!(level(json!(" IAL2.3 ")), Some("2.3".into()));
        assert_eq!(level(json!("2.30")), Some("2.3".into()));
        for junk in
            [json!("high"), json!(""), json!("2.35"), json!(2.35), json!(-1), json!(1e9), json!(true), json!(null)]
        {
            assert_eq!(level(junk.clone()), None, "{junk}");
        }
    }

    #[test]
    fn j4_verification_is_read_leniently_and_absent_claims_are_unproofed() {
        let read =
            |verified: Option<Value>, ial: Option<Value>| Assurance::from_claims(verified.as_ref(), ial.as_ref());
        assert_eq!(read(None, None), Assurance::default());
        assert!(read(Some(json!(true)), None).citizen_id_verified);
        assert!(read(Some(json!("True")), None).citizen_id_verified);
        assert!(read(Some(json!(1)), None).citizen_id_verified);
        assert!(!read(Some(json!(false)), None).citizen_id_verified);
        assert!(!read(Some(json!("false")), None).citizen_id_verified);
        assert!(!read(Some(json!("unverified")), None).citizen_id_verified);
        assert_eq!(read(None, Some(json!("1.3"))).ial, Some(IalLevel::LASER_CODE));
    }

    #[test]
    fn j1_a_citizen_id_counts_only_when_verified_at_the_minimum_level() {
        let policy = AssurancePolicy::default();
        let at = |verified, ial| Assurance { citizen_id_verified: verified, ial: Some(ial) };
        assert!(policy.citizen_id_counts(&at(true, IalLevel::LASER_CODE)));
        assert!(policy.citizen_id_counts(&at(true, IalLevel::THAID)));
        assert!(!policy.citizen_id_counts(&at(false, IalLevel::THAID)), "a level without a verified ID");
        assert!(!policy.citizen_id_counts(&at(true, IalLevel::UNPROOFED)), "verified below the minimum");
        assert!(!policy.citizen_id_counts(&Assurance { citizen_id_verified: true, ial: None }));
    }

    #[test]
    fn j3_each_role_needs_its_level_and_a_citizen_id_route_needs_a_verified_one_too() {
        let policy = AssurancePolicy::default();
        let laser = Assurance { citizen_id_verified: true, ial: Some(IalLevel::LASER_CODE) };
        assert_eq!(policy.admits(Role::Agency, &laser, true), Ok(()));
        let shortfall = policy.admits(Role::Central, &laser, false).expect_err("central needs 2.3");
        assert_eq!((shortfall.have, shortfall.need), (Some(IalLevel::LASER_CODE), IalLevel::THAID));
        let unverified_high = Assurance { citizen_id_verified: false, ial: Some(IalLevel::THAID) };
        assert_eq!(policy.admits(Role::Central, &unverified_high, false), Ok(()), "by subject: the level suffices");
        assert!(policy.admits(Role::Central, &unverified_high, true).is_err(), "by citizen ID: it must be verified");
        let lenient = AssurancePolicy { agency: IalLevel::UNPROOFED, ..policy };
        let unproofed = Assurance { citizen_id_verified: false, ial: Some(IalLevel::UNPROOFED) };
        assert_eq!(lenient.admits(Role::Agency, &unproofed, false), Ok(()));
        let through_id = lenient.admits(Role::Agency, &unproofed, true).expect_err("the citizen ID must still count");
        assert_eq!(through_id.need, IalLevel::LASER_CODE);
    }
}
