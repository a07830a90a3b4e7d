//! Parsing experiment text: the version first (a newer file is refused as such, without
//! reading the rest), then the whole file within a memory budget (see `budget.rs`) and the
//! caps on the model's parts (see `caps.rs`), then validation. Every error is one line.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::budget::{Budget, WithBudget};
use super::limits::parse_budget;
use super::{Experiment, ExperimentError, SNAPSHOTS_FORMAT_VERSION};

/// Longest parser message passed on (a parser may quote the file).
const MAX_MESSAGE_CHARS: usize = 300;

/// Parses and validates experiment text; `path` names the file in messages.
pub fn parse(text: &str, path: &str) -> Result<Experiment, ExperimentError> {
    if let Some(found) = declared_version(text)
        && found > SNAPSHOTS_FORMAT_VERSION
    {
        return Err(ExperimentError::TooNew {
            path: path.to_owned(),
            found,
        });
    }
    let budget = Budget::new(parse_budget(text.len()));
    let experiment = ron::Options::default()
        .from_str_seed(text, WithBudget::<Experiment>::new(&budget))
        .map_err(|e| {
            if budget.exceeded() {
                ExperimentError::Invalid {
                    path: path.to_owned(),
                    field: "(file)".into(),
                    message: format!(
                        "its {} bytes describe more data than a file of that size can hold ({})",
                        text.len(),
                        e.span.start
                    ),
                }
            } else {
                ExperimentError::Syntax {
                    path: path.to_owned(),
                    message: one_line(&e.to_string()),
                }
            }
        })?;
    experiment.validate(path)?;
    Ok(experiment)
}

/// `message` on one line, at most [`MAX_MESSAGE_CHARS`] characters.
fn one_line(message: &str) -> String {
    let flat: String = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_MESSAGE_CHARS)
        .collect();
    if flat.len() < message.len() {
        format!("{flat}…")
    } else {
        flat
    }
}

/// The `format_version` a file declares, read from its first field only (every file this
/// program writes starts with it), so a newer file is recognised without parsing the rest.
fn declared_version(text: &str) -> Option<u32> {
    let found = Cell::new(None);
    // The probe stops the parse after the first field: its error is expected.
    let _ = ron::Options::default().from_str_seed(text, VersionProbe(&found));
    found.get()
}

/// Reads the first field of the top-level struct, keeps it if it is `format_version`, and
/// stops.
struct VersionProbe<'a>(&'a Cell<Option<u32>>);

impl<'de> DeserializeSeed<'de> for VersionProbe<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Experiment", &["format_version"], self)
    }
}

impl<'de> Visitor<'de> for VersionProbe<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an experiment")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if map.next_key::<FieldName>()?.is_some_and(|k| k.0) {
            self.0.set(Some(map.next_value()?));
        }
        Err(de::Error::custom("(version probe done)"))
    }
}

/// A field name: true if it is `format_version`.
struct FieldName(bool);

impl<'de> de::Deserialize<'de> for FieldName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = FieldName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldName, E> {
                Ok(FieldName(v == "format_version"))
            }
        }
        deserializer.deserialize_identifier(Name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_read_from_the_first_field_only() {
        assert_eq!(
            declared_version("(format_version: 7, anything: [[[[ broken"),
            Some(7),
            "the rest of the file is not read"
        );
        assert_eq!(
            declared_version("(name: \"x\", format_version: 7)"),
            None,
            "not first: left to the full parse"
        );
        assert_eq!(declared_version("garbage"), None, "not an experiment");
    }

    #[test]
    fn parser_messages_are_one_short_line() {
        let long = format!("a\nb{}", "c".repeat(1000));
        let shown = one_line(&long);
        assert!(
            !shown.contains('\n') && shown.chars().count() <= MAX_MESSAGE_CHARS + 1,
            "{shown}"
        );
    }
}
