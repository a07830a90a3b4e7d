//! The real datasets embedded in the binary (so the app works offline): iris, wine, breast
//! cancer, digits, titanic, penguins and spambase, from `assets/datasets/` (origins and licences
//! in `assets/datasets/README.md`). Each is addressable as `builtin:NAME`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::nn::{Activation, LayerSpec};

use super::DatasetError;
use super::schema::{ImportOptions, Scale};

/// A bundled real dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Bundled {
    /// Fisher's iris: 150 flowers, 4 measurements, 3 species.
    Iris,
    /// Wine recognition: 178 wines, 13 chemical measurements, 3 cultivars.
    Wine,
    /// Breast Cancer Wisconsin (Diagnostic): 569 samples, 30 features, benign or malignant.
    BreastCancer,
    /// Handwritten digits: 1797 8×8 images (pixels 0–16), 10 classes.
    Digits,
    /// Titanic passengers: 1309 rows, numeric and categorical columns with missing values.
    Titanic,
    /// Palmer penguins: 344 birds, 3 species, with missing values.
    Penguins,
    /// Spambase: 4601 e-mails, 57 word and character frequencies, spam or not.
    Spambase,
}

impl Bundled {
    /// Every bundled dataset, in menu order.
    pub const ALL: [Self; 7] = [
        Self::Iris,
        Self::Wine,
        Self::BreastCancer,
        Self::Digits,
        Self::Titanic,
        Self::Penguins,
        Self::Spambase,
    ];

    /// The name used after `builtin:`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Iris => "iris",
            Self::Wine => "wine",
            Self::BreastCancer => "breast_cancer",
            Self::Digits => "digits",
            Self::Titanic => "titanic",
            Self::Penguins => "penguins",
            Self::Spambase => "spambase",
        }
    }

    /// The CSV text, as embedded in the binary.
    pub fn csv(self) -> &'static str {
        match self {
            Self::Iris => include_str!("../../assets/datasets/iris.csv"),
            Self::Wine => include_str!("../../assets/datasets/wine.csv"),
            Self::BreastCancer => include_str!("../../assets/datasets/breast_cancer.csv"),
            Self::Digits => include_str!("../../assets/datasets/digits.csv"),
            Self::Titanic => include_str!("../../assets/datasets/titanic.csv"),
            Self::Penguins => include_str!("../../assets/datasets/penguins.csv"),
            Self::Spambase => include_str!("../../assets/datasets/spambase.csv"),
        }
    }

    /// The import settings used when the user chooses none: standardised numbers, imputed
    /// missing values; digits' pixels min-max scaled into 0..1 so they still draw as an image.
    pub fn default_options(self) -> ImportOptions {
        ImportOptions {
            scale: if self == Self::Digits {
                Scale::MinMax
            } else {
                Scale::Standard
            },
            ..ImportOptions::default()
        }
    }

    /// The image shape of a sample, when the features are pixels (digits: 8 rows × 8 columns,
    /// row-major, top-left first).
    pub fn image_shape(self) -> Option<(usize, usize)> {
        (self == Self::Digits).then_some((8, 8))
    }

    /// Hidden layers that learn this dataset well with the default optimizer (Adam).
    pub fn default_hidden(self) -> Vec<LayerSpec> {
        let (width, activation) = match self {
            Self::Iris | Self::Wine | Self::Penguins => (8, Activation::Tanh),
            Self::BreastCancer | Self::Titanic => (16, Activation::Tanh),
            Self::Digits | Self::Spambase => (32, Activation::Relu),
        };
        vec![LayerSpec { width, activation }]
    }
}

impl fmt::Display for Bundled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Bundled {
    type Err = DatasetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|b| b.name() == s)
            .ok_or_else(|| DatasetError::UnknownBuiltin { name: s.to_owned() })
    }
}
