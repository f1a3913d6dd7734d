//! Several real `server` processes behind one public address, sharing one PostgreSQL database and one Digital ID:
//! whatever one instance learns (a sign-in, a suspension, a Token's redemption, a back-channel logout) every other
//! acts on at the next request; instances started together on an empty database all come up; and a stopped instance
//! drains before it goes. The test's client is the load balancer and chooses the instance of every request. Needs
//! `TEST_DATABASE_URL` (SQLite is single-instance by design); without it each test says so and passes.

mod support {
    pub mod instances;
}

use std::time::Duration;

use app::app_error::{ActivationRefusal, AppError};
use app::paths::{ACCOUNTS_PAGE, ACTIVATED_PAGE, ACTIVATION_PAGE, HOME_PAGE, SIGN_IN_PAGE};
use digital_id::testing::TestBrowser;
use domain::entities::audit_event::{self, AuditEvent};
use domain::entities::officer::{self, OfficerSource, OfficerStatus};
use domain::entities::{activation_token, officer_session};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use sea_orm_migration::MigratorTrait;
use support::instances::{BASE_URL, Browser, Cluster, Instance, Person};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

/// Where the identity-confirmation form posts: the `activate` server function.
const ACTIVATE: &str = "/api/activation/activate";
/// Where the officers page's "ระงับการใช้งาน" posts: the `set_officer_status` server function.
const SET_OFFICER_STATUS: &str = "/api/accounts/status";

/// The officer `person` became, if any.
async fn officer_of(db: &DatabaseConnection, person: &Person) -> Option<officer::Model> {
    officer::Entity::find().filter(officer::Column::Subject.eq(&person.subject)).one(db).await.expect("query officers")
}

/// How many sessions `person` holds, on any instance.
async fn sessions_of(db: &DatabaseConnection, person: &Person) -> u64 {
    officer_session::Entity::find()
        .filter(officer_session::Column::Subject.eq(&person.subject))
        .count(db)
        .await
        .expect("count sessions")
}

/// The audit log's entries of `event`.
async fn audit_events(db: &DatabaseConnection, event: AuditEvent) -> Vec<audit_event::Model> {
    audit_event::Entity::find().filter(audit_event::Column::Event.eq(event)).all(db).await.expect("query the audit log")
}

/// A cluster of instances `A` and `B` holding the sample tree and `person` imported as a central officer of DOPA;
/// `None` without PostgreSQL.
async fn two_instances_with_an_officer(test: &str, given_name: &str) -> Option<(Cluster, Person)> {
    let mut cluster = Cluster::new(test, &["A", "B"]).await?;
    cluster.command(&["units", "load-sample"]);
    let person = cluster.person(given_name).await;
    cluster.import_officer(&person, &format!("นางสาว{given_name} นำเข้า"), "DOPA", "central");
    cluster.launch(&[]).await;
    Some((cluster, person))
}

#[tokio::test]
async fn an_officer_signed_in_through_one_instance_carries_on_at_another() {
    let test = "sign in on A, carry on on B";
    let Some((cluster, person)) = two_instances_with_an_officer(test, "วิไลวรรณ").await else { return };
    let (a, b) = (cluster.instance("A"), cluster.instance("B"));
    let mut browser = Browser::default();

    // "Digital ID" is pressed on A; Digital ID's redirect comes back through the load balancer to B, which finds the
    // login A started.
    let callback = cluster.sign_in(&mut browser, &TestBrowser::new(&cluster.sim.issuer), &person, a, b).await;
    let signed_in = callback.status == 303 && callback.location == HOME_PAGE && browser.has_session();
    b.ensure(signed_in, "the callback of a login started on A signs the officer in", &callback);

    let home = browser.get(b, HOME_PAGE).await;
    b.ensure(home.status == 200 && home.body.contains("วิไลวรรณ"), "home shows the officer's name", &home);
    let home = browser.get(a, HOME_PAGE).await;
    a.ensure(home.status == 200 && home.body.contains("วิไลวรรณ"), "home shows the officer's name on A too", &home);
}

