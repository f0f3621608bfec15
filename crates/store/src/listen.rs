//! Waking when another process commits: on PostgreSQL every writer's
//! transaction notifies a channel, delivered at commit (see `db`'s write
//! lock); a [`Listener`] waits for those notices on a connection of its own.
//! A notice only says "look again": what changed is read from the change
//! log, so a notice lost (a dropped connection, a listener started late)
//! costs only time, and a follower also looks again after a timeout.

use crate::db::{client_pg, Client, CHANGES_CHANNEL};
use crate::StoreError;
use postgres::fallible_iterator::FallibleIterator;
use std::time::Duration;

/// A connection listening for the commits of the archive's writers.
pub struct Listener {
    client: Client,
}

impl Listener {
    /// Connects to the PostgreSQL database at `url` and listens. Commits
    /// from here on are told; the caller reads the change log after this
    /// returns, so that nothing committed before is missed either.
    pub fn connect(url: &str) -> Result<Listener, StoreError> {
        let mut client = client_pg(url)?;
        client.batch_execute(&format!("LISTEN {CHANGES_CHANNEL}"))?;
        Ok(Listener { client })
    }

    /// Waits up to `timeout` for a commit. Returns whether one (or more)
    /// was told; every notice waiting is taken, so one look covers them.
    /// An error means the connection is lost: connect again.
    pub fn wait(&mut self, timeout: Duration) -> Result<bool, StoreError> {
        let mut notices = self.client.notifications();
        let told = notices.timeout_iter(timeout).next()?.is_some();
        if told {
            // (those queued behind it: non-blocking)
            let mut rest = notices.iter();
            while rest.next()?.is_some() {}
        }
        Ok(told)
    }
}
