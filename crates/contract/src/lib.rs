//! The contract test suite every adapter of the `otodoke-core` ports must pass.
