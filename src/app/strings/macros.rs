//! `string_table!`: declares [`Strings`](super::Strings) from one list of names, so adding a
//! string is one line here and one message in each language's `.ftl` files.
//!
//! A name `foo_bar` is the Fluent message `foo-bar`; a list `foo_bar[3]` is the messages
//! `foo-bar-1` … `foo-bar-3`; a template `foo_bar(count, name)` is the message `foo-bar` with
//! the variables `$count` and `$name`, formatted on each call.

/// Declares `Strings` (texts and lists as `&'static str` fields, templates as methods), the
/// builder that fills it from a bundle, and the tables the tests check the bundles against.
macro_rules! string_table {
    (
        texts { $( $(#[$text_meta:meta])* $text:ident, )* }
        lists { $( $(#[$list_meta:meta])* $list:ident [$len:literal], )* }
        templates { $( $(#[$template_meta:meta])* $template:ident ( $($arg:ident),* ), )* }
    ) => {
        /// One language's text. It can only be built from that language's Fluent bundle
        /// ([`Language::strings`]), so no text reaches the screen any other way.
        pub struct Strings {
            $( $(#[$text_meta])* pub $text: &'static str, )*
            $( $(#[$list_meta])* pub $list: [&'static str; $len], )*
            /// The bundle the templates are formatted with.
            bundle: Bundle,
            /// Messages the bundle lacks or could not format (empty when complete).
            problems: Vec<String>,
        }

        impl Strings {
            /// Every field filled from `bundle`; what is missing is listed in `problems`.
            pub(super) fn from_bundle(bundle: Bundle) -> Self {
                let mut problems = bundle.parse_problems().to_vec();
                $( let $text = bundle.text(&message_id(stringify!($text)), &mut problems); )*
                $( let $list = std::array::from_fn(|i| {
                    bundle.text(&format!("{}-{}", message_id(stringify!($list)), i + 1), &mut problems)
                }); )*
                Self { $( $text, )* $( $list, )* bundle, problems }
            }

            /// Messages the bundle lacked or could not format while this table was built
            /// (empty for a complete bundle: the tests make sure of it).
            pub fn problems(&self) -> &[String] {
                &self.problems
            }

            $(
                $(#[$template_meta])*
                pub fn $template<'a>(&self, $( $arg: impl Into<FluentValue<'a>>, )*) -> String {
                    let mut args = FluentArgs::new();
                    $( args.set(stringify!($arg), $arg); )*
                    self.bundle.format(&message_id(stringify!($template)), &args)
                }
            )*
        }

        /// The message ids of every text and list item, in declaration order.
        #[cfg(test)]
        pub(super) fn text_ids() -> Vec<String> {
            let mut ids = vec![$( message_id(stringify!($text)), )*];
            $( ids.extend((1..=$len).map(|i| format!("{}-{}", message_id(stringify!($list)), i))); )*
            ids
        }

        /// Every template: its message id and the variables it passes.
        #[cfg(test)]
        pub(super) fn template_ids() -> Vec<(String, Vec<&'static str>)> {
            vec![$( (message_id(stringify!($template)), vec![$( stringify!($arg), )*]), )*]
        }
    };
}
