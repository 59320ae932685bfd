//! Starting a server process that cannot outlive the test binary, and waiting (bounded) until
//! it answers HTTP.
//!
//! The servers are shared by every test of a binary through a `static`, which Rust never drops,
//! so a `Drop` cannot stop them. Instead each runs under a small `sh` that holds the read end of
//! a pipe whose write end stays in this process: when the test binary exits, for any reason, the
//! pipe closes, `cat` returns and the shell kills the server. No polling is involved.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// A server started by [`start`]; it stops when this value is dropped or the process exits.
#[derive(Debug)]
pub(crate) struct Supervised {
    child: Child,
    /// Closing it (drop, or process exit) makes the supervising shell kill the server.
    lifeline: Option<ChildStdin>,
}

impl Drop for Supervised {
    fn drop(&mut self) {
        self.lifeline.take();
        // Already exited is fine: either way the server is going away.
        let _ = self.child.wait();
    }
}

/// Runs `program args…` (its output in `log`) under a supervising shell, then waits until
/// `port` answers HTTP, for at most `deadline`.
///
/// # Panics
/// When the server exits during startup or does not answer in time; the message includes the
/// end of its log and `install_hint`.
pub(crate) fn start(
    name: &str,
    program: &str,
    args: &[String],
    port: u16,
    log: &std::path::Path,
    deadline: Duration,
    install_hint: &str,
) -> Supervised {
    let log_file = std::fs::File::create(log).expect("create the server log");
    // `"$@"` keeps every argument intact; the server gets /dev/null as stdin so that only the
    // watcher's `cat` holds the lifeline. The shell itself ends with the server, so a server
    // that dies during startup is seen at once.
    // (A background job's stdin is /dev/null, hence the lifeline moved to descriptor 3 first.)
    let script = r#"prog="$1"; shift; exec 3<&0
"$prog" "$@" </dev/null 3<&- & server=$!
{ cat <&3 >/dev/null; kill "$server" 2>/dev/null; } &
exec 3<&-
wait "$server""#;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(log_file.try_clone().expect("clone the log handle"))
        .stderr(log_file)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run sh to start {name}: {e}"));
    let lifeline = child.stdin.take();
    let mut server = Supervised { child, lifeline };
    let started = Instant::now();
    loop {
        if answers_http(port) {
            return server;
        }
        let log_tail = || std::fs::read_to_string(log).unwrap_or_default().chars().rev().take(2000).collect::<String>();
        if let Some(status) = server.child.try_wait().expect("poll the server") {
            let tail: String = log_tail().chars().rev().collect();
            panic!("{name} exited during startup ({status}). {install_hint}\n--- its log ---\n{tail}");
        }
        if started.elapsed() > deadline {
            let tail: String = log_tail().chars().rev().collect();
            // Best effort so that the port is not left behind; the lifeline closes on drop.
            server.lifeline.take();
            panic!("{name} did not answer on port {port} within {deadline:?}\n--- its log ---\n{tail}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Any HTTP status line means the server is up (the status itself does not matter).
fn answers_http(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let mut head = [0_u8; 5];
    stream.set_read_timeout(Some(Duration::from_secs(2))).is_ok()
        && stream.write_all(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_ok()
        && stream.read_exact(&mut head).is_ok()
        && &head == b"HTTP/"
}

/// Whether `program` can be found on `PATH` (or is a path to a file).
pub(crate) fn on_path(program: &str) -> bool {
    if program.contains('/') {
        return std::path::Path::new(program).is_file();
    }
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

#[cfg(test)]
mod tests {
    #[test]
    #[should_panic(expected = "Install it with: apt-get install nothing")]
    fn a_missing_server_fails_with_the_install_hint() {
        let dir = tempfile::tempdir().expect("temp dir");
        let port = crate::redis_server::free_port();
        let log = dir.path().join("missing.log");
        let hint = "Install it with: apt-get install nothing";
        super::start("missing", "/nonexistent/server", &[], port, &log, std::time::Duration::from_secs(10), hint);
    }
}
