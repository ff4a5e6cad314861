//! A local LINE platform: the Messaging API endpoints under LINE's rules (tokens,
//! validation, reply tokens, retry keys, rate limits, monthly quota, faults) and the
//! LINE side of webhooks (friends who follow, block and write).
