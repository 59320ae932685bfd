//! The real binary: start-up errors name the key, the access log is written, and SIGTERM shuts
//! down gracefully.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gateway() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_salesflow-gateway"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("APP_CONFIG_DIR", "/nonexistent")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn a_bad_setting_stops_start_up_with_a_message_naming_the_key() {
    let out = gateway().env("APP__SERVER__PORT", "eighty").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("server.port"), "{stderr}");

    let out = gateway().env("DEV_MODE", "false").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("JAVA_JWT_SECRET"));
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

#[tokio::test]
async fn sigterm_stops_the_server_gracefully() {
    let port = free_port();
    let state = std::env::temp_dir().join(format!("salesflow-binary-test-{port}.db"));
    let child = gateway()
        .env("PORT", port.to_string())
        .env("APP__TELEMETRY__LOG_FORMAT", "json")
        .env("APP__STATE__SQLITE_PATH", &state)
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/api/v1/health");
    let client = reqwest::Client::new();
    let started = Instant::now();
    // Poll for the listener (a process start, not a worker): bounded, no fixed sleep.
    let up = loop {
        if client.get(&url).send().await.is_ok_and(|r| r.status().is_success()) {
            break true;
        }
        if started.elapsed() > Duration::from_secs(30) {
            break false;
        }
        tokio::task::yield_now().await;
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(up, "gateway did not start");
    let base = format!("http://127.0.0.1:{port}");
    client.get(format!("{base}/api/v1/me")).header("x-request-id", "bin-test-1").send().await.unwrap();
    client.get(format!("{base}/api/v1/nope")).send().await.unwrap();
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await.unwrap().unwrap();
    assert!(output.status.success(), "exit status {:?}", output.status);
    let logs = String::from_utf8_lossy(&output.stdout);
    assert!(logs.contains("\"message\":\"SalesFlow gateway listening\""), "{logs}");
    assert!(logs.contains("gateway stopped gracefully"), "{logs}");
    // The access log: one JSON line per request, except successful probe traffic.
    let access: Vec<&str> = logs.lines().filter(|l| l.contains("request completed")).collect();
    assert!(
        access.iter().any(|l| l.contains(r#""route":"/api/v1/me""#)
            && l.contains("bin-test-1")
            && l.contains(r#""subject":"dev-user""#)),
        "{logs}"
    );
    assert!(access.iter().any(|l| l.contains(r#""status":404"#) && l.contains(r#""path":"/api/v1/nope""#)), "{logs}");
    assert!(!access.iter().any(|l| l.contains(r#""route":"/api/v1/health""#)), "{logs}");
    assert!(state.exists(), "DEV keeps its state in the embedded SQLite file");
    let _ = std::fs::remove_file(&state);
}
