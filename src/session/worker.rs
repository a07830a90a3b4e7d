//! The training thread: while playing at full speed, the trainer leaves the UI thread at the
//! end of every frame and trains on this thread until the next frame asks for it back. So
//! training runs while the frame is painted (and on the other core), not only in the slices
//! of time the UI thread can spare.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::observer::EpochObserver;
use super::snapshots::SnapshotStore;
use crate::nn::{TrainError, Trainer};

/// What goes to the thread: the trainer, the store of its snapshots, and who is told each
/// epoch's end.
type Away = (Trainer, SnapshotStore, Option<EpochObserver>);

/// The longest a lap runs when no frame asks for the trainer (a hidden window).
const MAX_LAP: Duration = Duration::from_secs(1);

/// What the trainer did while it was away.
#[derive(Debug)]
pub struct Lap {
    /// The trainer, back home.
    pub trainer: Trainer,
    /// The snapshot store, with a snapshot of every epoch begun while away.
    pub snapshots: SnapshotStore,
    /// Mini-batches stepped.
    pub batches: u64,
    /// Wall time spent training.
    pub seconds: f64,
    /// Why training stopped, if it did (divergence).
    pub error: Option<TrainError>,
    /// The message of a panic inside the engine, if one happened (a bug).
    pub crashed: Option<String>,
}

/// The training thread and the channels to it.
#[derive(Debug)]
pub struct Worker {
    to_thread: Option<Sender<Away>>,
    from_thread: Receiver<Lap>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    away: bool,
}

impl Worker {
    /// Starts the thread, or returns why it could not be started.
    pub fn start() -> std::io::Result<Self> {
        let (to_thread, inbox) = mpsc::channel::<Away>();
        let (outbox, from_thread) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("training".into())
            .spawn(move || {
                while let Ok((mut trainer, mut snapshots, observer)) = inbox.recv() {
                    let start = Instant::now();
                    let (mut batches, mut error, mut crashed) = (0, None, None);
                    while !flag.load(Ordering::Acquire) && start.elapsed() < MAX_LAP {
                        // A bug in the engine must not take the trainer down with the thread:
                        // the user's experiment comes back and can still be saved.
                        let step = panic::catch_unwind(AssertUnwindSafe(|| trainer.step_batch()));
                        match step {
                            Ok(Ok(step)) => {
                                batches += 1;
                                if let Some(record) = step.epoch_end {
                                    snapshots.record(&trainer);
                                    if let Some(observer) = &observer {
                                        observer.epoch_ended(trainer.network(), &record);
                                    }
                                }
                            }
                            Ok(Err(e)) => {
                                error = Some(e);
                                break;
                            }
                            Err(payload) => {
                                crashed = Some(panic_message(payload.as_ref()));
                                break;
                            }
                        }
                    }
                    let seconds = start.elapsed().as_secs_f64();
                    let lap = Lap {
                        trainer,
                        snapshots,
                        batches,
                        seconds,
                        error,
                        crashed,
                    };
                    if outbox.send(lap).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Self {
            to_thread: Some(to_thread),
            from_thread,
            stop,
            thread: Some(thread),
            away: false,
        })
    }

    /// Hands `trainer` (and the store that takes its snapshots) to the thread to train until
    /// [`Worker::recall`], telling `observer` the end of every epoch. Returns them if the
    /// thread is gone (then they stay with the caller).
    pub fn send(
        &mut self,
        trainer: Trainer,
        snapshots: SnapshotStore,
        observer: Option<EpochObserver>,
    ) -> Option<(Trainer, SnapshotStore)> {
        self.stop.store(false, Ordering::Release);
        let Some(tx) = &self.to_thread else {
            return Some((trainer, snapshots));
        };
        match tx.send((trainer, snapshots, observer)) {
            Ok(()) => {
                self.away = true;
                None
            }
            Err(mpsc::SendError((trainer, snapshots, _))) => Some((trainer, snapshots)),
        }
    }

    /// Asks for the trainer back and waits for it (at most one mini-batch). `None` when the
    /// trainer is not away, or the thread died with it.
    pub fn recall(&mut self) -> Option<Lap> {
        if !self.away {
            return None;
        }
        self.away = false;
        self.stop.store(true, Ordering::Release);
        self.from_thread.recv().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        // Closing the channel ends the thread's loop once its lap is over.
        self.to_thread = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The text a panic carried, if it was a string.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(ToString::to_string)
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".to_owned())
}