#[tokio::test]
async fn an_officer_suspended_through_one_instance_is_refused_at_their_next_request_to_another() {
    let test = "suspend on A, refused on B";
    let Some((cluster, central)) = two_instances_with_an_officer(test, "สมศรี").await else { return };
    let db = &cluster.database.db;
    let (a, b) = (cluster.instance("A"), cluster.instance("B"));
    let officer = cluster.person("ประภาพร").await;
    cluster.import_officer(&officer, "นางประภาพร นำเข้า", "DOPA-CMI", "agency");

    // The officer works on B.
    let mut officers_browser = Browser::default();
    let digital_id = TestBrowser::new(&cluster.sim.issuer);
    let callback = cluster.sign_in(&mut officers_browser, &digital_id, &officer, a, a).await;
    a.ensure(callback.location == HOME_PAGE, "the officer signs in", &callback);
    let home = officers_browser.get(b, HOME_PAGE).await;
    b.ensure(home.status == 200, "the officer's home before the suspension", &home);

    // Their central officer suspends them on A's officers page.
    let mut centrals_browser = Browser::default();
    let callback = cluster.sign_in(&mut centrals_browser, &TestBrowser::new(&cluster.sim.issuer), &central, a, a).await;
    a.ensure(callback.location == HOME_PAGE, "the central officer signs in", &callback);
    let accounts = centrals_browser.get(a, ACCOUNTS_PAGE).await;
    let csrf = accounts.field("csrf_token").unwrap_or_else(|| a.fail("the officers page has its forms", &accounts));
    let officer_id = officer_of(db, &officer).await.expect("the imported officer").id.to_string();
    let fields = [("csrf_token", csrf.as_str()), ("officer_id", officer_id.as_str()), ("status", "suspended")];
    let suspended = centrals_browser.post(a, SET_OFFICER_STATUS, &fields).await;
    let done = format!("{ACCOUNTS_PAGE}?done=suspended");
    a.ensure(suspended.status == 303 && suspended.location == done, "the suspension", &suspended);

    // B refuses the very next request: the session has ended, whichever instance held it.
    let next = officers_browser.get(b, HOME_PAGE).await;
    b.ensure(next.status == 303 && next.location == SIGN_IN_PAGE, "the suspended officer's next request", &next);
    b.ensure(sessions_of(db, &officer).await == 0, "the suspended officer holds no session", &next);
    let row = officer_of(db, &officer).await.expect("the officer");
    b.ensure(row.status == OfficerStatus::Suspended, "the officer is suspended", format!("{row:?}"));
}

#[tokio::test]
async fn a_token_redeemed_on_two_instances_at_the_same_instant_makes_exactly_one_officer() {
    let Some(mut cluster) = Cluster::new("one Token redeemed on A and B at once", &["A", "B"]).await else { return };
    cluster.command(&["units", "load-sample"]);
    let issued = cluster.command(&["issue-token", "--role", "agency", "--unit", "DOPA-CMI"]);
    let token = issued.lines().last().expect("the Token on the last line").to_owned();
    let (first, second) = (cluster.person("กนกพร").await, cluster.person("จันทร์เพ็ญ").await);
    cluster.launch(&[]).await;
    let db = &cluster.database.db;
    let (a, b) = (cluster.instance("A"), cluster.instance("B"));

    // Two new Digital ID accounts, each signed in and asked for a Token: one through A, one through B.
    let (mut on_a, mut on_b) = (Browser::default(), Browser::default());
    for (browser, person, instance) in [(&mut on_a, &first, a), (&mut on_b, &second, b)] {
        let callback =
            cluster.sign_in(browser, &TestBrowser::new(&cluster.sim.issuer), person, instance, instance).await;
        instance.ensure(callback.location == ACTIVATION_PAGE, "a new account is asked for a Token", &callback);
    }
    let form_a = on_a.get(a, ACTIVATION_PAGE).await;
    let csrf_a = form_a.field("csrf_token").unwrap_or_else(|| a.fail("the Token form", &form_a));
    let form_b = on_b.get(b, ACTIVATION_PAGE).await;
    let csrf_b = form_b.field("csrf_token").unwrap_or_else(|| b.fail("the Token form", &form_b));

    // Both press "ยืนยัน" with the same Token at the same instant.
    let barrier = tokio::sync::Barrier::new(2);
    let (reply_a, reply_b) = tokio::join!(
        async {
            barrier.wait().await;
            on_a.post(a, ACTIVATE, &[("csrf_token", csrf_a.as_str()), ("token", token.as_str())]).await
        },
        async {
            barrier.wait().await;
            on_b.post(b, ACTIVATE, &[("csrf_token", csrf_b.as_str()), ("token", token.as_str())]).await
        },
    );
    let activated = |reply: &support::instances::Reply| reply.status == 303 && reply.location == ACTIVATED_PAGE;
    let (winner, loser, winning_person, losing_person, losing_instance) =
        match (activated(&reply_a), activated(&reply_b)) {
            (true, false) => (&reply_a, &reply_b, &first, &second, b),
            (false, true) => (&reply_b, &reply_a, &second, &first, a),
            _ => panic!("exactly one redemption must succeed:\n{reply_a}\n\n{reply_b}"),
        };
    let refused = loser.refusal() == Some(AppError::Activation(ActivationRefusal::Refused));
    losing_instance.ensure(
        refused,
        "the other redemption is refused as a used Token",
        format!("{loser}\n{:?}", loser.refusal()),
    );

    // The database agrees: one Token used once, by the one new officer.
    let tokens = activation_token::Entity::find().all(db).await.expect("query Tokens");
    let new_officer = officer_of(db, winning_person).await.expect("the winner is an officer");
    let used_once =
        matches!(tokens.as_slice(), [row] if row.used_at.is_some() && row.used_by_officer_id == Some(new_officer.id));
    assert!(used_once, "one Token, used by {} ({winner}): {tokens:?}", new_officer.id);
    assert!(officer_of(db, losing_person).await.is_none(), "the other account did not become an officer");
    let activated_officers =
        officer::Entity::find().filter(officer::Column::Source.eq(OfficerSource::Activation)).count(db).await;
    assert_eq!(activated_officers.expect("count officers"), 1);
    assert_eq!(audit_events(db, AuditEvent::TokenRedeemed).await.len(), 1, "one redemption in the audit log");
}

