//! Serving a router on a TCP listener with the connection hygiene every listener of ours needs, for the back office
//! and the simulator alike: a deadline for a request's head, a limit on silence, a deadline for a request's body,
//! and a cap on concurrent connections. `axum::serve` has none of these (it sets no hyper timer, so even hyper's
//! default header timeout is off), so a client could hold a connection open for ever by trickling headers, saying
//! nothing, idling after a request or trickling a body.
//!
//! It lives in this crate because both binaries serve through it and the arrows only allow that: `server` depends
//! on `digital-id`, never the reverse, and `domain` stays free of HTTP.
//!
//! How each protection works (hyper 1.x HTTP/1, the only protocol axum is built with here):
//! - **Head deadline** ([`ConnectionLimits::header_read_timeout`]): hyper's `header_read_timeout`, which needs a
//!   timer (`TokioTimer`). Hyper starts the clock whenever it waits for a request head — at accept, and again as
//!   soon as the previous response is written — so it closes a silent connection, trickled headers *and* an idle
//!   keep-alive connection.
//! - **Silence** ([`ConnectionLimits::idle_timeout`]): no byte read or written for this long and the connection is
//!   closed (an I/O wrapper with one timer, reset on every transfer). It catches what the deadlines do not: a client
//!   that stops reading a response, or goes quiet mid-body.
//! - **Body deadline** ([`ConnectionLimits::body_timeout`]): the whole request body must arrive within this long of
//!   its head; the body then fails, the handler answers with an error and hyper closes the connection, since the
//!   body was not read to its end. tower-http's `RequestBodyTimeoutLayer` does not do this: its clock restarts at
//!   every frame, so a body trickled one byte at a time never times out.
//! - **Cap** ([`ConnectionLimits::max_connections`]): a semaphore permit is taken before `accept` and held by the
//!   connection's task; at the cap, further clients wait in the kernel's backlog.
//!
//! Graceful shutdown works as with `axum::serve`: when `shutdown` resolves, accepting stops, idle connections close
//! and the others finish their request first.

use std::future::Future;
use std::io;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

/// The four limits of every connection, each configurable (`[site]` in `Leptos.toml` for the back office and its
/// built-in simulator, `simulator.toml` for the simulator on its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// How long a client has to send a whole request head, counted from accept or from the end of the previous
    /// response; also the longest a kept-alive connection may sit idle. Default 10 s.
    pub header_read_timeout: Duration,
    /// How long a connection may move no byte either way before it is closed. Default 60 s.
    pub idle_timeout: Duration,
    /// How long a client has to send a whole request body, counted from the end of its head. Default 30 s.
    pub body_timeout: Duration,
    /// How many connections are served at once; more wait to be accepted. Default 512.
    pub max_connections: usize,
}

impl ConnectionLimits {
    /// The defaults, which the shipped configuration files repeat.
    ///
    /// - 10 s for a head: a browser sends its whole head in one packet, so 10 s is generous even on a poor mobile
    ///   link; as the keep-alive idle limit it still covers a page's burst of asset requests.
    /// - 60 s of silence: longer than any of our handlers takes to start answering.
    /// - 30 s for a body: our largest bodies are forms of a few kilobytes.
    /// - 512 connections: under the usual soft limit of 1,024 open files per process, leaving room for the
    ///   database pool, static files and the built-in simulator; a back office for officers never needs more.
    pub const DEFAULT: Self = Self {
        header_read_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(60),
        body_timeout: Duration::from_secs(30),
        max_connections: 512,
    };

    /// The longest timeout accepted: a deadline beyond an hour protects nothing.
    pub const MAX_TIMEOUT_SECONDS: u64 = 3_600;
    /// The most connections accepted as a cap.
    pub const MAX_CONNECTIONS: usize = 100_000;

    /// Limits from whole seconds and a count, as written in the configuration files; the error names the setting
    /// (`header_read_timeout_seconds`, `idle_timeout_seconds`, `body_timeout_seconds`, `max_connections`).
    pub fn from_settings(
        header_read_timeout_seconds: u64,
        idle_timeout_seconds: u64,
        body_timeout_seconds: u64,
        max_connections: usize,
    ) -> Result<Self, LimitError> {
        let seconds = |setting: &'static str, value: u64| {
            if (1..=Self::MAX_TIMEOUT_SECONDS).contains(&value) {
                Ok(Duration::from_secs(value))
            } else {
                Err(LimitError { setting, allowed: "from 1 to 3600 seconds" })
            }
        };
        if !(1..=Self::MAX_CONNECTIONS).contains(&max_connections) {
            return Err(LimitError { setting: "max_connections", allowed: "from 1 to 100000" });
        }
        Ok(Self {
            header_read_timeout: seconds("header_read_timeout_seconds", header_read_timeout_seconds)?,
            idle_timeout: seconds("idle_timeout_seconds", idle_timeout_seconds)?,
            body_timeout: seconds("body_timeout_seconds", body_timeout_seconds)?,
            max_connections,
        })
    }
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A limit out of range.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{setting} must be {allowed}")]
pub struct LimitError {
    /// The setting's name in the configuration file.
    pub setting: &'static str,
    /// The range allowed.
    pub allowed: &'static str,
}

