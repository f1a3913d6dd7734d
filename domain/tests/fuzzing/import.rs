//! The CITIZENinfo import (`domain::import::import_officers`) against arbitrary bytes and against well-formed files
//! with spoilt rows, each case on a fresh in-memory SQLite database with the real migrations: nothing panics, a file
//! with a bad row changes nothing and reports exactly the bad rows' lines, a good file imports every row, and no
//! report shows a citizen ID the file holds.

use std::collections::BTreeSet;

use domain::import::{self, ImportError, RowError};
use domain::testing::TestDatabase;
use proptest::prelude::*;

use super::citizen_id::{expected_check_digit, is_separator, valid_citizen_id};
use crate::support::clock::t0;
use crate::support::digital_id::{ISSUER, key};
use crate::support::officer_count::officer_count;
use crate::support::units::tree;

const REGRESSIONS: &str = "proptest-regressions/fuzz/import.txt";
/// Cases per property unless `PROPTEST_CASES` says otherwise: each case migrates a new database.
const CASES: u32 = 64;

const HEADER: &str = "digital_id_sub,citizen_id,name_th,unit_code,role";
/// An officer imported before every case, so rows naming them are refused as already officers.
const EXISTING_SUBJECT: &str = "sub-existing";
const EXISTING_CITIZEN_ID: &str = "1101700207030";

/// Units of the test tree with a role that belongs there.
const FITTING: [(&str, &str); 6] = [
    ("DOPA", "central"),
    ("DOPA-BORA", "agency"),
    ("DOPA-BORA-01", "service_point"),
    ("MOI", "contact_center"),
    (" DOPA-BORA ", "Contact-Center"),
    ("DOPA-BORA-01", " SERVICE_POINT "),
];
/// Units of the test tree with a role that does not belong there.
const MISFITTING: [(&str, &str); 4] =
    [("MOI", "central"), ("DOPA", "agency"), ("DOPA-BORA", "service_point"), ("DOPA-BORA-01", "central")];
const NAMES: [&str; 4] = ["นางสาวกานดา ใจดี", "นายสมชาย รักงาน", "ว่าที่ร้อยตรีวิชัย ขยันยิ่ง", "Kanda Jaidee"];

/// One way to spoil a row; each makes it a row the import must refuse.
#[derive(Clone, Copy, Debug)]
enum Spoil {
    WrongCheckDigit,
    TwelveDigits,
    ThaiDigits,
    NeitherSubjectNorCitizenId,
    EmptyName,
    LongName,
    ControlCharacterInName,
    LongSubject,
    ControlCharacterInSubject,
    UnknownUnit,
    CitizenIdAsUnitCode,
    UnknownRole,
    RoleNotFittingTheUnit,
    TooFewColumns,
    TooManyColumns,
    NotUtf8,
    SubjectTwice,
    CitizenIdTwice,
    ExistingSubject,
    ExistingCitizenId,
}

static SPOILS: [Spoil; 20] = [
    Spoil::WrongCheckDigit,
    Spoil::TwelveDigits,
    Spoil::ThaiDigits,
    Spoil::NeitherSubjectNorCitizenId,
    Spoil::EmptyName,
    Spoil::LongName,
    Spoil::ControlCharacterInName,
    Spoil::LongSubject,
    Spoil::ControlCharacterInSubject,
    Spoil::UnknownUnit,
    Spoil::CitizenIdAsUnitCode,
    Spoil::UnknownRole,
    Spoil::RoleNotFittingTheUnit,
    Spoil::TooFewColumns,
    Spoil::TooManyColumns,
    Spoil::NotUtf8,
    Spoil::SubjectTwice,
    Spoil::CitizenIdTwice,
    Spoil::ExistingSubject,
    Spoil::ExistingCitizenId,
];

/// A row before it is written: a good one unless `spoil` says how it is spoilt.
#[derive(Clone, Debug)]
struct RowPlan {
    has_subject: bool,
    has_citizen_id: bool,
    citizen_id: String,
    grouped: bool,
    name: &'static str,
    placement: usize,
    quoted: bool,
    control: char,
    shift: u8,
    spoil: Option<Spoil>,
}

/// An officers file as written, with what the test knows about it.
#[derive(Clone)]
struct OfficersFile {
    bytes: Vec<u8>,
    /// The data rows.
    rows: usize,
    /// The lines the spoilt rows start on.
    spoilt_lines: BTreeSet<u64>,
    /// Every 13-digit number written into the file, in any form.
    numbers: BTreeSet<String>,
}

