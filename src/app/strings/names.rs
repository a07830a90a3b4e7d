//! The engine's choices (activations, losses, optimizers) and the built-in datasets by their
//! names in the interface language. English uses the engine's own names, the ones the command
//! line and the files use.

use super::Strings;
use crate::data::builtin::Generator;
use crate::data::bundled::Bundled;
use crate::nn::{Activation, Loss, Optimizer};

impl Strings {
    /// The activation's name in the pickers.
    pub fn activation_name(&self, activation: Activation) -> &'static str {
        let i = match activation {
            Activation::Identity => 0,
            Activation::Step => 1,
            Activation::Sigmoid => 2,
            Activation::Tanh => 3,
            Activation::Relu => 4,
            Activation::LeakyRelu => 5,
            Activation::Softmax => 6,
        };
        self.activation_names[i]
    }

    /// The loss's name in the picker.
    pub fn loss_name(&self, loss: Loss) -> &'static str {
        let i = match loss {
            Loss::Mse => 0,
            Loss::Bce => 1,
            Loss::Ce => 2,
        };
        self.loss_names[i]
    }

    /// The optimizer's name in the picker and the edge inspector.
    pub fn optimizer_name(&self, optimizer: Optimizer) -> &'static str {
        let i = match optimizer {
            Optimizer::Sgd => 0,
            Optimizer::Momentum { .. } => 1,
            Optimizer::Adam { .. } => 2,
            Optimizer::Perceptron => 3,
        };
        self.optimizer_names[i]
    }

    /// A generated 2-D dataset's name in the dataset picker.
    pub fn generator_name(&self, generator: Generator) -> &'static str {
        let i = Generator::ALL.iter().position(|&g| g == generator);
        self.generator_names[i.unwrap_or_default()]
    }

    /// A bundled table's name in the dataset picker.
    pub fn bundled_name(&self, bundled: Bundled) -> &'static str {
        let i = Bundled::ALL.iter().position(|&b| b == bundled);
        self.bundled_names[i.unwrap_or_default()]
    }
}

#[cfg(test)]
mod tests {
    use super::super::Language;
    use crate::data::builtin::Generator;
    use crate::data::bundled::Bundled;
    use crate::nn::{Activation, Loss, Optimizer};

    #[test]
    fn english_names_are_the_engines() {
        let text = Language::English.strings();
        for a in [
            Activation::Identity,
            Activation::Step,
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::LeakyRelu,
            Activation::Softmax,
        ] {
            assert_eq!(text.activation_name(a), a.name(), "{a:?}");
        }
        for l in Loss::ALL {
            assert_eq!(text.loss_name(l), l.name(), "{l:?}");
        }
        for o in [Optimizer::Sgd, Optimizer::ADAM, Optimizer::Perceptron] {
            assert_eq!(text.optimizer_name(o), o.name(), "{o:?}");
        }
        for g in Generator::ALL {
            assert_eq!(text.generator_name(g), g.name(), "{g:?}");
        }
        for b in Bundled::ALL {
            assert_eq!(text.bundled_name(b), b.name(), "{b:?}");
        }
        let ko = Language::Korean.strings();
        assert_eq!(
            ko.activation_name(Activation::Sigmoid),
            "시그모이드",
            "Korean term"
        );
    }
}
