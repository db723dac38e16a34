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

/// Scheduler turns given to started attempts before the next one starts.
const SETTLE_YIELDS: usize = 4;

pub struct Pace {
    /// The even spacing of attempt starts; `None`: unlimited.
    interval: Option<Duration>,
    /// When the last attempt really started (under a rate limit). Waiters queue
    /// on it in order (tokio's mutex is fair): only the head of the queue
    /// sleeps, and the next start is anchored to the real start before it.
    last_start: tokio::sync::Mutex<Option<Instant>>,
    /// No attempt starts before this (a server's `Retry-After`).
    paused_until: Mutex<Option<Instant>>,
    stop_tx: watch::Sender<bool>,
    stop_rx: watch::Receiver<bool>,
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
            last_start: tokio::sync::Mutex::new(None),
            paused_until: Mutex::new(None),
            stop_tx,
            stop_rx,
        }
    }

    /// Wait until an attempt may start, not before `not_before`. Returns false,
    /// at once, when the run is stopped (before or while waiting): send nothing.
    pub async fn turn(&self, not_before: Instant) -> bool {
        if *self.stop_rx.borrow() {
            return false;
        }
        // The common case (no limit, no pause, no backoff) goes at once: a timer
        // even for a deadline already past costs a turn of the time driver.
        if self.interval.is_none()
            && self.paused_until().is_none_or(|p| p <= Instant::now())
            && not_before <= Instant::now()
        {
            return true;
        }
        let mut stopped = self.stop_rx.clone();
        tokio::select! {
            biased;
            _ = stopped.wait_for(|s| *s) => false,
            () = self.wait_turn(not_before) => !*self.stop_rx.borrow(),
        }
    }

    /// Wait for the backoff, any pause and, under a rate limit, the slot that
    /// comes one interval after the last real start.
    async fn wait_turn(&self, not_before: Instant) {
        // The backoff and a pause are waited out before queueing for a rate slot,
        // so an ID waiting for its retry never holds back the others.
        self.wait_unpaused(not_before).await;
        let Some(interval) = self.interval else {
            return;
        };
        let mut last = self.last_start.lock().await;
        loop {
            if let Some(at) = last.map(|l| l + interval).filter(|at| *at > Instant::now()) {
                tokio::time::sleep_until(at).await;
                // Let the attempts already started reach the wire first (a yield
                // waits for the next poll of the I/O driver): on a busy machine
                // their sends and this wake-up can fall into one time slice.
                for _ in 0..SETTLE_YIELDS {
                    tokio::task::yield_now().await;
                }
            }
            // A pause that came meanwhile holds this slot too (then the rate
            // counts from its end: no burst when it ends).
            if !self.wait_unpaused(Instant::now()).await {
                break;
            }
        }
        // Anchored to the real start, not to a planned one: a start that came
        // late never lets the next ones catch up in a burst.
        *last = Some(Instant::now());
    }

    /// Wait until neither `not_before` nor a pause is in the way; false if there
    /// was nothing to wait for (the common case costs no timer).
    async fn wait_unpaused(&self, not_before: Instant) -> bool {
        let mut waited = false;
        loop {
            let earliest = self
                .paused_until()
                .map_or(not_before, |p| p.max(not_before));
            if earliest <= Instant::now() {
                return waited;
            }
            tokio::time::sleep_until(earliest).await;
            waited = true;
        }
    }

    fn paused_until(&self) -> Option<Instant> {
        *self.lock()
    }

    /// Hold back every new attempt for `wait` (at most [`PAUSE_CAP`]).
    pub fn pause(&self, wait: Duration) {
        let until = Instant::now() + wait.min(PAUSE_CAP);
        let mut paused = self.lock();
        *paused = Some(paused.map_or(until, |p| p.max(until)));
    }

    /// No attempt starts from now on; waiting ones end at once.
    pub fn stop(&self) {
        self.stop_tx.send_replace(true);
    }

    #[cfg(test)]
    pub fn is_stopped(&self) -> bool {
        *self.stop_rx.borrow()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        // An instant: a panic elsewhere cannot leave it half-written.
        self.paused_until.lock().unwrap_or_else(|e| e.into_inner())
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
    async fn a_late_start_never_lets_the_next_ones_catch_up() {
        // Ten attempts want their turn at once; the process is then held up for
        // 50 ms (time jumps). Each turn still comes a full interval after the
        // one before: none of the slots that passed meanwhile is spent in a burst.
        let pace = std::sync::Arc::new(Pace::new(Some(Duration::from_millis(10))));
        let start = Instant::now();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        for _ in 0..10 {
            let (pace, tx) = (pace.clone(), tx.clone());
            tokio::spawn(async move {
                assert!(pace.turn(start).await);
                tx.send(Instant::now()).unwrap();
            });
        }
        drop(tx);
        // The first turn is taken at once; then nothing runs for 50 ms.
        let first = rx.recv().await.unwrap();
        tokio::time::advance(Duration::from_millis(50)).await;
        let mut starts = vec![first];
        while let Some(at) = rx.recv().await {
            starts.push(at);
        }
        assert_eq!(starts.len(), 10);
        for pair in starts.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(gap >= Duration::from_millis(10), "{:?}", starts);
        }
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
