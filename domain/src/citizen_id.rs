//! The Thai 13-digit citizen ID (เลขบัตรประจำตัวประชาชน): normalizing what people type, the check digit, the
//! masked form that pages may show, and the keyed hash the back office stores instead of the number (PDPA: a citizen
//! ID is never shown, logged or put in a URL in full, and is stored only as a keyed hash and a masked copy).

use vocabulary::citizen_id::is_separator;
pub use vocabulary::citizen_id::{LENGTH, check_digit, is_valid, normalize};

/// The citizen ID as pages may show it, grouped as on the card with the middle five digits hidden:
/// `1101700207030` → `1-1017-xxxxx-03-0`.
///
/// Input that is not 13 ASCII digits is hidden entirely (`x-xxxx-xxxxx-xx-x`), so a malformed value can never leak.
pub fn mask(digits: &str) -> String {
    if digits.len() != LENGTH || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return "x-xxxx-xxxxx-xx-x".to_owned();
    }
    format!("{}-{}-xxxxx-{}-{}", &digits[0..1], &digits[1..5], &digits[10..12], &digits[12..13])
}

/// `text` with every citizen ID in it masked: a run of 13 ASCII digits — written together or grouped as on the card
/// with single spaces or dashes (`1 1017 00207 03 0`) — becomes [`mask`]'s form, and a longer run is hidden entirely.
///
/// For free text that reaches the audit log and its export (a name or reference an issuer typed): a full citizen ID
/// must never be stored or shown there, whether or not its check digit is right. Shorter runs (dates, reference
/// numbers) and already masked IDs are left as they are.
pub fn mask_in_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().filter(u8::is_ascii_digit).count() < LENGTH {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let (length, digits) = digit_run(&rest[start..]);
        let run = &rest[start..start + length];
        match digits.len() {
            LENGTH => out.push_str(&mask(&digits)),
            n if n > LENGTH => out.extend(run.chars().map(|c| if c.is_ascii_digit() { 'x' } else { c })),
            _ => out.push_str(run),
        }
        rest = &rest[start + length..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The byte length of the run of digits `text` starts with (groups of digits joined by single separators), and its
/// digits.
fn digit_run(text: &str) -> (usize, String) {
    let (mut length, mut digits) = (0, String::new());
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if c.is_ascii_digit() {
            digits.push(c);
            length = index + 1;
        } else if !(is_separator(c) && chars.peek().is_some_and(|(_, next)| next.is_ascii_digit())) {
            break;
        }
    }
    (length, digits)
}

/// A citizen ID that passed [`normalize`] and [`is_valid`]. Its `Debug` shows only the masked form, so it can sit in
/// structs that get logged.
#[derive(Clone, PartialEq, Eq)]
pub struct CitizenId(String);

/// Why a typed citizen ID was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CitizenIdError {
    /// Not 13 digits once spaces and dashes are removed.
    #[error("a citizen ID has 13 digits")]
    Malformed,
    /// 13 digits, but the check digit or the first digit is wrong.
    #[error("the citizen ID's check digit is wrong")]
    CheckDigit,
}

impl CitizenId {
    /// Normalizes and checks what a person or a file gave.
    pub fn parse(input: &str) -> Result<Self, CitizenIdError> {
        let digits = normalize(input).ok_or(CitizenIdError::Malformed)?;
        if is_valid(&digits) { Ok(Self(digits)) } else { Err(CitizenIdError::CheckDigit) }
    }

    /// The masked form pages may show (`1-1017-xxxxx-03-0`).
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    /// The keyed hash (HMAC-SHA256, lowercase hex) stored and compared instead of the number. Keyed, because an
    /// unkeyed hash of a 13-digit number with a check digit can be reversed by trying all 10¹² of them.
    pub fn keyed_hash(&self, key: &CitizenIdKey) -> String {
        hex::encode(crate::secrets::hmac_sha256(&key.0, self.0.as_bytes()))
    }
}

impl std::fmt::Debug for CitizenId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CitizenId({})", self.masked())
    }
}

/// The secret key of [`CitizenId::keyed_hash`]. Its `Debug` never shows it.
#[derive(Clone)]
pub struct CitizenIdKey(Vec<u8>);

impl CitizenIdKey {
    /// A key from its bytes (the configured secret).
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }
}

