//! A cluster: several real `server` processes on one fresh PostgreSQL database beside one in-process Digital ID
//! simulator — the back office as deployed behind a load balancer. The test's HTTP client ([`Browser`]) plays the
//! load balancer and the officer's browser: each request names the instance it goes to. Each instance writes its
//! output to a file; a failed step names the instance and shows that file's tail. Dropping the cluster kills the
//! processes and drops the database, whether the test passed or not.

mod browser;
mod process;

use std::path::{Path, PathBuf};
use std::process::Command;

use digital_id::pages::RegisterForm;
use digital_id::testing::{PASSWORD, TestBrowser, TestSimulator};
use domain::database::DatabaseUrl;
use sea_orm::{ConnectionTrait, DatabaseConnection};

pub use browser::{Browser, Reply};
pub use process::Instance;

/// The one public address of every instance, as behind a load balancer (nothing listens: the test's client is the
/// load balancer and sends each request to the instance it chooses).
pub const BASE_URL: &str = "http://127.0.0.1:9";
/// The back office's client id at the simulator.
const CLIENT_ID: &str = "multi-instance-backoffice";
const CLIENT_SECRET: &str = "multi-instance client secret";
/// The citizen-ID hash key every instance shares.
const CITIZEN_ID_KEY: &str = "a multi-instance key of at least thirty-two characters";
/// The instances' log filter: warnings, and the server's own start and shutdown lines.
const LOG_FILTER: &str = "warn,server=info";

/// The repository's root, where `Leptos.toml` is and where the server runs from.
fn repository() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// A person registered at Digital ID.
pub struct Person {
    /// Their username.
    pub username: String,
    /// Their subject.
    pub subject: String,
}

/// The processes, their database and their Digital ID.
pub struct Cluster {
    /// The instances, in the order named (stopped first when the cluster is dropped).
    pub instances: Vec<Instance>,
    /// The database they share.
    pub database: Database,
    /// The Digital ID simulator; its back-channel logout goes to the first instance.
    pub sim: TestSimulator,
    /// The logs and CSV files of this cluster.
    scratch: PathBuf,
}

