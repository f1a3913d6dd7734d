//! The Thai 13-digit citizen ID (เลขบัตรประจำตัวประชาชน) as people type it: normalizing, the check digit, and what
//! is wrong with a number being typed. Shared by the server's check (`domain::citizen_id`, which also masks and hashes
//! the number) and the browser's check as an issuer types, so the two can never disagree.

/// The number of digits in a citizen ID.
pub const LENGTH: usize = 13;

/// The digits of `input` once spaces and dashes are removed, if they are exactly 13 ASCII digits.
///
/// People type citizen IDs as printed on the card (`1 1017 00207 03 0`) or with dashes (`1-1017-00207-03-0`); both
/// normalize to `1101700207030`. Anything else (letters, Thai digits, too few or too many digits) gives `None`.
/// This does not check the check digit: see [`is_valid`].
pub fn normalize(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| !is_separator(*c)).collect();
    (digits.len() == LENGTH && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Whether `digits` is a well-formed citizen ID: exactly 13 ASCII digits, a first digit (the person type) from 1 to
/// 8, and a correct check digit.
///
/// The check digit d13 is `(11 − S mod 11) mod 10` where `S = Σ dᵢ × (14 − i)` over the first twelve digits.
pub fn is_valid(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    if bytes.len() != LENGTH || !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !(b'1'..=b'8').contains(&bytes[0]) {
        return false;
    }
    check_digit(&bytes[..12]) == Some(bytes[12])
}

/// The check digit (an ASCII digit) of the first twelve digits of a citizen ID, or `None` unless `first_twelve` is
/// exactly twelve ASCII digits.
pub fn check_digit(first_twelve: &[u8]) -> Option<u8> {
    if first_twelve.len() != LENGTH - 1 || !first_twelve.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first_twelve.iter().zip((2..=13).rev()).map(|(&b, weight)| u32::from(b - b'0') * weight).sum();
    // (11 − S mod 11) mod 10 is always below 10.
    Some(b'0' + ((11 - sum % 11) % 10) as u8)
}

/// Whether `c` is something people put between the groups of digits: whitespace or a dash.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// What is wrong with a citizen ID being typed, as far as it goes: `None` while it may still become a valid one.
///
/// For the browser's check as the issuer types: too many digits, a character that is neither a digit nor a separator,
/// a first digit no ID has, or 13 digits whose check digit is wrong.
pub fn problem_so_far(input: &str) -> Option<TypedProblem> {
    let mut digits = String::new();
    for c in input.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !is_separator(c) {
            return Some(TypedProblem::NotDigit);
        }
    }
    if digits.len() > LENGTH {
        return Some(TypedProblem::TooLong);
    }
    if digits.starts_with(['0', '9']) {
        return Some(TypedProblem::CheckDigit);
    }
    (digits.len() == LENGTH && !is_valid(&digits)).then_some(TypedProblem::CheckDigit)
}

/// The digits typed so far, for a count beside the field.
pub fn digits_typed(input: &str) -> usize {
    input.chars().filter(char::is_ascii_digit).count()
}

/// Why a citizen ID being typed cannot become a valid one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedProblem {
    /// A character that is neither a digit nor a space or dash (a Thai digit, a letter).
    NotDigit,
    /// More than 13 digits.
    TooLong,
    /// 13 digits (or a first digit) no citizen ID has: a digit was mistyped.
    CheckDigit,
}

#[cfg(test)]
mod tests {
    use super::{TypedProblem, check_digit, digits_typed, is_valid, normalize, problem_so_far};

    #[test]
    fn a_number_as_printed_on_the_card_reads_as_its_digits_and_passes_its_check_digit() {
        assert_eq!(normalize("1 1017 00207 03 0").as_deref(), Some("1101700207030"));
        assert!(is_valid("1101700207030"));
        assert_eq!(check_digit(b"110170020703"), Some(b'0'));
        assert!(!is_valid("1101700207031"));
    }

    #[test]
    fn a_number_being_typed_is_faulted_only_once_it_cannot_become_valid() {
        assert_eq!(problem_so_far(""), None);
        assert_eq!(problem_so_far("1-1017-002"), None, "still typing");
        assert_eq!(problem_so_far("1-1017-00207-03-0"), None);
        assert_eq!(problem_so_far("1-1017-00207-03-1"), Some(TypedProblem::CheckDigit));
        assert_eq!(problem_so_far("0"), Some(TypedProblem::CheckDigit), "no ID begins with 0");
        assert_eq!(problem_so_far("11017002070301"), Some(TypedProblem::TooLong));
        assert_eq!(problem_so_far("๑๑๐"), Some(TypedProblem::NotDigit), "Thai digits are not accepted");
        assert_eq!(digits_typed("1 1017 0"), 6);
    }
}
