//! Azurite's Blob service (`azurite-blob`), from the npm registry: `npm install -g azurite`.
//!
//! Started in memory, without telemetry, on a free port. The adapter reaches it path-style, the
//! account being the first path segment (`http://127.0.0.1:<port>/devstoreaccount1`).

use std::sync::OnceLock;
use std::time::Duration;

use adapter_object_store::AzureBlobConfig;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use secrecy::SecretString;
use sha2::{Digest, Sha256};

use super::supervised::{self, Supervised};

const INSTALL: &str = "Install Azurite with: npm install -g azurite (.ci/run does it).";
/// Azurite's well-known development account and key (public, documented by Microsoft).
pub(super) const ACCOUNT: &str = "devstoreaccount1";
pub(super) const KEY: &str = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// The Azurite server of this test binary.
#[derive(Debug)]
pub struct AzuriteServer {
    port: u16,
    _server: Supervised,
}

/// Starts Azurite's Blob service on a free port the first time it is called in this binary.
///
/// # Panics
/// When `azurite-blob` is not installed (with the command that installs it) or does not come
/// up within 60 s.
pub fn azure() -> &'static AzuriteServer {
    static SERVER: OnceLock<AzuriteServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        assert!(supervised::on_path("azurite-blob"), "azurite-blob is not on PATH. {INSTALL}");
        let port = crate::redis_server::free_port();
        let log = std::env::temp_dir().join(format!("salesflow-azurite-{}-{port}.log", std::process::id()));
        let args = [
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            &port.to_string(),
            // Nothing on disk (it refuses `--location` then): each binary starts empty.
            "--inMemoryPersistence",
            "--disableTelemetry",
            "--skipApiVersionCheck",
            "--silent",
        ]
        .map(str::to_owned);
        let server =
            supervised::start("azurite-blob", "azurite-blob", &args, port, &log, Duration::from_secs(60), INSTALL);
        AzuriteServer { port, _server: server }
    })
}

impl AzuriteServer {
    /// The account URL, path-style.
    #[must_use]
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/{ACCOUNT}", self.port)
    }

    #[must_use]
    pub fn config(&self, container: &str, prefix: &str) -> AzureBlobConfig {
        AzureBlobConfig {
            account: ACCOUNT.to_owned(),
            container: container.to_owned(),
            access_key: SecretString::from(KEY),
            prefix: prefix.to_owned(),
            endpoint: Some(self.endpoint()),
            allow_http: true,
        }
    }

    /// Creates a container of the test's own and returns its settings.
    ///
    /// # Panics
    /// When Azurite refuses.
    pub async fn bucket(&self, name: &str, prefix: &str) -> AzureBlobConfig {
        let container = super::unique_bucket(name);
        let date = chrono::Utc::now().format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        let version = "2021-08-06";
        // Shared Key: the verb, eleven empty standard headers, the x-ms headers, the resource.
        let to_sign = format!(
            "PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{date}\nx-ms-version:{version}\n/{ACCOUNT}/{ACCOUNT}/{container}\nrestype:container"
        );
        let key = STANDARD.decode(KEY).expect("the emulator key is base64");
        let signature = STANDARD.encode(hmac_sha256(&key, to_sign.as_bytes()));
        let response = reqwest::Client::new()
            .put(format!("{}/{container}?restype=container", self.endpoint()))
            .header("x-ms-date", &date)
            .header("x-ms-version", version)
            .header("Content-Length", "0")
            .header("Authorization", format!("SharedKey {ACCOUNT}:{signature}"))
            .send()
            .await
            .expect("Azurite answers Create Container");
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "Create Container {container}: {status} {body}");
        self.config(&container, prefix)
    }
}

/// RFC 2104 HMAC over SHA-256 (the only MAC the test needs; not worth another crate).
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0_u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|k| k ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = super::hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
