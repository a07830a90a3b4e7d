//! The bundles against the code and against each other: every id the code asks for exists in
//! both languages, both languages have the same messages with the same variables, plurals
//! work, and every character of every bundle has a glyph in the app's fonts.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::bundle::sources;
use super::{Language, table};

/// Message id → the variables its value uses, for one language's files.
fn messages(language: Language) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (file, text) in sources(language) {
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{file} must parse: {errors:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(value) = &message.value {
                    pattern_variables(value, &mut variables);
                }
                let id = message.id.name.to_owned();
                assert!(
                    out.insert(id.clone(), variables).is_none(),
                    "{file}: message {id} is defined twice"
                );
            }
        }
    }
    out
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[test]
fn every_string_the_code_asks_for_exists_in_both_languages() {
    for language in Language::ALL {
        let problems = language.strings().problems();
        assert!(
            problems.is_empty(),
            "{language:?} bundle is incomplete or broken: {problems:#?}"
        );
    }
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_variables() {
    let en = messages(Language::English);
    let ko = messages(Language::Korean);
    let en_ids: BTreeSet<_> = en.keys().collect();
    let ko_ids: BTreeSet<_> = ko.keys().collect();
    assert_eq!(
        en_ids.difference(&ko_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "messages in English but not in Korean"
    );
    assert_eq!(
        ko_ids.difference(&en_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "messages in Korean but not in English"
    );
    for (id, variables) in &en {
        assert_eq!(
            Some(variables),
            ko.get(id),
            "message {id}: English and Korean must use the same variables"
        );
    }
}

#[test]
fn templates_pass_exactly_the_variables_their_messages_use() {
    for language in Language::ALL {
        let messages = messages(language);
        for (id, args) in table::template_ids() {
            let declared: BTreeSet<String> = args.iter().map(|a| (*a).to_owned()).collect();
            assert_eq!(
                messages.get(&id),
                Some(&declared),
                "{language:?} message {id}: its variables must be the template's arguments"
            );
        }
    }
}

#[test]
fn every_message_is_used_by_the_code() {
    let mut used: BTreeSet<String> = table::text_ids().into_iter().collect();
    used.extend(table::template_ids().into_iter().map(|(id, _)| id));
    for language in Language::ALL {
        for id in messages(language).keys() {
            assert!(
                used.contains(id),
                "{language:?} message {id} is not in src/app/strings/table.rs (stale or misspelt)"
            );
        }
    }
}

#[test]
fn english_plurals_and_korean_counters_come_from_fluent() {
    let en = Language::English.strings();
    assert_eq!(en.total(1), "Total: 1 sample", "English singular");
    assert_eq!(en.total(2), "Total: 2 samples", "English plural");
    assert_eq!(
        en.output_layer(1),
        "Output layer: 1 neuron",
        "English singular"
    );
    let ko = Language::Korean.strings();
    assert_eq!(ko.total(1), "전체: 샘플 1개", "Korean has one form");
    assert_eq!(ko.total(2), "전체: 샘플 2개", "Korean has one form");
    assert_eq!(
        ko.status_line(3, 1, 4, 10, 40, "1.2 s"),
        "에포크 3 · 배치 1/4 · 샘플 10/40 · 1.2 s",
        "arguments are placed without bidi isolation marks"
    );
}

#[test]
fn locale_tags_pick_the_language() {
    for (tag, language) in [
        ("ko-KR", Language::Korean),
        ("ko_KR.UTF-8", Language::Korean),
        ("KO", Language::Korean),
        ("en-US", Language::English),
        ("de_DE.UTF-8", Language::English),
        ("C", Language::English),
        ("", Language::English),
    ] {
        assert_eq!(Language::from_locale(tag), language, "locale {tag:?}");
    }
}

/// Symbols the app draws outside the bundles: the step-through strip and the formulas.
const SYMBOLS: &str = "①②③④→←↓Σ∂δŷ·−≤≥Δ∞×…";

/// The characters of `text` that no font of `family` (as the app installs it) can draw.
fn missing_glyphs(family: &egui::FontFamily, text: &str) -> BTreeSet<char> {
    let fonts = super::super::theme::font_definitions();
    let faces: Vec<ttf_parser::Face<'_>> = fonts.families[family]
        .iter()
        .map(|name| {
            ttf_parser::Face::parse((*fonts.font_data[name].font).as_ref(), 0)
                .unwrap_or_else(|e| panic!("font {name} must parse: {e}"))
        })
        .collect();
    text.chars()
        .filter(|c| !c.is_control())
        .filter(|&c| !faces.iter().any(|face| face.glyph_index(c).is_some()))
        .collect()
}

fn assert_drawable(what: &str, text: &str) {
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let missing = missing_glyphs(&family, text);
        assert!(
            missing.is_empty(),
            "{what}, {family:?}: no bundled font has a glyph for {:?}",
            missing
                .iter()
                .map(|c| format!("{c} U+{:04X}", u32::from(*c)))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_character_has_a_glyph_in_the_bundled_fonts() {
    let mut text: String = SYMBOLS.to_owned();
    for language in Language::ALL {
        for (_, source) in sources(language) {
            text.push_str(source);
        }
    }
    assert_drawable("the bundles and the step-through symbols", &text);
}

#[test]
fn every_symbol_in_the_apps_code_has_a_glyph() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut files = Vec::new();
    super::literals::rust_files(&root, &mut files);
    let mut text = String::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for literal in super::literals::literals(&super::literals::strip_comments(&source)) {
            text.extend(literal.chars().filter(|c| !c.is_ascii()));
        }
    }
    assert!(text.contains('◀'), "the code's symbols must be found");
    assert_drawable("string literals in src/app", &text);
}

#[test]
fn the_glyph_check_can_fail() {
    // U+10FFFD is a private-use character no font of ours draws.
    let family = egui::FontFamily::Proportional;
    assert_eq!(
        missing_glyphs(&family, "역전파 ① \u{10FFFD}"),
        BTreeSet::from(['\u{10FFFD}']),
        "a character without a glyph is found missing; Hangul and ① are covered"
    );
}
