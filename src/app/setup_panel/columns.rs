//! The columns of a bundled or CSV dataset in the Data section: each column's inferred kind,
//! missing cells and role (feature x / target y / ignored), and the import's scaling and
//! missing-value policy. An edit yields the source with new `ImportOptions`; the app rebuilds.

use egui::{ComboBox, Grid, RichText, WidgetInfo};

use crate::data::{
    ColumnKind, DataSource, ImportOptions, MissingPolicy, RawTable, Role, Scale, Schema,
    infer_schema,
};

use super::super::command::{Command, CommandQueue};
use super::super::error::AppError;
use super::super::strings::Strings;

const ROLES: [Role; 3] = [Role::Feature, Role::Target, Role::Ignored];
const KINDS: [ColumnKind; 3] = [
    ColumnKind::Numeric,
    ColumnKind::Categorical,
    ColumnKind::Ignored,
];
const SCALES: [Scale; 3] = [Scale::Standard, Scale::MinMax, Scale::None];
const MISSING: [MissingPolicy; 2] = [MissingPolicy::Drop, MissingPolicy::Impute];

/// The column table's runtime state: the table read once per source and the schema inferred
/// once per set of options, so a frame never reads or scans the file. A failure is remembered
/// as `None` (and shown once, in the notice bar), so it is not retried every frame.
#[derive(Debug, Default)]
pub struct ColumnsView {
    /// The source the table was read for (its name and content hash) and the table.
    table: Option<(String, Option<RawTable>)>,
    /// The options the schema was inferred under, and the schema.
    schema: Option<(ImportOptions, Option<Schema>)>,
}

/// One change the user made in the table.
enum Edit {
    Kind(String, ColumnKind),
    Role(String, Role),
    Scale(Scale),
    Missing(MissingPolicy),
}

impl ColumnsView {
    /// Draws the table and pickers for `data` (nothing for a generator). Returns the source
    /// with the new import options when the user changed them.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        data: &DataSource,
        text: &Strings,
        commands: &mut CommandQueue,
    ) -> Option<DataSource> {
        let (schema, options) = self.schema_for(data, commands)?;
        let mut edit = None;
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
                    let kind_label = text.kind_of(name.as_str());
                    if let Some(kind) = picker(
                        ui,
                        (kind_label.as_str(), text.hover_kind),
                        column.kind,
                        &KINDS,
                        |k| text.kind_names[KINDS.iter().position(|&x| x == k).unwrap_or(0)],
                    ) {
                        edit = Some(Edit::Kind(name.clone(), kind));
                    }
                    ui.label(column.missing.to_string())
                        .on_hover_text(text.hover_missing_count);
                    let role_label = text.role_of(name.as_str());
                    if let Some(role) = picker(
                        ui,
                        (role_label.as_str(), text.hover_role),
                        column.role,
                        &ROLES,
                        |r| text.role_names[ROLES.iter().position(|&x| x == r).unwrap_or(0)],
                    ) {
                        edit = Some(Edit::Role(name.clone(), role));
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
                    edit = Some(Edit::Scale(scale));
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
                    edit = Some(Edit::Missing(missing));
                }
                ui.end_row();
            });
        let edit = edit?;
        let mut next = data.clone();
        let options = next.options_mut()?;
        match edit {
            Edit::Kind(name, kind) => {
                options.kinds.insert(name, kind);
            }
            Edit::Role(name, role) => options.set_role(schema, &name, role),
            Edit::Scale(scale) => options.scale = scale,
            Edit::Missing(missing) => options.missing = missing,
        }
        // New columns or scaling: the stored preprocessing no longer fits.
        next.set_preprocessing(None);
        Some(next)
    }

    /// The schema of `data` under its current options, and those options: read and inferred
    /// only when the source or the options changed; `None` for a generator or when the table
    /// cannot be read (said once, through `commands`).
    fn schema_for<'a>(
        &'a mut self,
        data: &'a DataSource,
        commands: &mut CommandQueue,
    ) -> Option<(&'a Schema, &'a ImportOptions)> {
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
            let table = match data.table() {
                Ok(table) => table,
                Err(source) => {
                    commands.push(Command::ShowError(AppError::Columns { source }));
                    None
                }
            };
            self.table = Some((key, table));
            self.schema = None;
        }
        let table = self.table.as_ref()?.1.as_ref()?;
        if self.schema.as_ref().is_none_or(|(o, _)| o != options) {
            let schema = match infer_schema(table, options) {
                Ok(schema) => Some(schema),
                Err(source) => {
                    commands.push(Command::ShowError(AppError::Columns { source }));
                    None
                }
            };
            self.schema = Some((options.clone(), schema));
        }
        let schema = self.schema.as_ref()?.1.as_ref()?;
        Some((schema, options))
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
