//! The columns of a bundled or CSV dataset in the Data section: each column's inferred kind,
//! missing cells and role (feature x / target y / ignored), and the import's scaling and
//! missing-value policy. Edits change the source's `ImportOptions`; the app rebuilds.

use egui::{ComboBox, Grid, RichText, WidgetInfo};

use crate::data::{
    ColumnKind, DataSource, ImportOptions, MissingPolicy, RawTable, Role, Scale, Schema,
    infer_schema,
};

use super::strings::{Strings, fill};

const ROLES: [Role; 3] = [Role::Feature, Role::Target, Role::Ignored];
const KINDS: [ColumnKind; 3] = [
    ColumnKind::Numeric,
    ColumnKind::Categorical,
    ColumnKind::Ignored,
];
const SCALES: [Scale; 3] = [Scale::Standard, Scale::MinMax, Scale::None];
const MISSING: [MissingPolicy; 2] = [MissingPolicy::Drop, MissingPolicy::Impute];

/// The column table's runtime state: the table read once per source and the schema inferred
/// once per set of options, so a frame never reads or scans the file.
#[derive(Debug, Default)]
pub struct ColumnsView {
    /// The source the table was read for (its name and content hash) and the table.
    table: Option<(String, Result<RawTable, String>)>,
    /// The options the schema was inferred under, and the schema.
    schema: Option<(ImportOptions, Result<Schema, String>)>,
}

impl ColumnsView {
    /// Draws the table and pickers for `data` (nothing for a generator). Returns true when
    /// the user changed the import options in `data`.
    pub fn ui(&mut self, ui: &mut egui::Ui, data: &mut DataSource, text: &Strings) -> bool {
        let Some(schema) = self.schema_for(data) else {
            return false;
        };
        let schema = match schema {
            Ok(schema) => schema,
            Err(message) => {
                ui.label(
                    RichText::new(fill(text.columns_unreadable, &[&message]))
                        .color(ui.visuals().error_fg_color),
                );
                return false;
            }
        };
        let Some(options) = data.options_mut() else {
            return false;
        };
        let mut changed = false;
        ui.add_space(4.0);
        ui.label(RichText::new(text.columns).strong())
            .on_hover_text(text.hover_columns);
        Grid::new("columns_grid")
            .num_columns(4)
            .striped(true)
            .spacing([6.0, 4.0])
            .show(ui, |ui| {
                for header in [
                    text.column_name,
                    text.column_kind,
                    text.column_missing,
                    text.column_role,
                ] {
                    ui.label(RichText::new(header).small().strong());
                }
                ui.end_row();
                for column in &schema.columns {
                    let name = &column.name;
                    ui.label(name).on_hover_text(name);
                    let kind_label = fill(text.kind_of, &[name]);
                    if let Some(kind) = picker(
                        ui,
                        (kind_label.as_str(), text.hover_kind),
                        column.kind,
                        &KINDS,
                        |k| text.kind_names[KINDS.iter().position(|&x| x == k).unwrap_or(0)],
                    ) {
                        options.kinds.insert(name.clone(), kind);
                        changed = true;
                    }
                    ui.label(column.missing.to_string())
                        .on_hover_text(text.hover_missing_count);
                    let role_label = fill(text.role_of, &[name]);
                    if let Some(role) = picker(
                        ui,
                        (role_label.as_str(), text.hover_role),
                        column.role,
                        &ROLES,
                        |r| text.role_names[ROLES.iter().position(|&x| x == r).unwrap_or(0)],
                    ) {
                        options.set_role(&schema, name, role);
                        changed = true;
                    }
                    ui.end_row();
                }
            });
        Grid::new("import_grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label(text.scaling).on_hover_text(text.hover_scaling);
                if let Some(scale) = picker(
                    ui,
                    (label.id, text.hover_scaling),
                    options.scale,
                    &SCALES,
                    |s| text.scale_names[SCALES.iter().position(|&x| x == s).unwrap_or(0)],
                ) {
                    options.scale = scale;
                    changed = true;
                }
                ui.end_row();
                let label = ui
                    .label(text.missing_values)
                    .on_hover_text(text.hover_missing_values);
                if let Some(missing) = picker(
                    ui,
                    (label.id, text.hover_missing_values),
                    options.missing,
                    &MISSING,
                    |m| text.missing_names[MISSING.iter().position(|&x| x == m).unwrap_or(0)],
                ) {
                    options.missing = missing;
                    changed = true;
                }
                ui.end_row();
            });
        if changed {
            // New columns or scaling: the stored preprocessing no longer fits.
            data.set_preprocessing(None);
        }
        changed
    }

    /// The schema of `data` under its current options, read and inferred only when the source
    /// or the options changed; `None` for a generator.
    fn schema_for(&mut self, data: &DataSource) -> Option<Result<Schema, String>> {
        let (key, options) = match data {
            DataSource::Generator { .. } => return None,
            DataSource::Bundled { options, .. } => (data.to_string(), options),
            DataSource::Csv {
                content_hash,
                options,
                ..
            } => (format!("{data}#{content_hash}"), options),
        };
        if self.table.as_ref().is_none_or(|(k, _)| *k != key) {
            let table = data
                .table()
                .map_err(|e| e.to_string())
                .and_then(|t| t.ok_or_else(|| "no table".to_owned()));
            self.table = Some((key, table));
            self.schema = None;
        }
        let (_, table) = self.table.as_ref()?;
        let table = match table {
            Ok(table) => table,
            Err(message) => return Some(Err(message.clone())),
        };
        if self.schema.as_ref().is_none_or(|(o, _)| o != options) {
            let schema = infer_schema(table, options).map_err(|e| e.to_string());
            self.schema = Some((options.clone(), schema));
        }
        self.schema.as_ref().map(|(_, schema)| schema.clone())
    }
}

/// How a picker is named for screen readers and tests: by a label beside it, or by a text
/// of its own (a table cell whose row names the column).
trait PickerName {
    fn name(self, response: egui::Response) -> egui::Response;
    fn salt(&self) -> String;
}

impl PickerName for egui::Id {
    fn name(self, response: egui::Response) -> egui::Response {
        response.labelled_by(self)
    }

    fn salt(&self) -> String {
        format!("{self:?}")
    }
}

impl PickerName for &str {
    fn name(self, response: egui::Response) -> egui::Response {
        let label = self.to_owned();
        response.widget_info(|| WidgetInfo::labeled(egui::Role::ComboBox, true, label.clone()));
        response
    }

    fn salt(&self) -> String {
        (*self).to_owned()
    }
}

/// A combo box of `choices`, named by `label` and explained by `hover`. Returns the new
/// choice when the user picked another one.
fn picker<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    (label, hover): (impl PickerName, &str),
    current: T,
    choices: &[T],
    name: impl Fn(T) -> &'static str,
) -> Option<T> {
    let mut picked = current;
    let response = ComboBox::from_id_salt(("import_picker", label.salt()))
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for &choice in choices {
                ui.selectable_value(&mut picked, choice, name(choice));
            }
        })
        .response
        .on_hover_text(hover);
    let _ = label.name(response);
    (picked != current).then_some(picked)
}
