//! What may appear in free text shown to other officers — names, letter numbers, unit names — so that text cannot
//! pretend to be other text or draw over its neighbours (issue 20, case J11).
//!
//! Three kinds of character are kept out:
//! - **Direction controls** (Unicode's explicit bidirectional formatting characters, UAX #9 §2: the embeddings and
//!   overrides U+202A–U+202E, the isolates U+2066–U+2069, and the marks U+200E, U+200F, U+061C). U+202E makes
//!   `gnp.exe` read `exe.png`. They are listed by hand because UAX #9 names exactly these, and the refusal should
//!   say "direction" rather than the general "invisible".
//! - **Invisible characters**: every control code (general category Cc: C0 and C1, tab and line breaks included,
//!   since every field here is one line), every format character (Cf: the zero-width space, joiners and
//!   non-joiner U+200B–U+200D, the word joiner and invisible operators U+2060–U+2064, the byte-order mark U+FEFF,
//!   the soft hyphen, tag characters, …), the line and paragraph separators U+2028 and U+2029, and the Hangul
//!   fillers, which are letters that draw nothing (a well-known way to a blank name). None has a place in a Thai
//!   or English name or reference; the zero-width joiner that some scripts and emoji need is among them, a cost
//!   accepted for a back office written in Thai and English.
//! - **Stacked marks**: more than [`MAX_MARKS_PER_LETTER`] combining marks (general categories Mn, Mc, Me) on one
//!   letter. Thai writes at most two above or below a consonant — a vowel and a tone mark, as in `กิ่`, `ปั๊ม`,
//!   `ที่` (`ำ` in `น้ำ` is a spacing vowel, not a mark) — and Latin at most two diacritics (Vietnamese `ệ`
//!   decomposed). Beyond that, marks pile up over the rows of a table.
//!
//! Everything else passes: Thai, Latin, digits, punctuation, symbols, spaces of any width.
//!
//! Text an officer types is [`check`]ed and refused with the kind of problem, so the form can say what to fix.
//! Text that comes from elsewhere — names in Digital ID's claims, the CITIZENinfo file — is [`strip`]ped: nobody
//! there can retype it, and a name is better shown cleaned than not at all.
//!
//! General categories come from `unicode-properties` (already in the build, through sqlx's `stringprep`).

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// The most combining marks one letter may carry (Thai: a vowel and a tone mark).
pub const MAX_MARKS_PER_LETTER: usize = 2;

/// Why a text was refused: what kind of character is wrong, so the form can say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FreeTextProblem {
    /// A character that changes the direction text is drawn in (U+202E makes `gnp.exe` read `exe.png`).
    #[error("U+{:04X} changes the direction in which text is drawn", u32::from(*.0))]
    DirectionControl(char),
    /// A control, format or other invisible character (zero-width space, byte-order mark, tab, line break, …).
    #[error("U+{:04X} is an invisible or control character", u32::from(*.0))]
    Invisible(char),
    /// More than [`MAX_MARKS_PER_LETTER`] combining marks on one letter.
    #[error("more than {MAX_MARKS_PER_LETTER} marks are stacked on one letter")]
    StackedMarks,
}

/// What a character is, for this module.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Direction,
    /// Invisible, and a kind of line break or tab: becomes a space when stripped.
    Break,
    Invisible,
    Mark,
    Visible,
}

fn kind(c: char) -> Kind {
    match c {
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => Kind::Direction,
        // Hangul fillers: letters (Lo) that draw nothing.
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' => Kind::Invisible,
        _ => match c.general_category() {
            GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => Kind::Break,
            GeneralCategory::Control if c.is_whitespace() => Kind::Break,
            GeneralCategory::Control | GeneralCategory::Format => Kind::Invisible,
            _ if c.general_category_group() == GeneralCategoryGroup::Mark => Kind::Mark,
            _ => Kind::Visible,
        },
    }
}

/// Checks text an officer typed; the first problem found, if any.
pub fn check(text: &str) -> Result<(), FreeTextProblem> {
    let mut marks = 0;
    for c in text.chars() {
        match kind(c) {
            Kind::Direction => return Err(FreeTextProblem::DirectionControl(c)),
            Kind::Break | Kind::Invisible => return Err(FreeTextProblem::Invisible(c)),
            Kind::Mark => {
                marks += 1;
                if marks > MAX_MARKS_PER_LETTER {
                    return Err(FreeTextProblem::StackedMarks);
                }
            }
            Kind::Visible => marks = 0,
        }
    }
    Ok(())
}

