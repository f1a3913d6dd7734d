//! Typed activation tokens (`domain::activation::ActivationToken`) against arbitrary text: `parse` answers exactly
//! as its documented normalisation says (case, whitespace and dashes ignored, `O`→`0`, `I`/`L`→`1`, 28 Crockford
//! base32 symbols, at most 128 bytes typed), every token reads back from its grouped form and forgiving spellings,
//! and nothing panics.

use domain::activation::{ActivationToken, TOKEN_LENGTH, TokenFormatError};
use proptest::prelude::*;

use super::text::{interleave, tricky_char, tricky_text};

const REGRESSIONS: &str = "proptest-regressions/fuzz/activation_token.txt";

/// Crockford's base32 alphabet (no I, L, O, U).
const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The longest typed input read at all, in bytes (`activation::MAX_INPUT`, which is private).
const MAX_TYPED_BYTES: usize = 128;
/// The spaces and dashes people type between the groups (the dashes `parse` knows: `-` and U+2010–U+2015).
static SEPARATORS: [char; 12] = [
    ' ', '\t', '\n', '\u{a0}', '\u{3000}', '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}',
];

/// What `parse` skips: whitespace and dashes.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '-' || ('\u{2010}'..='\u{2015}').contains(&c)
}

/// The symbol `c` stands for, if any: case ignored, `O` read as `0`, `I` and `L` as `1`.
fn symbol(c: char) -> Option<char> {
    let symbol = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    CROCKFORD.contains(symbol).then_some(symbol)
}

/// What `ActivationToken::parse` must answer for `input`, as its documentation says: the 28 symbols, grouped.
fn expected_parse(input: &str) -> Result<String, TokenFormatError> {
    if input.len() > MAX_TYPED_BYTES {
        return Err(TokenFormatError::Malformed);
    }
    let mut symbols = String::new();
    for c in input.chars().filter(|&c| !is_separator(c)) {
        symbols.push(symbol(c).ok_or(TokenFormatError::Malformed)?);
    }
    match symbols.len() {
        0 => Err(TokenFormatError::Empty),
        TOKEN_LENGTH => Ok(grouped(&symbols)),
        _ => Err(TokenFormatError::Malformed),
    }
}

/// `symbols` in groups of four joined by dashes, as printed.
fn grouped(symbols: &str) -> String {
    let chars: Vec<char> = symbols.chars().collect();
    chars.chunks(4).map(String::from_iter).collect::<Vec<_>>().join("-")
}

/// `length` random Crockford symbols.
fn symbols(length: impl Into<proptest::collection::SizeRange>) -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = CROCKFORD.chars().collect();
    proptest::collection::vec(proptest::sample::select(alphabet), length).prop_map(String::from_iter)
}

/// A token's symbols as someone may type them: any case, `O` for `0`, `I` or `L` for `1`, and at most one space or
/// dash before, between and after the symbols (so never over 128 bytes).
fn forgiving_spelling(symbols: String) -> impl Strategy<Value = String> {
    let spellings: Vec<_> = symbols
        .chars()
        .map(|c| {
            let options = match c {
                '0' => vec!['0', 'O', 'o'],
                '1' => vec!['1', 'I', 'i', 'L', 'l'],
                c => vec![c, c.to_ascii_lowercase()],
            };
            proptest::sample::select(options)
        })
        .collect();
    spellings.prop_flat_map(|spelt| interleave(String::from_iter(spelt), proptest::sample::select(&SEPARATORS[..]), 2))
}

/// A character that is neither a symbol, a look-alike of one, nor a separator.
fn foreign_char() -> impl Strategy<Value = char> {
    tricky_char().prop_map(|c| if is_separator(c) || symbol(c).is_some() { 'U' } else { c })
}

