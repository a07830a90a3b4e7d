//! Every piece of text the app shows, in English and Korean, from Project Fluent files
//! (`assets/i18n/{en,ko}/*.ftl`, embedded in the binary).
//!
//! [`Strings`] is declared in `table.rs` (one line per string, see `macros.rs`) and can only
//! be filled from a language's bundle: texts are plain fields, templates (placeholders,
//! plurals) are methods that format through Fluent. Each language's table is built once, on
//! first use. The command line stays English and never uses this module.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[macro_use]
mod macros;
mod bundle;
#[cfg(test)]
mod literals;
mod names;
mod table;
#[cfg(test)]
mod tests;

pub use table::Strings;

/// A language the interface can be shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    /// English.
    #[default]
    English,
    /// Korean (한국어).
    Korean,
}

impl Language {
    /// Every language, in menu order.
    pub const ALL: [Self; 2] = [Self::English, Self::Korean];

    /// The BCP 47 code of the language's bundle.
    pub fn code(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Korean => "ko",
        }
    }

    /// The language's own name, for the menu (from its own bundle).
    pub fn native_name(self) -> &'static str {
        self.strings().language_name
    }

    /// The language for a locale tag such as `ko-KR` or `en_US.UTF-8`: Korean for `ko…`,
    /// English otherwise.
    pub fn from_locale(tag: &str) -> Self {
        if tag
            .get(..2)
            .is_some_and(|code| code.eq_ignore_ascii_case("ko"))
        {
            Self::Korean
        } else {
            Self::English
        }
    }

    /// The system's language (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG` on Unix), for the
    /// first start.
    pub fn from_system() -> Self {
        sys_locale::get_locale().map_or(Self::English, |tag| Self::from_locale(&tag))
    }

    /// The table of strings for this language, built from its bundle on first use.
    pub fn strings(self) -> &'static Strings {
        static TABLES: [OnceLock<Strings>; 2] = [OnceLock::new(), OnceLock::new()];
        TABLES[self as usize].get_or_init(|| Strings::from_bundle(bundle::Bundle::new(self)))
    }
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("language_name", &self.language_name)
            .finish_non_exhaustive()
    }
}
