//! The pace of a run's attempts, shared by every request of the run: the rate
//! limit (`--rate`), the one pause for all after a `Retry-After`, and the stop
//! that ends every waiting attempt (a client-wide failure, the breaker,
//! `--max-failures`). The client asks it for a turn before each attempt.

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

/// A `Retry-After` pauses the run for at most this long (as for a single retry).
pub const PAUSE_CAP: Duration = Duration::from_secs(30);

pub struct Pace {
    /// The even spacing of attempt starts; `None`: unlimited.
    interval: Option<Duration>,
    state: Mutex<State>,
    stop_tx: watch::Sender<bool>,
    stop_rx: watch::Receiver<bool>,
}

struct State {
    /// The earliest start of the next attempt under the rate limit.
    next_slot: Option<Instant>,
    /// No attempt starts before this (a server's `Retry-After`).
    paused_until: Option<Instant>,
}

impl Default for Pace {
    fn default() -> Pace {
        Pace::new(None)
    }
}

impl Pace {
    pub fn new(interval: Option<Duration>) -> Pace {
        let (stop_tx, stop_rx) = watch::channel(false);
        Pace {
            interval,
            state: Mutex::new(State {
                next_slot: None,
                paused_until: None,
            }),
            stop_tx,
            stop_rx,
        }
    }

    /// Wait until an attempt may start, not before `not_before`. Returns false,
    /// at once, when the run is stopped (before or while waiting): send nothing.
    pub async fn turn(&self, not_before: Instant) -> bool {
        let mut stopped = self.stop_rx.clone();
        loop {
            if *stopped.borrow() {
                return false;
            }
            let (at, reserved) = self.reserve(not_before);
            // The common case (no limit, no pause, no backoff) goes at once: a timer
            // even for a deadline already past costs a turn of the time driver.
            if reserved && at <= Instant::now() {
                return true;
            }
            tokio::select! {
                biased;
                _ = stopped.wait_for(|s| *s) => return false,
                _ = tokio::time::sleep_until(at) => {}
            }
            // A slot was taken: go, unless a pause came meanwhile (then wait it out).
            if reserved && !self.is_paused() {
                return !*stopped.borrow();
            }
        }
    }

    /// The time to wait for, and whether a rate slot was reserved at it: a slot
    /// is taken only once no pause and no `not_before` is in the way, so a pause
    /// never leaves slots unused behind it (that would burst when it ends).
    fn reserve(&self, not_before: Instant) -> (Instant, bool) {
        let now = Instant::now();
        let mut s = self.lock();
        let earliest = [Some(now), Some(not_before), s.paused_until]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(now);
        if earliest > now {
            return (earliest, false);
        }
        match self.interval {
            None => (now, true),
            Some(interval) => {
                let at = s.next_slot.map_or(now, |n| n.max(now));
                s.next_slot = Some(at + interval);
                (at, true)
            }
        }
    }

    fn is_paused(&self) -> bool {
        self.lock().paused_until.is_some_and(|p| p > Instant::now())
    }

    /// Hold back every new attempt for `wait` (at most [`PAUSE_CAP`]).
    pub fn pause(&self, wait: Duration) {
        let until = Instant::now() + wait.min(PAUSE_CAP);
        let mut s = self.lock();
        s.paused_until = Some(s.paused_until.map_or(until, |p| p.max(until)));
    }

    /// No attempt starts from now on; waiting ones end at once.
    pub fn stop(&self) {
        self.stop_tx.send_replace(true);
    }

    #[cfg(test)]
    pub fn is_stopped(&self) -> bool {
        *self.stop_rx.borrow()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is two instants: a panic elsewhere cannot leave it half-written.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn slots_are_evenly_spaced() {
        let pace = Pace::new(Some(Duration::from_millis(100)));
        let start = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..5 {
            assert!(pace.turn(start).await);
            starts.push(Instant::now() - start);
        }
        let ms: Vec<u128> = starts.iter().map(|d| d.as_millis()).collect();
        assert_eq!(ms, [0, 100, 200, 300, 400]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_holds_everyone_and_stop_ends_waits() {
        let pace = Pace::new(None);
        let start = Instant::now();
        pace.pause(Duration::from_secs(100));
        assert!(pace.turn(start).await);
        assert_eq!((Instant::now() - start).as_secs(), 30, "capped at 30 s");
        pace.pause(Duration::from_secs(5));
        pace.stop();
        assert!(!pace.turn(Instant::now()).await);
        assert!(pace.is_stopped());
    }
}
