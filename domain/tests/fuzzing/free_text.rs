//! The free-text rules (`domain::free_text`, case J11) against arbitrary text and generated Thai names: every Thai
//! syllable as Thai spelling writes it passes; `strip` always yields text `check` accepts, holding no direction
//! control, nothing invisible and no letter with more than two marks (worked out here, not by the code under test).

use domain::free_text::{self, MAX_MARKS_PER_LETTER};
use proptest::prelude::*;

use super::text::tricky_text;

const REGRESSIONS: &str = "proptest-regressions/fuzz/free_text.txt";

/// Thai consonants (ก–ฮ).
fn consonant() -> impl Strategy<Value = char> {
    proptest::char::range('\u{e01}', '\u{e2e}')
}

/// One Thai syllable: an optional leading vowel (เ แ โ ใ ไ), a consonant, at most one vowel above or below it, at
/// most one tone mark or thanthakhat, and an optional following vowel or final consonant — at most two marks, as
/// Thai spelling allows (กิ่, ปั๊ม, ที่, น้ำ, สิทธิ์).
fn thai_syllable() -> impl Strategy<Value = String> {
    let leading = proptest::option::of(proptest::sample::select(&['เ', 'แ', 'โ', 'ใ', 'ไ'][..]));
    let vowel = proptest::option::of(proptest::sample::select(&['ั', 'ิ', 'ี', 'ึ', 'ื', 'ุ', 'ู', 'ฺ'][..]));
    let tone = proptest::option::of(proptest::sample::select(&['่', '้', '๊', '๋', '์', '็'][..]));
    let following = proptest::option::of(prop_oneof![proptest::sample::select(&['า', 'ำ', 'ะ', 'ๆ'][..]), consonant()]);
    (leading, consonant(), vowel, tone, following).prop_map(|(leading, base, vowel, tone, following)| {
        leading.into_iter().chain([base]).chain(vowel).chain(tone).chain(following).collect()
    })
}

/// A Thai name: a title, a given name and a family name of one to four syllables each.
fn thai_name() -> impl Strategy<Value = String> {
    let title = proptest::sample::select(&["นาย", "นาง", "นางสาว", "ว่าที่ร้อยตรี", "ด.ช."][..]);
    let word = || proptest::collection::vec(thai_syllable(), 1..5).prop_map(|syllables| syllables.concat());
    (title, word(), word()).prop_map(|(title, given, family)| format!("{title}{given} {family}"))
}

/// Whether `c` is a direction control, by UAX #9's list.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Whether `c` is a control code or one of the zero-width characters (U+200B–U+200D, U+FEFF).
fn is_control_or_zero_width(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}')
}

/// The longest run of combining marks in `text`, by the marks Thai and Latin use and the general ranges of
/// combining diacritics.
fn longest_thai_or_latin_mark_run(text: &str) -> usize {
    let is_mark =
        |c: char| matches!(c, '\u{300}'..='\u{36f}' | '\u{e31}' | '\u{e34}'..='\u{e3a}' | '\u{e47}'..='\u{e4e}');
    text.chars()
        .fold((0, 0), |(run, longest), c| {
            let run = if is_mark(c) { run + 1 } else { 0 };
            (run, longest.max(run))
        })
        .1
}

proptest! {
    #![proptest_config(crate::config(256, REGRESSIONS))]

    #[test]
    fn j11_every_thai_name_spelt_as_thai_is_written_passes_and_strip_leaves_it_alone(name in thai_name()) {
        prop_assert_eq!(free_text::check(&name), Ok(()), "{}", name);
        prop_assert_eq!(free_text::strip(&name), name);
    }

    #[test]
    fn j11_strip_of_any_text_passes_check_and_leaves_no_direction_control_invisible_or_stack(text in tricky_text()) {
        let stripped = free_text::strip(&text);
        prop_assert_eq!(free_text::check(&stripped), Ok(()));
        prop_assert!(!stripped.chars().any(is_direction_control));
        prop_assert!(!stripped.chars().any(is_control_or_zero_width));
        prop_assert!(longest_thai_or_latin_mark_run(&stripped) <= MAX_MARKS_PER_LETTER);
        if free_text::check(&text).is_ok() {
            prop_assert_eq!(stripped, text);
        }
    }

    #[test]
    fn j11_a_direction_control_anywhere_in_a_name_is_refused(
        name in thai_name(),
        at in any::<prop::sample::Index>(),
        control in proptest::sample::select(&['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}'][..]),
    ) {
        let mut chars: Vec<char> = name.chars().collect();
        chars.insert(at.index(chars.len() + 1), control);
        let spoofed: String = chars.into_iter().collect();
        prop_assert_eq!(free_text::check(&spoofed), Err(free_text::FreeTextProblem::DirectionControl(control)));
    }
}
