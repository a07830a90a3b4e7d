//! The running experiment: the setup, the trainer built from it, play/pause (in time slices of
//! each frame, or at full speed on the training thread between frames), the elapsed training
//! time and a cache of the latest evaluations.

use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::data::Preprocessing;
use crate::nn::{EpochRecord, Evaluation, TrainError, Trainer};

use super::observer::EpochObserver;
use super::setup::Setup;
use super::snapshots::SnapshotStore;
use super::worker::Worker;

mod rewind;

pub use rewind::Rewound;

/// Why training stopped by itself (facts; each client words its own advice).
#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// The engine refused to go on: the numbers diverged.
    Diverged(TrainError),
    /// A panic inside the engine (a bug); the message of the panic. The trainer is kept.
    Crashed(String),
}

/// Least wall time spent training inside one frame while playing.
pub const FRAME_BUDGET: Duration = Duration::from_millis(8);
/// Most wall time spent training inside one frame, so the UI keeps a usable frame rate.
pub const MAX_FRAME_BUDGET: Duration = Duration::from_millis(25);

/// How often the confusion matrix is re-evaluated while playing.
const EVALUATION_INTERVAL: Duration = Duration::from_millis(150);

/// The speed slider's top value: no rate limit, only the frame budget.
pub const MAX_SPEED: f32 = 10_000.0;

/// The latest evaluation of the network on the training and test sets.
#[derive(Debug, Clone)]
pub struct Evaluations {
    /// On the training set.
    pub train: Evaluation,
    /// On the test set, if there is one.
    pub test: Option<Evaluation>,
    version: u64,
    at: Instant,
}

impl Evaluations {
    /// Evaluates `trainer` here and now, for weights version `version`.
    fn now(trainer: &Trainer, version: u64) -> Self {
        let (train, test) = trainer.evaluation_job().run();
        Self {
            train,
            test,
            version,
            at: Instant::now(),
        }
    }
}

/// An experiment being run.
#[derive(Debug)]
pub struct Session {
    /// What the user set.
    pub setup: Setup,
    /// The trainer; `None` only between frames, while it is away on the training thread.
    home: Option<Trainer>,
    /// The training thread, started the first time the user plays at full speed.
    worker: Option<Worker>,
    playing: bool,
    /// Updates (mini-batches) per second while playing; [`MAX_SPEED`] means unlimited.
    pub speed: f32,
    step_credit: f32,
    elapsed_secs: f64,
    /// How long the last frame's training took (to tell training from drawing time).
    last_train: Duration,
    /// Increases with every change of the weights, so caches know they are stale.
    version: u64,
    evaluations: Option<Evaluations>,
    /// An evaluation running on a background thread while playing.
    evaluation_in_flight: Option<Receiver<Evaluations>>,
    /// Why training stopped, if it did.
    stop: Option<Stop>,
    /// Told the weights at the end of every epoch (kept when the trainer is replaced).
    epoch_observer: Option<EpochObserver>,
    /// The preprocessing the trainer's data was made with, when the setup does not hold it.
    fitted: Option<Preprocessing>,
    /// The parameters at the start of every epoch (thinned when full), to rewind to.
    snapshots: SnapshotStore,
}

impl Session {
    /// A session for `setup` with a trainer already built from it.
    pub fn new(setup: Setup, trainer: Trainer) -> Self {
        let mut snapshots = SnapshotStore::default();
        snapshots.record(&trainer);
        Self::with_snapshots(setup, trainer, snapshots)
    }

    /// A session that keeps `snapshots` (loaded with its experiment) as its history.
    pub fn with_snapshots(setup: Setup, trainer: Trainer, mut snapshots: SnapshotStore) -> Self {
        let stop = trainer.stopped().cloned().map(Stop::Diverged);
        snapshots.truncate_after(trainer.cursor().epoch);
        snapshots.record(&trainer);
        Self {
            setup,
            home: Some(trainer),
            worker: None,
            playing: false,
            speed: 30.0,
            step_credit: 0.0,
            elapsed_secs: 0.0,
            last_train: Duration::ZERO,
            version: 0,
            evaluations: None,
            evaluation_in_flight: None,
            stop,
            epoch_observer: None,
            fitted: None,
            snapshots,
        }
    }

    /// The trainer (read-only: panels draw it). Always home during a frame: the app calls
    /// [`Session::settle`] first thing in every frame.
    pub fn trainer(&self) -> &Trainer {
        self.home
            .as_ref()
            .unwrap_or_else(|| unreachable!("the trainer is away only between frames"))
    }

