//! A memory budget for reading untrusted text: a wrapper around any serde deserializer that
//! counts the bytes of every value as it is built (the in-memory size of each element, key,
//! field and variant, plus the length of each string) and stops the parse once they pass the
//! budget. So a file whose few bytes stand for large values (`[[],[],…]`, `"","",…`) is refused
//! while it is read, not after memory runs out. The count is an estimate from `size_of` (it
//! counts fields both inside their struct and on their own), never an undercount.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// The message of the error that stops a parse over budget.
pub const OVER_BUDGET: &str = "the file describes far more data than its size can hold";

/// Bytes a parse may still spend.
#[derive(Debug)]
pub struct Budget {
    left: Cell<usize>,
    exceeded: Cell<bool>,
}

impl Budget {
    /// A budget of `bytes`.
    pub fn new(bytes: usize) -> Self {
        Self {
            left: Cell::new(bytes),
            exceeded: Cell::new(false),
        }
    }

    /// True once a parse asked for more than was left.
    pub fn exceeded(&self) -> bool {
        self.exceeded.get()
    }

    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        if let Some(left) = self.left.get().checked_sub(bytes) {
            self.left.set(left);
            Ok(())
        } else {
            self.exceeded.set(true);
            Err(E::custom(OVER_BUDGET))
        }
    }
}

/// Deserializes a `T` through `budget` (use with `ron::Options::from_str_seed`).
pub struct WithBudget<'b, T> {
    budget: &'b Budget,
    target: std::marker::PhantomData<T>,
}

impl<'b, T> WithBudget<'b, T> {
    /// A seed reading a `T` within `budget`.
    pub fn new(budget: &'b Budget) -> Self {
        Self {
            budget,
            target: std::marker::PhantomData,
        }
    }
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for WithBudget<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        self.budget.spend(size_of::<T>())?;
        T::deserialize(Budgeted {
            inner: deserializer,
            budget: self.budget,
        })
    }
}

/// A deserializer whose values are counted against the budget.
struct Budgeted<'b, D> {
    inner: D,
    budget: &'b Budget,
}

/// A visitor, seed or access passed through with the budget.
struct Wrap<'b, T> {
    inner: T,
    budget: &'b Budget,
}

impl<'b, T> Wrap<'b, T> {
    fn new(inner: T, budget: &'b Budget) -> Self {
        Self { inner, budget }
    }
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Wrap::new(visitor, self.budget))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Budgeted<'_, D> {
    type Error = D::Error;

    forward_deserialize!(
        deserialize_any(),
        deserialize_bool(),
        deserialize_i8(),
        deserialize_i16(),
        deserialize_i32(),
        deserialize_i64(),
        deserialize_i128(),
        deserialize_u8(),
        deserialize_u16(),
        deserialize_u32(),
        deserialize_u64(),
        deserialize_u128(),
        deserialize_f32(),
        deserialize_f64(),
        deserialize_char(),
        deserialize_str(),
        deserialize_string(),
        deserialize_bytes(),
        deserialize_byte_buf(),
        deserialize_option(),
        deserialize_unit(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_seq(),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_map(),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_identifier(),
        deserialize_ignored_any(),
    );

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
    );

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.budget.spend(v.len())?;
        self.inner.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.budget.spend(v.len())?;
        self.inner.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.budget.spend(v.len())?;
        self.inner.visit_string(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.budget.spend(v.len())?;
        self.inner.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.budget.spend(v.len())?;
        self.inner.visit_borrowed_bytes(v)
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.budget.spend(v.len())?;
        self.inner.visit_byte_buf(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Budgeted {
            inner: deserializer,
            budget: self.budget,
        })
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Budgeted {
            inner: deserializer,
            budget: self.budget,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(Wrap::new(seq, self.budget))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(Wrap::new(map, self.budget))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(Wrap::new(data, self.budget))
    }
}

/// A seed whose value is paid for, then read through the budget.
impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Wrap<'_, T> {
    type Value = T::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T::Value, D::Error> {
        self.budget.spend(size_of::<T::Value>())?;
        self.inner.deserialize(Budgeted {
            inner: deserializer,
            budget: self.budget,
        })
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Wrap<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.inner.next_element_seed(Wrap::new(seed, self.budget))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Wrap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(Wrap::new(seed, self.budget))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(Wrap::new(seed, self.budget))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'b, 'de, A: EnumAccess<'de>> EnumAccess<'de> for Wrap<'b, A> {
    type Error = A::Error;
    type Variant = Wrap<'b, A::Variant>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), A::Error> {
        let budget = self.budget;
        let (value, variant) = self.inner.variant_seed(Wrap::new(seed, budget))?;
        Ok((value, Wrap::new(variant, budget)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Wrap<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner
            .newtype_variant_seed(Wrap::new(seed, self.budget))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner
            .tuple_variant(len, Wrap::new(visitor, self.budget))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner
            .struct_variant(fields, Wrap::new(visitor, self.budget))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<T: for<'de> de::Deserialize<'de>>(text: &str, bytes: usize) -> Result<T, String> {
        let budget = Budget::new(bytes);
        ron::Options::default()
            .from_str_seed(text, WithBudget::<T>::new(&budget))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn small_text_for_large_values_is_stopped_while_parsing() {
        let empties = format!("[{}]", "[],".repeat(1000));
        let error = parse::<Vec<Vec<f32>>>(&empties, 10_000).unwrap_err();
        assert!(
            error.contains(OVER_BUDGET),
            "1000 empty vectors cost 24 000 bytes: {error}"
        );
        assert_eq!(
            parse::<Vec<Vec<f32>>>(&empties, 30_000).map(|v| v.len()),
            Ok(1000),
            "within the budget the same text parses as before"
        );
        let strings = format!("[{}]", "\"abc\",".repeat(100));
        assert!(
            parse::<Vec<String>>(&strings, 2_000).is_err(),
            "100 × (24 + 3) bytes"
        );
        assert!(parse::<Vec<String>>(&strings, 3_000).is_ok(), "fits");
    }

    #[test]
    fn structs_enums_and_options_pass_through_unchanged() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        enum Shape {
            Dot,
            Line(f32),
            Box { w: u8, h: u8 },
        }
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct All {
            name: String,
            shapes: Vec<Shape>,
            maybe: Option<(u8, char)>,
        }
        let text =
            r#"(name: "x", shapes: [Dot, Line(1.5), Box(w: 2, h: 3)], maybe: Some((1, 'a')))"#;
        let parsed: All = parse(text, 10_000).unwrap();
        assert_eq!(
            parsed,
            All {
                name: "x".into(),
                shapes: vec![Shape::Dot, Shape::Line(1.5), Shape::Box { w: 2, h: 3 }],
                maybe: Some((1, 'a')),
            },
            "the wrapper changes nothing but the count"
        );
    }
}
