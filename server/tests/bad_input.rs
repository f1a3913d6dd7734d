//! The bad-input sweep (issue 6): every form field and query parameter of the back office is sent empty, oversized,
//! with control characters, lone and stacked Thai combining marks, right-to-left text and direction controls,
//! zero-width characters, HTML and script, SQL metacharacters and a citizen ID in a person's name, each time with
//! every other field valid and the session's synchroniser token, as the officer who may use the route. Each answer
//! must be a clear Thai one — never a 5xx, never a payload unescaped — and a refused submission leaves every table as
//! it was; a value the field's rules accept is stored exactly as typed (trimmed), and shown escaped.

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use app::administration::FormProblem;
use app::app_error::AppError;
use app::i18n::admin::ADMIN_TH;
use axum::http::{StatusCode, header};
use domain::entities::{
    activation_attempt, activation_token, audit_event, login_transaction, officer, officer_session, organisation_unit,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use support::test_app::{Reply, TestApp};

/// What a free-text field (a name, a letter number) makes of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AsText {
    /// Nothing after trimming: the field's rule for a missing value applies.
    Blank,
    /// Refused with this problem: too long ([`FormProblem::TextInvalid`]), or holding a direction control, an
    /// invisible character or stacked marks (case J11).
    Refused(FormProblem),
    /// Ordinary text, however odd: kept as typed, trimmed, and always shown escaped.
    Kept,
}

/// A hostile value.
struct Nasty {
    label: &'static str,
    value: String,
    as_text: AsText,
    /// Whether it fits in a URL at all (`http::Uri` holds under 64 kB; hyper refuses longer request lines before
    /// any router sees them).
    fits_url: bool,
}

const TOO_LONG: AsText = AsText::Refused(FormProblem::TextInvalid);
const INVISIBLE: AsText = AsText::Refused(FormProblem::TextInvisibleCharacter);
const STACKED: AsText = AsText::Refused(FormProblem::TextStackedMarks);
const DIRECTION: AsText = AsText::Refused(FormProblem::TextDirectionControl);

/// A valid-looking citizen ID (correct check digit) that no person of these tests has.
fn citizen_id_like() -> String {
    let first12 = "310060012345";
    let sum: u32 = first12.bytes().enumerate().map(|(i, b)| u32::from(b - b'0') * (13 - i as u32)).sum();
    format!("{first12}{}", (11 - sum % 11) % 10)
}

fn nasty_values() -> Vec<Nasty> {
    let value = |label, value: &str, as_text| Nasty { label, value: value.to_owned(), as_text, fits_url: true };
    let mut all = vec![
        value("empty", "", AsText::Blank),
        value("only spaces", "   ", AsText::Blank),
        Nasty { label: "10 kB of 'a'", value: "a".repeat(10 * 1024), as_text: TOO_LONG, fits_url: true },
        Nasty { label: "100 kB of 'a'", value: "a".repeat(100 * 1024), as_text: TOO_LONG, fits_url: false },
        // 3 bytes a letter: 10 kB of UTF-8 (30 kB once percent-encoded in a URL).
        Nasty { label: "10 kB of Thai", value: "ก".repeat(3414), as_text: TOO_LONG, fits_url: true },
        value("NUL", "ab\0cd", INVISIBLE),
        value("CR LF header injection", "x\r\nSet-Cookie: info_session=forged", INVISIBLE),
        value("ANSI escape", "\x1b[31mred\x1b[0m", INVISIBLE),
        value("bell and delete", "a\x07b\x7fc", INVISIBLE),
        value("C1 next-line", "a\u{85}b", INVISIBLE),
        value("zero-width space", "สม\u{200B}ใจ", INVISIBLE),
        value("byte-order mark", "\u{FEFF}สมใจ", INVISIBLE),
        value("Thai combining marks alone", "\u{0E34}\u{0E35}\u{0E36}", STACKED),
        value("stacked Thai tone marks", &format!("ก{}", "\u{0E49}".repeat(40)), STACKED),
        value("Thai vowel and tone mark on one letter", "นายปั๊ม กิ่งแก้ว น้ำใจ", AsText::Kept),
        value("right-to-left override", "\u{202E}abc", DIRECTION),
        value("right-to-left override file name", "invoice\u{202E}gnp.exe", DIRECTION),
        value("right-to-left isolate", "a\u{2067}b\u{2069}", DIRECTION),
        value("Arabic", "مرحبا بالعالم", AsText::Kept),
        value("Hebrew", "שלום עולם", AsText::Kept),
        value("script element", "<script>alert(1)</script>", AsText::Kept),
        value("attribute breakout", "\"><img src=x onerror=alert(1)>", AsText::Kept),
        value("title breakout", "</title><script>alert(1)</script>", AsText::Kept),
        value("SQL quote", "' OR '1'='1", AsText::Kept),
        value("SQL statement", "; DROP TABLE officer; --", AsText::Kept),
        value("percent-encoded NUL", "%00", AsText::Kept),
        value("path traversal", "../../etc/passwd", AsText::Kept),
    ];
    all.push(Nasty { label: "citizen ID", value: citizen_id_like(), as_text: AsText::Kept, fits_url: true });
    all
}