impl std::fmt::Debug for OfficersFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfficersFile")
            .field("text", &String::from_utf8_lossy(&self.bytes))
            .field("spoilt_lines", &self.spoilt_lines)
            .finish_non_exhaustive()
    }
}

fn row_plan() -> impl Strategy<Value = RowPlan> {
    let control = prop_oneof![proptest::char::range('\u{0}', '\u{1f}'), proptest::char::range('\u{7f}', '\u{9f}')];
    (
        (any::<bool>(), any::<bool>(), valid_citizen_id(), any::<bool>()),
        (proptest::sample::select(&NAMES[..]), 0..FITTING.len(), proptest::bool::weighted(0.2), control, 1u8..10),
        proptest::option::weighted(0.35, proptest::sample::select(&SPOILS[..])),
    )
        .prop_map(
            |((has_subject, has_citizen_id, citizen_id, grouped), (name, placement, quoted, control, shift), spoil)| {
                RowPlan {
                    has_subject,
                    has_citizen_id,
                    citizen_id,
                    grouped,
                    name,
                    placement,
                    quoted,
                    control,
                    shift,
                    spoil,
                }
            },
        )
}

fn officers_file() -> impl Strategy<Value = OfficersFile> {
    (
        proptest::collection::vec(row_plan(), 1..8),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(proptest::bool::weighted(0.15), 8),
    )
        .prop_map(|(plans, crlf, bom, blank_lines)| write(&plans, crlf, bom, &blank_lines))
}

/// `digits` made different from every other row's (digits 8–11 are the row's index) and from the existing
/// officer's, with the check digit made right again.
fn unique(digits: &str, index: usize) -> String {
    let mut first_twelve: Vec<u8> = digits.bytes().take(12).map(|b| b - b'0').collect();
    for (position, digit) in format!("{index:04}").bytes().enumerate() {
        first_twelve[7 + position] = digit - b'0';
    }
    first_twelve.push(expected_check_digit(&first_twelve));
    first_twelve.iter().map(|digit| char::from(b'0' + digit)).collect()
}

/// A citizen ID written together or as on the card (`1-1017-00207-03-0`).
fn written(digits: &str, grouped: bool) -> String {
    if grouped {
        format!("{}-{}-{}-{}-{}", &digits[0..1], &digits[1..5], &digits[5..10], &digits[10..12], &digits[12..13])
    } else {
        digits.to_owned()
    }
}

/// A CSV field: quoted when asked or when it must be.
fn field(text: &str, quoted: bool) -> Vec<u8> {
    if quoted || text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\"")).into_bytes()
    } else {
        text.as_bytes().to_vec()
    }
}

