//! The samples the engine trains on: a numeric feature matrix and what to predict for each
//! row. The data layer ([`crate::data`]) makes them from generators, bundled sets and CSVs.

use ndarray::{Array2, ArrayView1};
use serde::{Deserialize, Serialize};

/// What the network is asked to predict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Target {
    /// Classification: one class index per sample into `names`.
    Classes {
        /// Class names in a stable order; index `i` is class `i`.
        names: Vec<String>,
        /// The true class index of every sample.
        labels: Vec<usize>,
    },
    /// Regression: one or more real values per sample.
    Values {
        /// Name of each target column.
        names: Vec<String>,
        /// `[samples, targets]`
        values: Array2<f32>,
    },
}

/// A set of samples ready for the network: every feature already numeric and preprocessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// One name per feature column (shown on the input nodes).
    pub feature_names: Vec<String>,
    /// `[samples, features]`
    pub features: Array2<f32>,
    /// The labels or values to learn.
    pub target: Target,
    /// Position of each sample in the file or generator it came from (the "row" a user sees).
    pub source_rows: Vec<usize>,
    /// `(rows, columns)` when the features are the pixels of an image, row-major (digits: 8×8).
    #[serde(default)]
    pub image_shape: Option<(usize, usize)>,
}

impl Dataset {
    /// Builds a classification set; `source_rows` defaults to 0..n.
    pub fn classification(
        feature_names: Vec<String>,
        features: Array2<f32>,
        class_names: Vec<String>,
        labels: Vec<usize>,
    ) -> Self {
        let source_rows = (0..features.nrows()).collect();
        Self {
            feature_names,
            features,
            target: Target::Classes {
                names: class_names,
                labels,
            },
            source_rows,
            image_shape: None,
        }
    }

    /// Number of samples (rows).
    pub fn len(&self) -> usize {
        self.features.nrows()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of input features.
    pub fn num_features(&self) -> usize {
        self.features.ncols()
    }

    /// The class names, or `None` for regression.
    pub fn class_names(&self) -> Option<&[String]> {
        match &self.target {
            Target::Classes { names, .. } => Some(names),
            Target::Values { .. } => None,
        }
    }

    /// The class labels, or `None` for regression.
    pub fn labels(&self) -> Option<&[usize]> {
        match &self.target {
            Target::Classes { labels, .. } => Some(labels),
            Target::Values { .. } => None,
        }
    }

    /// The feature vector of sample `index`.
    pub fn sample(&self, index: usize) -> ArrayView1<'_, f32> {
        self.features.row(index)
    }

    /// The rows at `indices`, in that order, as a new dataset.
    #[must_use]
    pub fn select(&self, indices: &[usize]) -> Self {
        let features = self.features.select(ndarray::Axis(0), indices);
        let target = match &self.target {
            Target::Classes { names, labels } => Target::Classes {
                names: names.clone(),
                labels: indices.iter().map(|&i| labels[i]).collect(),
            },
            Target::Values { names, values } => Target::Values {
                names: names.clone(),
                values: values.select(ndarray::Axis(0), indices),
            },
        };
        Self {
            feature_names: self.feature_names.clone(),
            features,
            target,
            source_rows: indices.iter().map(|&i| self.source_rows[i]).collect(),
            image_shape: self.image_shape,
        }
    }

    /// The target matrix the network is trained against, for an output layer `width` wide.
    ///
    /// Classification with one output: the class index (0 or 1) itself; with several outputs:
    /// one-hot rows. Regression: the values.
    /// # Shapes
    /// `[samples, width]`
    pub fn target_matrix(&self, width: usize) -> Array2<f32> {
        match &self.target {
            Target::Classes { labels, .. } => {
                if width == 1 {
                    Array2::from_shape_fn((labels.len(), 1), |(i, _)| labels[i] as f32)
                } else {
                    Array2::from_shape_fn((labels.len(), width), |(i, j)| {
                        if labels[i] == j { 1.0 } else { 0.0 }
                    })
                }
            }
            Target::Values { values, .. } => values.clone(),
        }
    }
}
