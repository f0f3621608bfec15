//! A node's index following the store's change log when other processes
//! write: other `serve` nodes on the same PostgreSQL database, or a
//! `shuzibao ingest --database`. A [`Follower`] is a thread that calls its
//! `catch_up` (in the web edition: [`crate::Archive::follow`] under the
//! writer's lock) whenever a writer commits, woken by PostgreSQL's
//! LISTEN/NOTIFY (see `shuzibao_store::Listener`), and at the latest every
//! [`POLL`] as the fallback (a lost connection, a notice missed).
//!
//! Why no change is ever skipped: the follower applies the changes after
//! the last one its index applied, in `seq` order, and records the last.
//! That is only right if no change with a smaller `seq` can commit after
//! one with a larger `seq` has been read. PostgreSQL hands sequence values
//! out before commit, so two writers racing could commit out of order; but
//! every writer's transaction takes the archive's advisory lock first (see
//! the store's `db` module) and holds it to its commit, so a `seq` is only
//! taken by the one writer in flight, and every `seq` taken before it is
//! already committed: the change log grows in commit order. (On SQLite a
//! writer's `BEGIN IMMEDIATE` does the same.) A notice is delivered only
//! after its transaction commits, so the changes it announces are visible.

use shuzibao_store::{Listener, Location};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The longest a follower waits before looking at the change log again
/// when no writer told it of a commit.
pub const POLL: Duration = Duration::from_millis(500);

/// A thread following the change log; it stops when dropped (within
/// [`POLL`]) or when `catch_up` says so.
pub struct Follower {
    stop: Arc<AtomicBool>,
}

impl Follower {
    /// Starts following the archive at `location`: `catch_up` is called at
    /// once, then after each commit told (PostgreSQL) and at least every
    /// `poll`. It returns whether to go on (false when its archive is
    /// gone); it reports its own errors, and is called again after the next
    /// wait. On SQLite there is nothing to listen to: it polls.
    pub fn start(
        location: &Location,
        poll: Duration,
        mut catch_up: impl FnMut() -> bool + Send + 'static,
    ) -> std::io::Result<Follower> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let url = match location {
            Location::Postgres(url) => Some(url.clone()),
            Location::Dir(_) => None,
        };
        std::thread::Builder::new().name("follow-changes".into()).spawn(move || {
            let mut listener: Option<Listener> = None;
            while !stopped.load(Ordering::Relaxed) {
                // listen before reading the log: a commit between the two
                // is then both read and told (told twice costs one look)
                if listener.is_none() {
                    listener = url.as_deref().and_then(|u| Listener::connect(u).ok());
                }
                if !catch_up() {
                    return;
                }
                let waited = match listener.as_mut() {
                    Some(l) => l.wait(poll).is_ok(),
                    None => false,
                };
                if !waited {
                    // no connection to wait on (or it was lost): poll
                    listener = None;
                    std::thread::sleep(poll);
                }
            }
        })?;
        Ok(Follower { stop })
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        // (not joined: the thread may be the one dropping its archive)
        self.stop.store(true, Ordering::Relaxed);
    }
}
