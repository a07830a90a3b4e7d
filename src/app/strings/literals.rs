//! The no-stray-literal check: no string literal with words in it is handed to an egui text
//! widget anywhere in `src/app`. Words come from the bundles; symbols, numbers and formulas
//! without words ("→", "#", "{value:.3}") may stay in code.

use std::path::Path;

/// Calls whose arguments are drawn as text.
const TEXT_CALLS: &[&str] = &[
    ".label(",
    ".button(",
    ".small_button(",
    ".heading(",
    ".small(",
    ".strong(",
    ".weak(",
    ".monospace(",
    ".code(",
    ".hyperlink_to(",
    ".checkbox(",
    ".radio(",
    ".radio_value(",
    ".selectable_label(",
    ".selectable_value(",
    ".toggle_value(",
    ".menu_button(",
    ".collapsing(",
    ".on_hover_text(",
    ".on_hover_text_at_pointer(",
    ".on_disabled_hover_text(",
    ".hint_text(",
    ".selected_text(",
    ".shortcut_text(",
    ".suffix(",
    ".prefix(",
    ".text(",
    ".name(",
    "Button::new(",
    "Label::new(",
    "RichText::new(",
    "Checkbox::new(",
    "SelectableLabel::new(",
    "Window::new(",
    "CollapsingHeader::new(",
    "ComboBox::from_label(",
    "WidgetText::from(",
];

/// Words allowed in code: units and names that are the same in every language.
const ALLOWED: &[&str] = &["Ctrl", "F11", "ms", "lr", "ron", "csv"];

/// The stray literals in `source`: (line, literal) for each string literal with a word in it
/// inside the arguments of a [`TEXT_CALLS`] call.
pub(super) fn stray_literals(source: &str) -> Vec<(usize, String)> {
    let code = strip_comments(source);
    let mut found = Vec::new();
    for call in TEXT_CALLS {
        let mut from = 0;
        while let Some(at) = code[from..].find(call) {
            let open = from + at + call.len();
            let args = balanced(&code[open..]);
            for literal in literals(args) {
                if has_words(&literal) {
                    let line = code[..open].matches('\n').count() + 1;
                    found.push((line, literal));
                }
            }
            from = open;
        }
    }
    found.sort_by_key(|(line, _)| *line);
    found.dedup();
    found
}

/// `source` with `//` comments removed (string contents are kept as they are).
pub(super) fn strip_comments(source: &str) -> String {
    source
        .lines()
        .map(|line| {
            let mut in_string = false;
            let mut escaped = false;
            let mut previous = ' ';
            for (i, c) in line.char_indices() {
                match (in_string, escaped, c) {
                    (true, true, _) => escaped = false,
                    (true, false, '\\') => escaped = true,
                    (_, false, '"') => in_string = !in_string,
                    (false, _, '/') if previous == '/' => return &line[..i - 1],
                    _ => {}
                }
                previous = c;
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text up to the parenthesis that closes the one just opened.
fn balanced(rest: &str) -> &str {
    let mut depth = 1_usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => in_string = !in_string,
            (false, _, '(') => depth += 1,
            (false, _, ')') => {
                depth -= 1;
                if depth == 0 {
                    return &rest[..i];
                }
            }
            _ => {}
        }
    }
    rest
}

/// The contents of every `"…"` literal in `args`.
pub(super) fn literals(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut escaped = false;
    for c in args.chars() {
        match (&mut current, escaped, c) {
            (Some(text), true, _) => {
                // An escape (\n, \", \u{…}) is not a word.
                text.push(' ');
                escaped = false;
            }
            (Some(_), false, '\\') => escaped = true,
            (Some(_), false, '"') => out.extend(current.take()),
            (Some(text), false, _) => text.push(c),
            (None, _, '"') => current = Some(String::new()),
            (None, _, _) => {}
        }
    }
    out
}

/// True when `literal`, without its `{…}` placeholders, has a word that is not allowed.
fn has_words(literal: &str) -> bool {
    let mut text = String::new();
    let mut depth = 0_usize;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    // An environment variable's name (`env!("CARGO_PKG_VERSION")`) is not text.
    if text.contains('_') && text.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
        return false;
    }
    // Single letters are symbols (x, w, δ) or keys (F, S).
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().any(char::is_alphabetic) && word.chars().count() > 1)
        .any(|word| !ALLOWED.contains(&word))
}

pub(super) fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
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

#[test]
fn no_words_are_drawn_from_literals_in_the_app() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    assert!(files.len() > 20, "the app's sources must be found");
    let mut stray = Vec::new();
    for file in files {
        if file.ends_with("strings/literals.rs") {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for (line, literal) in stray_literals(&source) {
            stray.push(format!("{}:{line}: {literal:?}", file.display()));
        }
    }
    assert!(
        stray.is_empty(),
        "words drawn from literals (put them in assets/i18n and src/app/strings/table.rs):\n{}",
        stray.join("\n")
    );
}

#[test]
fn a_planted_literal_is_caught() {
    let planted = r#"
        ui.label("Loss");
        ui.add(egui::Button::new(RichText::new(format!("Epoch {epoch}")).strong()));
        response.on_hover_text(
            "Learning rate",
        );
        ui.label(text.play); // ui.label("commented out")
        ui.label("→");
        ui.label(format!("{value:.3} ms"));
        ui.label(format!("{}\n\n{}", a, b));
    "#;
    let found: Vec<String> = stray_literals(planted)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    assert_eq!(
        found,
        vec!["Loss", "Epoch {epoch}", "Learning rate"],
        "words in widget literals are caught; symbols, numbers, units and comments are not"
    );
}
