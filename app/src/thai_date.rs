//! Dates and times as officers read them: Bangkok time (UTC+7, no daylight saving), and in Thai with the Buddhist
//! Era year ("3 ธันวาคม 2569 เวลา 13:45 น."); in English "3 December 2026, 13:45".

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

use crate::i18n::Locale;

/// Bangkok's offset from UTC. Thailand has kept UTC+7 all year since 1920, so a fixed offset is exact and needs no
/// time-zone database in the WASM bundle.
pub const BANGKOK: FixedOffset = match FixedOffset::east_opt(7 * 60 * 60) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// The Buddhist Era is the Gregorian year plus 543.
const BUDDHIST_ERA_OFFSET: i32 = 543;

const THAI_MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The moment in Bangkok time.
pub fn in_bangkok(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&BANGKOK)
}

/// The date and time in Bangkok, written for `locale`.
pub fn format_date_time(at: DateTime<Utc>, locale: Locale) -> String {
    let local = in_bangkok(at);
    // `month0` is 0–11, so the index is always in range.
    let month = local.month0() as usize;
    let (day, hour, minute) = (local.day(), local.hour(), local.minute());
    match locale {
        Locale::Th => {
            let year = local.year() + BUDDHIST_ERA_OFFSET;
            format!("{day} {} {year} เวลา {hour:02}:{minute:02} น.", THAI_MONTHS[month])
        }
        Locale::En => format!("{day} {} {}, {hour:02}:{minute:02}", ENGLISH_MONTHS[month], local.year()),
    }
}

/// The date in Bangkok, written for `locale` ("3 ธันวาคม 2569", "3 December 2026"): for tables, where the time of
/// day would only crowd the column.
pub fn format_date(at: DateTime<Utc>, locale: Locale) -> String {
    let local = in_bangkok(at);
    // `month0` is 0–11, so the index is always in range.
    let month = local.month0() as usize;
    let day = local.day();
    match locale {
        Locale::Th => format!("{day} {} {}", THAI_MONTHS[month], local.year() + BUDDHIST_ERA_OFFSET),
        Locale::En => format!("{day} {} {}", ENGLISH_MONTHS[month], local.year()),
    }
}

/// The machine-readable form for `<time datetime>`: Bangkok time with its offset, to the minute.
pub fn datetime_attribute(at: DateTime<Utc>) -> String {
    in_bangkok(at).format("%Y-%m-%dT%H:%M%:z").to_string()
}

/// The first Buddhist-Era year [`parse_day`] reads as one (2400 BE is 1857 CE): a four-digit year from here on is
/// Buddhist Era, below it Gregorian — no date of this service falls near either side, so both read unambiguously.
const FIRST_BUDDHIST_ERA_YEAR: i32 = 2400;

/// A day as officers type it: day/month/year in either era (`7/12/2569`, `7/12/2026`; `/`, `-`, `.` or spaces
/// between; Thai digits too), or `YYYY-MM-DD` (links and the CSV address). `None` for anything else, a day that does
/// not exist, or a two-digit year (which century, which era?).
pub fn parse_day(typed: &str) -> Option<NaiveDate> {
    let ascii: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            other => other,
        })
        .collect();
    let parts: Vec<&str> = ascii.split(['/', '-', '.', ' ']).filter(|part| !part.is_empty()).collect();
    let [first, second, third] = parts.as_slice() else { return None };
    if ![first, second, third].iter().all(|part| part.bytes().all(|b| b.is_ascii_digit()) && part.len() <= 4) {
        return None;
    }
    let (year, month, day) = if first.len() == 4 {
        (first, second, third)
    } else if third.len() == 4 {
        (third, second, first)
    } else {
        return None;
    };
    let year: i32 = year.parse().ok()?;
    let year = if year >= FIRST_BUDDHIST_ERA_YEAR { year - BUDDHIST_ERA_OFFSET } else { year };
    if year < 1900 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
}