#[tokio::test]
async fn a_back_channel_logout_received_by_one_instance_ends_the_session_used_on_another() {
    let test = "back-channel logout to A ends the session on B";
    let Some((cluster, person)) = two_instances_with_an_officer(test, "มาลัย").await else { return };
    let db = &cluster.database.db;
    let (a, b) = (cluster.instance("A"), cluster.instance("B"));

    // The officer signs in and works on B only; Digital ID's session stays open in its browser.
    let mut browser = Browser::default();
    let digital_id = TestBrowser::new(&cluster.sim.issuer);
    let callback = cluster.sign_in(&mut browser, &digital_id, &person, b, b).await;
    b.ensure(callback.location == HOME_PAGE, "the officer signs in on B", &callback);
    let home = browser.get(b, HOME_PAGE).await;
    b.ensure(home.status == 200, "the officer's home before signing out at Digital ID", &home);

    // They sign out at Digital ID itself; its server posts the Logout Token to A, the only address it knows.
    let signed_out = digital_id.sign_out().await;
    assert_eq!(signed_out.status, 200, "Digital ID signs the person out: {signed_out:?}");
    a.ensure(sessions_of(db, &person).await == 0, "the back-channel logout ends the session", "sessions remain");
    let sign_outs = audit_events(db, AuditEvent::SignedOut).await;
    let by_back_channel = sign_outs.iter().any(|row| row.detail.as_deref().is_some_and(|d| d.contains("back-channel")));
    a.ensure(by_back_channel, "the sign-out is audited as a back-channel logout", format!("{sign_outs:?}"));

    let next = browser.get(b, HOME_PAGE).await;
    b.ensure(next.status == 303 && next.location == SIGN_IN_PAGE, "the next request is not signed in", &next);
}

#[tokio::test]
async fn three_instances_started_together_on_an_empty_database_all_come_up() {
    let Some(mut cluster) = Cluster::new("three instances migrate at once", &["A", "B", "C"]).await else { return };
    // Each instance applies the migrations at start; none may fail because another is doing the same.
    cluster.launch(&[]).await;
    let http = reqwest::Client::new();
    for instance in &mut cluster.instances {
        let health = http.get(instance.url("/healthz")).send().await;
        let healthy = health.as_ref().is_ok_and(|response| response.status() == 200);
        instance.ensure(healthy, "/healthz after all three started", format!("{health:?}"));
        let status = instance.exit_status();
        instance.ensure(status.is_none(), "still running after all three started", format!("exited: {status:?}"));
    }
    let applied = domain::migration::Migrator::get_applied_migrations(&cluster.database.db).await.expect("migrations");
    assert_eq!(applied.len(), domain::migration::Migrator::migrations().len(), "every migration applied, once");
}

/// The drain of `SITE_SHUTDOWN_GRACE_SECONDS` in these tests.
const GRACE: Duration = Duration::from_secs(2);

