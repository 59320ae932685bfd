//! `HealthProbe` over Spring's actuator.

use async_trait::async_trait;
use ports::{HealthProbe, ProbeError};

use crate::client::{Failure, JavaClient};

const HEALTH: &str = "GET /actuator/health";

#[async_trait]
impl HealthProbe for JavaClient {
    async fn check(&self) -> Result<(), ProbeError> {
        match self.get_health(HEALTH).await {
            Ok(reply) if reply.status.is_success() => Ok(()),
            Ok(reply) => Err(ProbeError(format!("{HEALTH}: Java answered {}", reply.status.as_u16()))),
            Err(Failure::Transport { reason, .. }) => Err(ProbeError(reason)),
            Err(Failure::BadToken) => Err(ProbeError(format!("{HEALTH}: the request could not be sent"))),
        }
    }
}