/// The values every field is swept with: all but the citizen ID, which only a person's name gets (a 13-digit unit
/// code or letter number is not one), in its own test.
fn sweep_values() -> impl Iterator<Item = Nasty> {
    nasty_values().into_iter().filter(|nasty| nasty.label != "citizen ID")
}

/// What a case must answer.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Refused with this status; on an administration page, with one of these problems' Thai sentences.
    Refused(StatusCode, &'static [FormProblem]),
    /// Done: the change is made (the caller checks the stored value).
    Kept,
}

fn as_text(nasty: &Nasty, blank: Expect) -> Expect {
    match nasty.as_text {
        AsText::Blank => blank,
        AsText::Refused(problem) => Expect::Refused(StatusCode::UNPROCESSABLE_ENTITY, only(problem)),
        AsText::Kept => Expect::Kept,
    }
}

/// `problem` alone, as the `'static` list [`Expect::Refused`] holds.
fn only(problem: FormProblem) -> &'static [FormProblem] {
    match problem {
        FormProblem::TextInvalid => &[FormProblem::TextInvalid],
        FormProblem::TextInvisibleCharacter => &[FormProblem::TextInvisibleCharacter],
        FormProblem::TextStackedMarks => &[FormProblem::TextStackedMarks],
        FormProblem::TextDirectionControl => &[FormProblem::TextDirectionControl],
        other => panic!("no free-text problem: {other:?}"),
    }
}

const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

/// The number of rows of every table a request could change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rows {
    officers: u64,
    tokens: u64,
    units: u64,
    audit: u64,
    sessions: u64,
    logins: u64,
    attempts: u64,
}

async fn rows(app: &TestApp) -> Rows {
    let db = &app.state.db;
    Rows {
        officers: officer::Entity::find().count(db).await.expect("count"),
        tokens: activation_token::Entity::find().count(db).await.expect("count"),
        units: organisation_unit::Entity::find().count(db).await.expect("count"),
        audit: audit_event::Entity::find().count(db).await.expect("count"),
        sessions: officer_session::Entity::find().count(db).await.expect("count"),
        logins: login_transaction::Entity::find().count(db).await.expect("count"),
        attempts: activation_attempt::Entity::find().count(db).await.expect("count"),
    }
}

/// The failures of a sweep, all reported at once (one bug must not hide the next).
#[derive(Default)]
struct Sweep {
    failures: Vec<String>,
    cases: usize,
}

impl Sweep {
    fn check(&mut self, ok: bool, what: &str, why: impl FnOnce() -> String) {
        if !ok {
            self.failures.push(format!("{what}: {}", why()));
        }
    }

    /// What every answer must be: no 5xx; HTML is Thai and never carries a payload as markup; no raw citizen ID.
    fn answered_safely(&mut self, what: &str, reply: &Reply) {
        self.cases += 1;
        let status = reply.status;
        self.check(!status.is_server_error(), what, || format!("answered {status}: {}", excerpt(&reply.body)));
        if is_html(reply) {
            self.check(has_thai(&reply.body), what, || {
                format!("an HTML answer without Thai: {}", excerpt(&reply.body))
            });
            let markup = outside_title(&reply.body);
            for payload in ["<script>alert(1)", "<img src=x onerror", "\"><img"] {
                self.check(!markup.contains(payload), what, || {
                    format!("{payload:?} unescaped in the page: …{}…", around(&markup, payload))
                });
            }
        }
        let citizen_id = citizen_id_like();
        self.check(!reply.body.contains(&citizen_id), what, || format!("the raw citizen ID {citizen_id} is shown"));
    }

    /// A case's answer against its expectation, and the tables against `before` (+ `kept` when done).
    fn expected(&mut self, what: &str, reply: &Reply, expect: Expect, before: Rows, after: Rows, kept: Rows) {
        self.answered_safely(what, reply);
        match expect {
            Expect::Refused(status, problems) => {
                let outcome = reply.outcome();
                self.check(outcome == status, what, || format!("expected {status}, got {outcome}"));
                if !problems.is_empty() {
                    let named = match reply.refusal() {
                        // A server function's refusal travels to the page as codes; the page's sentence is its.
                        Some(AppError::Field { problem, .. }) => problems.contains(&problem.problem),
                        _ => problems.iter().any(|problem| reply.body.contains(ADMIN_TH.problem(*problem))),
                    };
                    self.check(named, what, || format!("the answer names none of {problems:?}"))
                }
                self.check(after == before, what, || {
                    format!("a refused submission changed rows: {before:?} → {after:?}")
                });
            }
            Expect::Kept => {
                let done = reply.status == StatusCode::SEE_OTHER || reply.status == StatusCode::OK;
                self.check(done, what, || format!("expected it done, got {}: {}", reply.status, excerpt(&reply.body)));
                self.check(after == kept, what, || format!("expected rows {kept:?}, got {after:?}"));
            }
        }
    }

    fn finish(self) {
        assert!(self.cases > 0, "the sweep ran no case");
        assert!(
            self.failures.is_empty(),
            "{} of {} cases failed:\n{}",
            self.failures.len(),
            self.cases,
            self.failures.join("\n")
        );
    }
}

fn is_html(reply: &Reply) -> bool {
    reply.headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).is_some_and(|t| t.contains("html"))
}

fn has_thai(text: &str) -> bool {
    text.chars().any(|c| ('\u{0E01}'..='\u{0E5B}').contains(&c))
}

