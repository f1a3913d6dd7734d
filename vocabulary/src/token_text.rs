//! How an activation Token is written and read: 28 symbols of Crockford's base32 (140 random bits), shown in groups
//! of four that are easy to read over the phone (`7K3M-Q9XA-…`).
//!
//! Typed input is forgiving: case, spaces and dashes do not matter, and `O`, `I`, `L` read as `0`, `1`, `1`. The
//! server decides with [`normalize`] before any database lookup; the Token field in the browser shows the same
//! reading as the officer types ([`Reading`]), so what the page says and what the server decides cannot drift.

/// Crockford's base32 alphabet: no I, L, O or U, so nothing is mistaken for another symbol when read aloud.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Symbols in a Token (28 × 5 = 140 bits).
pub const LENGTH: usize = 28;
/// Symbols per group as shown.
pub const GROUP: usize = 4;
/// Typed input longer than this (in bytes) is refused before any other work.
pub const MAX_INPUT: usize = 128;

/// Why typed text is not a Token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenFormatError {
    /// Nothing was typed.
    Empty,
    /// Wrong length or a character outside the alphabet.
    Malformed,
}

impl std::fmt::Display for TokenFormatError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(match self {
            Self::Empty => "no token was given",
            Self::Malformed => "a token has 28 letters and digits",
        })
    }
}

impl std::error::Error for TokenFormatError {}

/// What one typed character is in a Token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// A symbol of the alphabet (look-alikes already read as the symbol they stand for).
    Symbol(char),
    /// A separator people type or paste (spaces, hyphens and dashes): ignored.
    Separator,
    /// Not part of any Token.
    Foreign,
}

/// Reads one typed character.
pub fn read_char(c: char) -> Typed {
    match c.to_ascii_uppercase() {
        c if c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}') => Typed::Separator,
        'O' => Typed::Symbol('0'),
        'I' | 'L' => Typed::Symbol('1'),
        c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => Typed::Symbol(c),
        _ => Typed::Foreign,
    }
}

/// The Token's symbols in `input`, if it is one: exactly [`LENGTH`] symbols, anything else only separators.
pub fn normalize(input: &str) -> Result<String, TokenFormatError> {
    if input.len() > MAX_INPUT {
        return Err(TokenFormatError::Malformed);
    }
    let reading = Reading::of(input);
    if reading.foreign.is_some() {
        return Err(TokenFormatError::Malformed);
    }
    match reading.symbols.len() {
        0 => Err(TokenFormatError::Empty),
        LENGTH => Ok(reading.symbols),
        _ => Err(TokenFormatError::Malformed),
    }
}

/// `symbols` in groups of four joined by hyphens, as printed and read aloud: `7K3M-Q9XA-…`.
pub fn grouped(symbols: &str) -> String {
    let mut shown = String::with_capacity(symbols.len() + symbols.len() / GROUP);
    for (index, symbol) in symbols.chars().enumerate() {
        if index > 0 && index % GROUP == 0 {
            shown.push('-');
        }
        shown.push(symbol);
    }
    shown
}

/// Where the caret goes in [`grouped`]'s text to stand after the first `symbols` symbols.
pub fn grouped_position(symbols: usize) -> usize {
    symbols + symbols.saturating_sub(1) / GROUP
}

/// What an officer has typed so far, read leniently for live feedback: the symbols, and the first character that
/// belongs to no Token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// The symbols read, upper-case, look-alikes replaced.
    pub symbols: String,
    /// The first character that is no symbol and no separator.
    pub foreign: Option<char>,
}

impl Reading {
    /// Reads `input`.
    pub fn of(input: &str) -> Self {
        let mut reading = Self { symbols: String::with_capacity(LENGTH), foreign: None };
        for c in input.chars() {
            match read_char(c) {
                Typed::Symbol(symbol) => reading.symbols.push(symbol),
                Typed::Separator => {}
                Typed::Foreign => {
                    reading.foreign.get_or_insert(c);
                }
            }
        }
        reading
    }

    /// How many symbols were read.
    pub fn count(&self) -> usize {
        self.symbols.len()
    }

