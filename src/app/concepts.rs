//! The concept dictionary (Help ▸ Concepts, 개념 사전): the 20 ideas of the course notes, each
//! with a short explanation in the interface language, the other language's term beside it, a
//! search over both languages' terms, and "Show me", which takes the student to the place in
//! the app where the idea is at work. Also the spotlight that marks that place for a moment.

use egui::{Align, Color32, Rect, Stroke, StrokeKind};

use super::command::{CommandQueue, ViewCommand};
use super::step_through::Phase;
use super::strings::{Language, Strings};

/// How long the spotlight stays on a control, in seconds.
pub const SPOTLIGHT_SECS: f64 = 3.0;

/// One concept of CONCEPTS.md, in the order of the course notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concept {
    /// Weighted sum then activation.
    Neuron,
    /// The learned parameters.
    WeightsAndBiases,
    /// sigmoid, tanh, ReLU, softmax.
    ActivationFunction,
    /// One sigmoid output for two classes.
    LogisticRegression,
    /// Softmax for many classes.
    Softmax,
    /// One-hot labels and categories.
    OneHot,
    /// Input → output.
    ForwardPropagation,
    /// Output → input.
    Backpropagation,
    /// How wrong one output is.
    Loss,
    /// The optimizer and the learning rate.
    LearningRate,
    /// Epoch, batch, mini-batch.
    Epoch,
    /// Hyperparameter vs parameter.
    Hyperparameter,
    /// Labelled data.
    SupervisedLearning,
    /// Independent and dependent variables.
    FeaturesAndTarget,
    /// A row = record = sample.
    Sample,
    /// The wrong-answer notebook.
    ConfusionMatrix,
    /// Accuracy, precision, recall.
    Metrics,
    /// Single- vs multi-layer perceptron (XOR).
    SingleVsMultiLayer,
    /// Hidden layers, deep networks.
    DeepNetwork,
    /// Training on from a trained model.
    FineTuning,
}

/// Where "Show me" takes the student.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A phase of the sample step-through (a new one starts if needed).
    Phase(Phase),
    /// A control, marked for [`SPOTLIGHT_SECS`].
    Spot(Spot),
    /// Example number `n` of File ▸ Open example (asks about unsaved changes first).
    Example(usize),
}

/// A control the spotlight can mark, found by its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// The neurons field of the first hidden layer.
    Neurons,
    /// The box that counts the learned weights and biases.
    LearnedParameters,
    /// A hidden layer's activation picker.
    Activation,
    /// The output layer's activation picker.
    OutputActivation,
    /// The learning-rate field.
    LearningRate,
    /// The Step epoch button of the toolbar.
    StepEpoch,
    /// The hyperparameters heading.
    Hyperparameters,
    /// The network heading.
    Network,
    /// The dataset picker.
    Dataset,
    /// The sample in focus, in the output column.
    SampleInFocus,
    /// The confusion matrix heading.
    ConfusionMatrix,
}

impl Spot {
    /// The label of the marked control, in the interface language.
    pub fn label(self, text: &Strings) -> &'static str {
        match self {
            Self::Neurons => text.neurons,
            Self::LearnedParameters => text.hover_learned,
            Self::Activation => text.activation,
            Self::OutputActivation => text.output_activation,
            Self::LearningRate => text.learning_rate,
            Self::StepEpoch => text.step_epoch,
            Self::Hyperparameters => text.hyperparameters,
            Self::Network => text.network,
            Self::Dataset => text.dataset,
            Self::SampleInFocus => text.hover_sample,
            Self::ConfusionMatrix => text.confusion_matrix,
        }
    }
}

impl Concept {
    /// Every concept, in the order of the course notes (and of `concept-terms-N`).
    pub const ALL: [Self; 20] = [
        Self::Neuron,
        Self::WeightsAndBiases,
        Self::ActivationFunction,
        Self::LogisticRegression,
        Self::Softmax,
        Self::OneHot,
        Self::ForwardPropagation,
        Self::Backpropagation,
        Self::Loss,
        Self::LearningRate,
        Self::Epoch,
        Self::Hyperparameter,
        Self::SupervisedLearning,
        Self::FeaturesAndTarget,
        Self::Sample,
        Self::ConfusionMatrix,
        Self::Metrics,
        Self::SingleVsMultiLayer,
        Self::DeepNetwork,
        Self::FineTuning,
    ];