/// Serves `router` on `listener` within `limits` until `shutdown` resolves, then waits for open connections to
/// finish. Every request carries the peer's [`ConnectInfo`]`<SocketAddr>`, as with
/// `into_make_service_with_connect_info`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout).keep_alive(true);
    let mut shutdown = pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_closed) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    pause_after_accept_error(&error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Responses are written whole by hyper; Nagle's delay would only hold back their last segment.
        let _ = stream.set_nodelay(true);
        let io = TokioIo::new(Silence::new(stream, limits.idle_timeout));
        let router = router.clone();
        let body_timeout = limits.body_timeout;
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let request = request.map(|body| Body::new(DeadlineBody::new(body, body_timeout)));
            router.clone().oneshot(request)
        });
        let connection = graceful.watch(http.serve_connection(io, service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                // Timeouts end here too; a client's misbehaviour is not the server's error.
                tracing::debug!(%peer, %error, "connection closed with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// After a failed `accept`: nothing for a connection the peer already dropped; a pause for anything else (out of
/// file descriptors, say), as `axum::serve` does, so the loop does not spin.
async fn pause_after_accept_error(error: &io::Error) {
    if matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "accepting a connection failed; retrying in 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// A TCP stream that fails with `TimedOut` once no byte has moved either way for `limit`. One timer serves reads
/// and writes: hyper drives a connection from one task, so the waker it last registered is the connection's.
struct Silence {
    stream: TcpStream,
    limit: Duration,
    timer: Pin<Box<Sleep>>,
}

impl Silence {
    fn new(stream: TcpStream, limit: Duration) -> Self {
        Self { stream, limit, timer: Box::pin(tokio::time::sleep(limit)) }
    }

    fn moved(&mut self) {
        let deadline = Instant::now() + self.limit;
        self.timer.as_mut().reset(deadline);
    }

    /// Called when the stream is not ready: pending, unless the silence has lasted too long.
    fn pending<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "connection silent too long"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Silence {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        let before = buf.filled().len();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    this.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => this.pending(cx),
        }
    }
}

impl AsyncWrite for Silence {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        match Pin::new(&mut this.stream).poll_write(cx, data) {
            Poll::Ready(result) => {
                if result.as_ref().is_ok_and(|written| *written > 0) {
                    this.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => this.pending(cx),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        match Pin::new(&mut this.stream).poll_write_vectored(cx, data) {
            Poll::Ready(result) => {
                if result.as_ref().is_ok_and(|written| *written > 0) {
                    this.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => this.pending(cx),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        match Pin::new(&mut this.stream).poll_flush(cx) {
            Poll::Ready(result) => Poll::Ready(result),
            Poll::Pending => this.pending(cx),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        match Pin::new(&mut this.stream).poll_shutdown(cx) {
            Poll::Ready(result) => Poll::Ready(result),
            Poll::Pending => this.pending(cx),
        }
    }
}

/// A request body that fails once its deadline (set when the head was read) has passed before its end.
struct DeadlineBody {
    body: Incoming,
    deadline: Pin<Box<Sleep>>,
}

impl DeadlineBody {
    fn new(body: Incoming, timeout: Duration) -> Self {
        Self { body, deadline: Box::pin(tokio::time::sleep(timeout)) }
    }
}

/// Why a request body failed: it did not arrive in time.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive within its deadline")]
pub struct BodyTimedOut;

impl hyper::body::Body for DeadlineBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.body).poll_frame(cx) {
            return Poll::Ready(frame.map(|frame| frame.map_err(Into::into)));
        }
        match this.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimedOut)))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_taken_from_seconds_and_a_count() {
        let limits = ConnectionLimits::from_settings(10, 60, 30, 512).expect("valid");
        assert_eq!(limits, ConnectionLimits::DEFAULT);
    }

    #[test]
    fn a_zero_or_an_over_long_limit_is_refused_by_name() {
        let refused = |limits: Result<ConnectionLimits, LimitError>| limits.expect_err("refused").setting;
        assert_eq!(refused(ConnectionLimits::from_settings(0, 60, 30, 512)), "header_read_timeout_seconds");
        assert_eq!(refused(ConnectionLimits::from_settings(10, 3_601, 30, 512)), "idle_timeout_seconds");
        assert_eq!(refused(ConnectionLimits::from_settings(10, 60, 0, 512)), "body_timeout_seconds");
        assert_eq!(refused(ConnectionLimits::from_settings(10, 60, 30, 0)), "max_connections");
    }
}
