//! A small pool of read-only connections to the archive: one per request in
//! flight at most, reused, opened on demand. SQLite in WAL mode lets them
//! read while the writer writes; on PostgreSQL each is a connection of its
//! own (readers are never blocked there either).

use shuzibao_store::{Location, Store, StoreError};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Connections not in use are kept up to this number.
const KEEP: usize = 16;

/// The pool.
pub struct Pool {
    location: Location,
    dir: PathBuf,
    idle: Mutex<Vec<Store>>,
}

/// A connection taken from the pool; it goes back when dropped.
pub struct Pooled<'a> {
    store: Option<Store>,
    pool: &'a Pool,
}

impl Pool {
    /// A pool for the archive at `location`, its data folder `dir`.
    pub fn new(location: Location, dir: PathBuf) -> Pool {
        Pool { location, dir, idle: Mutex::new(Vec::new()) }
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A connection: an idle one, or a new one.
    pub fn get(&self) -> Result<Pooled<'_>, StoreError> {
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let store = match idle {
            Some(s) => s,
            None => Store::open_read_only_at(&self.location, &self.dir)?,
        };
        Ok(Pooled { store: Some(store), pool: self })
    }
}

impl Deref for Pooled<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        // always Some until dropped
        self.store.as_ref().unwrap_or_else(|| unreachable!("a pooled store is present until dropped"))
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.store.take() {
            let mut idle = self.pool.idle.lock().unwrap_or_else(|p| p.into_inner());
            if idle.len() < KEEP {
                idle.push(s);
            }
        }
    }
}
