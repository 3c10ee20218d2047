//! Tests of models generated from the whole Microsoft Graph v1.0 reference. `.ci/run` copies this
//! file into the crate it generates from `../shared/graph-docs/v1.0` and runs it there; it does
//! not build in this workspace, whose docs are only the seed pages.

use graph_client::models::{AgeGroup, AnyDirectoryObject, User};
use graph_client::support::{Collection, Nullable};
use serde_json::json;

/// An unknown property and an unknown enum member survive a round trip through `user`.
#[test]
fn unknown_property_and_enum_member_survive_the_user_model() {
    let original = json!({
        "@odata.type": "#microsoft.graph.user",
        "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
        "displayName": "Ada",
        "ageGroup": "notYetDocumented",
        "mobilePhone": null,
        "favoriteColor": "teal"
    });
    let user: User = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(user.age_group, Nullable::Value(AgeGroup::Unrecognized("notYetDocumented".into())));
    assert_eq!(user.mobile_phone, Nullable::Null);
    assert_eq!(user.additional_properties["favoriteColor"], "teal");
    assert_eq!(serde_json::to_value(&user).unwrap(), original);
}

/// `user` has the properties it inherits from `directoryObject` and `entity`.
#[test]
fn user_includes_inherited_properties() {
    let user = User {
        id: "1".to_owned().into(),
        deleted_date_time: Nullable::Null,
        account_enabled: true.into(),
        ..User::default()
    };
    let json = serde_json::to_value(&user).unwrap();
    assert_eq!(json, json!({ "id": "1", "deletedDateTime": null, "accountEnabled": true }));
}

/// A collection of `directoryObject` reads each item as the derived model `@odata.type` names,
/// and an undocumented derived type as the base model, losing nothing either way.
#[test]
fn directory_objects_read_as_their_derived_types() {
    let original = json!({ "value": [
        { "@odata.type": "#microsoft.graph.user", "id": "1", "displayName": "Ada" },
        { "@odata.type": "#microsoft.graph.group", "id": "2", "mailEnabled": false },
        { "@odata.type": "#microsoft.graph.somethingNew", "id": "3", "shiny": true },
        { "id": "4" }
    ]});
    let page: Collection<AnyDirectoryObject> = serde_json::from_value(original.clone()).unwrap();
    assert!(matches!(&page.value[0], AnyDirectoryObject::User(u) if u.display_name.as_deref() == Some("Ada")));
    assert!(matches!(&page.value[1], AnyDirectoryObject::Group(_)));
    assert!(matches!(&page.value[2], AnyDirectoryObject::DirectoryObject(_)));
    assert!(matches!(&page.value[3], AnyDirectoryObject::DirectoryObject(_)));
    assert_eq!(serde_json::to_value(&page).unwrap(), original);
}