/// Writes the planned rows under the header; LF or CRLF line ends, a byte-order mark and blank lines as asked.
fn write(plans: &[RowPlan], crlf: bool, bom: bool, blank_lines: &[bool]) -> OfficersFile {
    let newline: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut bytes = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
    bytes.extend(HEADER.as_bytes());
    bytes.extend(newline);
    // What the import has seen so far: every subject and valid citizen ID of a row it could read.
    let (mut subjects, mut citizen_ids): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut file =
        OfficersFile { bytes: Vec::new(), rows: plans.len(), spoilt_lines: BTreeSet::new(), numbers: BTreeSet::new() };
    for (index, plan) in plans.iter().enumerate() {
        let line = 1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let digits = unique(&plan.citizen_id, index);
        let mut subject = (plan.has_subject || !plan.has_citizen_id).then(|| format!("sub-{index}"));
        let mut citizen_id = plan.has_citizen_id.then(|| digits.clone());
        let mut citizen_text = citizen_id.as_deref().map(|d| written(d, plan.grouped)).unwrap_or_default();
        let (unit, role) = FITTING[plan.placement];
        let (mut unit, mut role, mut name) = (unit.to_owned(), role.to_owned(), plan.name.to_owned());
        let (mut columns, mut readable) = (5, true);
        match plan.spoil {
            None => {}
            Some(Spoil::WrongCheckDigit) => {
                let wrong = format!("{}{}", &digits[..12], (digits.as_bytes()[12] - b'0' + plan.shift) % 10);
                citizen_text = written(&wrong, plan.grouped);
                citizen_id = None;
                file.numbers.insert(wrong);
            }
            Some(Spoil::TwelveDigits) => {
                citizen_text = digits[..12].to_owned();
                citizen_id = None;
            }
            Some(Spoil::ThaiDigits) => {
                citizen_text =
                    digits.chars().map(|c| char::from_u32(u32::from(c) - 0x30 + 0xe50).unwrap_or(c)).collect();
                citizen_id = None;
                file.numbers.insert(digits.clone());
            }
            Some(Spoil::NeitherSubjectNorCitizenId) => {
                (subject, citizen_id, citizen_text) = (None, None, String::new());
            }
            Some(Spoil::EmptyName) => name = " ".repeat(plan.shift.into()),
            Some(Spoil::LongName) => name = "ก".repeat(256),
            Some(Spoil::ControlCharacterInName) => name = format!("นาย{}ทดสอบ", plan.control),
            Some(Spoil::LongSubject) => subject = Some("s".repeat(256)),
            Some(Spoil::ControlCharacterInSubject) => subject = Some(format!("sub-{index}{}x", plan.control)),
            Some(Spoil::UnknownUnit) => unit = "NOPE".to_owned(),
            Some(Spoil::CitizenIdAsUnitCode) => {
                // The columns shifted by one: a citizen ID lands in the unit column.
                unit = digits.clone();
                file.numbers.insert(digits.clone());
            }
            Some(Spoil::UnknownRole) => role = "admin".to_owned(),
            Some(Spoil::RoleNotFittingTheUnit) => {
                let (misfit_unit, misfit_role) = MISFITTING[plan.placement % MISFITTING.len()];
                (unit, role) = (misfit_unit.to_owned(), misfit_role.to_owned());
            }
            Some(Spoil::TooFewColumns) => (columns, readable) = (4, false),
            Some(Spoil::TooManyColumns) => (columns, readable) = (6, false),
            Some(Spoil::NotUtf8) => readable = false,
            Some(Spoil::SubjectTwice) => match subjects.first() {
                Some(earlier) => subject = Some(earlier.clone()),
                None => unit = "NOPE".to_owned(),
            },
            Some(Spoil::CitizenIdTwice) => match citizen_ids.first() {
                Some(earlier) => {
                    citizen_text = written(earlier, !plan.grouped);
                    citizen_id = Some(earlier.clone());
                }
                None => unit = "NOPE".to_owned(),
            },
            Some(Spoil::ExistingSubject) => subject = Some(EXISTING_SUBJECT.to_owned()),
            Some(Spoil::ExistingCitizenId) => {
                citizen_text = written(EXISTING_CITIZEN_ID, plan.grouped);
                citizen_id = Some(EXISTING_CITIZEN_ID.to_owned());
            }
        }
        if plan.spoil.is_some() {
            file.spoilt_lines.insert(line);
        }
        file.numbers.extend(citizen_id.clone());
        if readable {
            subjects.extend(subject.clone());
            citizen_ids.extend(citizen_id);
        }
        let subject = subject.unwrap_or_default();
        let mut fields =
            [subject.as_str(), citizen_text.as_str(), name.as_str(), unit.as_str(), role.as_str(), "extra"]
                .map(|text| field(text, plan.quoted));
        if matches!(plan.spoil, Some(Spoil::NotUtf8)) {
            fields[2].splice(1..1, [0xff, 0xfe]);
        }
        bytes.extend(fields[..columns].join(&b","[..]));
        bytes.extend(newline);
        if blank_lines[index] {
            bytes.extend(newline);
        }
    }
    file.bytes = bytes;
    file
}

/// Arbitrary bytes; and the header over a jumble of CSV punctuation, digits, citizen IDs, unit codes, roles, Thai
/// text and random bytes.
fn arbitrary_file() -> impl Strategy<Value = OfficersFile> {
    static WORDS: [&str; 9] =
        ["DOPA", "DOPA-BORA", "MOI", "agency", "central", "นาย ทดสอบ", "sub-1", "\u{feff}", "\"\""];
    let piece = prop_oneof![
        4 => any::<u8>().prop_map(|byte| vec![byte]),
        6 => proptest::sample::select(&b",,,\"\r\n\n -0123456789"[..]).prop_map(|byte| vec![byte]),
        1 => valid_citizen_id().prop_map(String::into_bytes),
        2 => proptest::sample::select(&WORDS[..]).prop_map(|word| word.as_bytes().to_vec()),
    ];
    let bytes = prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..512),
        3 => (any::<bool>(), proptest::collection::vec(piece, 0..160)).prop_map(|(with_header, pieces)| {
            let mut bytes = if with_header { format!("{HEADER}\n").into_bytes() } else { Vec::new() };
            bytes.extend(pieces.concat());
            bytes
        }),
    ];
    // Nothing is known about its rows; its numbers are the plain 13-digit runs (`thirteen_digit_numbers`).
    bytes.prop_map(|bytes| OfficersFile { bytes, rows: 0, spoilt_lines: BTreeSet::new(), numbers: BTreeSet::new() })
}

