//! `cargo xtask check-metadata` on operations: documented request lines resolved in a
//! hand-written CSDL's URL space (entity set, singleton, navigation, bound action and function),
//! with the generator's responses and bodies held against the CSDL's, finding by finding.

#[path = "../../generator/tests/support/pages.rs"]
mod pages;

use generator::{Code, SourceFile, SourceSet};
use pages::api_page;
use xtask::metadata::compare_sources;
use xtask::metadata::csdl::Csdl;
use xtask::metadata::findings::Ratio;

const EDMX: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
        <NavigationProperty Name="manager" Type="graph.user" />
        <NavigationProperty Name="directReports" Type="Collection(graph.user)" />
      </EntityType>
      <Action Name="assignLicense" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.user" />
        <Parameter Name="addLicenses" Type="Collection(Edm.String)" />
        <ReturnType Type="graph.user" />
      </Action>
      <Function Name="delta" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.user)" />
        <ReturnType Type="Collection(graph.user)" />
      </Function>
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="graph.user" />
        <Singleton Name="me" Type="graph.user" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

const USER: &str = r#"---
title: "user resource type"
doc_type: resourcePageType
---

# user resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|The identifier.|
|displayName|String|The name.|

## Relationships
|Relationship|Type|Description|
|:---|:---|:---|
|manager|[user](user.md)|The manager.|
|directReports|[user](user.md) collection|The reports.|
"#;

fn docs() -> SourceSet {
    let user = "[user](../resources/user.md)";
    SourceSet::new(vec![
        SourceFile::new("resources/user.md", USER),
        api_page(
            "user-list",
            &["GET /users"],
            "Do not supply a request body for this method.",
            &format!("If successful, this method returns a `200 OK` response code and a collection of {user} objects in the response body."),
        ),
        api_page(
            "user-get",
            &["GET /users/{id}", "GET /me"],
            "Do not supply a request body for this method.",
            &format!("If successful, this method returns a `200 OK` response code and a {user} object in the response body."),
        ),
        api_page(
            "user-update",
            &["PATCH /users/{id}"],
            &format!("In the request body, supply the values for relevant fields of the {user} object."),
            "If successful, this method returns a `204 No Content` response code.",
        ),
        api_page(
            "user-delta",
            &["GET /users/delta"],
            "Do not supply a request body for this method.",
            &format!("If successful, this method returns a `200 OK` response code and a {user} object in the response body."),
        ),
        api_page(
            "user-assignlicense",
            &["POST /users/{id}/assignLicense"],
            "|Parameter|Type|Description|\n|:---|:---|:---|\n|addLicenses|String collection|Licenses to add.|\n|removeLicenses|Guid collection|Licenses to remove.|",
            &format!("If successful, this method returns a `200 OK` response code and a {user} object in the response body."),
        ),
        api_page(
            "user-list-reports",
            &["GET /users/{id}/directReports", "GET /users/{id}/nonsense"],
            "Do not supply a request body for this method.",
            &format!("If successful, this method returns a `200 OK` response code and a collection of {user} objects in the response body."),
        ),
    ])
}

#[test]
fn request_lines_resolve_in_the_csdl_and_responses_and_bodies_are_compared() {
    let csdl = Csdl::parse("v1.0.xml", EDMX).unwrap();
    assert_eq!(csdl.roots.len(), 2);
    assert_eq!(csdl.operations.len(), 2);
    let docs = docs();
    let report = compare_sources(&docs, &csdl);
    let found: Vec<(&str, String)> = report
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::MetadataPathUnresolved
                    | Code::MetadataResponseMismatch
                    | Code::MetadataBodyMismatch
            )
        })
        .map(|d| (d.code.name(), docs.location(d.primary.span)))
        .collect();
    // `nonsense` names nothing in the CSDL (nor in the docs, where it is the page's own
    // function, and answers what the page says: that is how the docs space reads a page's last
    // segment). `assignLicense` sends `removeLicenses`, which the CSDL's action lacks.
    assert_eq!(
        found,
        [
            (
                "metadata-body-mismatch",
                "api/user-assignlicense.md:13:1".to_owned()
            ),
            (
                "metadata-path-unresolved",
                "api/user-list-reports.md:14:1".to_owned()
            ),
        ]
    );
    // Eight lines; all but `nonsense` resolve. Every resolved line decides a response, and all
    // agree: the list, the two reads, the 204 of the update (which agrees with the CSDL's
    // `user`: Graph answers updates either way), the delta (a collection, though the page says
    // one `user`: a delta function answers the collection it is bound to), the action's `user`
    // and the reports. Bodies: the update's `User` model and the action's parameters.
    assert_eq!(report.paths, Ratio { agree: 7, of: 8 });
    assert_eq!(report.responses, Ratio { agree: 7, of: 7 });
    assert_eq!(report.bodies, Ratio { agree: 1, of: 2 });
}
