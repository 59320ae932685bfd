//! A private `redis-server` per test (`/usr/bin/redis-server`, on a free port, killed on drop),
//! which a test can stop and start again on the same port to simulate an outage.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use deadpool_redis::redis::aio::MultiplexedConnection;
use deadpool_redis::redis::{self, FromRedisValue};

/// A port nothing listens on (the OS handed it out, and the listener is gone).
#[must_use]
pub fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind an ephemeral port");
    listener.local_addr().expect("read the ephemeral port").port()
}

#[must_use]
pub fn url_for(port: u16) -> String {
    format!("redis://127.0.0.1:{port}")
}

const REDIS_SERVER: &str = "/usr/bin/redis-server";
const STARTUP_DEADLINE: Duration = Duration::from_secs(5);

/// A key prefix no other test uses: `sf:v1:test:<name>:<pid>:<n>:`.
pub fn unique_prefix(name: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("sf:v1:test:{name}:{}:{}:", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A private `redis-server` on its own port, killed on drop. It can be stopped and started again
/// on the same port to simulate an outage. It saves nothing by itself; after [`Self::snapshot`]
/// a restart reloads the data (its working directory is private and removed on drop).
#[derive(Debug)]
pub struct RedisServer {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl RedisServer {
    pub fn start() -> Self {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("salesflow-redis-test-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the redis-server directory");
        let mut server = Self { port, dir, child: None };
        server.restart();
        server
    }

    pub fn url(&self) -> String {
        url_for(self.port)
    }

    /// Kills the server and waits until it is gone (its port is then closed).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // Already exited is fine: either way the server no longer answers.
            let _ = child.kill();
            child.wait().expect("reap redis-server");
        }
    }

    /// Starts the server again on the same port and waits until it answers `PING`.
    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "stop the server before starting it again");
        let child = Command::new(REDIS_SERVER)
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .args(["--daemonize", "no"])
            .arg("--dir")
            .arg(&self.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn /usr/bin/redis-server");
        self.child = Some(child);
        self.wait_until_ready();
    }

    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + STARTUP_DEADLINE;
        loop {
            if answers_ping(self.port) {
                return;
            }
            let child = self.child.as_mut().expect("a started server");
            if let Some(status) = child.try_wait().expect("poll redis-server") {
                panic!("redis-server on port {} exited during startup: {status}", self.port);
            }
            assert!(Instant::now() < deadline, "redis-server on port {} did not answer within 5 s", self.port);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A fresh connection of the test's own, to check what the adapter really did in Redis.
    pub async fn connection(&self) -> MultiplexedConnection {
        redis::Client::open(self.url())
            .expect("a valid test URL")
            .get_multiplexed_async_connection()
            .await
            .expect("connect to the test redis-server")
    }

    /// Writes the data to disk (`SAVE`) so that the next restart reloads it.
    pub async fn snapshot(&self) {
        let reply: String = self.query(&redis::cmd("SAVE")).await;
        assert_eq!(reply, "OK");
    }

    /// Runs one command on a fresh connection.
    pub async fn query<T: FromRedisValue>(&self, cmd: &redis::Cmd) -> T {
        let mut conn = self.connection().await;
        cmd.query_async(&mut conn).await.expect("a direct Redis command")
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
        // Best effort: a leftover directory in the temp dir harms no other test.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn answers_ping(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let mut reply = [0_u8; 7];
    stream.set_read_timeout(Some(Duration::from_millis(200))).is_ok()
        && stream.write_all(b"PING\r\n").is_ok()
        && stream.read_exact(&mut reply).is_ok()
        && &reply == b"+PONG\r\n"
}