/// Text from elsewhere made safe to show: direction controls and invisible characters removed (tabs and line
/// breaks become a space), and marks beyond [`MAX_MARKS_PER_LETTER`] on one letter dropped. Text that passes
/// [`check`] comes back unchanged; what comes back always passes [`check`].
pub fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut marks = 0;
    for c in text.chars() {
        match kind(c) {
            Kind::Direction | Kind::Invisible => {}
            Kind::Break => {
                out.push(' ');
                marks = 0;
            }
            Kind::Mark => {
                marks += 1;
                if marks <= MAX_MARKS_PER_LETTER {
                    out.push(c);
                }
            }
            Kind::Visible => {
                out.push(c);
                marks = 0;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real Thai names and words with every legitimate stacking (vowel above or below, tone mark, thanthakhat),
    /// English and Vietnamese names, letter numbers and unit names as the ministries write them.
    const MUST_PASS: &[&str] = &[
        "นางสาวสมใจ ใจดี",
        "นายปั๊ม กิ่งแก้ว",
        "น้ำฝน ที่ดี",
        "กั้น",
        "สิทธิ์ ศักดิ์สิทธิ์",
        "นางสาวจุฑารัตน์ พุ่มพวง",
        "พระราชวรมุนี (ป.อ. ปยุตฺโต)",
        "ร.ต.อ. ณัฐวุฒิ ชื่นชม",
        "เด็กหญิงกุ๊กไก่ ลื้อเส็ง",
        "ฤๅษี ฦๅ",
        "มท 0309/1234",
        "ที่ นร ๐๕๐๗/ว ๑๒๓ ลงวันที่ ๑ มกราคม ๒๕๖๙",
        "กรมการปกครอง – สำนักบริหารการทะเบียน",
        "Mr. John O'Brien-Smith",
        "José Müller, Zoë Ångström",
        "Nguyễn Thị Ệ",
        "Nguye\u{302}\u{303}n (decomposed)",
        "e\u{323}\u{302}",
        "Ref. #12/2569 (ด่วนที่สุด)",
        "สำนักงาน\u{a0}ก.พ.",
        "กรุงเทพฯ ๆ",
    ];

    #[test]
    fn j11_real_thai_english_and_vietnamese_names_and_references_pass_and_strip_leaves_them_alone() {
        for text in MUST_PASS {
            assert_eq!(check(text), Ok(()), "{text}");
            assert_eq!(strip(text), *text, "{text}");
        }
    }

    #[test]
    fn j11_every_bidi_control_is_refused_as_a_direction_control() {
        let controls =
            ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}').chain(['\u{200e}', '\u{200f}', '\u{61c}']);
        for control in controls {
            assert_eq!(check(&format!("gnp{control}.exe")), Err(FreeTextProblem::DirectionControl(control)));
        }
    }

    #[test]
    fn j11_the_right_to_left_override_spoofing_a_file_name_is_refused_and_stripped() {
        let spoof = "invoice\u{202e}gnp.exe";
        assert_eq!(check(spoof), Err(FreeTextProblem::DirectionControl('\u{202e}')));
        assert_eq!(strip(spoof), "invoicegnp.exe");
    }

    #[test]
    fn j11_invisible_format_and_control_characters_are_refused() {
        let invisible = [
            '\u{0}',
            '\t',
            '\n',
            '\r',
            '\u{7}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}',
            '\u{ad}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2028}',
            '\u{2029}',
            '\u{2060}',
            '\u{2061}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}',
            '\u{feff}',
            '\u{3164}',
            '\u{e0041}',
        ];
        for c in invisible {
            assert_eq!(check(&format!("สม{c}ใจ")), Err(FreeTextProblem::Invisible(c)), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn j11_a_third_mark_on_one_letter_is_refused_however_it_is_spelt() {
        for text in ["กิ่่", "ก\u{e34}\u{e48}\u{e49}", "ป๊๊๊๊๊๊๊๊", "e\u{301}\u{301}\u{301}", "\u{e48}\u{e48}\u{e48}"]
        {
            assert_eq!(check(text), Err(FreeTextProblem::StackedMarks), "{text}");
        }
        // Two marks on each of many letters is ordinary Thai, not a stack.
        assert_eq!(check(&"กิ่".repeat(100)), Ok(()));
    }

    #[test]
    fn j11_strip_keeps_two_marks_per_letter_and_turns_line_breaks_into_spaces() {
        assert_eq!(strip("ก\u{e34}\u{e48}\u{e49}\u{e4a}ข"), "ก\u{e34}\u{e48}ข");
        assert_eq!(strip("สมใจ\tใจดี\r\n"), "สมใจ ใจดี  ");
        assert_eq!(strip("\u{feff}\u{200b}สมใจ\u{200d}"), "สมใจ");
        // A removed invisible character does not give the marks after it a new letter to stack on.
        assert_eq!(strip("ก\u{e34}\u{e48}\u{200b}\u{e49}"), "ก\u{e34}\u{e48}");
    }

    #[test]
    fn j11_the_problem_names_the_character_in_its_message() {
        assert_eq!(
            FreeTextProblem::DirectionControl('\u{202e}').to_string(),
            "U+202E changes the direction in which text is drawn"
        );
        assert_eq!(FreeTextProblem::Invisible('\u{200b}').to_string(), "U+200B is an invisible or control character");
    }
}