impl std::fmt::Debug for CitizenIdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CitizenIdKey(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parsed_citizen_id_debugs_and_hashes_without_showing_its_digits() {
        let id = CitizenId::parse("1-1017-00207-03-0").expect("valid");
        assert_eq!(format!("{id:?}"), "CitizenId(1-1017-xxxxx-03-0)");
        let hash = id.keyed_hash(&CitizenIdKey::new(b"k1".to_vec()));
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains("1101700207030"));
        assert_ne!(hash, id.keyed_hash(&CitizenIdKey::new(b"k2".to_vec())), "the key changes the hash");
        assert_eq!(
            hash,
            CitizenId::parse("1101700207030").expect("valid").keyed_hash(&CitizenIdKey::new(b"k1".to_vec()))
        );
    }

    #[test]
    fn parsing_tells_a_malformed_number_from_a_wrong_check_digit() {
        assert_eq!(CitizenId::parse("12345"), Err(CitizenIdError::Malformed));
        assert_eq!(CitizenId::parse("1101700230705"), Err(CitizenIdError::CheckDigit));
    }

    #[test]
    fn a_citizen_id_with_a_correct_check_digit_is_valid() {
        assert!(is_valid("1101700207030"));
    }

    #[test]
    fn a_citizen_id_with_a_wrong_check_digit_is_invalid() {
        assert!(!is_valid("1101700230705"));
        assert!(!is_valid("1101700207031"));
    }

    #[test]
    fn the_check_digit_follows_the_weighted_sum_modulo_eleven() {
        // 3100000000000 + check digit: S = 3×13 + 1×12 = 51, 51 mod 11 = 7, (11 − 7) mod 10 = 4.
        assert!(is_valid("3100000000004"));
        // S = 1×13 = 13, 13 mod 11 = 2 → 9; S = 1×13 + 1×12 + 1×11 + 1×6 = 42, 42 mod 11 = 9 → 2;
        // S = 1×13 + 1×9 = 22, 22 mod 11 = 0 → (11 − 0) mod 10 = 1.
        assert!(is_valid("1000000000009"));
        assert!(is_valid("1110000100002"));
        assert!(is_valid("1000100000001"));
    }

    #[test]
    fn a_citizen_id_must_start_with_a_person_type_from_one_to_eight() {
        // Both have a correct check digit: 0 → S = 0 → 1; 9 → S = 117, 117 mod 11 = 7 → 4.
        assert!(!is_valid("0000000000001"));
        assert!(!is_valid("9000000000004"));
    }

    #[test]
    fn anything_but_thirteen_ascii_digits_is_invalid() {
        assert!(!is_valid(""));
        assert!(!is_valid("110170020703"));
        assert!(!is_valid("11017002070300"));
        assert!(!is_valid("1-1017-00207-03-0"));
        assert!(!is_valid("๑๑๐๑๗๐๐๒๐๗๐๓๐"));
    }

    #[test]
    fn spaces_and_dashes_are_removed_when_normalizing() {
        let expected = Some("1101700207030".to_owned());
        assert_eq!(normalize("1101700207030"), expected);
        assert_eq!(normalize("1-1017-00207-03-0"), expected);
        assert_eq!(normalize(" 1 1017 00207 03 0 "), expected);
        assert_eq!(normalize("1–1017–00207–03–0"), expected);
    }

    #[test]
    fn normalizing_rejects_letters_thai_digits_and_wrong_lengths() {
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("---"), None);
        assert_eq!(normalize("110170020703"), None);
        assert_eq!(normalize("11017002070300"), None);
        assert_eq!(normalize("110170020703a"), None);
        assert_eq!(normalize("๑๑๐๑๗๐๐๒๐๗๐๓๐"), None);
        assert_eq!(normalize("1.1017.00207.03.0"), None);
    }

    #[test]
    fn normalizing_keeps_an_invalid_check_digit_for_is_valid_to_judge() {
        assert_eq!(normalize("1-1017-00230-70-5"), Some("1101700230705".to_owned()));
    }

    #[test]
    fn a_masked_citizen_id_hides_the_middle_five_digits() {
        assert_eq!(mask("1101700207030"), "1-1017-xxxxx-03-0");
    }

    #[test]
    fn a_citizen_id_in_free_text_is_masked_however_it_is_grouped() {
        let typed = "เลขที่ 1101700207030, 1-1017-00207-03-0 และ 1 1017 00207 03 0 (ตรวจ 3100000000004)";
        let expected = "เลขที่ 1-1017-xxxxx-03-0, 1-1017-xxxxx-03-0 และ 1-1017-xxxxx-03-0 (ตรวจ 3-1000-xxxxx-00-4)";
        assert_eq!(mask_in_text(typed), expected);
        assert_eq!(mask_in_text("x11017002070301234"), "xxxxxxxxxxxxxxxxxx", "a longer run is hidden whole");
    }

    #[test]
    fn free_text_without_a_citizen_id_is_left_alone() {
        for text in [
            "role agency; citizen ID 1-1017-xxxxx-03-0; reference มท 0309.1/1234; expires 2026-12-10T09:00:00Z",
            "1234567890 12",
            "2026-12-10 09:00:00",
            "",
        ] {
            assert_eq!(mask_in_text(text), text);
        }
    }

    #[test]
    fn masking_a_malformed_value_hides_everything() {
        assert_eq!(mask("1-1017-00207-03-0"), "x-xxxx-xxxxx-xx-x");
        assert_eq!(mask("๑๑๐๑๗๐๐๒๐๗๐๓๐"), "x-xxxx-xxxxx-xx-x");
        assert_eq!(mask(""), "x-xxxx-xxxxx-xx-x");
    }
}