/// The page without its `<title>` text: a title is RCDATA, where tags are only text to the browser — until the first
/// `</title>`, which is why a payload that closes the title shows up here.
fn outside_title(body: &str) -> String {
    match (body.find("<title>"), body.find("</title>")) {
        (Some(start), Some(end)) if start < end => format!("{}{}", &body[..start], &body[end..]),
        _ => body.to_owned(),
    }
}

/// The text around the first `needle` in `body`, to show where a payload landed.
fn around(body: &str, needle: &str) -> String {
    let at = body.find(needle).unwrap_or(0);
    let start = body.floor_char_boundary(at.saturating_sub(200));
    let end = body.ceil_char_boundary((at + needle.len() + 100).min(body.len()));
    body[start..end].to_owned()
}

fn excerpt(body: &str) -> String {
    body.chars().take(300).collect()
}

/// `base` with `field` set to `value`.
fn with<'a>(base: &'a [(&'static str, String)], field: &str, value: &'a str) -> Vec<(&'static str, &'a str)> {
    base.iter().map(|(key, valid)| (*key, if *key == field { value } else { valid.as_str() })).collect()
}

/// An app with DGA Contact Center staff signed in (they may use every administration route), and their
/// synchroniser token.
async fn staff_signed_in() -> (TestApp, String) {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let staff = app.contact_center_staff().await;
    assert_eq!(app.sign_in(&staff).await.location(), "/backend/home");
    let csrf = app.get("/backend/tokens").await.field("csrf_token").expect("the issue form");
    (app, csrf)
}

async fn latest_token(app: &TestApp) -> activation_token::Model {
    activation_token::Entity::find()
        .order_by_desc(activation_token::Column::Id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("a Token")
}

async fn unit(app: &TestApp, code: &str) -> Option<organisation_unit::Model> {
    domain::units::find_by_code(&app.state.db, code).await.expect("query")
}

/// The pages that list what was stored: each must stay safe after the sweep (stored payloads shown escaped, no
/// raw citizen ID anywhere).
async fn listings_are_safe(app: &mut TestApp, sweep: &mut Sweep) {
    for path in ["/backend/tokens", "/backend/accounts", "/backend/audit", "/backend/units", "/backend/audit.csv"] {
        let reply = app.get(path).await;
        sweep.check(reply.status == StatusCode::OK, path, || format!("listing answered {}", reply.status));
        sweep.answered_safely(&format!("GET {path} after the sweep"), &reply);
    }
}

#[tokio::test]
async fn every_tokens_form_field_refuses_hostile_input_without_a_500_and_keeps_accepted_text_exactly() {
    let (mut app, csrf) = staff_signed_in().await;
    let mut sweep = Sweep::default();
    let citizen_id = digital_id::testing::random_citizen_id();
    let issue = |citizen_id: &str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("role", "central".to_owned()),
            ("unit", "DOPA".to_owned()),
            ("citizen_id", citizen_id.to_owned()),
            ("name", "นายปกครอง ทดสอบระบบ".to_owned()),
            ("reference", "มท 0309.1/ว 1234".to_owned()),
            ("lifetime_days", "7".to_owned()),
        ]
    };
    let first = app.post("/api/tokens/issue", &with(&issue(&citizen_id), "no field", "")).await;
    assert_eq!((first.refusal(), first.location()), (None, "/backend/tokens"), "the valid form issues a Token");
    assert_eq!(app.get("/backend/tokens").await.status, StatusCode::OK, "and shows it");
    let pending = latest_token(&app).await;

    for field in ["csrf_token", "role", "unit", "citizen_id", "name", "reference", "lifetime_days"] {
        for nasty in sweep_values() {
            let expect = match field {
                "csrf_token" => Expect::Refused(StatusCode::FORBIDDEN, &[FormProblem::FormExpired]),
                "role" => Expect::Refused(UNPROCESSABLE, &[FormProblem::RoleNotAllowed]),
                "unit" => Expect::Refused(UNPROCESSABLE, &[FormProblem::UnitNotAllowed]),
                "citizen_id" => Expect::Refused(
                    UNPROCESSABLE,
                    &[FormProblem::CitizenIdMissing, FormProblem::CitizenIdLength, FormProblem::CitizenIdChecksum],
                ),
                "name" => as_text(&nasty, Expect::Refused(UNPROCESSABLE, &[FormProblem::NameMissing])),
                "reference" => as_text(&nasty, Expect::Kept),
                _ if nasty.as_text == AsText::Blank => Expect::Kept,
                _ => Expect::Refused(UNPROCESSABLE, &[FormProblem::LifetimeInvalid]),
            };
            let what = format!("POST /api/tokens/issue {field}={}", nasty.label);
            // A new person each time, so an accepted form is never refused for an earlier Token of the same one.
            let base = issue(&digital_id::testing::random_citizen_id());
            let before = rows(&app).await;
            let reply = app.post("/api/tokens/issue", &with(&base, field, &nasty.value)).await;
            let after = rows(&app).await;
            let kept = Rows { tokens: before.tokens + 1, audit: before.audit + 1, ..before };
            sweep.expected(&what, &reply, expect, before, after, kept);
            // The page the form is sent back to shows the Token, or the refused form as typed: safely too.
            if !reply.location().is_empty() {
                let page = app.get(reply.location()).await;
                sweep.answered_safely(&format!("{what}, then GET {}", reply.location()), &page);
            }
            if matches!(expect, Expect::Kept) && reply.refusal().is_none() {
                let stored = latest_token(&app).await;
                let typed = nasty.value.trim();
                match field {
                    "name" => sweep.check(stored.intended_name.as_deref() == Some(typed), &what, || {
                        format!("stored name {:?}", stored.intended_name)
                    }),
                    "reference" => {
                        sweep.check(stored.reference.as_deref() == Some(typed).filter(|t| !t.is_empty()), &what, || {
                            format!("stored reference {:?}", stored.reference)
                        })
                    }
                    _ => {}
                }
            }
        }
    }

    for path in ["/api/tokens/revoke", "/api/tokens/reissue"] {
        let base = vec![("csrf_token", csrf.clone()), ("token_id", pending.id.to_string())];
        for field in ["csrf_token", "token_id"] {
            for nasty in sweep_values() {
                let expect = match field {
                    "csrf_token" => Expect::Refused(StatusCode::FORBIDDEN, &[FormProblem::FormExpired]),
                    _ => Expect::Refused(StatusCode::NOT_FOUND, &[]),
                };
                let before = rows(&app).await;
                let reply = app.post(path, &with(&base, field, &nasty.value)).await;
                let after = rows(&app).await;
                sweep.expected(&format!("POST {path} {field}={}", nasty.label), &reply, expect, before, after, before);
            }
        }
    }
    // A stored name with `</title>` in it (found by this sweep: leptos_meta 0.8 writes the title unescaped, so the
    // server escapes it in `shell::format_title`) stays text when the Token is re-issued, whoever re-issues it.
    let breakout = activation_token::Entity::find()
        .filter(activation_token::Column::IntendedName.eq("</title><script>alert(1)</script>"))
        .one(&app.state.db)
        .await
        .expect("query");
    if let Some(stored) = breakout {
        let fields = [("csrf_token", csrf.as_str()), ("token_id", &stored.id.to_string())];
        let reply = app.post("/api/tokens/reissue", &fields).await;
        sweep.check(
            reply.refusal().is_none() && reply.location() == "/backend/tokens",
            "re-issuing the stored title breakout",
            || format!("{} {}", reply.status, reply.location()),
        );
        let page = app.get("/backend/tokens").await;
        sweep
            .answered_safely("POST /api/tokens/reissue of the Token named with a title breakout, then its page", &page);
    }
    let still = activation_token::Entity::find_by_id(pending.id).one(&app.state.db).await.expect("query").expect("row");
    sweep.check(still.revoked_at.is_none(), "the valid Token", || "was revoked by a refused form".to_owned());

    for nasty in sweep_values().filter(|nasty| nasty.fits_url) {
        let query = serde_urlencoded::to_string([("done", nasty.value.as_str())]).expect("query");
        let reply = app.get(&format!("/backend/tokens?{query}")).await;
        sweep.check(reply.status == StatusCode::OK, "GET /backend/tokens?done=", || format!("{}", reply.status));
        sweep.answered_safely(&format!("GET /backend/tokens?done={}", nasty.label), &reply);
    }
    listings_are_safe(&mut app, &mut sweep).await;
    sweep.finish();
}