    /// The concept a step-through phase shows: forward propagation, the loss,
    /// backpropagation, the optimizer's update.
    pub fn of_phase(phase: Phase) -> Self {
        match phase {
            Phase::Forward => Self::ForwardPropagation,
            Phase::Loss => Self::Loss,
            Phase::Backward => Self::Backpropagation,
            Phase::Update => Self::LearningRate,
        }
    }

    /// The term and the explanation, for a hover text.
    pub fn hover(self, text: &Strings) -> String {
        format!("{}\n\n{}", self.term(text), self.explanation(text))
    }

    /// The concept's name in `text`'s language.
    pub fn term(self, text: &Strings) -> &'static str {
        text.concept_terms[self as usize]
    }

    /// One to three plain sentences, in `text`'s language.
    pub fn explanation(self, text: &Strings) -> &'static str {
        text.concept_explanations[self as usize]
    }

    /// Where the idea is at work in the app.
    pub fn place(self) -> Place {
        match self {
            Self::Neuron => Place::Spot(Spot::Neurons),
            Self::WeightsAndBiases => Place::Spot(Spot::LearnedParameters),
            Self::ActivationFunction => Place::Spot(Spot::Activation),
            Self::LogisticRegression | Self::Softmax => Place::Spot(Spot::OutputActivation),
            Self::OneHot | Self::Loss => Place::Phase(Phase::Loss),
            Self::ForwardPropagation => Place::Phase(Phase::Forward),
            Self::Backpropagation => Place::Phase(Phase::Backward),
            Self::LearningRate => Place::Spot(Spot::LearningRate),
            Self::Epoch | Self::FineTuning => Place::Spot(Spot::StepEpoch),
            Self::Hyperparameter => Place::Spot(Spot::Hyperparameters),
            Self::SupervisedLearning | Self::FeaturesAndTarget => Place::Spot(Spot::Dataset),
            Self::Sample => Place::Spot(Spot::SampleInFocus),
            Self::ConfusionMatrix | Self::Metrics => Place::Spot(Spot::ConfusionMatrix),
            // The single-layer perceptron on XOR (examples::all()[1]): it fails.
            Self::SingleVsMultiLayer => Place::Example(1),
            Self::DeepNetwork => Place::Spot(Spot::Network),
        }
    }

    /// True when `query` (case-insensitive) is part of the concept's term in any language,
    /// so "역전파" and "backprop" find the same entry. An empty query matches everything.
    pub fn matches(self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty()
            || Language::ALL
                .iter()
                .any(|l| self.term(l.strings()).to_lowercase().contains(&query))
    }
}

/// The Help ▸ Concepts window's own state.
#[derive(Debug, Default)]
pub struct ConceptsWindow {
    open: bool,
    query: String,
    /// Put the cursor in the search field on the next frame (just opened).
    focus_search: bool,
}

impl ConceptsWindow {
    /// Opens the window with `query` in the search field (or an empty one).
    pub fn open(&mut self, query: Option<&str>) {
        self.open = true;
        query.unwrap_or_default().clone_into(&mut self.query);
        self.focus_search = true;
    }

    /// True while the window is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Draws the window, if open: the search field, then every matching concept with the other
    /// language's term beside it, its explanation and "Show me" (which closes the window).
    pub fn ui(&mut self, ctx: &egui::Context, language: Language, commands: &mut CommandQueue) {
        if !self.open {
            return;
        }
        let text = language.strings();
        let other = match language {
            Language::English => Language::Korean,
            Language::Korean => Language::English,
        }
        .strings();
        let mut open = true;
        let mut chosen = None;
        egui::Window::new(text.concepts)
            .open(&mut open)
            .default_size([460.0, 560.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label(text.concepts_search);
                    let search = ui
                        .add(egui::TextEdit::singleline(&mut self.query))
                        .labelled_by(label.id);
                    if std::mem::take(&mut self.focus_search) {
                        search.request_focus();
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let found: Vec<Concept> = Concept::ALL
                        .into_iter()
                        .filter(|c| c.matches(&self.query))
                        .collect();
                    if found.is_empty() {
                        ui.label(text.concepts_none);
                    }
                    for concept in found {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(egui::RichText::new(concept.term(text)).strong());
                            ui.label(egui::RichText::new(concept.term(other)).weak());
                        });
                        ui.label(concept.explanation(text));
                        let show = ui.button(text.show_me).on_hover_text(text.hover_show_me);
                        if show.clicked() {
                            chosen = Some(concept.place());
                        }
                        ui.separator();
                    }
                });
            });
        if let Some(place) = chosen {
            commands.push(ViewCommand::ShowMe(place));
            open = false;
        }
        self.open = open;
    }
}

