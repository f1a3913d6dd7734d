//! Identity assurance at the simulator, as at the real Digital ID: registration is unproofed (IAL 1.1) or proofed
//! with the ID card's laser code (a simulated DOPA check, IAL 1.3); a signed-in account raises its level at
//! `/Account/Assurance` (laser code → 1.3, the ThaID app → 2.3); demo accounts carry their documented levels; and
//! UserInfo releases `citizen_id_verified` (a boolean) and `ial_level` (a number) only for their scopes.

use digital_id::accounts;
use digital_id::proofing::{Assurance, REFUSED_LASER_CODE};
use digital_id::testing::{self, BIRTH_DATE, LASER_CODE, PASSWORD, Page, TestBrowser, TestSimulator, authorize_url};
use reqwest::StatusCode;
use serde_json::json;

const LEVEL_SCOPES: &str = "openid citizen_id citizen_id_verified ial_level";

/// The account behind `sub`.
async fn account(sim: &TestSimulator, sub: &str) -> digital_id::entities::account::Model {
    accounts::find(&sim.simulator.state().db, sub).await.expect("query").expect("the account")
}

/// The UserInfo claims a fresh sign-in of `login` gets for `scope`.
async fn claims(sim: &TestSimulator, login: &str, scope: &str) -> serde_json::Value {
    let tokens = sim.tokens_for(&TestBrowser::new(&sim.issuer), login, scope).await;
    sim.userinfo(tokens["access_token"].as_str().expect("an access token")).await
}