    /// Whether the foreign character is a Thai letter or digit: the officer's keyboard is set to Thai.
    pub fn thai_keyboard(&self) -> bool {
        self.foreign.is_some_and(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
    }

    /// Whether this is a whole Token's shape (what [`normalize`] accepts, length limit aside).
    pub fn complete(&self) -> bool {
        self.foreign.is_none() && self.symbols.len() == LENGTH
    }
}

/// Re-shows `typed` as the Token field does while the officer types: the symbols read so far in groups of four, and
/// where the caret goes, given the caret's position in `typed` (in UTF-16 code units, as the browser counts). What
/// belongs to no Token is dropped from the field (the field says so beside it).
pub fn reformat(typed: &str, caret_utf16: usize) -> (String, usize) {
    let mut units = 0;
    let mut before_caret = 0;
    let mut symbols = String::with_capacity(LENGTH);
    for c in typed.chars() {
        if let Typed::Symbol(symbol) = read_char(c) {
            symbols.push(symbol);
            if units < caret_utf16 {
                before_caret += 1;
            }
        }
        units += c.len_utf16();
    }
    (grouped(&symbols), grouped_position(before_caret))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "7K3MQ9XA0000111122223333ABCD";

    #[test]
    fn a_token_is_read_whatever_its_case_spacing_and_look_alikes() {
        assert_eq!(TOKEN.len(), LENGTH);
        for typed in [
            TOKEN.to_owned(),
            TOKEN.to_lowercase(),
            grouped(TOKEN),
            "7k3m q9xa oooo iiii 2222 3333 abcd".to_owned(),
            "7K3M–Q9XA—0000-LLLL-2222-3333-ABCD".to_owned(),
            " 7K3MQ9XA0000111122223333ABCD\n".to_owned(),
        ] {
            assert_eq!(normalize(&typed).as_deref(), Ok(TOKEN), "{typed:?}");
        }
    }

    #[test]
    fn anything_else_is_empty_or_malformed() {
        assert_eq!(normalize(""), Err(TokenFormatError::Empty));
        assert_eq!(normalize(" - "), Err(TokenFormatError::Empty));
        for typed in [&TOKEN[1..], &format!("{TOKEN}A"), &TOKEN.replace('7', "U"), &TOKEN.replace('7', "ก")] {
            assert_eq!(normalize(typed), Err(TokenFormatError::Malformed), "{typed:?}");
        }
        assert_eq!(normalize(&format!("{TOKEN}{}", " ".repeat(MAX_INPUT))), Err(TokenFormatError::Malformed));
    }

    #[test]
    fn tokens_are_grouped_by_four() {
        assert_eq!(grouped(TOKEN), "7K3M-Q9XA-0000-1111-2222-3333-ABCD");
        assert_eq!(grouped("ABCDE"), "ABCD-E");
        assert_eq!(grouped(""), "");
    }

    #[test]
    fn the_live_reading_counts_symbols_and_names_the_first_stranger() {
        let reading = Reading::of("7k3m-q9");
        assert_eq!((reading.symbols.as_str(), reading.count(), reading.foreign), ("7K3MQ9", 6, None));
        assert!(!reading.complete());
        let thai = Reading::of("7K3ดก");
        assert_eq!(thai.foreign, Some('ด'));
        assert!(thai.thai_keyboard());
        assert!(!Reading::of("7K3U").thai_keyboard());
        assert!(Reading::of(TOKEN).complete());
    }

    #[test]
    fn reformatting_keeps_the_caret_after_the_same_symbol() {
        // Typing at the end.
        assert_eq!(reformat("abcde", 5), ("ABCD-E".to_owned(), 6));
        assert_eq!(reformat("ABCD", 4), ("ABCD".to_owned(), 4));
        // A symbol inserted in the middle: the caret stays after it.
        assert_eq!(reformat("ABXCD-EFGH", 3), ("ABXC-DEFG-H".to_owned(), 3));
        // A hyphen deleted: it comes back and the caret stands before it.
        assert_eq!(reformat("ABCDEFGH", 4), ("ABCD-EFGH".to_owned(), 4));
        // Thai text before the caret counts in UTF-16 units and is dropped.
        assert_eq!(reformat("กAB", 3), ("AB".to_owned(), 2));
        assert_eq!(reformat("", 0), (String::new(), 0));
    }
}
