//! Helpers shared by the integration tests: a private `redis-server` per test, a server that
//! accepts connections but never answers, a closed port, unique key prefixes.

#![allow(dead_code, reason = "each test binary uses a different subset of these helpers")]

pub(crate) mod recorder;

use std::net::Ipv4Addr;

#[allow(unused_imports, reason = "each test binary uses a different subset of these helpers")]
pub(crate) use testkit::redis_server::{RedisServer, free_port, unique_prefix, url_for};

/// A TCP server that accepts connections and never writes a byte: every request hangs.
#[derive(Debug)]
pub(crate) struct SilentServer {
    port: u16,
    acceptor: tokio::task::JoinHandle<()>,
}

impl SilentServer {
    pub(crate) async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.expect("bind the silent server");
        let port = listener.local_addr().expect("read the silent server's port").port();
        let acceptor = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket); // kept open, never read nor written
            }
        });
        Self { port, acceptor }
    }

    pub(crate) fn url(&self) -> String {
        url_for(self.port)
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.acceptor.abort();
    }
}
