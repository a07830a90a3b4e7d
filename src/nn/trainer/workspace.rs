//! Buffers for one mini-batch size, reused from step to step, and the batch's forward and
//! backward passes.

use ndarray::Array2;

use crate::nn::{ErrorSignal, ForwardTrace, Gradients, Network};

/// The buffers one batch size needs.
#[derive(Debug, Clone)]
pub(super) struct Workspace {
    rows: usize,
    trace: ForwardTrace,
    targets: Array2<f32>,
    /// The batch-mean gradients of the last [`Workspace::run`].
    pub grads: Gradients,
}

impl Workspace {
    /// Buffers for batches of `rows` samples through `network`.
    pub fn new(network: &Network, rows: usize) -> Self {
        Self {
            rows,
            trace: network.trace_for(rows),
            targets: Array2::zeros((rows, network.outputs())),
            grads: network.gradients_for(rows),
        }
    }

    /// An empty stand-in, for while the real one is borrowed out.
    pub fn empty() -> Self {
        Self {
            rows: 0,
            trace: ForwardTrace {
                input: Array2::zeros((0, 0)),
                layers: Vec::new(),
            },
            targets: Array2::zeros((0, 0)),
            grads: Gradients {
                loss: 0.0,
                layers: Vec::new(),
            },
        }
    }

    /// Samples per batch these buffers are for.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Forward and backward passes of the samples `rows` (row indices into `features` and
    /// `targets`), leaving the batch-mean loss and gradients in `self.grads`.
    pub fn run(
        &mut self,
        network: &Network,
        features: &Array2<f32>,
        targets: &Array2<f32>,
        rows: &[usize],
        signal: ErrorSignal,
    ) {
        debug_assert_eq!(rows.len(), self.rows, "a workspace serves one batch size");
        for (row, &i) in rows.iter().enumerate() {
            self.trace.input.row_mut(row).assign(&features.row(i));
            self.targets.row_mut(row).assign(&targets.row(i));
        }
        network.forward_in_place(&mut self.trace);
        network.backward_in_place(&self.trace, self.targets.view(), signal, &mut self.grads);
    }
}
