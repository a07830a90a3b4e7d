//! Rewinding a session: its snapshots, a read-only view of the run as it was at a kept
//! epoch, and continuing training from one (the later epochs dropped).

use super::{Evaluations, Session};
use crate::nn::{Snapshot, Trainer};
use crate::session::{DEFAULT_SNAPSHOT_BUDGET, SessionError, Setup, SnapshotStore};

/// The run as it was at the start of a kept epoch, for viewing: its own trainer (on the
/// session's shared data) and evaluations. Viewing never changes the session.
#[derive(Debug)]
pub struct Rewound {
    /// The epoch shown.
    pub epoch: usize,
    /// A trainer with the weights of that epoch.
    pub trainer: Trainer,
    /// Its evaluations on the training and test sets.
    pub evaluations: Evaluations,
    /// The session's [`Session::version`] when it was made: the live run has moved on when
    /// they differ.
    pub live_version: u64,
}

impl Session {
    /// Keeps a snapshot if the trainer has just begun a new epoch.
    pub(super) fn record_snapshot(&mut self) {
        if let Some(trainer) = &self.home {
            self.snapshots.record(trainer);
        }
    }

    /// The history of snapshots to rewind to (complete during a frame: see
    /// [`Session::settle`]).
    pub fn snapshots(&self) -> &SnapshotStore {
        &self.snapshots
    }

    /// A trainer as the run was at the start of `epoch`, on the same data, for viewing:
    /// the session itself does not change.
    pub fn trainer_at(&self, epoch: usize) -> Result<Trainer, SessionError> {
        let snapshot = self
            .snapshots
            .get(epoch)
            .ok_or(SessionError::NoSnapshot { epoch })?;
        Ok(self.trainer().rewound(snapshot)?)
    }

    /// Continues training from the start of `epoch`: the trainer becomes the snapshot's,
    /// the later snapshots and history records are dropped, and training goes on exactly as
    /// it went from there (paused).
    pub fn continue_from(&mut self, epoch: usize) -> Result<(), SessionError> {
        let trainer = self.trainer_at(epoch)?;
        let mut snapshots = std::mem::take(&mut self.snapshots);
        snapshots.truncate_after(epoch);
        let (speed, elapsed_secs) = (self.speed, self.elapsed_secs);
        let setup = self.setup.clone();
        let (observer, fitted) = (self.epoch_observer.take(), self.fitted.take());
        *self = Self::with_snapshots(setup, trainer, snapshots);
        self.speed = speed;
        self.elapsed_secs = elapsed_secs;
        self.epoch_observer = observer;
        self.fitted = fitted;
        Ok(())
    }

    /// Replaces the experiment with one opened from a file, keeping the snapshots the file
    /// was saved with (`train --history`) as its history.
    pub fn replace_with_history(
        &mut self,
        setup: Setup,
        trainer: Trainer,
        snapshots: Vec<Snapshot>,
    ) {
        let speed = self.speed;
        let store = SnapshotStore::from_snapshots(DEFAULT_SNAPSHOT_BUDGET, snapshots);
        let observer = self.epoch_observer.take();
        *self = Self::with_snapshots(setup, trainer, store);
        self.speed = speed;
        self.epoch_observer = observer;
    }

    /// The run as it was at the start of `epoch`, evaluated (on this thread: on large data
    /// this takes as long as one evaluation).
    pub fn view_at(&self, epoch: usize) -> Result<Rewound, SessionError> {
        let trainer = self.trainer_at(epoch)?;
        let evaluations = Evaluations::now(&trainer, self.version);
        Ok(Rewound {
            epoch,
            trainer,
            evaluations,
            live_version: self.version,
        })
    }
}