#[tokio::test]
async fn a_citizen_id_typed_as_a_persons_name_is_refused_or_never_shown_or_stored_raw() {
    let (mut app, csrf) = staff_signed_in().await;
    let mut sweep = Sweep::default();
    let typed = citizen_id_like();
    let person = digital_id::testing::random_citizen_id();
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("role", "central"),
        ("unit", "DOPA"),
        ("citizen_id", person.as_str()),
        ("name", typed.as_str()),
        ("reference", ""),
        ("lifetime_days", "7"),
    ];
    let before = rows(&app).await;
    // Found by this sweep: the name was stored, printed and listed with the citizen ID in full. Free text of a Token
    // (name, reference) is now stored with any citizen ID masked, as the audit log's is.
    let reply = app.post("/api/tokens/issue", &fields).await;
    sweep.answered_safely("POST /api/tokens/issue name=citizen ID", &reply);
    let page = app.get(reply.location()).await;
    sweep.answered_safely("GET /backend/tokens after name=citizen ID", &page);
    let after = rows(&app).await;
    let stored = activation_token::Entity::find()
        .filter(activation_token::Column::IntendedName.contains(&typed))
        .count(&app.state.db)
        .await
        .expect("count");
    sweep.check(stored == 0, "activation_token.intended_name", || format!("holds the raw citizen ID {typed}"));
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::TargetName.contains(&typed))
        .count(&app.state.db)
        .await
        .expect("count");
    sweep.check(audited == 0, "audit_event.target_name", || format!("holds the raw citizen ID {typed}"));
    if reply.status.is_client_error() {
        sweep.check(after == before, "a refused name", || format!("rows {before:?} → {after:?}"));
    }
    listings_are_safe(&mut app, &mut sweep).await;
    sweep.finish();
}