/// What `parse` is tried on: arbitrary text, tokens as typed, tokens with one character changed, added or removed,
/// runs of symbols of other lengths, and tokens padded past 128 bytes.
fn typed() -> impl Strategy<Value = String> {
    let spoilt =
        (symbols(TOKEN_LENGTH), 0usize..TOKEN_LENGTH, tricky_char(), 0u8..3).prop_map(|(token, at, c, how)| {
            let mut chars: Vec<char> = token.chars().collect();
            match how {
                0 => chars[at] = c,
                1 => chars.insert(at, c),
                _ => {
                    chars.remove(at);
                }
            }
            chars.into_iter().collect()
        });
    let padded =
        (symbols(TOKEN_LENGTH), 90usize..110).prop_map(|(token, spaces)| format!("{token}{}", " ".repeat(spaces)));
    prop_oneof![
        3 => tricky_text(),
        3 => symbols(TOKEN_LENGTH).prop_flat_map(forgiving_spelling),
        2 => spoilt,
        1 => symbols(0..64),
        1 => padded,
    ]
}

proptest! {
    #![proptest_config(crate::config(256, REGRESSIONS))]

    #[test]
    fn typed_text_is_read_exactly_as_the_documented_normalisation_says(input in typed()) {
        let parsed = ActivationToken::parse(&input).map(|token| token.grouped());
        prop_assert_eq!(parsed, expected_parse(&input), "{:?}", input);
    }

    #[test]
    fn every_token_reads_back_from_its_grouped_form_and_its_forgiving_spellings(
        (symbols, spelt) in symbols(TOKEN_LENGTH).prop_flat_map(|symbols| {
            (Just(symbols.clone()), forgiving_spelling(symbols))
        }),
    ) {
        let token = ActivationToken::parse(&symbols).expect("28 symbols are a token");
        prop_assert_eq!(token.grouped(), grouped(&symbols));
        let lower_with_spaces = token.grouped().to_lowercase().replace('-', " ");
        for typed in [token.grouped(), lower_with_spaces, spelt] {
            prop_assert_eq!(ActivationToken::parse(&typed), Ok(token.clone()), "{:?}", typed);
        }
        let generated = ActivationToken::generate();
        let shown = generated.grouped();
        prop_assert!(shown.split('-').map(str::len).eq([4; 7]) && shown.chars().all(|c| c == '-' || CROCKFORD.contains(c)));
        prop_assert_eq!(ActivationToken::parse(&shown.to_lowercase()), Ok(generated));
    }

    #[test]
    fn a_character_outside_crockford_base32_is_refused_wherever_it_stands(
        symbols in symbols(TOKEN_LENGTH),
        at in 0usize..=TOKEN_LENGTH,
        foreign in foreign_char(),
    ) {
        let mut typed: Vec<char> = symbols.chars().collect();
        typed.insert(at, foreign);
        let typed = String::from_iter(typed);
        prop_assert_eq!(ActivationToken::parse(&typed), Err(TokenFormatError::Malformed), "{:?}", typed);
    }

    #[test]
    fn a_token_of_any_other_length_is_refused_and_only_separators_are_no_token(
        short in symbols(1..TOKEN_LENGTH),
        long in symbols(TOKEN_LENGTH + 1..MAX_TYPED_BYTES),
        separators in proptest::collection::vec(proptest::sample::select(&SEPARATORS[..]), 0..40),
    ) {
        for typed in [short, long] {
            prop_assert_eq!(ActivationToken::parse(&typed), Err(TokenFormatError::Malformed), "{:?}", typed);
        }
        prop_assert_eq!(ActivationToken::parse(&String::from_iter(separators)), Err(TokenFormatError::Empty));
    }

    #[test]
    fn typed_text_over_128_bytes_is_refused_even_around_a_valid_token(
        symbols in symbols(TOKEN_LENGTH),
        spaces in (MAX_TYPED_BYTES - TOKEN_LENGTH + 1)..12_000,
        before in any::<bool>(),
    ) {
        let padding = " ".repeat(spaces);
        let typed = if before { format!("{padding}{symbols}") } else { format!("{symbols}{padding}") };
        prop_assert_eq!(ActivationToken::parse(&typed), Err(TokenFormatError::Malformed));
        prop_assert!(ActivationToken::parse(typed.trim()).is_ok(), "the same token typed without the padding is read");
    }
}
