//! Real HTTP against an in-process sandbox, one module per LINE rule.

mod support;

mod audiences;
mod auth;
mod config_files;
mod content;
mod faults;
mod followers;
mod narrowcast;
mod profile_and_info;
mod quota;
mod rate_limit;
mod records;
mod reply_tokens;
mod request_ids;
mod retry_keys;
mod rich_menus;
mod validation;
mod webhooks;