    /// Mutable trainer, for hyperparameter setters; marks caches stale.
    pub fn trainer_mut(&mut self) -> &mut Trainer {
        self.version += 1;
        self.home
            .as_mut()
            .unwrap_or_else(|| unreachable!("the trainer is away only between frames"))
    }

    /// Brings the trainer home from the training thread (waiting at most one mini-batch) and
    /// takes in what it did there. Call at the start of every frame.
    pub fn settle(&mut self) {
        let Some(lap) = self.worker.as_mut().and_then(Worker::recall) else {
            return;
        };
        self.home = Some(lap.trainer);
        self.snapshots = lap.snapshots;
        self.version += lap.batches;
        self.elapsed_secs += lap.seconds;
        if let Some(error) = lap.error {
            self.stopped(&error);
        }
        if let Some(bug) = lap.crashed {
            self.playing = false;
            self.stop = Some(Stop::Crashed(bug));
        }
    }

    /// Call at the end of every frame: while playing at full speed, sends the trainer to the
    /// training thread until the next frame's [`Session::settle`].
    pub fn end_frame(&mut self) {
        if !self.playing || self.speed < MAX_SPEED || self.stop.is_some() {
            return;
        }
        if self.worker.is_none() {
            // Without a thread, play falls back to training in time slices.
            self.worker = Worker::start().ok();
        }
        if let (Some(worker), Some(trainer)) = (self.worker.as_mut(), self.home.take()) {
            let snapshots = std::mem::take(&mut self.snapshots);
            if let Some((trainer, snapshots)) =
                worker.send(trainer, snapshots, self.epoch_observer.clone())
            {
                self.home = Some(trainer);
                self.snapshots = snapshots;
            }
        }
    }

    /// True while training runs by itself.
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// Wall time spent training, in seconds.
    pub fn elapsed_secs(&self) -> f64 {
        self.elapsed_secs
    }

    /// A counter that changes whenever the weights may have changed.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Why training stopped, if it did.
    pub fn stop(&self) -> Option<&Stop> {
        self.stop.as_ref()
    }

    /// Starts or stops continuous training. Does nothing once training has diverged.
    pub fn set_playing(&mut self, playing: bool) {
        self.playing = playing && self.stop.is_none();
        self.step_credit = 0.0;
    }

    /// Replaces the trainer (after a reset or a change of data/architecture) and the setup.
    pub fn replace(&mut self, setup: Setup, trainer: Trainer) {
        let speed = self.speed;
        let observer = self.epoch_observer.take();
        *self = Self::new(setup, trainer);
        self.speed = speed;
        self.epoch_observer = observer;
    }

    /// The preprocessing that turned the data's rows into the trainer's numbers: the setup's,
    /// or the one fitted when the trainer was built (see
    /// [`Session::set_fitted_preprocessing`]). `None` for generated data.
    pub fn preprocessing(&self) -> Option<&Preprocessing> {
        self.setup.data.preprocessing().or(self.fitted.as_ref())
    }

    /// Remembers the preprocessing fitted when this trainer's data was loaded (a client that
    /// loads the data itself knows it; the setup is left as the user set it).
    pub fn set_fitted_preprocessing(&mut self, fitted: Option<Preprocessing>) {
        self.fitted = fitted;
    }

    /// Sets (or removes) the hook told the weights at the end of every epoch, however the
    /// epoch was trained.
    pub fn set_epoch_observer(&mut self, observer: Option<EpochObserver>) {
        self.epoch_observer = observer;
    }

    /// One sample step.
    pub fn step_sample(&mut self) {
        self.timed(|t| t.step_sample().map(|s| s.epoch_end));
    }

    /// One mini-batch.
    pub fn step_batch(&mut self) {
        self.timed(|t| t.step_batch().map(|s| s.epoch_end));
    }

    /// The rest of the current epoch.
    pub fn step_epoch(&mut self) {
        self.timed(|t| t.step_epoch().map(Some));
    }

