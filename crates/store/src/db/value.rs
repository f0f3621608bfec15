//! Values bound to a statement's placeholders, for either backend: what the
//! store writes is an integer, a real, a text, bytes or NULL. Integers are
//! written as PostgreSQL's `BIGINT` (its schema keeps every integer and flag
//! as one), whatever type a statement's context gives its placeholder.

use postgres::types::{IsNull, ToSql as PgToSql, Type};
use rusqlite::types::{ToSqlOutput, ValueRef};

/// One value to bind, borrowed from the caller.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// What the store binds: a value of either backend.
pub(crate) trait ToDb {
    /// The value to bind.
    fn to_value(&self) -> Value<'_>;
}

/// A statement's parameters (see [`crate::p`]).
pub(crate) type Params<'a> = &'a [&'a dyn ToDb];

macro_rules! int {
    ($($t:ty),*) => {$(
        impl ToDb for $t {
            fn to_value(&self) -> Value<'_> {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int!(i64, i32, u32, u16, u8, bool);

impl ToDb for usize {
    fn to_value(&self) -> Value<'_> {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToDb for f64 {
    fn to_value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}

impl ToDb for f32 {
    fn to_value(&self) -> Value<'_> {
        Value::Real(f64::from(*self))
    }
}

impl ToDb for str {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToDb for String {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToDb for [u8] {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl ToDb for Vec<u8> {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl<T: ToDb + ?Sized> ToDb for &T {
    fn to_value(&self) -> Value<'_> {
        (**self).to_value()
    }
}

impl<T: ToDb> ToDb for Option<T> {
    fn to_value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, ToDb::to_value)
    }
}

/// A parameter bound on SQLite, borrowed as it is (no copy).
pub(crate) struct Lite<'a>(pub(crate) &'a dyn ToDb);

impl rusqlite::ToSql for Lite<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self.0.to_value() {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(i),
            Value::Real(r) => ValueRef::Real(r),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl PgToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) if *ty == Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
            Value::Int(i) if *ty == Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
            Value::Int(i) if *ty == Type::BOOL => (i != 0).to_sql(ty, out),
            Value::Int(i) if *ty == Type::FLOAT8 => (i as f64).to_sql(ty, out),
            Value::Int(i) if *ty == Type::TEXT || *ty == Type::VARCHAR => i.to_string().to_sql(ty, out),
            Value::Int(i) => i.to_sql(ty, out),
            Value::Real(r) if *ty == Type::FLOAT4 => (r as f32).to_sql(ty, out),
            Value::Real(r) => r.to_sql(ty, out),
            Value::Text(t) if *ty == Type::BYTEA => t.as_bytes().to_sql(ty, out),
            Value::Text(t) => t.to_sql(ty, out),
            Value::Blob(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A statement's parameters: `p![a, b, c]` binds `a` to `?1` and so on;
/// each is anything [`ToDb`] (integers, reals, texts, bytes, options of them).
macro_rules! p {
    () => { &[] as &[&dyn $crate::db::ToDb] };
    ($($e:expr),+ $(,)?) => { &[$(&$e as &dyn $crate::db::ToDb),+] as &[&dyn $crate::db::ToDb] };
}
pub(crate) use p;
