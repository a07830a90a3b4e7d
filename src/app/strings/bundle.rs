//! The Fluent bundles: each language's `.ftl` files, embedded in the binary, parsed into one
//! bundle per language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use super::Language;

/// One language's `.ftl` files: (file name, contents), in the order they are added.
pub(super) fn sources(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::English => &[
            (
                "en/app.ftl",
                include_str!("../../../assets/i18n/en/app.ftl"),
            ),
            (
                "en/setup.ftl",
                include_str!("../../../assets/i18n/en/setup.ftl"),
            ),
            (
                "en/views.ftl",
                include_str!("../../../assets/i18n/en/views.ftl"),
            ),
            (
                "en/concepts.ftl",
                include_str!("../../../assets/i18n/en/concepts.ftl"),
            ),
        ],
        Language::Korean => &[
            (
                "ko/app.ftl",
                include_str!("../../../assets/i18n/ko/app.ftl"),
            ),
            (
                "ko/setup.ftl",
                include_str!("../../../assets/i18n/ko/setup.ftl"),
            ),
            (
                "ko/views.ftl",
                include_str!("../../../assets/i18n/ko/views.ftl"),
            ),
            (
                "ko/concepts.ftl",
                include_str!("../../../assets/i18n/ko/concepts.ftl"),
            ),
        ],
    }
}

/// The Fluent message id of a Rust name: `step_epoch` → `step-epoch`.
pub(super) fn message_id(name: &str) -> String {
    name.replace('_', "-")
}

/// One language's messages.
pub(super) struct Bundle {
    inner: FluentBundle<FluentResource>,
    /// Syntax errors and duplicate ids met while building (the tests require none).
    parse_problems: Vec<String>,
}

impl Bundle {
    /// The bundle of `language`, from its embedded files. A syntax error skips only the
    /// broken entry and is listed in [`Self::parse_problems`].
    pub(super) fn new(language: Language) -> Self {
        let locale: LanguageIdentifier = language.code().parse().unwrap_or_default();
        let mut inner = FluentBundle::new_concurrent(vec![locale]);
        // egui would draw Unicode bidi isolation marks around arguments as boxes.
        inner.set_use_isolating(false);
        let mut parse_problems = Vec::new();
        for (file, text) in sources(language) {
            let resource = match FluentResource::try_new((*text).to_owned()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    parse_problems.extend(errors.iter().map(|e| format!("{file}: {e:?}")));
                    resource
                }
            };
            if let Err(errors) = inner.add_resource(resource) {
                parse_problems.extend(errors.iter().map(|e| format!("{file}: {e}")));
            }
        }
        Self {
            inner,
            parse_problems,
        }
    }

    /// What went wrong while building.
    pub(super) fn parse_problems(&self) -> &[String] {
        &self.parse_problems
    }

    /// The message `id` without arguments, kept for the life of the program: each language's
    /// table is built once (see `Language::strings`), so this allocates a bounded amount.
    /// A missing message shows its id and is recorded in `problems`.
    pub(super) fn text(&self, id: &str, problems: &mut Vec<String>) -> &'static str {
        let text = self.try_format(id, None).unwrap_or_else(|problem| {
            problems.push(problem);
            id.to_owned()
        });
        text.leak()
    }

    /// The message `id` with `args`; a missing message shows its id (the tests make sure
    /// every id the code asks for exists).
    pub(super) fn format(&self, id: &str, args: &FluentArgs<'_>) -> String {
        let Some(pattern) = self.inner.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        self.inner
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned()
    }

    /// The message `id` formatted, or what went wrong.
    pub(super) fn try_format(
        &self,
        id: &str,
        args: Option<&FluentArgs<'_>>,
    ) -> Result<String, String> {
        let lang = self
            .inner
            .locales
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        let Some(pattern) = self.inner.get_message(id).and_then(|m| m.value()) else {
            return Err(format!("{lang}: no message {id}"));
        };
        let mut errors = Vec::new();
        let text = self
            .inner
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(format!("{lang}: {id}: {errors:?}"))
        }
    }
}
