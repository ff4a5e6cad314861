//! One clock for the whole stack: the sandbox stamps events with it, and ingest, the
//! responder and the admin API read it, so that starting the stack "at Friday noon
//! in Tokyo" (`--at`) makes every part agree the store is open.

use jiff::Timestamp;
use otodoke_line_sandbox::SandboxClock;

/// The stack's clock: wall-clock speed, optionally starting at a chosen instant.
#[derive(Debug, Clone, Default)]
pub struct StackClock {
    sandbox: SandboxClock,
}

impl StackClock {
    /// Now, at real speed.
    pub fn wall() -> Self {
        Self::default()
    }

    /// `start` at creation, then real speed.
    pub fn starting_at(start: Timestamp) -> Self {
        Self {
            sandbox: SandboxClock::starting_at_ms(start.as_millisecond()),
        }
    }

    /// The current instant. Cheap (an atomic load and a monotonic clock read).
    pub fn now(&self) -> Timestamp {
        Timestamp::from_millisecond(self.sandbox.now_epoch_ms()).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// The same clock as the sandbox sees it.
    pub fn sandbox(&self) -> SandboxClock {
        self.sandbox.clone()
    }
}
