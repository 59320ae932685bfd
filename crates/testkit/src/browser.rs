//! A headless Chromium driven over W3C WebDriver (Debian's `chromium` and `chromium-driver`),
//! for the dashboard's browser tests.
//!
//! Each [`Browser`] starts its own `chromedriver` on a free port with a fresh profile directory,
//! so tests never share cookies or caches; it is stopped when dropped. The protocol is small
//! enough to speak directly over `reqwest` (already a dependency), which keeps a WebDriver
//! crate and its dependency tree out of the build. Waiting is polling a DOM condition with a
//! bounded timeout: the browser, not a worker, decides when it is done.
//!
//! `CHROMEDRIVER` and `CHROMIUM` override the binaries (default: `chromedriver` on the `PATH`,
//! `/usr/bin/chromium`).

use std::io::Write;
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

/// Chromium's flags for a quiet, sandbox-less headless run on a CI machine.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
];

/// The WebDriver key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One entry of the browser's console log.
#[derive(Clone, Debug)]
pub struct LogEntry {
    /// `SEVERE`, `WARNING`, `INFO`, …
    pub level: String,
    pub message: String,
}

/// A running headless Chromium session.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    http: reqwest::Client,
    profile: tempfile::TempDir,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser").field("port", &self.port).field("session", &self.session).finish_non_exhaustive()
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl Browser {
    /// Starts chromedriver and a Chromium window of `width`×`height` CSS pixels.
    ///
    /// # Errors
    /// When chromedriver or Chromium cannot be started (are `chromium` and `chromium-driver`
    /// installed?).
    pub async fn start(width: u32, height: u32) -> anyhow::Result<Self> {
        let port = free_port()?;
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {driver_bin} (apt-get install chromium chromium-driver)"))?;
        let profile = tempfile::tempdir()?;
        let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build()?;
        let mut browser = Self { driver, port, session: String::new(), http, profile };
        browser.await_driver().await?;
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let mut args: Vec<String> = FLAGS.iter().map(|f| (*f).to_owned()).collect();
        args.push(format!("--user-data-dir={}", browser.profile.path().display()));
        args.push(format!("--window-size={width},{height}"));
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
            "timeouts": {"script": 30_000, "pageLoad": 30_000},
        }}});
        let created = browser.call("POST", "/session", Some(capabilities)).await?;
        browser.session = created["sessionId"].as_str().context("chromedriver answered no sessionId")?.to_owned();
        browser.set_viewport(width, height).await?;
        Ok(browser)
    }

    async fn await_driver(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let url = format!("http://127.0.0.1:{}/status", self.port);
            if let Ok(response) = self.http.get(&url).send().await
                && response.status().is_success()
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("chromedriver did not answer on port {} within 20 s", self.port);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let url = format!("http://127.0.0.1:{}{path}", self.port);
        let method = reqwest::Method::from_bytes(method.as_bytes())?;
        let mut request = self.http.request(method, &url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.with_context(|| format!("WebDriver {path}"))?;
        let status = response.status();
        let value: Value = response.json().await.with_context(|| format!("WebDriver {path}: not JSON"))?;
        if !status.is_success() {
            bail!("WebDriver {path} answered {status}: {}", value["value"]);
        }
        Ok(value.get("value").cloned().unwrap_or(value))
    }

    async fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        self.call(method, &format!("/session/{}{path}", self.session), body).await
    }

    /// Resizes the window so the *viewport* is `width`×`height` (the window has no chrome in
    /// headless mode, but the call keeps the two in step).
    ///
    /// # Errors
    /// On a WebDriver failure.
    pub async fn set_viewport(&self, width: u32, height: u32) -> anyhow::Result<()> {
        self.session_call("POST", "/window/rect", Some(json!({"width": width, "height": height}))).await?;
        Ok(())
    }

    /// Opens `url` and waits for the document to load.
    ///
    /// # Errors
    /// On a WebDriver failure.
    pub async fn goto(&self, url: &str) -> anyhow::Result<()> {
        self.session_call("POST", "/url", Some(json!({"url": url}))).await?;
        Ok(())
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    ///
    /// # Errors
    /// On a WebDriver failure or a script exception.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> anyhow::Result<Value> {
        self.session_call("POST", "/execute/sync", Some(json!({"script": script, "args": args}))).await
    }

    /// Runs an async `script`: its last argument is the callback to call with the result.
    ///
    /// # Errors
    /// On a WebDriver failure, a script exception or the 30 s script timeout.
    pub async fn execute_async(&self, script: &str, args: Vec<Value>) -> anyhow::Result<Value> {
        self.session_call("POST", "/execute/async", Some(json!({"script": script, "args": args}))).await
    }

    /// Polls `script` (an expression) until it is truthy and returns its value; fails after
    /// `timeout` with `what` in the message.
    ///
    /// # Errors
    /// When the condition does not hold in time.
    pub async fn wait_for(&self, what: &str, expression: &str, timeout: Duration) -> anyhow::Result<Value> {
        let deadline = Instant::now() + timeout;
        let script = format!("return ({expression});");
        loop {
            let value = self.execute(&script, vec![]).await?;
            let truthy = !matches!(&value, Value::Null | Value::Bool(false))
                && value.as_str() != Some("")
                && value.as_f64() != Some(0.0);
            if truthy {
                return Ok(value);
            }
            if Instant::now() > deadline {
                let state = self.execute("return document.documentElement.dataset.state + ' ' + location.href + ' ' + (document.querySelector('main')?.innerText || '').slice(0, 400);", vec![]).await?;
                bail!("waited {timeout:?} for {what}: {state}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn element(&self, css: &str) -> anyhow::Result<String> {
        let found = self.session_call("POST", "/element", Some(json!({"using": "css selector", "value": css}))).await?;
        found[ELEMENT].as_str().map(str::to_owned).with_context(|| format!("no element {css}"))
    }

    /// Clicks the first element matching `css`, as a user would (scrolled into view).
    ///
    /// # Errors
    /// When there is no such element or it cannot be clicked.
    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        let id = self.element(css).await?;
        self.session_call("POST", &format!("/element/{id}/click"), Some(json!({}))).await?;
        Ok(())
    }

    /// Types `text` into the first element matching `css`.
    ///
    /// # Errors
    /// When there is no such element.
    pub async fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let id = self.element(css).await?;
        self.session_call("POST", &format!("/element/{id}/value"), Some(json!({"text": text}))).await?;
        Ok(())
    }

    /// Sends keys to whatever has the focus (e.g. `"\u{E004}"` for Tab, `"\u{E007}"` for Enter).
    ///
    /// # Errors
    /// On a WebDriver failure.
    pub async fn press(&self, keys: &str) -> anyhow::Result<()> {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                [json!({"type": "keyDown", "value": c.to_string()}), json!({"type": "keyUp", "value": c.to_string()})]
            })
            .collect();
        let body = json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]});
        self.session_call("POST", "/actions", Some(body)).await?;
        Ok(())
    }

    /// A PNG of the viewport, or of the whole page when `full` (through the DevTools protocol,
    /// which can capture beyond the viewport).
    ///
    /// # Errors
    /// On a WebDriver failure.
    pub async fn screenshot(&self, full: bool) -> anyhow::Result<Vec<u8>> {
        use base64::Engine;
        let encoded = if full {
            let size = self
                .execute(
                    "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];",
                    vec![],
                )
                .await?;
            let (width, height) = (size[0].as_f64().unwrap_or(1280.0), size[1].as_f64().unwrap_or(900.0).min(3200.0));
            let params = json!({"format": "png", "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}});
            let shot = self
                .session_call(
                    "POST",
                    "/goog/cdp/execute",
                    Some(json!({"cmd": "Page.captureScreenshot", "params": params})),
                )
                .await?;
            shot["data"].clone()
        } else {
            self.session_call("GET", "/screenshot", None).await?
        };
        let png = base64::engine::general_purpose::STANDARD.decode(encoded.as_str().context("no screenshot data")?)?;
        Ok(png)
    }

    /// Adds a cookie for the current page's site (WebDriver may set `HttpOnly` ones, which a
    /// page's scripts cannot).
    ///
    /// # Errors
    /// On a WebDriver failure.
    pub async fn add_cookie(&self, cookie: Value) -> anyhow::Result<()> {
        self.session_call("POST", "/cookie", Some(json!({"cookie": cookie}))).await?;
        Ok(())
    }

    /// Every cookie of the current page, as WebDriver sees them (`HttpOnly` included).
    ///
    /// # Errors
    /// On a WebDriver failure.
    pub async fn cookies(&self) -> anyhow::Result<Vec<Value>> {
        Ok(self.session_call("GET", "/cookie", None).await?.as_array().cloned().unwrap_or_default())
    }

    /// The console entries logged since the last call (errors, CSP violations, failed loads).
    ///
    /// # Errors
    /// On a WebDriver failure.
    pub async fn console(&self) -> anyhow::Result<Vec<LogEntry>> {
        let entries = self.session_call("POST", "/se/log", Some(json!({"type": "browser"}))).await?;
        Ok(entries
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|e| LogEntry {
                        level: e["level"].as_str().unwrap_or_default().to_owned(),
                        message: e["message"].as_str().unwrap_or_default().to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Empties the HTTP cache (Chrome DevTools Protocol through chromedriver), so the next load
    /// is a first load again.
    ///
    /// # Errors
    /// On a WebDriver failure.
    pub async fn clear_cache(&self) -> anyhow::Result<()> {
        self.session_call("POST", "/goog/cdp/execute", Some(json!({"cmd": "Network.clearBrowserCache", "params": {}})))
            .await?;
        Ok(())
    }

    /// Ends the session (Chromium exits) and stops chromedriver.
    pub async fn quit(mut self) {
        let _ = self.session_call("DELETE", "", None).await;
        self.session.clear();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A test that failed half-way still closes Chromium: a blocking DELETE over a plain
        // socket (no runtime is guaranteed here), then chromedriver is killed.
        if !self.session.is_empty()
            && let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port))
        {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let request = format!(
                "DELETE /session/{} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                self.session
            );
            if stream.write_all(request.as_bytes()).is_ok() {
                let _ = std::io::Read::read(&mut stream, &mut [0_u8; 512]);
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
