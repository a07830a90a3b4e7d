//! The read-only view of the running experiment that every panel draws from, extracted once
//! per frame: borrowed, never cloned (the datasets inside the trainer are shared `Arc`s).

use crate::nn::Trainer;
use crate::session::{Evaluations, Rewound, Session};

use super::strings::Strings;

/// What a frame draws: the session, its trainer and latest evaluations, the sample in
/// focus and the interface text.
#[derive(Debug, Clone, Copy)]
pub struct FrameData<'a> {
    /// The running experiment: setup, play state, speed, why it stopped.
    pub session: &'a Session,
    /// Its trainer: network, data, history.
    pub trainer: &'a Trainer,
    /// The latest evaluations on the training and test sets.
    pub evaluations: &'a Evaluations,
    /// The training-set sample in focus, within the training set.
    pub focus: usize,
    /// The interface text.
    pub text: &'static Strings,
    /// The past epoch shown instead of the live run (the timeline), if any: then `trainer`
    /// and `evaluations` are that epoch's.
    pub viewing: Option<usize>,
}

impl<'a> FrameData<'a> {
    /// The view of `session` with training sample `focus` in focus; `None` until
    /// [`Session::refresh_evaluations`] has run once.
    pub fn new(session: &'a Session, focus: usize, text: &'static Strings) -> Option<Self> {
        let trainer = session.trainer();
        Some(Self {
            session,
            trainer,
            evaluations: session.latest_evaluations()?,
            focus: focus.min(trainer.train_data().len().saturating_sub(1)),
            text,
            viewing: None,
        })
    }

    /// The same view showing `rewound` (a past epoch) instead of the live trainer.
    #[must_use]
    pub fn rewound(self, rewound: &'a Rewound) -> Self {
        Self {
            trainer: &rewound.trainer,
            evaluations: &rewound.evaluations,
            viewing: Some(rewound.epoch),
            ..self
        }
    }
}
