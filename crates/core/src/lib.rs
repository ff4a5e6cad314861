//! otodoke's domain model and the ports (traits) it needs. No AWS, no HTTP.
