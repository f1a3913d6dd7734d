//! The citizen ID's rules (`domain::citizen_id`) against arbitrary text: nothing panics, `parse` accepts exactly
//! what the rules on the card allow (worked out here, not by the code under test), a valid ID reads however it is
//! grouped, and neither the masked form nor masked free text ever shows a whole ID.

use domain::citizen_id::{self, CitizenId, CitizenIdError, CitizenIdKey};
use proptest::prelude::*;

use super::text::{SEPARATORS, interleave, tricky_char, tricky_text};

const REGRESSIONS: &str = "proptest-regressions/fuzz/citizen_id.txt";

/// What people put between the groups of digits, and `normalize` removes: whitespace and dashes (the hyphen-minus,
/// U+2010–U+2015 and the minus sign).
pub fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '-' || ('\u{2010}'..='\u{2015}').contains(&c) || c == '\u{2212}'
}

/// The check digit by the rule printed in the card's specification: with the first twelve digits d₁…d₁₂,
/// d₁₃ = (11 − (Σ dᵢ × (14 − i)) mod 11) mod 10. Digits are values 0–9 here.
pub fn expected_check_digit(first_twelve: &[u8]) -> u8 {
    let sum: u32 = (1..=12).zip(first_twelve).map(|(i, &digit)| u32::from(digit) * (14 - i)).sum();
    u8::try_from((11 - sum % 11) % 10).expect("below 10")
}

/// What `CitizenId::parse` must answer for `input`: its 13 digits when, without separators, it is 13 ASCII digits
/// with a person type from 1 to 8 and the right check digit.
fn expected_parse(input: &str) -> Result<String, CitizenIdError> {
    let kept: String = input.chars().filter(|&c| !is_separator(c)).collect();
    if kept.chars().count() != 13 || !kept.chars().all(|c| c.is_ascii_digit()) {
        return Err(CitizenIdError::Malformed);
    }
    let digits: Vec<u8> = kept.bytes().map(|b| b - b'0').collect();
    if (1..=8).contains(&digits[0]) && expected_check_digit(&digits[..12]) == digits[12] {
        Ok(kept)
    } else {
        Err(CitizenIdError::CheckDigit)
    }
}

/// The masked form pages show: `1-1017-xxxxx-03-0`.
fn expected_mask(digits: &str) -> String {
    format!("{}-{}-xxxxx-{}-{}", &digits[0..1], &digits[1..5], &digits[10..12], &digits[12..13])
}

/// The number of digits in each run of ASCII digits in `text`, where a run goes on over a single separator between
/// two digits (`1 1017 00207 03 0` is one run of 13): the runs `mask_in_text` must mask.
fn digit_runs(text: &str) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let (mut runs, mut current) = (Vec::new(), 0);
    for (index, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            current += 1;
        } else if current > 0 && is_separator(c) && chars.get(index + 1).is_some_and(char::is_ascii_digit) {
            // One separator inside a run.
        } else if current > 0 {
            runs.push(current);
            current = 0;
        }
    }
    runs.extend((current > 0).then_some(current));
    runs
}

/// The longest run of ASCII digits written together in `text`.
fn longest_plain_run(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0)
}

/// A valid citizen ID's 13 digits: a person type from 1 to 8, eleven random digits, and the check digit.
pub fn valid_citizen_id() -> impl Strategy<Value = String> {
    (1u8..=8, proptest::array::uniform11(0u8..10)).prop_map(|(person_type, rest)| {
        let mut digits = vec![person_type];
        digits.extend(rest);
        digits.push(expected_check_digit(&digits));
        digits.iter().map(|digit| char::from(b'0' + digit)).collect()
    })
}

/// `digits` as the card prints them, `1 1017 00207 03 0`, with one separator of any kind between the groups.
fn as_on_the_card(digits: String) -> impl Strategy<Value = String> {
    proptest::array::uniform4(proptest::sample::select(&SEPARATORS[..])).prop_map(move |[a, b, c, d]| {
        let g = &digits;
        format!("{}{a}{}{b}{}{c}{}{d}{}", &g[0..1], &g[1..5], &g[5..10], &g[10..12], &g[12..13])
    })
}

/// `digits` with separators anywhere, several in a row, before and after.
fn with_separators_anywhere(digits: String) -> impl Strategy<Value = String> {
    interleave(digits, proptest::sample::select(&SEPARATORS[..]), 3)
}

/// What `parse` is tried on: arbitrary text; valid IDs and thirteen random digits (about a tenth of them valid)
/// with separators anywhere; and valid IDs with one character changed, added or removed.
fn candidate() -> impl Strategy<Value = String> {
    let thirteen_digits = proptest::collection::vec(proptest::char::range('0', '9'), 13).prop_map(String::from_iter);
    let spoilt = (valid_citizen_id(), 0usize..13, tricky_char(), 0u8..3).prop_map(|(digits, at, c, how)| {
        let mut chars: Vec<char> = digits.chars().collect();
        match how {
            0 => chars[at] = c,
            1 => chars.insert(at, c),
            _ => {
                chars.remove(at);
            }
        }
        chars.into_iter().collect()
    });
    prop_oneof![
        3 => tricky_text(),
        2 => valid_citizen_id().prop_flat_map(with_separators_anywhere),
        2 => thirteen_digits.prop_flat_map(with_separators_anywhere),
        2 => spoilt,
    ]
}