    /// While playing: trains at `speed` updates per second over `dt_secs` of wall time, for
    /// as long as the rest of the last frame took (at least [`FRAME_BUDGET`], at most
    /// [`MAX_FRAME_BUDGET`]), so training gets about half the wall time however slow the
    /// drawing is. Returns true when it trained.
    pub fn tick(&mut self, dt_secs: f32) -> bool {
        if !self.playing {
            return false;
        }
        let unlimited = self.speed >= MAX_SPEED;
        if unlimited && self.worker.is_some() {
            // Full speed trains on the training thread between frames (see `end_frame`).
            return true;
        }
        self.elapsed_secs += f64::from(dt_secs.clamp(0.0, 0.25));
        if !unlimited {
            // Cap the credit so a stalled frame does not cause a burst.
            self.step_credit = (self.step_credit + dt_secs * self.speed).min(self.speed.max(1.0));
            if self.step_credit < 1.0 {
                return false;
            }
        }
        let drawing =
            Duration::from_secs_f32(dt_secs.clamp(0.0, 1.0)).saturating_sub(self.last_train);
        let budget = drawing.clamp(FRAME_BUDGET, MAX_FRAME_BUDGET);
        let start = Instant::now();
        while self.playing && (unlimited || self.step_credit >= 1.0) && start.elapsed() < budget {
            self.step_credit -= 1.0;
            match self.trainer_mut().step_batch() {
                Ok(step) => {
                    if step.epoch_end.is_some() {
                        self.record_snapshot();
                    }
                    self.epoch_ended(step.epoch_end.as_ref());
                }
                Err(error) => self.stopped(&error),
            }
        }
        if unlimited {
            self.step_credit = 0.0;
        }
        self.last_train = start.elapsed();
        true
    }

    /// The latest evaluations, recomputed when the weights changed (see
    /// [`Session::refresh_evaluations`]).
    pub fn evaluations(&mut self) -> &Evaluations {
        self.refresh_evaluations();
        self.evaluations
            .as_ref()
            .unwrap_or_else(|| unreachable!("just refreshed"))
    }

    /// The evaluations as last refreshed, without computing anything: always `Some` after
    /// [`Session::refresh_evaluations`]. For readers that hold other borrows of the session
    /// (a UI frame drawing the trainer and its evaluations side by side).
    pub fn latest_evaluations(&self) -> Option<&Evaluations> {
        self.evaluations.as_ref()
    }

    /// Recomputes the evaluations when the weights changed. While paused they are computed at
    /// once, so they always match the weights shown. While playing they are computed on a
    /// background thread at most every [`EVALUATION_INTERVAL`] and the previous ones stay
    /// meanwhile, so a large dataset never stalls a frame.
    pub fn refresh_evaluations(&mut self) {
        if let Some(in_flight) = &self.evaluation_in_flight
            && let Ok(done) = in_flight.try_recv()
        {
            self.evaluations = Some(done);
            self.evaluation_in_flight = None;
        }
        let current = self
            .evaluations
            .as_ref()
            .is_some_and(|e| e.version == self.version);
        if current {
            return;
        }
        let due = self
            .evaluations
            .as_ref()
            .is_none_or(|e| e.at.elapsed() >= EVALUATION_INTERVAL);
        if !self.playing || self.evaluations.is_none() {
            self.evaluations = Some(Evaluations::now(self.trainer(), self.version));
            self.evaluation_in_flight = None;
        } else if due && self.evaluation_in_flight.is_none() {
            self.evaluation_in_flight = self.evaluate_in_background();
        }
    }

    /// Starts evaluating the current weights on a background thread; `None` if no thread
    /// could be started (the next frame tries again).
    fn evaluate_in_background(&self) -> Option<Receiver<Evaluations>> {
        let job = self.trainer().evaluation_job();
        let version = self.version;
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("evaluation".into())
            .spawn(move || {
                let (train, test) = job.run();
                // The session may be gone (a new experiment); then nobody needs the result.
                let _ = tx.send(Evaluations {
                    train,
                    test,
                    version,
                    at: Instant::now(),
                });
            })
            .ok()?;
        Some(rx)
    }

    /// Runs one step; `step` returns the record of the epoch it completed, if it did.
    fn timed(
        &mut self,
        step: impl FnOnce(&mut Trainer) -> Result<Option<EpochRecord>, TrainError>,
    ) {
        let start = Instant::now();
        match step(self.trainer_mut()) {
            Ok(epoch_end) => self.epoch_ended(epoch_end.as_ref()),
            Err(error) => self.stopped(&error),
        }
        self.record_snapshot();
        self.elapsed_secs += start.elapsed().as_secs_f64();
    }

    /// Tells the observer, if any, when a step completed an epoch.
    fn epoch_ended(&self, record: Option<&EpochRecord>) {
        if let (Some(observer), Some(record), Some(trainer)) =
            (&self.epoch_observer, record, &self.home)
        {
            observer.epoch_ended(trainer.network(), record);
        }
    }

    fn stopped(&mut self, error: &TrainError) {
        self.playing = false;
        self.stop = Some(Stop::Diverged(error.clone()));
    }
}
