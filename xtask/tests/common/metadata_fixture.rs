//! The fixture of the `check-metadata` tests: a hand-written EDMX and a few resource pages
//! that disagree with it in every way a type, a property or an enum member can.

use generator::{SourceFile, SourceSet};

/// Line numbers matter: findings about CSDL-only items point at them.
pub const EDMX: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="shade" IsFlags="true">
        <Member Name="light" Value="1" />
        <Member Name="dark" Value="2" />
        <Member Name="unknownFutureValue" Value="4" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <ComplexType Name="assignedLicense">
        <Property Name="skuId" Type="Edm.Guid" />
        <Property Name="disabledPlans" Type="Collection(Edm.Guid)" />
      </ComplexType>
      <EntityType Name="user" BaseType="graph.entity" OpenType="true">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="givenName" Type="Edm.String" />
        <Property Name="age" Type="Edm.Int64" />
        <Property Name="assignedLicenses" Type="Collection(graph.assignedLicense)" />
        <Property Name="mail" Type="Edm.String" />
        <Property Name="shade" Type="graph.shade" />
        <NavigationProperty Name="manager" Type="graph.user" />
        <NavigationProperty Name="photo" Type="graph.entity" />
        <NavigationProperty Name="licenseDetails" Type="Collection(graph.entity)" />
        <Annotation Term="Org.OData.Core.V1.Description" String="not a property" />
      </EntityType>
      <ComplexType Name="itemBody">
        <Property Name="content" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="onlyInCsdl">
        <Property Name="x" Type="Edm.String" />
      </ComplexType>
    </Schema>
    <Schema Namespace="microsoft.graph.callRecords" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="callRecord" BaseType="graph.entity">
        <Property Name="organizer" Type="microsoft.graph.callRecords.endpoint" />
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

/// A resource page as Graph writes one; the title is on line 6 and the first row on line 16.
pub fn resource_page(path: &str, name: &str, intro: &str, rows: &[&str]) -> SourceFile {
    resource_page_with(path, name, intro, rows, "")
}

/// A resource page with more sections (`tail`) after its property table.
pub fn resource_page_with(
    path: &str,
    name: &str,
    intro: &str,
    rows: &[&str],
    tail: &str,
) -> SourceFile {
    let mut text = format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n\
         | Property | Type | Description |\n|:---|:---|:---|\n"
    );
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.push_str(tail);
    SourceFile::new(path, &text)
}

pub fn docs() -> SourceSet {
    SourceSet::new(vec![
        // Matches the CSDL exactly.
        resource_page(
            "resources/assignedlicense.md",
            "assignedLicense",
            "A license.",
            &[
                "| skuId | Guid | The SKU. |",
                "| disabledPlans | Guid collection | Plans turned off. |",
            ],
        ),
        resource_page(
            "resources/entity.md",
            "entity",
            "The base type.",
            &["| id | String | The key. |"],
        ),
        resource_page_with(
            "resources/user.md",
            "user",
            "Inherits from [entity](entity.md).",
            &[
                // Inherited through BaseType="graph.entity".
                "| id | String | The key. |",
                "| displayName | String | The name. |",
                "| givenname | String | Case differs from the CSDL's `givenName`. |",
                "| age | Int32 | Int64 in the CSDL. |",
                // The CSDL spells this type with the alias: Collection(graph.assignedLicense).
                "| assignedLicenses | [assignedLicense](assignedlicense.md) collection | Licenses. |",
                "| nickname | String | Not in the CSDL. |",
                // A navigation property in the CSDL, listed with the properties.
                "| photo | [entity](entity.md) | The photo. |",
                "| shade | [shade](shade.md) | An enum. |",
            ],
            // Line 25 on: relationships (the row on line 29); `licenseDetails` is left undocumented.
            "\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n\
             | manager | [user](user.md) | The manager. |\n",
        ),
        // An enum page: `Dark` differs in case, `dim` is not in the CSDL, `unknownFutureValue`
        // is not documented. Members from line 12.
        SourceFile::new(
            "resources/shade.md",
            "---\ntitle: \"shade enum type\"\ndoc_type: enumPageType\n---\n\n# shade enum type\n\n\
             Namespace: microsoft.graph\n\n| Member | Value | Description |\n|:---|:---|:---|\n\
             | light | 1 | Light. |\n| Dark | 2 | Dark. |\n| dim | 3 | Not in the CSDL. |\n",
        ),
        // Named in a different case than the CSDL's `itemBody`.
        resource_page(
            "resources/itembody.md",
            "ItemBody",
            "A body.",
            &["| content | String | The text. |"],
        ),
        // The CSDL has no such type.
        resource_page(
            "resources/widget.md",
            "widget",
            "A widget.",
            &["| size | Int32 | How big. |"],
        ),
    ])
}