impl Cluster {
    /// A cluster of instances named `names` (not yet started: see [`Cluster::launch`]), each on a free loopback port,
    /// on an empty database created for `test`; `None` (saying why) when `TEST_DATABASE_URL` is unset.
    pub async fn new(test: &str, names: &[&'static str]) -> Option<Self> {
        let Some(admin_url) = std::env::var("TEST_DATABASE_URL").ok().filter(|url| !url.is_empty()) else {
            say(&format!(
                "{test}: skipped — TEST_DATABASE_URL is unset; several instances need PostgreSQL (SQLite is \
                 single-instance by design)"
            ));
            return None;
        };
        let scratch = std::env::temp_dir().join(format!("info-multi-instance-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&scratch).expect("a scratch folder");
        let instances: Vec<Instance> =
            names.iter().map(|name| Instance::new(name, free_port(), scratch.join(format!("{name}.log")))).collect();
        let first = instances.first().expect("at least one instance");
        let client = digital_id::Client {
            client_id: CLIENT_ID.into(),
            name: "ศูนย์รวมข้อมูลบริการภาครัฐ (หลายเครื่อง)".into(),
            secret: digital_id::settings::ClientSecret::new(CLIENT_SECRET),
            secret_hashing: digital_id::SecretHashing::Dga,
            redirect_uris: vec![format!("{BASE_URL}/auth/callback")],
            post_logout_redirect_uris: vec![format!("{BASE_URL}/backend/signed-out")],
            backchannel_logout_uri: Some(first.url("/auth/backchannel-logout")),
        };
        let sim = TestSimulator::start(vec![client]).await;
        let database = Database::create(&admin_url).await;
        Some(Self { instances, database, sim, scratch })
    }

    /// The instance named `name`.
    pub fn instance(&self, name: &str) -> &Instance {
        self.instances.iter().find(|instance| instance.name == name).unwrap_or_else(|| panic!("no instance {name}"))
    }

    /// The environment of the server process: every instance's and every command's the same but for the ports.
    fn environment(&self) -> Vec<(&'static str, String)> {
        vec![
            ("APP_BASE_URL", BASE_URL.to_owned()),
            ("DATABASE_URL", self.database.url.clone()),
            ("DIGITAL_ID_ISSUER", self.sim.issuer.clone()),
            ("DIGITAL_ID_CLIENT_ID", CLIENT_ID.to_owned()),
            ("DIGITAL_ID_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
            ("CITIZEN_ID_KEY", CITIZEN_ID_KEY.to_owned()),
            ("RUST_LOG", LOG_FILTER.to_owned()),
        ]
    }

    /// The server binary with `--config Leptos.toml`, run from the repository with this cluster's environment and
    /// nothing inherited (a stray `DATABASE_URL` of the machine must not leak in).
    fn server(&self, extra: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command.current_dir(repository()).arg("--config").arg(repository().join("Leptos.toml")).env_clear();
        command.envs(self.environment()).envs(extra.iter().copied());
        command
    }

    /// Runs a bootstrap command (`server units load-sample`, …) with the instances' configuration; returns its
    /// standard output, or fails the test with its output.
    pub fn command(&self, args: &[&str]) -> String {
        let output = self.server(&[]).args(args).output().expect("the server binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "`server {}` failed ({}):\n{stdout}\n{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    }

    /// Starts every instance at the same instant with `extra` environment variables, then waits until each answers
    /// `/healthz` with 200 (failing, with the instance's log, if one exits or does not answer in time).
    pub async fn launch(&mut self, extra: &[(&str, &str)]) {
        let commands: Vec<Command> = self
            .instances
            .iter()
            .map(|instance| {
                let mut command = self.server(extra);
                // Each its own ports: several instances share this host (and tests run side by side).
                command.env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", instance.port));
                command.env("OPERATOR_ADDRESS", format!("127.0.0.1:{}", free_port()));
                command
            })
            .collect();
        for (instance, command) in self.instances.iter_mut().zip(commands) {
            instance.spawn(command);
        }
        for instance in &mut self.instances {
            instance.wait_until_healthy().await;
        }
    }

    /// Registers a person at Digital ID whose given name is `given_name`, proofed with the ThaID app (IAL 2.3, citizen
    /// ID verified) so that every role's minimum is met.
    pub async fn person(&self, given_name: &str) -> Person {
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let form = RegisterForm {
            title: "นางสาว".into(),
            given_name: given_name.into(),
            family_name: "หลายเครื่อง".into(),
            citizen_id: digital_id::testing::random_citizen_id(),
            phone_number: "0898765432".into(),
            username: format!("m{}", &suffix[..12]),
            password: PASSWORD.into(),
            password_confirmation: PASSWORD.into(),
            ..RegisterForm::default()
        };
        let new = digital_id::validation::validate_registration(&form).expect("a valid registration");
        let account = digital_id::accounts::register(&self.sim.simulator.state().db, new).await.expect("registered");
        self.sim.set_claims(&account.id, "2.3", true).await;
        Person { username: account.username, subject: account.id }
    }

    /// Imports `person` as an officer of `unit` with `role`, bound to their subject, with `server import-officers`.
    pub fn import_officer(&self, person: &Person, name: &str, unit: &str, role: &str) {
        let csv = self.scratch.join(format!("officers-{}.csv", uuid::Uuid::new_v4().simple()));
        let rows =
            format!("digital_id_sub,citizen_id,name_th,unit_code,role\n{},,{name},{unit},{role}\n", person.subject);
        std::fs::write(&csv, rows).expect("write the CSV");
        let output = self.command(&["import-officers", &csv.to_string_lossy()]);
        assert!(output.contains("imported 1 officer"), "{output}");
    }

    /// The whole OpenID Connect dance in `browser`: "Digital ID" pressed on `login_on`, the password and "ยินยอม" at
    /// the simulator in `digital_id` (which keeps its own session there), and Digital ID's redirect brought back to
    /// `callback_on`. Returns the callback's answer.
    pub async fn sign_in(
        &self,
        browser: &mut Browser,
        digital_id: &TestBrowser,
        person: &Person,
        login_on: &Instance,
        callback_on: &Instance,
    ) -> Reply {
        let login = browser.post(login_on, "/auth/login", &[("provider", "digital-id")]).await;
        let to_digital_id = login.location.starts_with(&self.sim.issuer);
        login_on.ensure(
            login.status == 303 && to_digital_id,
            "POST /auth/login sends the browser to Digital ID",
            &login,
        );
        let redirect = digital_id.authorize(&login.location, &person.username, PASSWORD).await;
        let callback = redirect.as_str().strip_prefix(BASE_URL).expect("Digital ID redirects to the public address");
        browser.get(callback_on, callback).await
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if std::thread::panicking() {
            for instance in &self.instances {
                let (name, port, tail) = (instance.name, instance.port, instance.log_tail());
                eprintln!("--- instance {name} (port {port}): the last lines of its log ---\n{tail}");
            }
        }
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// A PostgreSQL database made for one cluster; dropped (its connections forced closed) when this is.
pub struct Database {
    /// Its URL.
    pub url: String,
    /// The test's own connection.
    pub db: DatabaseConnection,
    admin_url: String,
    name: String,
}

impl Database {
    /// Creates an empty database (no migrations) on the server at `admin_url`.
    async fn create(admin_url: &str) -> Self {
        let admin = domain::database::connect(&DatabaseUrl::new(admin_url)).await.expect("TEST_DATABASE_URL connects");
        let name = format!("info_multi_{}", uuid::Uuid::new_v4().simple());
        admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("the test database is created");
        let _ = admin.close().await;
        let url = with_database_name(admin_url, &name);
        let db = domain::database::connect(&DatabaseUrl::new(url.clone())).await.expect("the test database connects");
        Self { url, db, admin_url: admin_url.to_owned(), name }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        // Drop cannot await, and the test's runtime may be the one running this: a thread of its own does it.
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
            runtime.block_on(async {
                let admin = domain::database::connect(&DatabaseUrl::new(admin_url)).await.map_err(|e| e.to_string())?;
                let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                admin.execute_unprepared(&drop).await.map_err(|e| e.to_string())?;
                admin.close().await.map_err(|e| e.to_string())
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("the test database {} could not be dropped: {dropped:?}", self.name);
        }
    }
}

/// Replaces the database name (the URL path) of a PostgreSQL URL, keeping credentials and query.
fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(base, query)| (base, Some(query)));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..].find('/').map_or(base.len(), |i| authority_start + i);
    let query = query.map(|query| format!("?{query}")).unwrap_or_default();
    format!("{}/{name}{query}", &base[..path_start])
}

/// A loopback port free at the moment (the instance binds it a moment later).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    listener.local_addr().expect("local address").port()
}

/// A line of the test's own report.
#[expect(clippy::print_stdout, reason = "why a test did nothing belongs in its output")]
fn say(line: &str) {
    println!("{line}");
}