#[tokio::test]
async fn every_accounts_form_field_refuses_hostile_input_without_a_500_and_changes_no_officer() {
    let (mut app, csrf) = staff_signed_in().await;
    let mut sweep = Sweep::default();
    let target = app.person("ทะเบียน").await;
    app.import_officer(&target, "นางทะเบียน ทดสอบระบบ", "DOPA-BORA", "agency").await;
    let officer = app.officer_of(&target).await;
    let id = officer.id.to_string();
    let status_form =
        vec![("csrf_token", csrf.clone()), ("officer_id", id.clone()), ("status", "suspended".to_owned())];
    let assign_form = vec![
        ("csrf_token", csrf.clone()),
        ("officer_id", id.clone()),
        ("role", "agency".to_owned()),
        ("unit", "DOPA-BORA".to_owned()),
    ];
    for (path, base) in [("/api/accounts/status", &status_form), ("/api/accounts/assign", &assign_form)] {
        for (field, _) in base.iter() {
            for nasty in sweep_values() {
                let expect = match *field {
                    "csrf_token" => Expect::Refused(StatusCode::FORBIDDEN, &[FormProblem::FormExpired]),
                    "officer_id" | "status" => Expect::Refused(StatusCode::NOT_FOUND, &[]),
                    "role" => Expect::Refused(UNPROCESSABLE, &[FormProblem::RoleNotAllowed]),
                    _ => Expect::Refused(UNPROCESSABLE, &[FormProblem::UnitNotAllowed]),
                };
                let before = rows(&app).await;
                let reply = app.post(path, &with(base, field, &nasty.value)).await;
                let after = rows(&app).await;
                sweep.expected(&format!("POST {path} {field}={}", nasty.label), &reply, expect, before, after, before);
            }
        }
    }
    let now = app.officer_of(&target).await;
    let unchanged = (now.status, now.role, now.unit_id) == (officer.status, officer.role, officer.unit_id);
    sweep.check(unchanged, "the target officer", || format!("changed by refused forms: {officer:?} → {now:?}"));

    // The page's query: the banner's code and the search (anything typed finds or does not, never fails).
    for field in ["done", "q"] {
        for nasty in sweep_values().filter(|nasty| nasty.fits_url) {
            let query = serde_urlencoded::to_string([(field, nasty.value.as_str())]).expect("query");
            let what = format!("GET /backend/accounts?{field}={}", nasty.label);
            let before = rows(&app).await;
            let reply = app.get(&format!("/backend/accounts?{query}")).await;
            sweep.check(reply.status == StatusCode::OK, &what, || format!("{}", reply.status));
            sweep.answered_safely(&what, &reply);
            sweep.check(rows(&app).await == before, &what, || "rows changed".to_owned());
        }
    }
    listings_are_safe(&mut app, &mut sweep).await;
    sweep.finish();
}

#[tokio::test]
async fn every_units_form_field_refuses_hostile_input_without_a_500_and_keeps_accepted_names_exactly() {
    let (mut app, csrf) = staff_signed_in().await;
    let mut sweep = Sweep::default();
    let code_invalid = Expect::Refused(UNPROCESSABLE, &[FormProblem::CodeInvalid]);
    let parent_invalid = Expect::Refused(UNPROCESSABLE, &[FormProblem::ParentInvalid]);
    let not_found = Expect::Refused(StatusCode::NOT_FOUND, &[]);
    let mut serial = 0;
    for action in ["create", "rename", "move", "retire"] {
        let fields: &[&str] = match action {
            "create" => &["csrf_token", "code", "name_th", "name_en", "kind", "parent"],
            "rename" => &["code", "name_th", "name_en"],
            "move" => &["code", "parent"],
            _ => &["code"],
        };
        for field in fields {
            for nasty in sweep_values() {
                serial += 1;
                // A fresh code for each created unit; the others act on a real unit that stays where it is.
                let code = if action == "create" { format!("BAD-{serial}") } else { "DOPA-BORA".to_owned() };
                let base = vec![
                    ("csrf_token", csrf.clone()),
                    ("code", code.clone()),
                    ("name_th", "หน่วยทดสอบ".to_owned()),
                    ("name_en", "Test unit".to_owned()),
                    ("kind", "division".to_owned()),
                    // Moving to the unit's own parent is the one valid move that changes nothing.
                    ("parent", "DOPA".to_owned()),
                ];
                let expect = match *field {
                    "csrf_token" => Expect::Refused(StatusCode::FORBIDDEN, &[FormProblem::FormExpired]),
                    "code" if action == "create" => code_invalid,
                    "code" => not_found,
                    "name_th" => as_text(&nasty, Expect::Refused(UNPROCESSABLE, &[FormProblem::NameMissing])),
                    "name_en" => as_text(&nasty, Expect::Kept),
                    _ => parent_invalid,
                };
                let path = format!("/api/units/{action}");
                let what = format!("POST {path} {field}={}", nasty.label);
                let before = rows(&app).await;
                let reply = app.post(&path, &with(&base, field, &nasty.value)).await;
                let after = rows(&app).await;
                let kept =
                    Rows { units: before.units + u64::from(action == "create"), audit: before.audit + 1, ..before };
                sweep.expected(&what, &reply, expect, before, after, kept);
                if matches!(expect, Expect::Kept) {
                    let stored = unit(&app, &code).await;
                    let typed = nasty.value.trim();
                    let (name_th, name_en) = match *field {
                        "name_th" => (typed, Some("Test unit")),
                        _ => ("หน่วยทดสอบ", Some(typed).filter(|typed| !typed.is_empty())),
                    };
                    let exact = stored
                        .as_ref()
                        .is_some_and(|unit| unit.name_th == name_th && unit.name_en.as_deref() == name_en);
                    sweep.check(exact, &what, || format!("stored {stored:?}"));
                }
            }
        }
    }
    let bora = unit(&app, "DOPA-BORA").await.expect("DOPA-BORA");
    let dopa = unit(&app, "DOPA").await.expect("DOPA");
    sweep.check(bora.retired_at.is_none() && bora.parent_id == Some(dopa.id), "DOPA-BORA", || {
        format!("moved or retired by refused forms: {bora:?}")
    });
    for nasty in sweep_values().filter(|nasty| nasty.fits_url) {
        let query = serde_urlencoded::to_string([("done", nasty.value.as_str())]).expect("query");
        let reply = app.get(&format!("/backend/units?{query}")).await;
        sweep.check(reply.status == StatusCode::OK, "GET /backend/units?done=", || format!("{}", reply.status));
        sweep.answered_safely(&format!("GET /backend/units?done={}", nasty.label), &reply);
    }
    listings_are_safe(&mut app, &mut sweep).await;
    sweep.finish();
}

