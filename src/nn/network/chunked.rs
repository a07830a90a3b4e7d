//! Forward passes over many rows at once (a dataset to evaluate, a decision-boundary grid): run
//! in cache-sized chunks through the small-product loops, shared between two threads.

use ndarray::{ArrayView2, ArrayViewMut2, Axis, Slice};

use super::{ForwardTrace, LayerTrace, Network};
use crate::nn::linalg;

impl Network {
    /// Forward pass of a batch, keeping every layer's z and a.
    /// # Shapes
    /// `input`: `[batch, inputs]`
    ///
    /// A large batch (a dataset to evaluate, a decision-boundary grid) runs in chunks of rows
    /// sized to keep every product in the small, cache-resident loops, and the chunks are
    /// shared between two threads. Each row's numbers are the same whichever thread ran it.
    pub fn forward(&self, input: ArrayView2<'_, f32>) -> ForwardTrace {
        if input.nrows() <= 2 * self.chunk_rows() {
            // One chunk: straight into the trace, without a scratch copy.
            let mut trace = self.trace_for(input.nrows());
            trace.input.assign(&input);
            self.forward_in_place(&mut trace);
            return trace;
        }
        let mut layers: Vec<LayerTrace> = self
            .layers
            .iter()
            .map(|l| LayerTrace::zeros(input.nrows(), l.width()))
            .collect();
        self.forward_keeping(input, &mut layers);
        ForwardTrace {
            input: input.to_owned(),
            layers,
        }
    }

    /// Forward pass of a batch keeping only the output layer's z and a: what a prediction
    /// over many points needs, without the memory of every hidden layer.
    /// # Shapes
    /// `input`: `[batch, inputs]`
    pub fn forward_output(&self, input: ArrayView2<'_, f32>) -> LayerTrace {
        let mut out = [LayerTrace::zeros(input.nrows(), self.outputs())];
        self.forward_keeping(input, &mut out);
        let [out] = out;
        out
    }

    /// Runs `input` forward and stores the last `keep.len()` layers' z and a in `keep`.
    fn forward_keeping(&self, input: ArrayView2<'_, f32>, keep: &mut [LayerTrace]) {
        let rows = self.chunk_rows();
        let split_at = if input.nrows() > 2 * rows {
            input.nrows().div_ceil(rows) / 2 * rows
        } else {
            input.nrows()
        };
        let (input_a, input_b) = input.split_at(Axis(0), split_at);
        let (mut outs_a, mut outs_b) = (Vec::new(), Vec::new());
        for layer in keep.iter_mut() {
            let (z_a, z_b) = layer.z.view_mut().split_at(Axis(0), split_at);
            let (a_a, a_b) = layer.a.view_mut().split_at(Axis(0), split_at);
            outs_a.push((z_a, a_a));
            outs_b.push((z_b, a_b));
        }
        if input_b.nrows() == 0 {
            self.forward_chunks(input_a, &mut outs_a, rows);
        } else {
            linalg::both_once(
                || self.forward_chunks(input_a, &mut outs_a, rows),
                || self.forward_chunks(input_b, &mut outs_b, rows),
            );
        }
    }

    /// Weights in the largest layer: the multiply-adds per sample of the widest product.
    pub fn largest_layer(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.weights.len())
            .max()
            .unwrap_or(0)
    }

    /// Rows per chunk for [`Network::forward`]: as many as keep the widest layer's product
    /// within the small-product loops, from 64 to 4096.
    fn chunk_rows(&self) -> usize {
        (linalg::SMALL / self.largest_layer().max(1)).clamp(64, 4096)
    }

    /// Forward pass of `input`, `rows` rows at a time through one scratch trace, writing the
    /// last `outs.len()` layers' z and a into `outs`.
    fn forward_chunks(
        &self,
        input: ArrayView2<'_, f32>,
        outs: &mut [(ArrayViewMut2<'_, f32>, ArrayViewMut2<'_, f32>)],
        rows: usize,
    ) {
        let mut scratch = self.trace_for(rows.min(input.nrows()));
        let skip = self.layers.len().saturating_sub(outs.len());
        let mut start = 0;
        while start < input.nrows() {
            let end = (start + rows).min(input.nrows());
            if end - start != scratch.batch_size() {
                scratch = self.trace_for(end - start);
            }
            let chunk = Slice::from(start..end);
            scratch.input.assign(&input.slice_axis(Axis(0), chunk));
            self.forward_in_place(&mut scratch);
            for (layer, (z, a)) in scratch.layers[skip..].iter().zip(outs.iter_mut()) {
                z.slice_axis_mut(Axis(0), chunk).assign(&layer.z);
                a.slice_axis_mut(Axis(0), chunk).assign(&layer.a);
            }
            start = end;
        }
    }
}