/// Every run of 13 ASCII digits in `bytes` (overlapping): the citizen IDs written plainly in it.
fn thirteen_digit_numbers(bytes: &[u8]) -> BTreeSet<String> {
    bytes
        .windows(13)
        .filter(|window| window.iter().all(u8::is_ascii_digit))
        .map(|window| String::from_utf8_lossy(window).into_owned())
        .collect()
}

/// A problem as shown to the officer (`line 3, citizen_id: …`), with spaces and dashes removed so that a citizen ID
/// written as on the card shows as its 13 digits.
fn shown(error: &RowError) -> String {
    error.to_string().chars().filter(|&c| !is_separator(c)).collect()
}

/// What importing `file` into a new database with the test tree and one earlier officer did: the result, and the
/// officers before and after.
fn import(file: &[u8]) -> (Result<usize, ImportError>, u64, u64) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a Tokio runtime");
    runtime.block_on(async {
        let test = TestDatabase::sqlite().await;
        tree(&test.db).await;
        let existing = format!("{HEADER}\n{EXISTING_SUBJECT},{EXISTING_CITIZEN_ID},นายมีแล้ว เดิม,DOPA-BORA,agency\n");
        import::import_officers(&test.db, existing.as_bytes(), ISSUER, &key(), t0()).await.expect("an earlier officer");
        let before = officer_count(&test.db).await;
        let result = import::import_officers(&test.db, file, ISSUER, &key(), t0()).await;
        let after = officer_count(&test.db).await;
        test.close().await;
        (result, before, after)
    })
}

proptest! {
    #![proptest_config(crate::config(CASES, REGRESSIONS))]

    #[test]
    fn any_bytes_are_imported_or_refused_with_their_problems_without_a_panic(file in arbitrary_file()) {
        let (result, before, after) = import(&file.bytes);
        match result {
            Ok(imported) => prop_assert_eq!(after, before + imported as u64),
            Err(ImportError::Rows(errors)) => {
                prop_assert!(!errors.is_empty());
                prop_assert_eq!(after, before, "a refused file changes nothing");
            }
            Err(ImportError::Database(error)) => prop_assert!(false, "the database failed: {error}"),
        }
    }

    #[test]
    fn a_file_with_any_spoilt_row_imports_nothing_and_reports_exactly_the_spoilt_rows_lines(file in officers_file()) {
        let (result, before, after) = import(&file.bytes);
        match result {
            Ok(imported) => {
                prop_assert!(file.spoilt_lines.is_empty(), "a file with spoilt rows was imported");
                prop_assert_eq!(imported, file.rows);
                prop_assert_eq!(after, before + imported as u64);
            }
            Err(ImportError::Rows(errors)) => {
                prop_assert_eq!(after, before, "a refused file changes nothing");
                let lines: BTreeSet<u64> = errors.iter().map(|error| error.line).collect();
                prop_assert_eq!(&lines, &file.spoilt_lines, "{:#?}", errors);
            }
            Err(ImportError::Database(error)) => prop_assert!(false, "the database failed: {error}"),
        }
    }

    #[test]
    fn a_refused_file_is_reported_without_any_citizen_id_it_holds(
        file in prop_oneof![arbitrary_file(), officers_file()],
    ) {
        let mut numbers = file.numbers.clone();
        numbers.extend(thirteen_digit_numbers(&file.bytes));
        if let (Err(ImportError::Rows(errors)), _, _) = import(&file.bytes) {
            for error in &errors {
                let shown = shown(error);
                for number in &numbers {
                    prop_assert!(!shown.contains(number.as_str()), "{:?} shows {}", error.to_string(), number);
                }
            }
        }
    }
}