#[tokio::test]
async fn every_audit_filter_refuses_hostile_input_with_a_thai_problem_and_the_csv_sends_it_back_to_the_page() {
    let (mut app, _) = staff_signed_in().await;
    let mut sweep = Sweep::default();
    // How many entries to show: anything but a number shows the first page.
    for nasty in sweep_values().filter(|nasty| nasty.fits_url) {
        let query = serde_urlencoded::to_string([("shown", nasty.value.as_str())]).expect("query");
        let what = format!("GET /backend/audit?shown={}", nasty.label);
        let page = app.get(&format!("/backend/audit?{query}")).await;
        sweep.check(page.status == StatusCode::OK, &what, || format!("{}", page.status));
        sweep.answered_safely(&what, &page);
    }
    for field in ["from", "to", "event", "actor", "unit"] {
        let problem: &'static [FormProblem] = match field {
            "from" | "to" => &[FormProblem::DateInvalid],
            "unit" => &[FormProblem::UnitNotAllowed],
            _ => &[FormProblem::TextInvalid],
        };
        for nasty in sweep_values().filter(|nasty| nasty.fits_url) {
            let query = serde_urlencoded::to_string([(field, nasty.value.as_str())]).expect("query");
            let blank = nasty.as_text == AsText::Blank;
            let before = rows(&app).await;
            let page = app.get(&format!("/backend/audit?{query}")).await;
            let expect = if blank { Expect::Kept } else { Expect::Refused(UNPROCESSABLE, problem) };
            let after = rows(&app).await;
            sweep.expected(
                &format!("GET /backend/audit?{field}={}", nasty.label),
                &page,
                expect,
                before,
                after,
                before,
            );

            let what = format!("GET /backend/audit.csv?{field}={}", nasty.label);
            let csv = app.get(&format!("/backend/audit.csv?{query}")).await;
            sweep.answered_safely(&what, &csv);
            if blank {
                sweep.check(csv.status == StatusCode::OK, &what, || format!("{}", csv.status));
            } else {
                let back = csv.status == StatusCode::SEE_OTHER && csv.location().starts_with("/backend/audit?");
                sweep.check(back, &what, || {
                    format!("expected 303 to the page, got {} {:?}", csv.status, csv.location())
                });
            }
            sweep.check(rows(&app).await == before, &what, || "rows changed".to_owned());
        }
    }
    sweep.finish();
}

