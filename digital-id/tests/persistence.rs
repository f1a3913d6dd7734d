//! What survives a restart of the simulator (accounts, consents, signing keys), key rotation and retirement, and
//! the demo accounts.

use digital_id::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD};
use digital_id::entities::signing_key::KeyStatus;
use digital_id::{Settings, Simulator, accounts, testing};
use domain::database::DatabaseUrl;

fn settings_at(path: &std::path::Path) -> Settings {
    Settings {
        issuer: "http://127.0.0.1:3002".into(),
        database_url: DatabaseUrl::new(format!("sqlite://{}?mode=rwc", path.display())),
        enable_faults: false,
        clients: vec![testing::test_client()],
    }
}

fn scratch_file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("digital-id-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join("digital-id.db")
}

#[tokio::test]
async fn accounts_consents_and_keys_survive_a_restart() {
    let file = scratch_file("restart");
    let (sub, kid) = {
        let simulator = Simulator::open(settings_at(&file)).await.expect("first start");
        let db = &simulator.state().db;
        let loaded = digital_id::demo::load(db).await.expect("demo accounts");
        assert_eq!(loaded, DEMO_ACCOUNTS.len());
        let account = accounts::authenticate(db, "central.officer", DEMO_PASSWORD.into())
            .await
            .expect("query")
            .expect("the demo password works");
        accounts::record_consent(db, &account.id, testing::CLIENT_ID, &["openid".into(), "citizen_id".into()])
            .await
            .expect("consent");
        (account.id, simulator.state().keys.active().await.expect("a first key").kid)
    };

    let simulator = Simulator::open(settings_at(&file)).await.expect("second start");
    let db = &simulator.state().db;
    let by_citizen_id = accounts::authenticate(db, DEMO_ACCOUNTS[0].citizen_id, DEMO_PASSWORD.into())
        .await
        .expect("query")
        .expect("sign-in by citizen ID after the restart");
    assert_eq!(by_citizen_id.id, sub, "sub is stable");
    assert!(accounts::has_consented(db, &sub, testing::CLIENT_ID, &["openid".into()]).await.expect("query"));
    assert!(!accounts::has_consented(db, &sub, testing::CLIENT_ID, &["email".into()]).await.expect("query"));
    assert_eq!(simulator.state().keys.active().await.expect("key").kid, kid, "the key is kept, not regenerated");
    assert_eq!(digital_id::demo::load(db).await.expect("reload"), 0, "loading demo accounts twice adds none");
    let _ = std::fs::remove_dir_all(file.parent().expect("dir"));
}

#[tokio::test]
async fn a_rotation_keeps_the_old_key_published_until_it_is_retired() {
    let sim = testing::TestSimulator::start(vec![]).await;
    let keys = &sim.simulator.state().keys;
    let old = keys.active().await.expect("first key").kid;
    let new = keys.rotate().await.expect("rotate");
    assert_ne!(old, new);
    assert_eq!(keys.active().await.expect("active").kid, new, "the new key signs");
    let published: Vec<String> = keys.published().await.expect("jwks").into_iter().map(|(kid, _)| kid).collect();
    assert_eq!(published, [new.clone(), old.clone()], "both are in the JWKS, newest first");

    assert!(keys.retire(&new).await.is_err(), "the active key cannot be retired");
    keys.retire(&old).await.expect("retire the old key");
    let published: Vec<String> = keys.published().await.expect("jwks").into_iter().map(|(kid, _)| kid).collect();
    assert_eq!(published, [new]);
    let statuses: Vec<KeyStatus> = keys.list().await.expect("list").into_iter().map(|key| key.status).collect();
    assert_eq!(statuses, [KeyStatus::Retired, KeyStatus::Active]);
}

#[tokio::test]
async fn a_username_or_citizen_id_can_be_registered_only_once() {
    let sim = testing::TestSimulator::start(vec![]).await;
    let db = &sim.simulator.state().db;
    let form = |username: &str, citizen_id: &str| digital_id::pages::RegisterForm {
        given_name: "ซ้ำ".into(),
        family_name: "ทดสอบ".into(),
        citizen_id: citizen_id.into(),
        phone_number: "0812345678".into(),
        username: username.into(),
        password: testing::PASSWORD.into(),
        password_confirmation: testing::PASSWORD.into(),
        ..Default::default()
    };
    let citizen_id = testing::random_citizen_id();
    let first = digital_id::validation::validate_registration(&form("first.user", &citizen_id)).expect("valid");
    accounts::register(db, first).await.expect("first registration");
    let same_username =
        digital_id::validation::validate_registration(&form("first.user", &testing::random_citizen_id()))
            .expect("valid");
    assert!(matches!(accounts::register(db, same_username).await, Err(accounts::RegisterError::UsernameTaken)));
    let same_citizen_id =
        digital_id::validation::validate_registration(&form("second.user", &citizen_id)).expect("valid");
    assert!(matches!(accounts::register(db, same_citizen_id).await, Err(accounts::RegisterError::CitizenIdTaken)));
}
