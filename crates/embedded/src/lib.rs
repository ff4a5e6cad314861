//! Embedded (in-process) adapters for the ports in `otodoke-core`.
