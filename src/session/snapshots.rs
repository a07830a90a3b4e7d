//! The training history you can rewind: a [`Snapshot`] of the parameters and the optimizer
//! state at the start of every epoch, kept within a memory budget. When the budget is full, the
//! older epochs are thinned (every other one of them dropped, again and again, so their
//! spacing grows with their age: roughly log-spaced) while the most recent ones and the start
//! stay. A snapshot is all that a bit-exact continuation needs: each epoch's shuffle is
//! recomputed from (seed, epoch), so no random state is stored.

use crate::experiment::{FileLimits, model_file_bytes};
use crate::nn::{Snapshot, Trainer};

/// The default memory budget of a snapshot store: 256 MB.
pub const DEFAULT_SNAPSHOT_BUDGET: usize = 256 * 1024 * 1024;

/// The text of a snapshot beside its values (field names, hyperparameters), at most.
const SNAPSHOT_TEXT_BYTES: u64 = 1024;

/// The most recent snapshots, never thinned while older ones remain.
pub const KEEP_RECENT: usize = 10;

/// Snapshots by epoch, within a byte budget.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotStore {
    /// In increasing epoch order.
    snapshots: Vec<Snapshot>,
    /// Sum of [`Snapshot::bytes`] of those kept.
    bytes: usize,
    budget_bytes: usize,
    /// Snapshots not kept because one alone was larger than the budget.
    refused: usize,
}

impl Default for SnapshotStore {
    fn default() -> Self {
        Self::new(DEFAULT_SNAPSHOT_BUDGET)
    }
}

impl SnapshotStore {
    /// An empty store that holds at most `budget_bytes` (see [`Snapshot::bytes`]).
    pub fn new(budget_bytes: usize) -> Self {
        Self {
            snapshots: Vec::new(),
            bytes: 0,
            budget_bytes,
            refused: 0,
        }
    }

    /// A store of `budget_bytes` holding `snapshots` (oldest first), thinned if they do not
    /// fit.
    pub fn from_snapshots(budget_bytes: usize, snapshots: Vec<Snapshot>) -> Self {
        let mut store = Self::new(budget_bytes);
        for snapshot in snapshots {
            store.push(snapshot);
        }
        store
    }

    /// The snapshots to write into an experiment file, thinned (as when the budget is full)
    /// so that, each value written at its longest, they take at most the part of a file
    /// [`FileLimits::max_model_bytes`] leaves beside the model itself.
    pub fn fitting_a_file(&self, limits: &FileLimits) -> Vec<Snapshot> {
        let Some(newest) = self.snapshots.last() else {
            return Vec::new();
        };
        let architecture = newest.network.architecture();
        let per_snapshot = model_file_bytes(&architecture, newest.config.optimizer)
            .saturating_add(SNAPSHOT_TEXT_BYTES);
        let room = limits.max_model_bytes().saturating_sub(per_snapshot);
        let fit = usize::try_from(room / per_snapshot.max(1)).unwrap_or(usize::MAX);
        if fit >= self.snapshots.len() {
            return self.snapshots.clone();
        }
        let mut thinned = self.clone();
        while thinned.len() > fit {
            thinned.thin();
        }
        thinned.snapshots
    }

    /// Takes a snapshot of `trainer` if it stands at the start of an epoch newer than the
    /// newest kept. Returns true when one was kept.
    pub fn record(&mut self, trainer: &Trainer) -> bool {
        let cursor = trainer.cursor();
        let newer = self.newest_epoch().is_none_or(|e| cursor.epoch > e);
        if !newer {
            return false;
        }
        trainer.snapshot().is_some_and(|s| self.push(s))
    }

