//! Test support: a moto_server on loopback, started once per test binary.
