//! `SalesforceClient`: a signed-in REST call with one re-login on 401.

use std::sync::Arc;

use ports::{Clock, CrmError};
use reqwest::{Method, Url};

use crate::auth::{Auth, Session};
use crate::config::{SalesforceConfig, SalesforceConfigError, token_url};
use crate::errors::rest_error;
use crate::http::{Http, Repeat, Reply};

/// Salesforce as a `CrmSource` and `CrmWriteback`. Building it sends nothing; the first call
/// signs in.
pub struct SalesforceClient {
    pub(crate) http: Http,
    auth: Auth,
    api_version: String,
    login_url: String,
    pub(crate) clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for SalesforceClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SalesforceClient")
            .field("login_url", &self.login_url)
            .field("api_version", &self.api_version)
            .field("auth", &self.auth)
            .finish_non_exhaustive()
    }
}

/// Where a call goes, relative to the session's instance URL.
pub(crate) enum Target<'a> {
    /// `/services/data/vXX.X/<path>` with query pairs.
    Data { path: &'a str, query: &'a [(&'a str, &'a str)] },
    /// A path Salesforce gave us (`nextRecordsUrl`), already under `/services/data/`.
    Given(&'a str),
}

impl SalesforceClient {
    /// Checks the settings and builds the connection pool.
    ///
    /// # Errors
    /// [`SalesforceConfigError`] naming the unusable setting.
    pub fn new(config: SalesforceConfig, clock: Arc<dyn Clock>) -> Result<Self, SalesforceConfigError> {
        config.validate()?;
        let token = token_url(&config.login_url)?;
        let http = Http::new(&config)?;
        Ok(Self {
            http,
            auth: Auth::new(token, config.flow, Arc::clone(&clock)),
            api_version: config.api_version,
            login_url: config.login_url,
            clock,
        })
    }

    pub(crate) fn api_version(&self) -> &str {
        &self.api_version
    }

    fn url(&self, session: &Session, target: &Target<'_>) -> Result<Url, CrmError> {
        let mut url = session.instance_url.clone();
        match target {
            Target::Data { path, query } => {
                url.set_path(&format!("/services/data/v{}/{path}", self.api_version));
                if query.is_empty() {
                    url.set_query(None);
                } else {
                    url.query_pairs_mut().clear().extend_pairs(query.iter());
                }
            }
            Target::Given(path) => {
                // Only a path on the same instance: the bearer token must not go anywhere else.
                if !path.starts_with("/services/data/") {
                    return Err(CrmError::BadResponse(format!("nextRecordsUrl {path:?} is not an API path")));
                }
                let (p, q) = path.split_once('?').unwrap_or((path, ""));
                url.set_path(p);
                url.set_query(if q.is_empty() { None } else { Some(q) });
            }
        }
        Ok(url)
    }

    /// A REST call, signed in; after a 401 the client signs in again once and repeats the call
    /// once. Any other non-2xx answer becomes the matching `CrmError`.
    pub(crate) async fn call(
        &self,
        op: &str,
        method: Method,
        target: Target<'_>,
        body: Option<&serde_json::Value>,
        repeat: Repeat,
    ) -> Result<Reply, CrmError> {
        let mut session = self.auth.session(&self.http).await?;
        let mut relogged = false;
        loop {
            let url = self.url(&session, &target)?;
            let token = session.access_token.clone();
            let build = || {
                let request = self.http.client.request(method.clone(), url.clone()).bearer_auth(&token);
                match body {
                    Some(json) => request.json(json),
                    None => request,
                }
            };
            let reply = self.http.send(op, repeat, &build).await?;
            if reply.status.is_success() {
                return Ok(reply);
            }
            if reply.status == reqwest::StatusCode::UNAUTHORIZED && !relogged {
                relogged = true;
                session = self.auth.renew(&self.http, &session).await?;
                continue;
            }
            tracing::warn!(op, status = %reply.status, body = %crate::errors::excerpt(&reply.body), "Salesforce refused a call");
            return Err(rest_error(op, &reply));
        }
    }
}
