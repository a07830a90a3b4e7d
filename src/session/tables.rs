//! The tables a lecturer pastes into slides or a spreadsheet, written with the `csv` crate: the
//! training history (one row per completed epoch) and a confusion matrix with per-class
//! precision, recall and F1. The app's File ▸ Export and the command line's `export` share
//! them.

use std::path::Path;

use crate::nn::{ClassificationMetrics, EpochRecord};

use super::SessionError;

/// The history table's header.
pub const HISTORY_HEADER: [&str; 5] = [
    "epoch",
    "train_loss",
    "train_accuracy",
    "test_loss",
    "test_accuracy",
];

/// The first cell of the confusion table's header (rows = true class, columns = predicted).
pub const CONFUSION_CORNER: &str = "true\\predicted";

/// The per-class columns after the counts of the confusion table.
pub const CONFUSION_METRICS: [&str; 3] = ["precision", "recall", "f1"];

/// The training history as CSV: epoch, train loss, train accuracy, test loss, test accuracy,
/// one row per completed epoch (an epoch-0 record, if any, is left out). Undefined values are
/// empty cells.
pub fn history_csv(history: &[EpochRecord]) -> Result<Vec<u8>, SessionError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HISTORY_HEADER).map_err(table_error)?;
    for record in history.iter().filter(|r| r.epoch > 0) {
        writer
            .write_record([
                record.epoch.to_string(),
                cell(Some(record.train_loss)),
                cell(record.train_accuracy),
                cell(record.test_loss),
                cell(record.test_accuracy),
            ])
            .map_err(table_error)?;
    }
    writer.into_inner().map_err(|e| table_error(e.into_error()))
}

/// A confusion matrix as CSV: a header row of class names (predicted) followed by
/// precision, recall and F1; one row per true class with its counts and its metrics.
/// `names` and `metrics` must describe the same classes; extra names or rows are ignored.
pub fn confusion_csv(
    names: &[String],
    metrics: &ClassificationMetrics,
) -> Result<Vec<u8>, SessionError> {
    let classes = names.len().min(metrics.confusion.len());
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once(CONFUSION_CORNER.to_owned())
        .chain(names.iter().take(classes).cloned())
        .chain(CONFUSION_METRICS.iter().map(|&m| m.to_owned()));
    writer.write_record(header).map_err(table_error)?;
    for (c, (name, row)) in names.iter().zip(&metrics.confusion).enumerate() {
        let metric = |values: &[Option<f32>]| cell(values.get(c).copied().flatten());
        let record = std::iter::once(name.clone())
            .chain(row.iter().take(classes).map(u64::to_string))
            .chain([
                metric(&metrics.precision),
                metric(&metrics.recall),
                metric(&metrics.f1),
            ]);
        writer.write_record(record).map_err(table_error)?;
    }
    writer.into_inner().map_err(|e| table_error(e.into_error()))
}

/// Writes a table to `path` atomically (a temporary file beside it, then a rename).
pub fn write_table(path: &Path, bytes: &[u8]) -> Result<(), SessionError> {
    crate::experiment::write_atomically(path, bytes).map_err(|source| SessionError::File {
        path: path.to_owned(),
        message: source.to_string(),
    })
}

/// A value as the shortest decimal that reads back as the same f32 (f32's `Display`); empty
/// when undefined.
fn cell(value: Option<f32>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

fn table_error(error: impl std::fmt::Display) -> SessionError {
    SessionError::Table {
        message: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(epoch: usize, loss: f32) -> EpochRecord {
        EpochRecord {
            epoch,
            train_loss: loss,
            train_accuracy: Some(0.5),
            test_loss: None,
            test_accuracy: None,
        }
    }

    #[test]
    fn history_has_one_row_per_completed_epoch() {
        let csv = history_csv(&[record(0, 9.0), record(1, 0.25), record(2, 0.125)]).unwrap();
        let text = String::from_utf8(csv).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "epoch,train_loss,train_accuracy,test_loss,test_accuracy",
                "1,0.25,0.5,,",
                "2,0.125,0.5,,"
            ],
            "no epoch-0 row, empty cells for undefined values"
        );
    }

    #[test]
    fn confusion_rows_carry_their_class_metrics_and_names_are_quoted() {
        let metrics = ClassificationMetrics {
            confusion: vec![vec![3, 1], vec![0, 2]],
            accuracy: 5.0 / 6.0,
            precision: vec![Some(1.0), Some(2.0 / 3.0)],
            recall: vec![Some(0.75), None],
            f1: vec![Some(0.857_142_87), None],
            macro_precision: None,
            macro_recall: None,
            macro_f1: None,
        };
        let names = ["a,b".to_owned(), "c".to_owned()];
        let text = String::from_utf8(confusion_csv(&names, &metrics).unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0], "true\\predicted,\"a,b\",c,precision,recall,f1",
            "a name with a comma is quoted"
        );
        assert_eq!(lines[1], "\"a,b\",3,1,1,0.75,0.85714287", "row of class 0");
        assert_eq!(
            lines[2], "c,0,2,0.6666667,,",
            "undefined recall and F1 stay empty"
        );
    }
}
