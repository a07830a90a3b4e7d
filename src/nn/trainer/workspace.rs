//! Buffers for one mini-batch size, reused from step to step, and the batch's forward and
//! backward passes. A large batch is computed as two halves on two threads.

use ndarray::Array2;

use crate::nn::linalg::{self, LARGE};
use crate::nn::{ErrorSignal, ForwardTrace, Gradients, Network};

/// The buffers one batch size needs.
#[derive(Debug, Clone)]
pub(super) struct Workspace {
    rows: usize,
    trace: ForwardTrace,
    targets: Array2<f32>,
    /// The batch-mean gradients of the last [`Workspace::run`].
    pub grads: Gradients,
    /// For a large batch, the two halves it is computed in (then `trace` and `targets` are
    /// empty). The split depends only on the batch and network size, never on the number of
    /// threads, so results are the same on one core or two.
    halves: Option<Box<[Workspace; 2]>>,
}

impl Workspace {
    /// Buffers for batches of `rows` samples through `network`.
    pub fn new(network: &Network, rows: usize) -> Self {
        if rows >= 2 && rows * network.largest_layer() > LARGE {
            let half = rows / 2;
            Self {
                rows,
                trace: network.trace_for(0),
                targets: Array2::zeros((0, network.outputs())),
                grads: network.gradients_for(0),
                halves: Some(Box::new([
                    Self::whole(network, half),
                    Self::whole(network, rows - half),
                ])),
            }
        } else {
            Self::whole(network, rows)
        }
    }

    fn whole(network: &Network, rows: usize) -> Self {
        Self {
            rows,
            trace: network.trace_for(rows),
            targets: Array2::zeros((rows, network.outputs())),
            grads: network.gradients_for(rows),
            halves: None,
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
            halves: None,
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
        match &mut self.halves {
            None => {
                for (row, &i) in rows.iter().enumerate() {
                    self.trace.input.row_mut(row).assign(&features.row(i));
                    self.targets.row_mut(row).assign(&targets.row(i));
                }
                network.forward_in_place(&mut self.trace);
                network.backward_in_place(
                    &self.trace,
                    self.targets.view(),
                    signal,
                    &mut self.grads,
                );
            }
            Some(halves) => {
                let [first, second] = &mut **halves;
                let (rows_a, rows_b) = rows.split_at(first.rows);
                linalg::both(
                    || first.run(network, features, targets, rows_a, signal),
                    || second.run(network, features, targets, rows_b, signal),
                );
                // The batch mean is the row-weighted mean of the two halves' means.
                let total = rows.len() as f32;
                let (wa, wb) = (rows_a.len() as f32 / total, rows_b.len() as f32 / total);
                self.grads.loss = wa * first.grads.loss + wb * second.grads.loss;
                for ((g, a), b) in self
                    .grads
                    .layers
                    .iter_mut()
                    .zip(&first.grads.layers)
                    .zip(&second.grads.layers)
                {
                    ndarray::Zip::from(&mut g.weights)
                        .and(&a.weights)
                        .and(&b.weights)
                        .for_each(|g, &a, &b| *g = wa * a + wb * b);
                    ndarray::Zip::from(&mut g.biases)
                        .and(&a.biases)
                        .and(&b.biases)
                        .for_each(|g, &a, &b| *g = wa * a + wb * b);
                }
            }
        }
    }
}