/// Free text with valid citizen IDs in it, written together or as on the card; and the IDs.
fn text_with_citizen_ids() -> impl Strategy<Value = (String, Vec<String>)> {
    let written = valid_citizen_id().prop_flat_map(|digits| {
        let card = as_on_the_card(digits.clone());
        (Just(digits.clone()), prop_oneof![Just(digits), card])
    });
    proptest::collection::vec((tricky_text(), proptest::option::of(written)), 0..5).prop_map(|pieces| {
        let (mut text, mut ids) = (String::new(), Vec::new());
        for (filler, id) in pieces {
            text.push_str(&filler);
            if let Some((digits, written)) = id {
                text.push_str(&written);
                ids.push(digits);
            }
        }
        (text, ids)
    })
}

proptest! {
    #![proptest_config(crate::config(256, REGRESSIONS))]

    #[test]
    fn any_text_gets_an_answer_from_every_citizen_id_function_without_a_panic(
        text in tricky_text(),
        bytes in proptest::collection::vec(any::<u8>(), 0..16),
    ) {
        let _ = citizen_id::normalize(&text);
        let _ = citizen_id::is_valid(&text);
        let _ = citizen_id::mask_in_text(&text);
        for input in [text.as_bytes(), bytes.as_slice()] {
            let expected = (input.len() == 12 && input.iter().all(u8::is_ascii_digit))
                .then(|| b'0' + expected_check_digit(&input.iter().map(|b| b - b'0').collect::<Vec<_>>()));
            prop_assert_eq!(citizen_id::check_digit(input), expected);
        }
        let masked = citizen_id::mask(&text);
        let thirteen_ascii_digits = text.len() == 13 && text.bytes().all(|b| b.is_ascii_digit());
        prop_assert_eq!(
            &masked,
            &if thirteen_ascii_digits { expected_mask(&text) } else { "x-xxxx-xxxxx-xx-x".to_owned() }
        );
        if let Ok(id) = CitizenId::parse(&text) {
            prop_assert_eq!(format!("{id:?}"), format!("CitizenId({})", id.masked()));
        }
    }

    #[test]
    fn parsing_accepts_exactly_thirteen_digits_with_a_person_type_from_one_to_eight_and_the_right_check_digit(
        input in candidate(),
    ) {
        let expected = expected_parse(&input);
        let parsed = CitizenId::parse(&input);
        prop_assert_eq!(parsed.as_ref().map(CitizenId::masked), expected.as_deref().map(expected_mask));
        let kept: String = input.chars().filter(|&c| !is_separator(c)).collect();
        let normalized = (kept.len() == 13 && kept.bytes().all(|b| b.is_ascii_digit())).then_some(kept);
        prop_assert_eq!(citizen_id::normalize(&input), normalized);
        if let (Ok(id), Ok(digits)) = (&parsed, &expected) {
            prop_assert!(citizen_id::is_valid(digits));
            let key = CitizenIdKey::new(b"fuzz".to_vec());
            let plain = CitizenId::parse(digits).expect("the digits alone parse too");
            prop_assert_eq!(id.keyed_hash(&key), plain.keyed_hash(&key), "the same ID, however written");
        }
    }

    #[test]
    fn a_valid_citizen_id_parses_as_printed_on_the_card_or_with_separators_anywhere(
        (digits, card, anywhere) in valid_citizen_id().prop_flat_map(|digits| {
            (Just(digits.clone()), as_on_the_card(digits.clone()), with_separators_anywhere(digits))
        }),
    ) {
        let plain = CitizenId::parse(&digits).expect("a valid ID parses");
        prop_assert!(citizen_id::is_valid(&digits));
        for written in [card.clone(), format!(" {card}\t"), anywhere] {
            prop_assert_eq!(CitizenId::parse(&written), Ok(plain.clone()), "{:?}", written);
        }
    }

    #[test]
    fn a_masked_citizen_id_shows_only_its_first_five_and_last_three_digits(digits in valid_citizen_id()) {
        let id = CitizenId::parse(&digits).expect("a valid ID parses");
        let masked = id.masked();
        prop_assert_eq!(&masked, &expected_mask(&digits));
        let shown: String = masked.chars().filter(char::is_ascii_digit).collect();
        prop_assert_eq!(shown, format!("{}{}", &digits[..5], &digits[10..]));
        let hidden = &digits[5..10];
        prop_assert!(!masked.contains(hidden) && !format!("{id:?}").contains(hidden), "{} shows {}", masked, hidden);
    }

    #[test]
    fn masked_free_text_holds_no_run_of_thirteen_digits_and_text_without_one_is_left_alone(
        (text, ids) in text_with_citizen_ids(),
    ) {
        let masked = citizen_id::mask_in_text(&text);
        prop_assert!(longest_plain_run(&masked) < 13, "{:?} → {:?}", text, masked);
        prop_assert!(digit_runs(&masked).iter().all(|&run| run < 13), "{:?} → {:?}", text, masked);
        for id in &ids {
            prop_assert!(!masked.contains(id.as_str()), "{:?} → {:?} shows {}", text, masked, id);
        }
        if digit_runs(&text).iter().all(|&run| run < 13) {
            prop_assert_eq!(masked.as_ref(), text.as_str());
        }
    }
}
