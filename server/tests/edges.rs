//! The edges of the HTTP surface (issue 20: J8, J9, J10, J12): connections a slow or silent client holds open, on
//! the site and the simulator alike; paths that gave a protocol-relative redirect or an over-long file name; and the
//! failure reference on the sign-in-failed page.
//!
//! The J8 tests open real TCP connections to the real router served by `digital_id::serving::serve` with limits of
//! one second, and wait for the server to close each; every wait is bounded by a tokio timeout, so no test can hang.

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod captured_log;
    pub mod test_app;
}

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use digital_id::serving::ConnectionLimits;
use server::router::router;
use support::captured_log::CapturedLog;
use support::test_app::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedWriteHalf;

/// The longest any wait here lasts: a connection still open then is a failure, not a hang.
const GIVE_UP: Duration = Duration::from_secs(10);

/// Limits of one second for the protection under test and 30 s for the others, so each test shows that one
/// protection alone closes the connection.
fn limits(header: u64, idle: u64, body: u64) -> ConnectionLimits {
    ConnectionLimits::from_settings(header, idle, body, 64).expect("valid limits")
}

/// The real router of a test app, served on a loopback port within `limits`; the server stops with the value.
struct Served {
    address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    _app: TestApp,
}

impl Served {
    async fn app(limits: ConnectionLimits) -> Self {
        let app = TestApp::start().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind an ephemeral port");
        let address = listener.local_addr().expect("local address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        let task = tokio::spawn(digital_id::serving::serve(listener, router(app.state.clone()), limits, shutdown));
        Self { address, stop: Some(stop), task, _app: app }
    }

    /// The test app's Digital ID simulator served the way `server` serves its built-in one.
    async fn simulator(limits: ConnectionLimits) -> Self {
        let app = TestApp::start().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind an ephemeral port");
        let address = listener.local_addr().expect("local address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        let task = tokio::spawn(app.sim.simulator.clone().serve(listener, limits, shutdown));
        Self { address, stop: Some(stop), task, _app: app }
    }

    async fn connect(&self) -> TcpStream {
        TcpStream::connect(self.address).await.expect("connected")
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads until the server closes the connection (end of stream or reset); returns how long that took from `since`
/// and what was read. Panics if it is still open after [`GIVE_UP`].
async fn closed_by_server(mut reader: impl AsyncReadExt + Unpin, since: Instant) -> (Duration, String) {
    let mut received = Vec::new();
    let read_to_close = async {
        let mut buffer = [0_u8; 4096];
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    };
    tokio::time::timeout(GIVE_UP, read_to_close).await.expect("the server closes the connection within 10 s");
    (since.elapsed(), String::from_utf8_lossy(&received).into_owned())
}

/// Writes `byte` every 200 ms until the connection fails or ten seconds pass.
fn trickle(mut writer: OwnedWriteHalf, byte: &'static [u8]) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let started = Instant::now();
        while started.elapsed() < GIVE_UP {
            if writer.write_all(byte).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
}

/// Closed by the protection under test: after about its one second, not at once and not much later.
fn assert_about_one_second(case: &str, elapsed: Duration) {
    eprintln!("{case}: closed by the server after {:.2} s", elapsed.as_secs_f64());
    assert!(elapsed >= Duration::from_millis(900), "{case}: closed too early ({elapsed:?}): not by the timeout");
    assert!(elapsed <= Duration::from_secs(3), "{case}: closed too late ({elapsed:?})");
}

#[tokio::test]
async fn j8_trickled_headers_are_cut_off_by_the_header_read_timeout() {
    let served = Served::app(limits(1, 30, 30)).await;
    let (reader, mut writer) = served.connect().await.into_split();
    let started = Instant::now();
    writer.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").await.expect("sent");
    let trickling = trickle(writer, b"a");
    let (elapsed, received) = closed_by_server(reader, started).await;
    trickling.abort();
    assert!(received.is_empty(), "no response to a head that never ended: {received}");
    assert_about_one_second("trickled headers (app)", elapsed);
}

#[tokio::test]
async fn j8_a_silent_connection_is_closed_by_the_header_read_timeout() {
    let served = Served::app(limits(1, 30, 30)).await;
    let started = Instant::now();
    let (elapsed, received) = closed_by_server(served.connect().await, started).await;
    assert!(received.is_empty(), "{received}");
    assert_about_one_second("silent connection (app)", elapsed);
}

#[tokio::test]
async fn j8_an_idle_keep_alive_connection_is_closed_after_its_request() {
    let served = Served::app(limits(1, 30, 30)).await;
    let mut stream = served.connect().await;
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").await.expect("sent");
    let mut response = Vec::new();
    let mut buffer = [0_u8; 4096];
    let answered = async {
        while !response.ends_with(b"ok") {
            let n = stream.read(&mut buffer).await.expect("read");
            assert!(n > 0, "closed before the response: {}", String::from_utf8_lossy(&response));
            response.extend_from_slice(&buffer[..n]);
        }
    };
    tokio::time::timeout(GIVE_UP, answered).await.expect("answered");
    assert!(response.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&response));
    let idle_since = Instant::now();
    let (elapsed, received) = closed_by_server(stream, idle_since).await;
    assert!(received.is_empty(), "{received}");
    assert_about_one_second("idle keep-alive (app)", elapsed);
}

#[tokio::test]
async fn j8_a_slow_body_is_cut_off_by_the_body_timeout() {
    let served = Served::app(limits(30, 30, 1)).await;
    let (reader, mut writer) = served.connect().await.into_split();
    // The back-channel logout endpoint reads its form body before anything else.
    let head = "POST /auth/backchannel-logout HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlogout_token=";
    let started = Instant::now();
    writer.write_all(head.as_bytes()).await.expect("sent");
    let trickling = trickle(writer, b"a");
    let (elapsed, received) = closed_by_server(reader, started).await;
    trickling.abort();
    assert!(!received.starts_with("HTTP/1.1 2"), "a body that never arrived is not accepted: {received}");
    assert_about_one_second("slow body (app)", elapsed);
}

#[tokio::test]
async fn j8_a_connection_gone_quiet_mid_request_is_closed_by_the_idle_timeout() {
    let served = Served::app(limits(30, 1, 30)).await;
    let mut stream = served.connect().await;
    let started = Instant::now();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n").await.expect("sent");
    let (elapsed, _) = closed_by_server(stream, started).await;
    assert_about_one_second("silence mid-head, header deadline 30 s (app)", elapsed);
}

#[tokio::test]
async fn j8_connections_beyond_the_cap_wait_until_one_closes() {
    let served = Served::app(ConnectionLimits::from_settings(30, 30, 30, 1).expect("valid limits")).await;
    let first = served.connect().await;
    // Let the server accept the first connection (and so take the only permit).
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut second = served.connect().await;
    second.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").await.expect("sent");
    let mut buffer = [0_u8; 64];
    let early = tokio::time::timeout(Duration::from_millis(700), second.read(&mut buffer)).await;
    assert!(early.is_err(), "the second connection is not served while the first holds the only place");
    drop(first);
    let released = Instant::now();
    let (elapsed, received) = closed_by_server(second, released).await;
    eprintln!(
        "connection cap of 1: the waiting connection was served {:.2} s after the first closed",
        elapsed.as_secs_f64()
    );
    assert!(received.starts_with("HTTP/1.1 200"), "served once the first closed: {received}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[tokio::test]
async fn j8_a_shutdown_closes_idle_connections_and_ends_serving() {
    let mut served = Served::app(limits(30, 30, 30)).await;
    let mut stream = served.connect().await;
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").await.expect("sent");
    let mut buffer = [0_u8; 4096];
    let n = tokio::time::timeout(GIVE_UP, stream.read(&mut buffer)).await.expect("answered").expect("read");
    assert!(buffer[..n].starts_with(b"HTTP/1.1 200"));
    let stopped = Instant::now();
    served.stop.take().expect("running").send(()).expect("the server listens for the shutdown");
    let (elapsed, _) = closed_by_server(stream, stopped).await;
    let task = &mut served.task;
    tokio::time::timeout(GIVE_UP, task).await.expect("serving ends").expect("joined").expect("served without error");
    eprintln!("graceful shutdown: the idle connection closed after {:.2} s", elapsed.as_secs_f64());
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
}

#[tokio::test]
async fn j8_the_simulator_closes_trickled_headers_and_a_silent_connection() {
    let served = Served::simulator(limits(1, 30, 30)).await;
    let (reader, mut writer) = served.connect().await.into_split();
    let started = Instant::now();
    writer
        .write_all(b"GET /.well-known/openid-configuration HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .await
        .expect("sent");
    let trickling = trickle(writer, b"a");
    let (elapsed, _) = closed_by_server(reader, started).await;
    trickling.abort();
    assert_about_one_second("trickled headers (simulator)", elapsed);

    let started = Instant::now();
    let (elapsed, _) = closed_by_server(served.connect().await, started).await;
    assert_about_one_second("silent connection (simulator)", elapsed);
}

#[tokio::test]
async fn j8_the_simulator_cuts_off_a_slow_body() {
    let served = Served::simulator(limits(30, 30, 1)).await;
    let (reader, mut writer) = served.connect().await.into_split();
    let head = "POST /connect/token HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=";
    let started = Instant::now();
    writer.write_all(head.as_bytes()).await.expect("sent");
    let trickling = trickle(writer, b"a");
    let (elapsed, received) = closed_by_server(reader, started).await;
    trickling.abort();
    assert!(!received.starts_with("HTTP/1.1 2"), "{received}");
    assert_about_one_second("slow body (simulator)", elapsed);
}

/// A router whose site root has the `pkg` and `fonts` folders a build has, so `ServeDir` finds them.
async fn app_with_site_folders() -> (TestApp, axum::Router, std::path::PathBuf) {
    let app = TestApp::start().await;
    let root = std::env::temp_dir().join(format!("info-edges-site-{}", uuid::Uuid::new_v4().simple()));
    for folder in ["pkg", "fonts"] {
        std::fs::create_dir_all(root.join(folder)).expect("site folder");
    }
    std::fs::write(root.join("pkg").join("info-backoffice.css"), "body{}").expect("asset");
    let mut settings = (*app.state.settings).clone();
    settings.site.root = root.clone();
    let router = router(server::state::AppState::new(settings, app.database.db.clone()));
    (app, router, root)
}

async fn get(router: &axum::Router, path: &str) -> (StatusCode, Option<String>, String) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = axum::http::Request::get(path).body(axum::body::Body::empty()).expect("request");
    let response = router.clone().oneshot(request).await.expect("a response");
    let status = response.status();
    let location = response.headers().get("location").and_then(|value| value.to_str().ok()).map(str::to_owned);
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, location, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn j9_no_response_carries_a_protocol_relative_location() {
    let (_app, router, root) = app_with_site_folders().await;
    assert_eq!(get(&router, "/pkg/info-backoffice.css").await.0, StatusCode::OK, "the site root is served");
    let paths = [
        "//pkg",
        "//fonts",
        "//pkg/",
        "///pkg",
        "//evil.example",
        "//evil.example/pkg",
        "/%5Cevil.example",
        "/%5cpkg",
        "/pkg//",
        "/pkg",
        "/fonts",
    ];
    for path in paths {
        let (status, location, body) = get(&router, path).await;
        if let Some(location) = &location {
            assert!(
                !location.starts_with("//") && !location.starts_with("/\\") && !location.starts_with('\\'),
                "{path} answered Location: {location}"
            );
        }
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {location:?}");
        assert!(body.contains("ไม่พบหน้าที่ท่านต้องการ"), "{path}: the 404 page");
    }
    std::fs::remove_dir_all(root).expect("cleanup");
}

#[tokio::test]
async fn j10_an_over_long_path_is_the_404_page_with_a_bounded_log_line() {
    let (log, _guard) = CapturedLog::start(",server=debug");
    let (_app, router, root) = app_with_site_folders().await;
    let long_segment = "a".repeat(256);
    let paths = [
        format!("/{long_segment}"),
        format!("/pkg/{long_segment}"),
        format!("/backend/{long_segment}"),
        format!("/{}", "b".repeat(60_000)),
        format!("/{}", "abcdefgh/".repeat(4_000)),
    ];
    for path in &paths {
        let (status, _, body) = get(&router, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{} bytes", path.len());
        assert!(body.contains("ไม่พบหน้าที่ท่านต้องการ"), "{} bytes: the Thai 404 page", path.len());
    }
    let (status, _, _) = get(&router, &format!("/{}", "a".repeat(255))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a 255-byte segment is an ordinary unknown page");

    let text = log.text();
    let longest = text.lines().map(str::len).max().unwrap_or(0);
    eprintln!("long paths: {} log lines, the longest {longest} bytes", text.lines().count());
    assert!(!text.contains("ERROR"), "{text}");
    assert!(text.contains("path refused with the 404 page"), "the refusal is logged: {text}");
    assert!(longest < 1_000, "every log line is bounded; the longest has {longest} bytes");
    assert!(!text.contains(&"a".repeat(255)), "no log line repeats a whole long segment");
    std::fs::remove_dir_all(root).expect("cleanup");
}

#[tokio::test]
async fn j12_a_reference_we_did_not_issue_is_not_shown() {
    let mut app = TestApp::start().await;
    for path in [
        "/backend/sign-in-failed?reference=3FA9C01B7E",
        "/backend/sign-in-failed?reference=3FA9C01B7E&check=0000000000000000",
        "/backend/sign-in-failed?reference=0812345678",
        "/backend/error?reference=3FA9C01B7E",
    ] {
        let reply = app.get(path).await;
        assert!(reply.status.is_client_error() || reply.status.is_server_error(), "{path}: {}", reply.status);
        assert!(reply.body.contains("<h1>"), "{path}: the page itself is shown");
        assert!(!reply.body.contains("reference__id"), "{path}: no reference block");
        let forged = path.split("reference=").nth(1).and_then(|rest| rest.split('&').next()).unwrap_or_default();
        assert!(!reply.body.contains(forged), "{path}: the forged reference is not shown");
    }
    let reply = app.get("/backend/sign-in-failed?reference=3FA9C01B7E").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("เข้าสู่ระบบไม่สำเร็จ"), "the page text is unchanged");
}

#[tokio::test]
async fn j12_the_reference_of_a_real_refusal_is_shown() {
    let mut app = TestApp::start().await;
    // A callback without the pre-login cookie is refused with a fresh reference.
    let refused = app.get("/auth/callback?code=made-up&state=made-up").await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    let location = refused.location().to_owned();
    assert!(location.starts_with("/backend/sign-in-failed?reference="), "{location}");
    assert!(location.contains("&check="), "{location}");
    let reference =
        location.split("reference=").nth(1).and_then(|rest| rest.split('&').next()).expect("a reference").to_owned();
    assert!(server::failure_references::is_reference(&reference), "{reference}");
    let page = app.get(&location).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("reference__id"), "the reference block is shown");
    assert!(page.body.contains(&reference), "the issued reference {reference} is shown");

    // The same reference with its check altered is not.
    let altered = location.replace(&reference, "0123456789");
    let page = app.get(&altered).await;
    assert!(!page.body.contains("reference__id") && !page.body.contains("0123456789"), "{altered}");
}