#[tokio::test]
async fn the_sign_in_routes_refuse_hostile_input_without_a_500_and_store_nothing_but_their_own_login() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let mut sweep = Sweep::default();

    // Login: a foreign provider goes back to the buttons; an odd intent or return path still signs in, to home.
    for field in ["provider", "intent", "return_to"] {
        for nasty in sweep_values() {
            let base = vec![
                ("provider", "digital-id".to_owned()),
                ("intent", String::new()),
                ("return_to", "/backend/profile".to_owned()),
            ];
            let what = format!("POST /auth/login {field}={}", nasty.label);
            let before = rows(&app).await;
            let reply = app.post("/auth/login", &with(&base, field, &nasty.value)).await;
            let after = rows(&app).await;
            sweep.answered_safely(&what, &reply);
            if field == "provider" {
                let back = (reply.status, reply.location()) == (StatusCode::SEE_OTHER, "/backend/sign-in");
                sweep.check(back, &what, || format!("{} {:?}", reply.status, reply.location()));
                sweep.check(after == before, &what, || format!("rows {before:?} → {after:?}"));
            } else {
                let to_digital_id =
                    reply.status == StatusCode::SEE_OTHER && reply.location().starts_with(&app.sim.issuer);
                sweep.check(to_digital_id, &what, || format!("{} {:?}", reply.status, reply.location()));
                sweep.check(after == Rows { logins: before.logins + 1, ..before }, &what, || format!("{after:?}"));
                let stored = login_transaction::Entity::find().all(&app.state.db).await.expect("query");
                let allowed = stored.iter().all(|login| {
                    login.payload.contains("\"return_to\":\"/backend/home\"")
                        || login.payload.contains("\"return_to\":\"/backend/profile\"")
                });
                sweep.check(allowed, &what, || "a return path outside the allow-list was stored".to_owned());
            }
        }
    }

    // Callback: each parameter hostile, the others those of a real login in progress.
    for field in ["code", "state", "iss", "error"] {
        for nasty in sweep_values().filter(|nasty| nasty.fits_url) {
            let before = rows(&app).await;
            let authorize = url::Url::parse(&app.start_sign_in().await).expect("authorize URL");
            let state = authorize.query_pairs().find(|(key, _)| key == "state").expect("state").1.into_owned();
            let mut params = vec![("code", "a-code-we-never-issued".to_owned()), ("state", state)];
            params.retain(|(key, _)| *key != field);
            params.push((field, nasty.value.clone()));
            let query = serde_urlencoded::to_string(&params).expect("query");
            let what = format!("GET /auth/callback {field}={}", nasty.label);
            let reply = app.get(&format!("/auth/callback?{query}")).await;
            let after = rows(&app).await;
            sweep.answered_safely(&what, &reply);
            let failed = reply.status == StatusCode::SEE_OTHER
                && reply.location().starts_with("/backend/sign-in-failed?reference=");
            sweep.check(failed, &what, || format!("{} {:?}", reply.status, reply.location()));
            // The login in progress is used up, unless the hostile value was its state (then it waits to expire);
            // a used-up login's refusal is one audit row (`sign_in_refused`).
            let logins = before.logins + u64::from(field == "state");
            let audit = before.audit + u64::from(field != "state");
            sweep.check(after == Rows { logins, audit, ..before }, &what, || format!("rows {before:?} → {after:?}"));
            if failed {
                let location = reply.location().to_owned();
                let page = app.get(&location).await;
                sweep.answered_safely(&format!("{what}, then its failure page"), &page);
            }
        }
    }

    for nasty in sweep_values().filter(|nasty| nasty.fits_url) {
        let query = serde_urlencoded::to_string([("reference", nasty.value.as_str())]).expect("query");
        let what = format!("GET /backend/sign-in-failed?reference={}", nasty.label);
        let reply = app.get(&format!("/backend/sign-in-failed?{query}")).await;
        // The page always answers 400 (it is the end of a failed sign-in), and shows only what looks like a reference.
        sweep.check(reply.status == StatusCode::BAD_REQUEST, &what, || format!("{}", reply.status));
        sweep.answered_safely(&what, &reply);
        if nasty.value.len() > 3 {
            sweep.check(!reply.body.contains(&nasty.value), &what, || "the reference is shown although not one".into());
        }
    }

    // Activation: a person Digital ID knows but the back office does not yet, on the Token page.
    let newcomer = app.person("ผู้มาใหม่").await;
    app.cookies.clear();
    assert_eq!(app.sign_in(&newcomer).await.location(), "/backend/activate");
    let csrf = app.get("/backend/activate").await.field("csrf_token").expect("the Token form");
    let base = vec![("csrf_token", csrf.clone()), ("token", "7K3M-Q9XA-7K3M-Q9XA-7K3M-Q9XA-7K3M".to_owned())];
    for field in ["csrf_token", "token"] {
        for nasty in sweep_values() {
            let what = format!("POST /backend/activate {field}={}", nasty.label);
            let before = rows(&app).await;
            let reply = app.activate(&with(&base, field, &nasty.value)).await;
            let after = rows(&app).await;
            sweep.answered_safely(&what, &reply);
            sweep.check(reply.status.is_client_error(), &what, || format!("{}", reply.status));
            // Malformed entries are not attempts (only a well-formed Token counts towards the limit and the log).
            sweep.check(after == before, &what, || format!("rows {before:?} → {after:?}"));
        }
    }
    let still_pending = app.get("/backend/activate").await;
    sweep.check(still_pending.status == StatusCode::OK, "the pending session", || format!("{}", still_pending.status));

    // Logout: only the session's own token signs out.
    for nasty in sweep_values() {
        let what = format!("POST /auth/logout csrf_token={}", nasty.label);
        let before = rows(&app).await;
        let reply = app.post("/auth/logout", &[("csrf_token", nasty.value.as_str())]).await;
        let after = rows(&app).await;
        sweep.answered_safely(&what, &reply);
        sweep.check(reply.status == StatusCode::FORBIDDEN, &what, || format!("{}", reply.status));
        sweep.check(has_thai(&reply.body), &what, || format!("not Thai: {}", excerpt(&reply.body)));
        sweep.check(after == before, &what, || format!("rows {before:?} → {after:?}"));
    }
    let signed_in = app.get("/backend/activate").await;
    sweep.check(signed_in.status == StatusCode::OK, "after the logouts", || "the session ended".to_owned());
    sweep.finish();
}

