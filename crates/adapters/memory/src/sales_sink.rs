//! A sales sink that keeps what it was asked to record.

use std::sync::Mutex;

use async_trait::async_trait;
use domain::{NewSale, Principal};
use ports::{SalesSink, SinkError, SinkReceipt};

/// Records every accepted batch in memory.
#[derive(Debug, Default)]
pub struct RecordingSalesSink {
    batches: Mutex<Vec<Vec<NewSale>>>,
}

impl RecordingSalesSink {
    #[must_use]
    pub fn batches(&self) -> Vec<Vec<NewSale>> {
        self.batches.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

#[async_trait]
impl SalesSink for RecordingSalesSink {
    async fn record(&self, _caller: &Principal, sales: &[NewSale]) -> Result<SinkReceipt, SinkError> {
        self.batches.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(sales.to_vec());
        Ok(SinkReceipt { recorded: sales.len(), message: "recorded in memory".into() })
    }
}