/// The registration page reached from a pending authorization, and the form fields of a valid registration.
async fn registration(sim: &TestSimulator, browser: &TestBrowser) -> (Page, Vec<(&'static str, String)>) {
    let sign_in_page = browser.open_sign_in(&authorize_url(&sim.issuer, LEVEL_SCOPES)).await;
    let return_url = sign_in_page.field("ReturnUrl").expect("the pending request");
    let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("ReturnUrl", &return_url).finish();
    let page = browser.get(&format!("/Account/Register?{query}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let fields = vec![
        ("ReturnUrl", return_url),
        ("csrf", page.field("csrf").expect("a CSRF field")),
        ("title", "นาง".to_owned()),
        ("given_name", "พิสูจน์".to_owned()),
        ("family_name", "ตัวตน".to_owned()),
        ("citizen_id", testing::random_citizen_id()),
        ("phone_number", "0898765432".to_owned()),
        ("username", format!("p{}", &uuid::Uuid::new_v4().simple().to_string()[..12])),
        ("password", PASSWORD.to_owned()),
        ("password_confirmation", PASSWORD.to_owned()),
    ];
    (page, fields)
}

fn with(fields: &[(&'static str, String)], extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut all = fields.to_vec();
    all.extend(extra.iter().map(|(name, value)| (*name, (*value).to_owned())));
    all
}

fn borrowed<'f>(fields: &'f [(&'static str, String)]) -> Vec<(&'static str, &'f str)> {
    fields.iter().map(|(name, value)| (*name, value.as_str())).collect()
}

#[tokio::test]
async fn the_registration_page_offers_proofing_with_the_id_cards_laser_code_as_an_optional_labelled_part() {
    let sim = TestSimulator::start(vec![]).await;
    let browser = TestBrowser::new(&sim.issuer);
    let (page, _) = registration(&sim, &browser).await;
    assert!(page.body.contains("<legend>ยืนยันตัวตนด้วยบัตรประจำตัวประชาชน (ไม่บังคับ)</legend>"), "{}", page.body);
    assert!(page.body.contains("<label for=\"birth_date\">วันเดือนปีเกิด</label>"), "{}", page.body);
    assert!(
        page.body.contains("<label for=\"laser_code\">เลขหลังบัตรประจำตัวประชาชน (Laser ID)</label>"),
        "{}",
        page.body
    );
    let laser_input = &page.body[page.body.find("id=\"laser_code\"").expect("the input")..];
    let laser_input = &laser_input[..laser_input.find('>').expect("its end")];
    assert!(!laser_input.contains("required"), "optional: {laser_input}");
}

#[tokio::test]
async fn a_registration_with_the_laser_code_is_ial_1_3_with_a_verified_citizen_id() {
    let sim = TestSimulator::start(vec![]).await;
    let browser = TestBrowser::new(&sim.issuer);
    let (_, fields) = registration(&sim, &browser).await;
    let username = fields.iter().find(|(name, _)| *name == "username").map(|(_, value)| value.clone()).expect("name");

    // The code DOPA refuses: the failure is on its field, and no laser code is ever sent back.
    let refused_code = "JT0-0000000-00";
    assert_eq!(refused_code.replace('-', ""), REFUSED_LASER_CODE);
    let refused = with(&fields, &[("birth_date", BIRTH_DATE), ("laser_code", refused_code)]);
    let refused = browser.post("/Account/Register", &borrowed(&refused)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"laser_code-error\""), "{}", refused.body);
    assert!(refused.body.contains("ไม่ตรงกับทะเบียนราษฎรของกรมการปกครอง"), "{}", refused.body);
    assert!(!refused.body.contains("0000000"), "the laser code is not echoed: {}", refused.body);
    assert_eq!(refused.field("birth_date").as_deref(), Some(BIRTH_DATE), "the birth date is kept");

    // A well-formed code, typed with dashes and in lower case.
    let accepted = with(&fields, &[("birth_date", BIRTH_DATE), ("laser_code", "xy9-7654321-98")]);
    let registered = browser.post("/Account/Register", &borrowed(&accepted)).await;
    assert_eq!(registered.status, StatusCode::SEE_OTHER, "{}", registered.body);

    let db = &sim.simulator.state().db;
    let account = accounts::find_by_login(db, &username).await.expect("query").expect("registered");
    assert_eq!((account.ial_level.as_str(), account.citizen_id_verified), ("1.3", true));
    assert!(!format!("{account:?}").contains("7654321"));
    let claims = claims(&sim, &username, LEVEL_SCOPES).await;
    assert_eq!(claims["ial_level"], json!(1.3), "a number: {claims}");
    assert_eq!(claims["citizen_id_verified"], json!(true), "{claims}");
}

#[tokio::test]
async fn a_registration_without_the_laser_code_is_ial_1_1_and_not_verified() {
    let sim = TestSimulator::start(vec![]).await;
    let browser = TestBrowser::new(&sim.issuer);
    let (_, fields) = registration(&sim, &browser).await;
    let registered = browser.post("/Account/Register", &borrowed(&fields)).await;
    assert_eq!(registered.status, StatusCode::SEE_OTHER, "{}", registered.body);
    let username = &fields.iter().find(|(name, _)| *name == "username").expect("name").1;
    let claims = claims(&sim, username, LEVEL_SCOPES).await;
    assert_eq!((claims["ial_level"].clone(), claims["citizen_id_verified"].clone()), (json!(1.1), json!(false)));
}

#[tokio::test]
async fn userinfo_releases_the_level_claims_only_for_their_scopes() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account_at(Assurance::ThaId).await;

    let without = claims(&sim, &username, "openid citizen_id").await;
    assert!(without.get("ial_level").is_none() && without.get("citizen_id_verified").is_none(), "{without}");
    let level_only = claims(&sim, &username, "openid ial_level").await;
    assert_eq!(level_only["ial_level"], json!(2.3), "{level_only}");
    assert!(level_only.get("citizen_id_verified").is_none(), "{level_only}");
    let verified_only = claims(&sim, &username, "openid citizen_id_verified").await;
    assert_eq!(verified_only["citizen_id_verified"], json!(true), "{verified_only}");
    assert!(verified_only.get("ial_level").is_none(), "{verified_only}");
}

#[tokio::test]
async fn the_test_helpers_make_accounts_at_each_level_and_any_pair_of_claims() {
    let sim = TestSimulator::start(vec![]).await;
    for (assurance, level, verified) in
        [(Assurance::Unproofed, "1.1", false), (Assurance::LaserCode, "1.3", true), (Assurance::ThaId, "2.3", true)]
    {
        let (_, sub) = sim.add_account_at(assurance).await;
        let account = account(&sim, &sub).await;
        assert_eq!((account.ial_level.as_str(), account.citizen_id_verified), (level, verified), "{assurance:?}");
    }
    let (username, sub) = sim.add_account().await;
    sim.set_claims(&sub, "2.3", false).await;
    let claims = claims(&sim, &username, LEVEL_SCOPES).await;
    assert_eq!((claims["ial_level"].clone(), claims["citizen_id_verified"].clone()), (json!(2.3), json!(false)));
}

#[tokio::test]
async fn an_unproofed_account_raises_its_level_with_the_laser_code_and_then_the_thaid_app() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, sub) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);

    // A stranger is sent to sign in first and comes back to the page.
    let page = browser.get("/Account/Assurance").await;
    assert_eq!(page.location.as_deref(), Some("/Account/Login?ReturnUrl=%2FAccount%2FAssurance"));

    let raised = browser.raise_assurance(&username, PASSWORD, Assurance::LaserCode, LASER_CODE).await;
    assert_eq!(raised.location.as_deref(), Some("/Account/Assurance?raised=1"), "{raised:?}");
    let after = account(&sim, &sub).await;
    assert_eq!((after.ial_level.as_str(), after.citizen_id_verified), ("1.3", true));
    let page = browser.get("/Account/Assurance?raised=1").await;
    assert!(page.body.contains("role=\"status\""), "the success is announced: {}", page.body);
    assert!(page.body.contains("IAL 1.3"), "{}", page.body);
    assert!(!page.body.contains("name=\"laser_code\""), "the laser code is no longer offered");

    let csrf = page.field("csrf").expect("a CSRF field");
    let raised = browser.raise_assurance(&username, PASSWORD, Assurance::ThaId, "").await;
    assert_eq!(raised.location.as_deref(), Some("/Account/Assurance?raised=1"));
    assert_eq!(account(&sim, &sub).await.ial_level, "2.3");
    let claims = claims(&sim, &username, LEVEL_SCOPES).await;
    assert_eq!((claims["ial_level"].clone(), claims["citizen_id_verified"].clone()), (json!(2.3), json!(true)));

    // A level is never lowered: the laser code posted again leaves IAL 2.3 as it is.
    let fields =
        [("csrf", csrf.as_str()), ("method", "laser_code"), ("birth_date", BIRTH_DATE), ("laser_code", LASER_CODE)];
    assert_eq!(browser.post("/Account/Assurance", &fields).await.status, StatusCode::SEE_OTHER);
    assert_eq!(account(&sim, &sub).await.ial_level, "2.3");
}

