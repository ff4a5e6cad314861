//! The first run against AWS semantics: moto's DynamoDB and Cognito.

use aws_sdk_cognitoidentityprovider::types::{AttributeDataType, SchemaAttributeType};
use otodoke_admin::{create, AdminError, Target};
use otodoke_aws::{create_tables, dynamodb_client, TableNames};
use otodoke_core::organization::Role;
use otodoke_core::ports::OrganizationStore;
use otodoke_core::{OrgId, StaffId};
use otodoke_fn_admin_api::bootstrap::NewOrganization;
use otodoke_moto::MotoServer;

fn acme() -> NewOrganization {
    NewOrganization {
        id: "acme".into(),
        name: "Acme 株式会社".into(),
        owner_email: "owner@acme.example".into(),
        owner_name: "山田".into(),
    }
}

#[tokio::test]
async fn the_first_organization_and_owner_are_created_in_the_tables_and_the_user_pool() {
    let sdk = MotoServer::shared().sdk_config().await;
    let names = TableNames::prefixed(&format!("t{}-", uuid::Uuid::new_v4().simple()));
    create_tables(&dynamodb_client(&sdk), &names).await.unwrap();
    let cognito = aws_sdk_cognitoidentityprovider::Client::new(&sdk);
    let org_attribute = SchemaAttributeType::builder()
        .name("org")
        .attribute_data_type(AttributeDataType::String)
        .mutable(true)
        .build();
    let pool = cognito
        .create_user_pool()
        .pool_name("otodoke-test-admins")
        .schema(org_attribute)
        .send()
        .await
        .unwrap();
    let pool_id = pool.user_pool().unwrap().id().unwrap().to_owned();
    let target = Target::Aws {
        organizations_table: names.organizations.clone(),
        user_pool_id: Some(pool_id.clone()),
        owner_subject: None,
    };

    let created = create(&target, &acme(), Some(&sdk)).await.unwrap();
    assert_eq!(created.organization, "acme");

    let orgs = otodoke_aws::DynamoOrganizations::new(dynamodb_client(&sdk), &names.organizations);
    let org = OrgId::new("acme").unwrap();
    assert_eq!(
        orgs.organization(&org).await.unwrap().unwrap().name,
        "Acme 株式会社"
    );
    let owner = orgs
        .staff(&org, &StaffId::new(&created.owner_staff_id).unwrap())
        .await
        .unwrap()
        .expect("the owner's staff record");
    assert_eq!(owner.role, Role::Owner);
    assert!(owner.active && owner.stores.is_empty());

    // The Cognito user carries the organization and nothing about its role.
    let user = cognito
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username("owner@acme.example")
        .send()
        .await
        .unwrap();
    let attribute = |name: &str| {
        user.user_attributes()
            .iter()
            .find(|a| a.name() == name)
            .and_then(|a| a.value())
            .map(str::to_owned)
    };
    assert_eq!(attribute("custom:org").as_deref(), Some("acme"));
    assert_eq!(
        attribute("sub").as_deref(),
        Some(created.owner_staff_id.as_str())
    );
    assert_eq!(attribute("custom:role"), None);

    // Running it again is refused and changes nothing.
    let again = create(&target, &acme(), Some(&sdk)).await;
    assert!(matches!(again, Err(AdminError::Refused(_))), "{again:?}");
}

#[tokio::test]
async fn with_an_external_issuer_the_owner_is_the_given_subject() {
    let sdk = MotoServer::shared().sdk_config().await;
    let names = TableNames::prefixed(&format!("t{}-", uuid::Uuid::new_v4().simple()));
    create_tables(&dynamodb_client(&sdk), &names).await.unwrap();
    let target = Target::Aws {
        organizations_table: names.organizations.clone(),
        user_pool_id: None,
        owner_subject: Some("auth0|abc123".into()),
    };
    let created = create(&target, &acme(), Some(&sdk)).await.unwrap();
    assert_eq!(created.owner_staff_id, "auth0|abc123");
}