/// The `value` of the `<input>` with `id`, decoded.
fn input_value(body: &str, id: &str) -> Option<String> {
    let at = body.find(&format!("id=\"{id}\""))?;
    let start = body[..at].rfind("<input")?;
    let tag = &body[start..start + body[start..].find('>')?];
    let value = tag.split("value=\"").nth(1)?;
    Some(
        value[..value.find('"')?]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// The inline error of the field with `id` (`{id}-error`), as text.
fn field_error(body: &str, id: &str) -> Option<String> {
    let at = body.find(&format!("id=\"{id}-error\""))?;
    let end = at + body[at..].find("</p>")?;
    Some(body[at..end].to_owned())
}

#[tokio::test]
async fn j11_a_token_named_with_a_right_to_left_override_is_refused_in_thai_beside_the_name_keeping_what_was_typed() {
    let (mut app, csrf) = staff_signed_in().await;
    let person = digital_id::testing::random_citizen_id();
    let spoof = "นายสมชาย invoice\u{202E}gnp.exe";
    let stacked = format!("มท 0309{}", "\u{0E49}".repeat(12));
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("role", "central"),
        ("unit", "DOPA"),
        ("citizen_id", person.as_str()),
        ("name", spoof),
        ("reference", stacked.as_str()),
        ("lifetime_days", "7"),
    ];
    let before = rows(&app).await;
    let refused = app.post("/api/tokens/issue", &fields).await;
    assert_eq!(refused.refusal(), Some(AppError::field("name", FormProblem::TextDirectionControl)), "{refused:?}");
    assert_eq!(refused.outcome(), UNPROCESSABLE);
    assert_eq!(rows(&app).await, before, "no Token, no audit entry");
    let reply = app.get(refused.location()).await;
    let name_error = field_error(&reply.body, "name").expect("an error beside the name");
    assert!(name_error.contains(ADMIN_TH.problem(FormProblem::TextDirectionControl)), "{name_error}");
    let reference_error = field_error(&reply.body, "reference").expect("an error beside the reference");
    assert!(reference_error.contains(ADMIN_TH.problem(FormProblem::TextStackedMarks)), "{reference_error}");
    assert!(
        reply.body.contains("href=\"#name\"") && reply.body.contains("href=\"#reference\""),
        "the summary links both"
    );
    assert_eq!(reply.field("name").as_deref(), Some(spoof), "what was typed is kept, to be corrected");
    assert_eq!(reply.field("reference").as_deref(), Some(stacked.as_str()));
    assert_eq!(reply.field("citizen_id").as_deref(), Some(person.as_str()));

    let fixed = [("name", "นายสมชาย ใจดี"), ("reference", "มท 0309.1/ว 1234")];
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(key, value)| (*key, fixed.iter().find(|(field, _)| field == key).map_or(*value, |(_, v)| *v)))
        .collect();
    let reply = app.post("/api/tokens/issue", &fields).await;
    assert_eq!((reply.refusal(), reply.location()), (None, "/backend/tokens"), "corrected, it is issued");
    assert_eq!(latest_token(&app).await.intended_name.as_deref(), Some("นายสมชาย ใจดี"));
}

#[tokio::test]
async fn j11_a_unit_renamed_with_stacked_marks_or_a_zero_width_space_is_refused_in_thai_keeping_what_was_typed() {
    let (mut app, csrf) = staff_signed_in().await;
    let before = rows(&app).await;
    let stacked = format!("สำนักบริหารการทะเบี{}ยน", "\u{0E35}\u{0E48}\u{0E49}");
    let rename = |name_th: &str, name_en: &str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("code", "DOPA-BORA".to_owned()),
            ("name_th", name_th.to_owned()),
            ("name_en", name_en.to_owned()),
        ]
    };
    let form = rename(&stacked, "Bureau of Registration");
    let fields: Vec<(&str, &str)> = form.iter().map(|(key, value)| (*key, value.as_str())).collect();
    let reply = app.post("/api/units/rename", &fields).await;
    assert_eq!(reply.refusal(), Some(AppError::field("name_th", FormProblem::TextStackedMarks)));
    assert_eq!(reply.outcome(), UNPROCESSABLE);
    // The page shows it again, once: the sentence beside the Thai name and what was typed (from the flash).
    let page = app.get(reply.location()).await;
    let error = field_error(&page.body, "name_th-DOPA-BORA").expect("an error beside the Thai name");
    assert!(error.contains(ADMIN_TH.problem(FormProblem::TextStackedMarks)), "{error}");
    assert_eq!(input_value(&page.body, "name_th-DOPA-BORA").as_deref(), Some(stacked.as_str()));
    assert_eq!(input_value(&page.body, "name_en-DOPA-BORA").as_deref(), Some("Bureau of Registration"));

    let form = rename("สำนักบริหารการทะเบียน", "Bureau\u{200B} of Registration");
    let fields: Vec<(&str, &str)> = form.iter().map(|(key, value)| (*key, value.as_str())).collect();
    let reply = app.post("/api/units/rename", &fields).await;
    assert_eq!(reply.refusal(), Some(AppError::field("name_en", FormProblem::TextInvisibleCharacter)));
    let page = app.get(reply.location()).await;
    let error = field_error(&page.body, "name_en-DOPA-BORA").expect("an error beside the English name");
    assert!(error.contains(ADMIN_TH.problem(FormProblem::TextInvisibleCharacter)), "{error}");
    assert_eq!(rows(&app).await, before, "nothing renamed, nothing audited");
    assert_eq!(unit(&app, "DOPA-BORA").await.expect("DOPA-BORA").name_th, "สำนักบริหารการทะเบียน");
}
