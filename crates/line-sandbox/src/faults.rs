//! Fault injection: a share of requests answering 500, added latency, and sends that
//! are performed but whose connection is dropped before the answer.
//!
//! Decisions come from one RNG seeded from [`Faults::seed`], so a run with the same
//! seed and the same request order injects the same faults.

use crate::endpoint::Endpoint;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// The faults for every endpoint plus the RNG seed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Seeds the fault RNG; setting faults re-seeds it.
    pub seed: u64,
    /// Faults per endpoint; endpoints not listed behave normally.
    pub endpoints: BTreeMap<Endpoint, EndpointFaults>,
}

impl Faults {
    /// No faults, with the given seed.
    pub fn seeded(seed: u64) -> Self {
        Self {
            seed,
            endpoints: BTreeMap::new(),
        }
    }

    /// Adds (or replaces) the faults of one endpoint.
    pub fn on(mut self, endpoint: Endpoint, faults: EndpointFaults) -> Self {
        self.endpoints.insert(endpoint, faults);
        self
    }
}

/// What goes wrong on one endpoint. Rates are probabilities in `0.0..=1.0`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EndpointFaults {
    /// Share of requests answered `500` without doing anything.
    pub error_rate: f64,
    /// Added before every request is handled.
    pub latency_ms: u64,
    /// Share of requests that are performed and recorded, after which the TCP
    /// connection is closed without any response.
    pub drop_rate: f64,
}

impl EndpointFaults {
    /// `rate` of requests answer 500.
    pub fn errors(rate: f64) -> Self {
        Self {
            error_rate: rate,
            ..Self::default()
        }
    }

    /// `rate` of requests are performed, then the connection is dropped.
    pub fn drops(rate: f64) -> Self {
        Self {
            drop_rate: rate,
            ..Self::default()
        }
    }

    /// Every request waits `latency` first.
    pub fn latency(latency: Duration) -> Self {
        Self {
            latency_ms: latency.as_millis() as u64,
            ..Self::default()
        }
    }
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FaultDecision {
    pub latency: Duration,
    pub fail: bool,
    pub drop_connection: bool,
}

/// The active faults and their RNG.
#[derive(Debug)]
pub(crate) struct FaultDice {
    state: Mutex<(Faults, StdRng)>,
}

impl FaultDice {
    pub fn new(faults: Faults) -> Self {
        let rng = StdRng::seed_from_u64(faults.seed);
        Self {
            state: Mutex::new((faults, rng)),
        }
    }

    /// Replaces the faults and re-seeds the RNG.
    pub fn set(&self, faults: Faults) {
        let rng = StdRng::seed_from_u64(faults.seed);
        *self.state.lock().expect("fault lock") = (faults, rng);
    }

    pub fn get(&self) -> Faults {
        self.state.lock().expect("fault lock").0.clone()
    }

    /// Rolls the dice for one request on `endpoint`. Costs one lock and at most
    /// two RNG draws; endpoints without faults draw nothing.
    pub fn roll(&self, endpoint: Endpoint) -> FaultDecision {
        let mut guard = self.state.lock().expect("fault lock");
        let (faults, rng) = &mut *guard;
        let Some(f) = faults.endpoints.get(&endpoint).copied() else {
            return FaultDecision::default();
        };
        let fail = f.error_rate > 0.0 && rng.random::<f64>() < f.error_rate;
        let drop_connection = !fail && f.drop_rate > 0.0 && rng.random::<f64>() < f.drop_rate;
        FaultDecision {
            latency: Duration::from_millis(f.latency_ms),
            fail,
            drop_connection,
        }
    }
}
