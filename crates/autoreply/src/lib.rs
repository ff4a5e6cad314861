//! The reply decision for an incoming customer message. Pure: no I/O.