/// A day as the date field shows it for `locale`: `7/12/2569` in Thai (Buddhist Era), `7/12/2026` in English.
pub fn day_input(date: NaiveDate, locale: Locale) -> String {
    let year = match locale {
        Locale::Th => date.year() + BUDDHIST_ERA_OFFSET,
        Locale::En => date.year(),
    };
    format!("{}/{}/{year}", date.day(), date.month())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(year, month, day, hour, minute, 0).single().expect("a valid UTC time")
    }

    #[test]
    fn a_thai_date_has_the_buddhist_era_year_and_bangkok_time() {
        assert_eq!(format_date_time(utc(2026, 12, 3, 6, 45), Locale::Th), "3 ธันวาคม 2569 เวลา 13:45 น.");
    }

    #[test]
    fn an_english_date_has_the_gregorian_year_and_bangkok_time() {
        assert_eq!(format_date_time(utc(2026, 12, 3, 6, 45), Locale::En), "3 December 2026, 13:45");
    }

    #[test]
    fn midnight_utc_is_seven_in_the_morning_in_bangkok() {
        assert_eq!(format_date_time(utc(2026, 6, 15, 0, 0), Locale::Th), "15 มิถุนายน 2569 เวลา 07:00 น.");
    }

    #[test]
    fn five_pm_utc_on_new_years_eve_is_already_new_year_in_the_next_buddhist_era_year() {
        assert_eq!(format_date_time(utc(2026, 12, 31, 17, 0), Locale::Th), "1 มกราคม 2570 เวลา 00:00 น.");
        assert_eq!(format_date_time(utc(2026, 12, 31, 17, 0), Locale::En), "1 January 2027, 00:00");
    }

    #[test]
    fn the_day_before_is_still_the_old_year_one_minute_earlier() {
        assert_eq!(format_date_time(utc(2026, 12, 31, 16, 59), Locale::Th), "31 ธันวาคม 2569 เวลา 23:59 น.");
    }

    #[test]
    fn bangkok_keeps_utc_plus_seven_in_summer_and_winter() {
        assert_eq!(in_bangkok(utc(2026, 1, 1, 12, 0)).hour(), 19);
        assert_eq!(in_bangkok(utc(2026, 7, 1, 12, 0)).hour(), 19);
    }

    #[test]
    fn a_date_alone_is_the_bangkok_day_with_the_buddhist_era_year_in_thai() {
        assert_eq!(format_date(utc(2026, 12, 3, 6, 45), Locale::Th), "3 ธันวาคม 2569");
        assert_eq!(format_date(utc(2026, 12, 31, 17, 0), Locale::Th), "1 มกราคม 2570");
        assert_eq!(format_date(utc(2026, 12, 31, 17, 0), Locale::En), "1 January 2027");
    }

    #[test]
    fn the_datetime_attribute_is_bangkok_time_with_its_offset() {
        assert_eq!(datetime_attribute(utc(2026, 12, 3, 6, 45)), "2026-12-03T13:45+07:00");
    }

    #[test]
    fn each_month_is_written_with_its_own_name() {
        for (index, (thai, english)) in THAI_MONTHS.iter().zip(ENGLISH_MONTHS).enumerate() {
            let month = u32::try_from(index).expect("twelve months") + 1;
            let at = utc(2026, month, 10, 5, 0);
            assert_eq!(format_date_time(at, Locale::Th), format!("10 {thai} 2569 เวลา 12:00 น."));
            assert_eq!(format_date_time(at, Locale::En), format!("10 {english} 2026, 12:00"));
        }
    }

    #[test]
    fn a_typed_day_reads_in_the_buddhist_era_or_the_gregorian_one_by_its_year() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7);
        for typed in
            ["7/12/2569", "07/12/2569", " 7-12-2569 ", "7.12.2569", "7 12 2569", "๗/๑๒/๒๕๖๙", "7/12/2026", "2026-12-07"]
        {
            assert_eq!(parse_day(typed), day, "{typed}");
        }
        for typed in ["", "7/12/69", "31/2/2569", "12/2569", "7/12/2569/1", "x/12/2569", "7/13/2569", "7/12/1800"] {
            assert_eq!(parse_day(typed), None, "{typed}");
        }
    }

    #[test]
    fn the_date_field_shows_the_day_in_the_officers_era() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date");
        assert_eq!(day_input(day, Locale::Th), "7/12/2569");
        assert_eq!(day_input(day, Locale::En), "7/12/2026");
        assert_eq!(parse_day(&day_input(day, Locale::Th)), Some(day));
    }
}
