//! `otodoke-admin create-organization …`: see the crate documentation and the
//! README's deploy section.

use clap::{Parser, Subcommand};
use otodoke_admin::{create, Target};
use otodoke_fn_admin_api::bootstrap::NewOrganization;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "otodoke-admin",
    about = "Platform operator commands for an otodoke stack"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Creates an organization and its first owner.
    CreateOrganization {
        /// The organization id (letters, digits, `-`; no `#`).
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        /// The owner's e-mail address (their Cognito user name and invitation).
        #[arg(long)]
        owner_email: String,
        #[arg(long)]
        owner_name: String,
        /// The local stack's URL (as `cargo run -p otodoke-local` prints it).
        #[arg(long, requires = "token")]
        local: Option<String>,
        /// The local stack's dev token.
        #[arg(long, env = "OTODOKE_DEV_TOKEN")]
        token: Option<String>,
        /// The stack's organizations table (output `OrganizationsTableName`).
        #[arg(long, env = "OTODOKE_TABLE_ORGANIZATIONS")]
        organizations_table: Option<String>,
        /// The stack's Cognito user pool (output `AdminUserPoolId`).
        #[arg(long, env = "OTODOKE_USER_POOL_ID")]
        user_pool_id: Option<String>,
        /// With an external OIDC issuer: the owner's `sub` there (no pool is used).
        #[arg(long)]
        owner_subject: Option<String>,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let Command::CreateOrganization {
        id,
        name,
        owner_email,
        owner_name,
        local,
        token,
        organizations_table,
        user_pool_id,
        owner_subject,
    } = Cli::parse().command;
    let new = NewOrganization {
        id,
        name,
        owner_email,
        owner_name,
    };
    let (target, sdk) = match (local, organizations_table) {
        (Some(url), _) => (
            Target::Local {
                url,
                token: token.unwrap_or_default(),
            },
            None,
        ),
        (None, Some(table)) => (
            Target::Aws {
                organizations_table: table,
                user_pool_id: user_pool_id.filter(|p| !p.is_empty()),
                owner_subject,
            },
            Some(otodoke_aws::config::load_sdk_config().await),
        ),
        (None, None) => {
            eprintln!(
                "give --local URL --token TOKEN, or --organizations-table (and --user-pool-id)"
            );
            return ExitCode::from(2);
        }
    };
    match create(&target, &new, sdk.as_ref()).await {
        Ok(created) => {
            println!(
                "created organization {} with owner {} (staff id {})",
                created.organization, new.owner_email, created.owner_staff_id
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("otodoke-admin: {e}");
            ExitCode::FAILURE
        }
    }
}
