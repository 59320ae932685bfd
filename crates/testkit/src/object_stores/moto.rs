//! moto's S3 server mode (`python3 -m moto.server`), from PyPI: `pip install 'moto[server]'`.

use std::sync::OnceLock;
use std::time::Duration;

use adapter_object_store::S3Config;
use secrecy::SecretString;

use super::supervised::{self, Supervised};

const INSTALL: &str = "Install moto's server mode with: python3 -m pip install 'moto[server]' (.ci/run does it).";

/// The moto server of this test binary.
#[derive(Debug)]
pub struct S3Server {
    port: u16,
    _server: Supervised,
}

/// Starts moto on a free port the first time it is called in this test binary.
///
/// # Panics
/// When `python3` or moto's server mode is missing (with the command that installs it), or the
/// server does not come up within 60 s.
pub fn s3() -> &'static S3Server {
    static SERVER: OnceLock<S3Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let check = std::process::Command::new("python3").args(["-c", "import moto.server"]).output();
        match check {
            Ok(out) if out.status.success() => {}
            Ok(out) => panic!("moto's server mode is missing: {}\n{INSTALL}", String::from_utf8_lossy(&out.stderr)),
            Err(e) => panic!("python3 cannot run ({e}). {INSTALL}"),
        }
        let port = crate::redis_server::free_port();
        let log = std::env::temp_dir().join(format!("salesflow-moto-{}-{port}.log", std::process::id()));
        let args = ["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()].map(str::to_owned);
        let server = supervised::start("moto_server", "python3", &args, port, &log, Duration::from_secs(60), INSTALL);
        S3Server { port, _server: server }
    })
}

impl S3Server {
    #[must_use]
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The adapter settings for `bucket` on this server (path-style, plain HTTP, any keys: moto
    /// does not check signatures).
    #[must_use]
    pub fn config(&self, bucket: &str, prefix: &str) -> S3Config {
        S3Config {
            bucket: bucket.to_owned(),
            prefix: prefix.to_owned(),
            region: "us-east-1".to_owned(),
            endpoint: Some(self.endpoint()),
            access_key_id: Some("testing".to_owned()),
            secret_access_key: Some(SecretString::from("testing")),
            path_style: true,
            allow_http: true,
        }
    }

    /// Creates a bucket of the test's own and returns its settings.
    ///
    /// # Panics
    /// When moto refuses.
    pub async fn bucket(&self, name: &str, prefix: &str) -> S3Config {
        let bucket = super::unique_bucket(name);
        let response = reqwest::Client::new()
            .put(format!("{}/{bucket}", self.endpoint()))
            .send()
            .await
            .expect("moto answers CreateBucket");
        assert!(response.status().is_success(), "CreateBucket {bucket}: {}", response.status());
        self.config(&bucket, prefix)
    }
}
