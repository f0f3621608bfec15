//! A row of either backend, read in place (on SQLite, straight from the
//! statement: nothing is copied into an intermediate row).

use crate::StoreError;
use postgres::types::Type;

/// A row being read.
pub(crate) enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

/// A column value as stored, for values kept packed (bytes) or not (text).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Raw<'a> {
    Null,
    Text(&'a [u8]),
    Blob(&'a [u8]),
    /// A number where a text or bytes were expected.
    Other(&'static str),
}

impl Row<'_> {
    /// Column `i`.
    pub(crate) fn get<T: FromDb>(&self, i: usize) -> Result<T, StoreError> {
        match self {
            Row::Sqlite(r) => T::from_sqlite(r, i),
            Row::Pg(r) => T::from_pg(r, i),
        }
    }

    /// Column `i` as stored: text or bytes.
    pub(crate) fn raw(&self, i: usize) -> Result<Raw<'_>, StoreError> {
        use rusqlite::types::ValueRef;
        match self {
            Row::Sqlite(r) => Ok(match r.get_ref(i)? {
                ValueRef::Null => Raw::Null,
                ValueRef::Text(t) => Raw::Text(t),
                ValueRef::Blob(b) => Raw::Blob(b),
                ValueRef::Integer(_) => Raw::Other("integer"),
                ValueRef::Real(_) => Raw::Other("real"),
            }),
            Row::Pg(r) => {
                let ty = column_type(r, i)?;
                if ty == Type::BYTEA {
                    Ok(r.try_get::<_, Option<&[u8]>>(i)?.map_or(Raw::Null, Raw::Blob))
                } else if ty == Type::TEXT || ty == Type::VARCHAR {
                    Ok(r.try_get::<_, Option<&str>>(i)?.map_or(Raw::Null, |t| Raw::Text(t.as_bytes())))
                } else {
                    Ok(Raw::Other("number"))
                }
            }
        }
    }
}

fn column_type(r: &postgres::Row, i: usize) -> Result<Type, StoreError> {
    r.columns()
        .get(i)
        .map(|c| c.type_().clone())
        .ok_or_else(|| StoreError::Corrupt(format!("no column {i} in a row of {} columns", r.len())))
}

/// A type the store reads from a column, on either backend.
pub(crate) trait FromDb: Sized {
    /// From column `i` of a SQLite row.
    fn from_sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self, StoreError>;
    /// From column `i` of a PostgreSQL row.
    fn from_pg(r: &postgres::Row, i: usize) -> Result<Self, StoreError>;
}

/// An integer column of PostgreSQL (BIGINT in the schema; a count or an
/// expression may be another width, a comparison a boolean).
fn pg_int(r: &postgres::Row, i: usize) -> Result<Option<i64>, StoreError> {
    let ty = column_type(r, i)?;
    Ok(if ty == Type::INT8 {
        r.try_get::<_, Option<i64>>(i)?
    } else if ty == Type::INT4 {
        r.try_get::<_, Option<i32>>(i)?.map(i64::from)
    } else if ty == Type::INT2 {
        r.try_get::<_, Option<i16>>(i)?.map(i64::from)
    } else if ty == Type::BOOL {
        r.try_get::<_, Option<bool>>(i)?.map(i64::from)
    } else {
        return Err(StoreError::Corrupt(format!("column {i} is a {ty} where an integer was expected")));
    })
}

fn pg_real(r: &postgres::Row, i: usize) -> Result<Option<f64>, StoreError> {
    let ty = column_type(r, i)?;
    Ok(if ty == Type::FLOAT8 {
        r.try_get::<_, Option<f64>>(i)?
    } else if ty == Type::FLOAT4 {
        r.try_get::<_, Option<f32>>(i)?.map(f64::from)
    } else {
        pg_int(r, i)?.map(|v| v as f64)
    })
}

/// An integer of the database as `T`, refused when out of its range.
fn in_range<T: TryFrom<i64>>(v: i64, i: usize) -> Result<T, StoreError> {
    T::try_from(v).map_err(|_| StoreError::Corrupt(format!("column {i}: {v} is out of range")))
}

fn null(i: usize) -> StoreError {
    StoreError::Corrupt(format!("column {i} is NULL where a value was expected"))
}

/// Integers read through `i64` on PostgreSQL, refused when out of range.
macro_rules! ints {
    ($($t:ty),*) => {$(
        impl FromDb for $t {
            fn from_sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self, StoreError> {
                <Option<$t>>::from_sqlite(r, i)?.ok_or_else(|| null(i))
            }
            fn from_pg(r: &postgres::Row, i: usize) -> Result<Self, StoreError> {
                <Option<$t>>::from_pg(r, i)?.ok_or_else(|| null(i))
            }
        }
        impl FromDb for Option<$t> {
            fn from_sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self, StoreError> {
                r.get::<_, Option<i64>>(i)?.map(|v| in_range(v, i)).transpose()
            }
            fn from_pg(r: &postgres::Row, i: usize) -> Result<Self, StoreError> {
                pg_int(r, i)?.map(|v| in_range(v, i)).transpose()
            }
        }
    )*};
}
ints!(i64, u32, usize);

impl FromDb for bool {
    fn from_sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self, StoreError> {
        Ok(r.get(i)?)
    }
    fn from_pg(r: &postgres::Row, i: usize) -> Result<Self, StoreError> {
        Ok(pg_int(r, i)?.ok_or_else(|| null(i))? != 0)
    }
}

impl FromDb for f64 {
    fn from_sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self, StoreError> {
        Ok(r.get(i)?)
    }
    fn from_pg(r: &postgres::Row, i: usize) -> Result<Self, StoreError> {
        pg_real(r, i)?.ok_or_else(|| null(i))
    }
}

impl FromDb for Option<f64> {
    fn from_sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self, StoreError> {
        Ok(r.get(i)?)
    }
    fn from_pg(r: &postgres::Row, i: usize) -> Result<Self, StoreError> {
        pg_real(r, i)
    }
}

/// Types PostgreSQL reads as they are (TEXT, BYTEA).
macro_rules! direct {
    ($($t:ty),*) => {$(
        impl FromDb for $t {
            fn from_sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self, StoreError> {
                Ok(r.get(i)?)
            }
            fn from_pg(r: &postgres::Row, i: usize) -> Result<Self, StoreError> {
                Ok(r.try_get(i)?)
            }
        }
    )*};
}
direct!(String, Option<String>, Vec<u8>, Option<Vec<u8>>);
