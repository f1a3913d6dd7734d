//! Free text typed into a form (a name, a letter number), checked before it is stored: trimmed, bounded, and free of
//! characters that could disguise it ([`domain::free_text`]), each refusal as the form's sentence.

use domain::free_text::FreeTextProblem;

use crate::administration::FormProblem;

/// A typed text: trimmed; `None` when empty; refused when longer than `max` characters, or holding a character
/// that could disguise it ([`domain::free_text::check`]: direction controls, control and other invisible
/// characters, more than two marks on one letter), which would also garble logs, CSV and the printed letter.
pub fn checked_text(value: &str, max: usize) -> Result<Option<String>, FormProblem> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(FormProblem::TextInvalid);
    }
    domain::free_text::check(value).map_err(text_problem)?;
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// The form's sentence for a [`FreeTextProblem`].
pub fn text_problem(problem: FreeTextProblem) -> FormProblem {
    match problem {
        FreeTextProblem::DirectionControl(_) => FormProblem::TextDirectionControl,
        FreeTextProblem::Invisible(_) => FormProblem::TextInvisibleCharacter,
        FreeTextProblem::StackedMarks => FormProblem::TextStackedMarks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_trimmed_and_an_empty_one_is_none() {
        assert_eq!(checked_text("  นส. 0123/2569 ", 20), Ok(Some("นส. 0123/2569".to_owned())));
        assert_eq!(checked_text("   ", 10), Ok(None));
    }

    #[test]
    fn a_text_over_the_limit_is_refused() {
        assert_eq!(checked_text(&"ก".repeat(11), 10), Err(FormProblem::TextInvalid));
        assert_eq!(checked_text(&"ก".repeat(10), 10), Ok(Some("ก".repeat(10))));
    }

    #[test]
    fn j11_a_text_with_control_characters_direction_controls_or_stacked_marks_is_refused_saying_which() {
        assert_eq!(checked_text("a\u{0}b", 10), Err(FormProblem::TextInvisibleCharacter));
        assert_eq!(checked_text("line\nbreak", 20), Err(FormProblem::TextInvisibleCharacter));
        assert_eq!(checked_text("สม\u{200b}ใจ", 20), Err(FormProblem::TextInvisibleCharacter));
        assert_eq!(checked_text("gnp\u{202e}.exe", 20), Err(FormProblem::TextDirectionControl));
        assert_eq!(checked_text("ก\u{e34}\u{e48}\u{e49}", 20), Err(FormProblem::TextStackedMarks));
        assert_eq!(checked_text(" นายปั๊ม กิ่งแก้ว ", 20), Ok(Some("นายปั๊ม กิ่งแก้ว".to_owned())));
    }
}
