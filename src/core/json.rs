//! A JSON value, read and written with serde. The saved form is decoded
//! from this tree by hand so that every error names its field; reading it
//! is depth-limited so that a hostile document cannot exhaust the stack.

use core::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How deeply arrays and objects may nest; the saved form needs three.
pub const MAX_DEPTH: u32 = 16;

/// A JSON value. Objects keep their order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// Any number (integers are exact up to 2^53).
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, in document order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object, if this is one and has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A number from an integer.
    pub fn int(n: i64) -> Json {
        // Saved-form integers stay far below 2^53, where f64 is exact.
        Json::Num(n as f64)
    }

    /// The value as an integer, when it is a number without a fraction in
    /// the exactly representable range.
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Json::Num(x) if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0 => Some(x as i64),
            _ => None,
        }
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Num(_) if self.as_int().is_some() => s.serialize_i64(self.as_int().unwrap_or(0)),
            Json::Num(x) => s.serialize_f64(*x),
            Json::Str(t) => s.serialize_str(t),
            Json::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Obj(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        Depth(MAX_DEPTH).deserialize(d)
    }
}

/// Reads one value with `.0` levels of nesting left.
struct Depth(u32);

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
}

impl Depth {
    fn inner<E: de::Error>(&self) -> Result<Depth, E> {
        match self.0.checked_sub(1) {
            Some(left) => Ok(Depth(left)),
            None => Err(E::custom(format_args!("nested deeper than {MAX_DEPTH} levels"))),
        }
    }
}

impl<'de> Visitor<'de> for Depth {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        self.deserialize(d)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
        Ok(Json::Num(n as f64))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
        Ok(Json::Num(n as f64))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Json, E> {
        Ok(Json::Num(x))
    }

    fn visit_str<E>(self, t: &str) -> Result<Json, E> {
        Ok(Json::Str(t.to_owned()))
    }

    fn visit_string<E>(self, t: String) -> Result<Json, E> {
        Ok(Json::Str(t))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let inner = self.inner()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Depth(inner.0))? {
            items.push(item);
        }
        Ok(Json::Arr(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let inner = self.inner()?;
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Depth(inner.0))?;
            members.push((key, value));
        }
        Ok(Json::Obj(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_exact() {
        assert_eq!(Json::int(1_564_650).as_int(), Some(1_564_650));
        assert_eq!(Json::Num(0.5).as_int(), None);
        assert_eq!(Json::Num(1e300).as_int(), None);
        assert_eq!(Json::Str("1".into()).as_int(), None);
    }

    #[test]
    fn nesting_is_limited_for_arrays_and_objects_alike() {
        let arrays = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        // n levels of objects, the innermost empty.
        let objects = |n: usize| format!("{}{{}}{}", "{\"a\":".repeat(n - 1), "}".repeat(n - 1));
        assert!(serde_json::from_str::<Json>(&arrays(16)).is_ok());
        assert!(serde_json::from_str::<Json>(&arrays(17)).is_err());
        assert!(serde_json::from_str::<Json>(&objects(16)).is_ok());
        assert!(serde_json::from_str::<Json>(&objects(17)).is_err());
    }

    #[test]
    fn get_finds_members() {
        let obj = Json::Obj(vec![("a".into(), Json::Bool(true))]);
        assert_eq!(obj.get("a"), Some(&Json::Bool(true)));
        assert_eq!(obj.get("b"), None);
        assert_eq!(Json::Null.get("a"), None);
    }
}
