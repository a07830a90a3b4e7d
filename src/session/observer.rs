//! A client's hook on the end of every epoch: called with the weights as they are when the
//! epoch completes, on whichever thread trained it (the UI thread's time slices, a step, or
//! the training thread at full speed). The app uses it to serve each epoch's weights.

use std::sync::Arc;

use crate::nn::{EpochRecord, Network};

/// What an observer calls: the weights and the record of the epoch that just ended.
type OnEpochEnd = dyn Fn(&Network, &EpochRecord) + Send + Sync;

/// Called with the network and the epoch's record at the end of every epoch. It runs inside
/// training, so it should only take a copy and return.
#[derive(Clone)]
pub struct EpochObserver(Arc<OnEpochEnd>);

impl EpochObserver {
    /// An observer that calls `f`.
    pub fn new(f: impl Fn(&Network, &EpochRecord) + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }

    /// Tells the observer that an epoch ended with these weights.
    pub fn epoch_ended(&self, network: &Network, record: &EpochRecord) {
        (self.0)(network, record);
    }
}

impl std::fmt::Debug for EpochObserver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EpochObserver")
    }
}