/// A small "?" beside a control: its hover text is the concept's explanation, a click opens
/// Help ▸ Concepts on that concept.
pub fn hint_ui(ui: &mut egui::Ui, concept: Concept, text: &Strings, commands: &mut CommandQueue) {
    let hover = format!("{}\n\n{}", concept.hover(text), text.hover_concept_hint);
    let hint = ui.small_button("?").on_hover_text(hover);
    if hint.clicked() {
        commands.push(ViewCommand::ExplainConcept(concept));
    }
}

/// The id under which the app tells the panels which label the spotlight is on.
fn spotlight_id() -> egui::Id {
    egui::Id::unique("concept_spotlight")
}

/// What the spotlight marks this frame: the control's label, and whether to scroll it into
/// view (only on the spotlight's first frame, so the user can scroll away).
#[derive(Debug, Clone, Copy)]
struct Marked {
    label: &'static str,
    scroll: bool,
}

/// Sets (or clears) the label the spotlight marks this frame; `first` scrolls it into view.
pub fn set_spotlight(ctx: &egui::Context, label: Option<&'static str>, first: bool) {
    ctx.data_mut(|d| match label {
        Some(label) => {
            d.insert_temp(
                spotlight_id(),
                Marked {
                    label,
                    scroll: first,
                },
            );
        }
        None => d.remove::<Marked>(spotlight_id()),
    });
}

/// Marks `rect` (the control labelled `label`) and scrolls it into view when the spotlight is
/// on that label.
pub fn spotlight(ui: &egui::Ui, label: &str, rect: Rect) {
    let marked = ui
        .ctx()
        .data(|d| d.get_temp::<Marked>(spotlight_id()))
        .filter(|marked| marked.label == label);
    if let Some(marked) = marked {
        let colour = Color32::from_rgb(230, 120, 0);
        let layer = egui::LayerId::new(egui::Order::Foreground, spotlight_id());
        ui.ctx().layer_painter(layer).rect_stroke(
            rect.expand(4.0),
            4.0,
            Stroke::new(3.0, colour),
            StrokeKind::Outside,
        );
        if marked.scroll {
            ui.scroll_to_rect(rect, Some(Align::Center));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Concept, Place};
    use crate::app::Phase;

    #[test]
    fn both_languages_find_backpropagation_and_only_it() {
        for query in ["역전파", "backprop", "BACKPROPAGATION"] {
            let found: Vec<Concept> = Concept::ALL
                .into_iter()
                .filter(|c| c.matches(query))
                .collect();
            assert_eq!(
                found,
                vec![Concept::Backpropagation],
                "{query:?} finds exactly the backpropagation entry"
            );
        }
        assert_eq!(
            Concept::Backpropagation.place(),
            Place::Phase(Phase::Backward),
            "Show me goes to phase ③"
        );
    }

    #[test]
    fn every_concept_is_explained_in_both_languages() {
        for language in crate::app::strings::Language::ALL {
            let text = language.strings();
            for concept in Concept::ALL {
                assert!(
                    !concept.term(text).is_empty() && concept.explanation(text).len() > 40,
                    "{concept:?} has a term and an explanation in {language:?}"
                );
            }
        }
    }

    #[test]
    fn a_concepts_own_term_finds_only_that_concept() {
        // What a "?" beside a control searches for.
        for language in crate::app::strings::Language::ALL {
            for concept in Concept::ALL {
                let term = concept.term(language.strings());
                let found: Vec<Concept> = Concept::ALL
                    .into_iter()
                    .filter(|c| c.matches(term))
                    .collect();
                assert_eq!(found, vec![concept], "{language:?} {term:?}");
            }
        }
    }

    #[test]
    fn an_empty_search_lists_everything_and_nonsense_nothing() {
        assert!(Concept::ALL.iter().all(|c| c.matches("  ")), "empty query");
        assert!(!Concept::ALL.iter().any(|c| c.matches("zzz")), "no match");
    }
}
