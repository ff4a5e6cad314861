//! The responder Lambda's handler (filled in below).
