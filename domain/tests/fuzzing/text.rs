//! Text that breaks parsers: ASCII and Thai digits, every kind of space and dash, combining marks, right-to-left
//! text and its controls, control characters, and strings of 10,000 characters and more.

use proptest::prelude::*;

/// What people put between groups of digits, as the card and keyboards write them: spaces of every width, tabs and
/// newlines, the ASCII hyphen-minus, Unicode's hyphens and dashes (U+2010–U+2015) and the minus sign.
pub static SEPARATORS: [char; 14] = [
    ' ', '\t', '\n', '\u{a0}', '\u{2003}', '\u{3000}', '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}',
    '\u{2015}', '\u{2212}',
];

/// Invisible characters that are neither spaces nor dashes: direction marks and overrides, the zero-width space,
/// the byte-order mark.
static INVISIBLE: [char; 12] = [
    '\u{200b}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}',
    '\u{2067}', '\u{2069}', '\u{feff}',
];

/// One character, weighted towards the ones parsers get wrong.
pub fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        4 => proptest::char::range('0', '9'),
        2 => proptest::char::range('\u{e50}', '\u{e59}'),
        2 => proptest::sample::select(&SEPARATORS[..]),
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        1 => proptest::char::range('\u{e01}', '\u{e4e}'),
        1 => proptest::char::range('\u{590}', '\u{6ff}'),
        1 => proptest::sample::select(&INVISIBLE[..]),
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => proptest::char::range('\u{7f}', '\u{9f}'),
        2 => proptest::char::range('A', 'z'),
    ]
}

/// Short strings of [`tricky_char`]s, and now and then one of 10,000 characters or more (over 10 kB): a short one
/// repeated, since drawing 10,000 characters one by one makes a debug-build run crawl.
pub fn tricky_text() -> impl Strategy<Value = String> {
    let long = (proptest::collection::vec(tricky_char(), 1..48), 10_000usize..10_400)
        .prop_map(|(chars, length)| chars.iter().cycle().take(length).collect());
    prop_oneof![
        12 => proptest::collection::vec(tricky_char(), 0..48).prop_map(String::from_iter),
        1 => long,
    ]
}

/// `symbols` with up to `most - 1` characters from `between` before, between and after them.
pub fn interleave(
    symbols: String,
    between: impl Strategy<Value = char> + Clone,
    most: usize,
) -> impl Strategy<Value = String> {
    let slots = symbols.chars().count() + 1;
    proptest::collection::vec(proptest::collection::vec(between, 0..most), slots).prop_map(move |fillers| {
        let mut out = String::new();
        for (index, filler) in fillers.iter().enumerate() {
            out.extend(filler);
            if let Some(symbol) = symbols.chars().nth(index) {
                out.push(symbol);
            }
        }
        out
    })
}
