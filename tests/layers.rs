//! The layer rule of ARCHITECTURE.md, checked over the source: each layer of the crate names
//! only the layers below it — `nn` ← `data` ← `experiment` ← `session` ← `serve` ← the clients
//! `app`, `bench` and `cli` (the app and the command line never name each other; the command
//! line runs the benchmarks) — and nothing below `app` names egui or eframe.

use std::fs;
use std::path::{Path, PathBuf};

/// The crate's top-level modules, lowest layer first, each with the modules it may name.
const LAYERS: [(&str, &[&str]); 8] = [
    ("nn", &[]),
    ("data", &["nn"]),
    ("experiment", &["nn", "data"]),
    ("session", &["nn", "data", "experiment"]),
    ("serve", &["nn", "data", "experiment", "session"]),
    ("bench", &["nn", "data", "experiment", "session", "serve"]),
    ("app", &["nn", "data", "experiment", "session", "serve"]),
    (
        "cli",
        &["nn", "data", "experiment", "session", "serve", "bench"],
    ),
];

/// The modules `module` may name, if it is one of the crate's layers.
fn allowed(module: &str) -> Option<&'static [&'static str]> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|&(_, allowed)| allowed)
}

/// True for the layers below the app, which must not name egui or eframe.
fn below_app(module: &str) -> bool {
    ["nn", "data", "experiment", "session", "serve"].contains(&module)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`src/app/shell.rs` → `app`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let first = file.strip_prefix(src).ok()?.components().next()?;
    let name = first.as_os_str().to_str()?;
    Some(name.trim_end_matches(".rs").to_owned())
}

/// Every `crate::NAME` in `text`, with its line number.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push((number + 1, name));
        }
        // `use crate::{app, nn}`-style groups name several modules at once.
        if let Some(at) = code.find("crate::{") {
            let group = &code[at + "crate::{".len()..];
            for name in group.split([',', '}', ' ']).filter(|s| !s.is_empty()) {
                let name = name.split("::").next().unwrap_or_default();
                found.push((number + 1, name.to_owned()));
            }
        }
    }
    found
}

/// The violations of the layer rule in the tree under `src`.
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in files {
        let Some(module) = module_of(src, &file) else {
            continue;
        };
        let Some(own) = allowed(&module) else {
            continue; // lib.rs and main.rs sit above every layer
        };
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (line, name) in crate_paths(&text) {
            if name != module && allowed(&name).is_some() && !own.contains(&name.as_str()) {
                wrong.push(format!(
                    "{}:{line}: {module} names {name}, which is not below it",
                    file.display()
                ));
            }
        }
        if below_app(&module) {
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                let names_ui = code
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .any(|word| word == "egui" || word == "eframe");
                if names_ui {
                    wrong.push(format!(
                        "{}:{}: {module} is below the app and names egui/eframe",
                        file.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    wrong
}

#[test]
fn every_layer_names_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let wrong = violations(&src);
    assert!(
        wrong.is_empty(),
        "upward or sideways imports (see ARCHITECTURE.md):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_catches_a_planted_upward_import() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir_all(src.join("session")).unwrap();
    fs::create_dir_all(src.join("app")).unwrap();
    fs::write(
        src.join("session/run.rs"),
        "use crate::nn::Trainer;\nuse crate::app::NetworkView;\n",
    )
    .unwrap();
    fs::write(src.join("app/x.rs"), "use crate::{cli, session};\n").unwrap();
    fs::write(src.join("nn.rs"), "fn f(ui: &mut egui::Ui) {}\n").unwrap();
    let wrong = violations(&src);
    assert_eq!(
        wrong.len(),
        3,
        "session→app, app→cli and egui in nn: {wrong:#?}"
    );
    assert!(wrong[0].contains("app names cli"), "{wrong:#?}");
    assert!(
        wrong[1].contains("nn is below the app and names egui"),
        "{wrong:#?}"
    );
    assert!(wrong[2].contains("session names app"), "{wrong:#?}");
}