#[tokio::test]
async fn a_terminated_instance_says_it_is_draining_finishes_the_request_in_flight_then_exits_cleanly() {
    let Some(mut cluster) = Cluster::new("graceful shutdown", &["A"]).await else { return };
    let grace = GRACE.as_secs().to_string();
    cluster.launch(&[("SITE_SHUTDOWN_GRACE_SECONDS", &grace)]).await;
    let a = &mut cluster.instances[0];
    // Each probe on a new connection, as a load balancer's health check.
    let probe = reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("an HTTP client");
    let readiness = |instance: &Instance| {
        let request = probe.get(instance.url("/readyz"));
        async move {
            let response = request.send().await.map_err(|error| error.to_string())?;
            Ok::<_, String>((response.status().as_u16(), response.text().await.unwrap_or_default()))
        }
    };

    let before = readiness(a).await;
    let ready = matches!(&before, Ok((200, body)) if body.starts_with("ready"));
    a.ensure(ready, "GET /readyz before SIGTERM answers 200 ready", format!("{before:?}"));

    // A sign-in whose form is half sent when the instance is told to stop.
    let mut in_flight = HeldRequest::start(a, "/auth/login", "provider=digital-id").await;
    a.terminate();
    let signalled = Instant::now();

    // At once, readiness fails (while the listener still accepts), so the load balancer sends nobody new.
    let deadline = signalled + Duration::from_secs(1);
    let draining = loop {
        let answer = readiness(a).await;
        if !matches!(&answer, Ok((200, _))) || Instant::now() > deadline {
            break answer;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let says_draining =
        matches!(&draining, Ok((503, body)) if body.starts_with("not ready") && body.contains("draining"));
    a.ensure(says_draining, "GET /readyz at once after SIGTERM answers 503 draining", format!("{draining:?}"));

    // The request in flight is answered as ever.
    let answer = in_flight.finish(a).await;
    let status_line = answer.lines().next().unwrap_or_default();
    a.ensure(status_line.starts_with("HTTP/1.1 303"), "the request in flight completes", &answer);

    // After the grace period the listener is closed, and the process exits cleanly.
    let deadline = signalled + GRACE + Duration::from_secs(10);
    loop {
        match TcpStream::connect(("127.0.0.1", a.port)).await {
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => break,
            outcome if Instant::now() > deadline => {
                a.fail("new connections are refused after the grace period", format!("{outcome:?}"))
            }
            _ => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    let refused_after = signalled.elapsed();
    let not_early = refused_after + Duration::from_millis(250) >= GRACE;
    a.ensure(not_early, "the listener stays open through the grace period", format!("closed after {refused_after:?}"));
    let status = a.wait_for_exit(Duration::from_secs(10), "exit after SIGTERM").await;
    a.ensure(status.success(), "the process exits with status 0", status);
}

/// A request whose head and first half of its body have reached the server (which has asked for the body: `100
/// Continue`), the rest held back.
struct HeldRequest {
    stream: TcpStream,
    rest: Vec<u8>,
}

impl HeldRequest {
    /// POSTs `body` to `path` from the public origin, stopping halfway through the body.
    async fn start(instance: &Instance, path: &str, body: &str) -> Self {
        let step = "a request held in flight";
        let mut stream =
            TcpStream::connect(("127.0.0.1", instance.port)).await.unwrap_or_else(|error| instance.fail(step, error));
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: {BASE_URL}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\
             Connection: close\r\n\r\n",
            instance.port,
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap_or_else(|error| instance.fail(step, error));
        // The interim answer says the handler is reading the body: the request is in flight, not merely connected.
        let mut interim = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(10), async {
            while !interim.ends_with(b"\r\n\r\n") {
                let mut byte = [0];
                if stream.read(&mut byte).await? == 0 {
                    break;
                }
                interim.push(byte[0]);
            }
            Ok::<_, std::io::Error>(())
        })
        .await;
        let interim = String::from_utf8_lossy(&interim).into_owned();
        let continued = matches!(read, Ok(Ok(()))) && interim.starts_with("HTTP/1.1 100");
        instance.ensure(continued, step, format!("expected 100 Continue, got {read:?}: {interim:?}"));
        let (first, rest) = body.as_bytes().split_at(body.len() / 2);
        stream.write_all(first).await.unwrap_or_else(|error| instance.fail(step, error));
        Self { stream, rest: rest.to_vec() }
    }

    /// Sends the rest of the body; returns the whole answer.
    async fn finish(&mut self, instance: &Instance) -> String {
        let step = "the rest of the request in flight";
        self.stream.write_all(&self.rest).await.unwrap_or_else(|error| instance.fail(step, error));
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(10), self.stream.read_to_end(&mut answer)).await;
        instance.ensure(matches!(read, Ok(Ok(_))), step, format!("{read:?}"));
        String::from_utf8_lossy(&answer).into_owned()
    }
}