    /// Keeps `snapshot`, thinning older ones to make room; replaces any kept snapshot of the
    /// same or a later epoch (a run continued from an earlier epoch). Returns false when
    /// `snapshot` alone is larger than the budget (then it is not kept).
    pub fn push(&mut self, snapshot: Snapshot) -> bool {
        let size = snapshot.bytes();
        if size > self.budget_bytes {
            self.refused += 1;
            return false;
        }
        let later = self.snapshots.partition_point(|s| s.epoch < snapshot.epoch);
        self.drop_from(later);
        while self.bytes + size > self.budget_bytes {
            self.thin();
        }
        self.bytes += size;
        self.snapshots.push(snapshot);
        true
    }

    /// Drops the snapshots of epochs after `epoch` (training continues from there).
    pub fn truncate_after(&mut self, epoch: usize) {
        let later = self.snapshots.partition_point(|s| s.epoch <= epoch);
        self.drop_from(later);
    }

    /// Drops the snapshots from `index` on.
    fn drop_from(&mut self, index: usize) {
        let dropped: usize = self.snapshots[index..].iter().map(Snapshot::bytes).sum();
        self.snapshots.truncate(index);
        self.bytes -= dropped;
    }

    /// Frees room: every other one of the snapshots older than the [`KEEP_RECENT`] newest
    /// (the oldest stays); when there are none, the oldest of the recent ones (the oldest of
    /// all stays while there is another); the last resort, the oldest of all.
    fn thin(&mut self) {
        let n = self.snapshots.len();
        let older = n.saturating_sub(KEEP_RECENT);
        let before = self.bytes;
        if older >= 3 {
            // Indices 1, 3, 5, … below `older` go: the gaps between the kept ones double.
            let mut index = 0;
            let mut freed = 0;
            self.snapshots.retain(|s| {
                let drop = index < older && index % 2 == 1;
                index += 1;
                if drop {
                    freed += s.bytes();
                }
                !drop
            });
            self.bytes -= freed;
        } else if n >= 2 {
            let gone = self.snapshots.remove(1);
            self.bytes -= gone.bytes();
        } else if n == 1 {
            let gone = self.snapshots.remove(0);
            self.bytes -= gone.bytes();
        }
        debug_assert!(self.bytes < before || n == 0, "thinning frees room");
    }

    /// The snapshot taken at the start of `epoch`, if it is kept.
    pub fn get(&self, epoch: usize) -> Option<&Snapshot> {
        self.snapshots
            .binary_search_by_key(&epoch, |s| s.epoch)
            .ok()
            .map(|i| &self.snapshots[i])
    }

    /// The kept snapshot nearest to `epoch` at or before it.
    pub fn at_or_before(&self, epoch: usize) -> Option<&Snapshot> {
        let after = self.snapshots.partition_point(|s| s.epoch <= epoch);
        after.checked_sub(1).map(|i| &self.snapshots[i])
    }

    /// Every kept snapshot, oldest first.
    pub fn snapshots(&self) -> &[Snapshot] {
        &self.snapshots
    }

    /// The epochs kept, oldest first.
    pub fn epochs(&self) -> impl Iterator<Item = usize> + '_ {
        self.snapshots.iter().map(|s| s.epoch)
    }

    /// The newest epoch kept.
    pub fn newest_epoch(&self) -> Option<usize> {
        self.snapshots.last().map(|s| s.epoch)
    }

    /// Number of snapshots kept.
    pub fn len(&self) -> usize {
        self.snapshots.len()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
    }

    /// Bytes held by the kept snapshots (see [`Snapshot::bytes`]); never above the budget.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The most bytes the store holds.
    pub fn budget_bytes(&self) -> usize {
        self.budget_bytes
    }

    /// Snapshots not kept because one alone was larger than the budget.
    pub fn refused(&self) -> usize {
        self.refused
    }

    /// A smaller budget from now on (saving a history to a file): thins until it fits.
    pub fn shrink_to(&mut self, budget_bytes: usize) {
        self.budget_bytes = self.budget_bytes.min(budget_bytes);
        while self.bytes > self.budget_bytes {
            self.thin();
        }
    }
}
