//! One `server` process of a cluster: its port, its log file, starting it, waiting for it, signalling it, and failing
//! a step with its name and the tail of its log.

use std::fmt::Display;
use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use tokio::time::Instant;

/// How long an instance may take to answer `/healthz` after it is started (migrations included, on two busy cores).
const START_WITHIN: Duration = Duration::from_secs(60);
/// How often a condition is polled.
const POLL_EVERY: Duration = Duration::from_millis(50);
/// How many lines of its log a failure shows.
const TAIL_LINES: usize = 40;

/// A `server` process listening on a loopback port.
pub struct Instance {
    /// Its name in failure messages (`A`, `B`, …).
    pub name: &'static str,
    /// Its port.
    pub port: u16,
    log: PathBuf,
    process: Option<Child>,
}

impl Instance {
    /// An instance not yet started.
    pub(super) fn new(name: &'static str, port: u16, log: PathBuf) -> Self {
        Self { name, port, log, process: None }
    }

    /// The absolute URL of `path` on this instance.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Starts `command` as this instance, its standard output and error going to its log file.
    pub(super) fn spawn(&mut self, mut command: Command) {
        let log = File::create(&self.log).expect("create the log file");
        let errors = log.try_clone().expect("share the log file");
        command.stdin(Stdio::null()).stdout(log).stderr(errors);
        self.process = Some(command.spawn().unwrap_or_else(|error| self.fail("start", error)));
    }

    fn process(&mut self) -> &mut Child {
        let name = self.name;
        self.process.as_mut().unwrap_or_else(|| panic!("instance {name} was never started"))
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.process.as_ref().map_or(0, Child::id)
    }

    /// How it ended, if it has.
    pub fn exit_status(&mut self) -> Option<ExitStatus> {
        self.process().try_wait().expect("the process can be waited for")
    }

    /// Polls `/healthz` until it answers 200; fails if the process exits first or the time runs out.
    pub(super) async fn wait_until_healthy(&mut self) {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().expect("an HTTP client");
        let deadline = Instant::now() + START_WITHIN;
        loop {
            if let Some(status) = self.exit_status() {
                self.fail("start", format!("the process exited ({status}) before /healthz answered 200"));
            }
            let last = match http.get(self.url("/healthz")).send().await {
                Ok(response) if response.status() == 200 => return,
                Ok(response) => format!("/healthz answered {}", response.status()),
                Err(error) => format!("/healthz: {error}"),
            };
            if Instant::now() > deadline {
                self.fail("start", format!("not healthy within {START_WITHIN:?}; last: {last}"));
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Sends it SIGTERM, as an orchestrator stopping it does.
    pub fn terminate(&self) {
        let status = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status().expect("kill runs");
        self.ensure(status.success(), "SIGTERM", status);
    }

    /// Waits for the process to end within `limit`; fails the step otherwise.
    pub async fn wait_for_exit(&mut self, limit: Duration, step: &str) -> ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.exit_status() {
                return status;
            }
            if Instant::now() > deadline {
                self.fail(step, format!("still running {limit:?} later"));
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// The last lines of everything the process wrote.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read(&self.log).unwrap_or_default();
        let log = String::from_utf8_lossy(&log);
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(TAIL_LINES)..].join("\n")
    }

    /// Fails the test at `step` on this instance, showing `detail` and the instance's log tail.
    #[track_caller]
    pub fn fail(&self, step: &str, detail: impl Display) -> ! {
        panic!(
            "instance {} (port {}), step \"{step}\": {detail}\n--- the last lines of instance {}'s log ---\n{}",
            self.name,
            self.port,
            self.name,
            self.log_tail()
        )
    }

    /// Fails the test at `step` on this instance unless `holds`.
    #[track_caller]
    pub fn ensure(&self, holds: bool, step: &str, detail: impl Display) {
        if !holds {
            self.fail(step, detail);
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(process) = self.process.as_mut() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}
