//! The LINE Messaging API as a library: what LINE sends us (webhooks), how we know it
//! was LINE (signatures), and how we talk back (the client and its message objects).
//!
//! Nothing here knows about AWS or about otodoke's domain; it is the protocol only.

pub mod signature;
