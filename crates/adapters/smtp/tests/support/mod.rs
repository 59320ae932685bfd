//! A real SMTP server for the tests: Debian's `python3-aiosmtpd` running a small handler that
//! stores each accepted message as JSON (decoded by Python's own e-mail parser, attachments
//! listed with their name, type and bytes), and refuses
//! `nobody@…` with 550 and defers `busy@…` with 451.

use std::fs::{self, File};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use adapter_smtp::{SmtpConfig, SmtpSecurity};
use domain::{Notification, Severity};
use serde_json::Value;
use tempfile::TempDir;

/// Debian's interpreter, where `python3-aiosmtpd` is installed (a pyenv python would not see it).
const PYTHON: &str = "/usr/bin/python3";

const HANDLER: &str = r#"
import asyncio, email, email.policy, json, os, sys
from aiosmtpd.smtp import SMTP

class Handler:
    def __init__(self, inbox):
        self.inbox = inbox
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local == "nobody":
            return "550 5.1.1 no such user"
        if local == "busy":
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        attachments = []
        if msg.is_multipart():
            body = msg.get_body(preferencelist=("plain",)).get_content()
            for part in msg.iter_attachments():
                content = part.get_content()
                attachments.append({
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "size": len(content),
                    "content_hex": content.hex() if isinstance(content, bytes) else None,
                })
        else:
            body = msg.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": [[name, str(value)] for name, value in msg.items()],
            "body": body,
            "attachments": attachments,
        }
        self.count += 1
        tmp = os.path.join(self.inbox, ".%d.tmp" % self.count)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f)
        # The file is complete before the 250 reply, so the client can read it right away.
        os.rename(tmp, os.path.join(self.inbox, "%d.json" % self.count))
        return "250 OK"

async def main(port, inbox):
    handler = Handler(inbox)
    server = await asyncio.get_running_loop().create_server(lambda: SMTP(handler), "127.0.0.1", port)
    await server.serve_forever()

asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
"#;

/// How long the server may take to start on a busy machine.
const STARTUP_LIMIT: Duration = Duration::from_secs(20);

/// An aiosmtpd process on a free local port; killed when dropped.
pub(crate) struct SmtpServer {
    child: Child,
    port: u16,
    inbox: PathBuf,
    _dir: TempDir,
}

impl SmtpServer {
    pub(crate) fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory for the SMTP server");
        let script = dir.path().join("server.py");
        fs::write(&script, HANDLER).expect("the handler script is written");
        let inbox = dir.path().join("inbox");
        fs::create_dir(&inbox).expect("the inbox directory is created");
        let log_path = dir.path().join("server.log");
        let log = File::create(&log_path).expect("the server log is created");
        let port = free_port();
        let child = Command::new(PYTHON)
            .arg(&script)
            .arg(port.to_string())
            .arg(&inbox)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("the log handle is cloned"))
            .stderr(log)
            .spawn()
            .expect("/usr/bin/python3 starts (apt-get install python3-aiosmtpd)");
        let mut server = Self { child, port, inbox, _dir: dir };
        server.wait_until_listening(&log_path);
        server
    }

    /// Polls the port until it accepts connections, or fails fast if the process died.
    fn wait_until_listening(&mut self, log_path: &std::path::Path) {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let deadline = Instant::now() + STARTUP_LIMIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("the server process can be polled") {
                let log = fs::read_to_string(log_path).unwrap_or_default();
                panic!("the SMTP server exited with {status} before listening:\n{log}");
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            assert!(Instant::now() < deadline, "the SMTP server did not listen within {STARTUP_LIMIT:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Every message the server accepted, oldest first.
    pub(crate) fn messages(&self) -> Vec<Value> {
        let mut files: Vec<PathBuf> = fs::read_dir(&self.inbox)
            .expect("the inbox is readable")
            .map(|entry| entry.expect("an inbox entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| {
                let text = fs::read_to_string(path).expect("a stored message is readable");
                serde_json::from_str(&text).expect("a stored message is JSON")
            })
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        // Best effort: the process may already be gone.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now (bound, then released).
pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("an ephemeral port");
    listener.local_addr().expect("the bound address").port()
}

/// A plain-connection configuration for a local server.
pub(crate) fn config(port: u16, to: &[&str]) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".to_owned(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
        from: "SalesFlow <alerts@salesflow.test>".to_owned(),
        to: to.iter().map(|&address| address.to_owned()).collect(),
        timeout: Duration::from_secs(5),
    }
}

pub(crate) fn notification(title: &str, body: &str, severity: Severity) -> Notification {
    Notification { title: title.to_owned(), body: body.to_owned(), severity }
}