#[tokio::test]
async fn the_assurance_page_refuses_a_laser_code_dopa_does_not_confirm_and_a_post_without_its_csrf_token() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, sub) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);

    let refused = browser.raise_assurance(&username, PASSWORD, Assurance::LaserCode, REFUSED_LASER_CODE).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("กรุณาแก้ไขข้อมูล 1 รายการ"), "{}", refused.body);
    assert!(refused.body.contains("<a href=\"#laser_code\">"), "{}", refused.body);
    assert!(!refused.body.contains(REFUSED_LASER_CODE), "not echoed");
    let forged = browser.post("/Account/Assurance", &[("csrf", "forged"), ("method", "thaid")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let unchanged = account(&sim, &sub).await;
    assert_eq!((unchanged.ial_level.as_str(), unchanged.citizen_id_verified), ("1.1", false));
}

#[tokio::test]
async fn loading_the_demo_accounts_sets_their_documented_levels_again() {
    let sim = TestSimulator::start(vec![]).await;
    let db = &sim.simulator.state().db;
    digital_id::demo::load(db).await.expect("the demo accounts load");
    for demo in digital_id::demo::DEMO_ACCOUNTS {
        let account = accounts::find_by_login(db, demo.username).await.expect("query").expect("loaded");
        assert_eq!(Assurance::of(&account), demo.assurance, "{}", demo.username);
    }
    let new_officer = accounts::find_by_login(db, "new.officer").await.expect("query").expect("loaded");
    assert_eq!((new_officer.ial_level.as_str(), new_officer.citizen_id_verified), ("1.1", false));
    accounts::set_assurance(db, &new_officer.id, Assurance::ThaId).await.expect("raised in a demonstration");
    assert_eq!(digital_id::demo::load(db).await.expect("load again"), 0);
    assert_eq!(Assurance::of(&account(&sim, &new_officer.id).await), Assurance::Unproofed, "back to IAL 1.1");
}
