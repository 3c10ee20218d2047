//! `cargo xtask check-metadata`: the CSDL reader and the comparison on a hand-written EDMX and a
//! few in-memory resource pages with every kind of finding, checked finding by finding; then a
//! run on the real Graph corpus when `shared/graph-docs` is present, printing its ratios.

use generator::{SourceFile, SourceSet};
use xtask::metadata::compare::{compare, DocKind, DocMember, DocType, IrCoverage};
use xtask::metadata::csdl::{Csdl, StructuredKind, TypeName};
use xtask::metadata::findings::{FindingKind, Location, Ratio};
use xtask::metadata::{compare_sources, parse_percent, unmet, CheckMetadataArgs};

/// Line numbers matter: findings about CSDL-only items point at them.
const EDMX: &str = r#"<?xml version="1.0" encoding="utf-8"?>
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
fn resource_page(path: &str, name: &str, intro: &str, rows: &[&str]) -> SourceFile {
    resource_page_with(path, name, intro, rows, "")
}

/// A resource page with more sections (`tail`) after its property table.
fn resource_page_with(
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

fn docs() -> SourceSet {
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

#[test]
fn csdl_reader_resolves_aliases_and_records_lines() {
    let csdl = Csdl::parse("v1.0.xml", EDMX).expect("valid EDMX");
    let namespaces: Vec<_> = csdl
        .schemas
        .iter()
        .map(|s| (s.namespace.as_str(), s.alias.as_deref(), s.line))
        .collect();
    assert_eq!(
        namespaces,
        [
            ("microsoft.graph", Some("graph"), 4),
            ("microsoft.graph.callRecords", None, 37)
        ]
    );
    let shade = &csdl.enums[0];
    assert_eq!(
        (shade.name.as_str(), shade.is_flags, shade.line),
        ("shade", true, 5)
    );
    let members: Vec<_> = shade
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.value, m.line))
        .collect();
    assert_eq!(
        members,
        [
            ("light", Some(1), 6),
            ("dark", Some(2), 7),
            ("unknownFutureValue", Some(4), 8)
        ]
    );

    let user = csdl
        .structured("Microsoft.Graph.USER")
        .expect("found ignoring case");
    assert_eq!(user.kind, StructuredKind::Entity);
    assert_eq!((user.line, user.open, user.is_abstract), (18, true, false));
    assert_eq!(user.base.as_deref(), Some("microsoft.graph.entity"));
    let names: Vec<_> = user
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.navigation, p.line))
        .collect();
    assert_eq!(
        names,
        [
            ("displayName", false, 19),
            ("givenName", false, 20),
            ("age", false, 21),
            ("assignedLicenses", false, 22),
            ("mail", false, 23),
            ("shade", false, 24),
            ("manager", true, 25),
            ("photo", true, 26),
            ("licenseDetails", true, 27),
        ]
    );
    assert_eq!(
        user.properties[3].ty,
        TypeName {
            element: "microsoft.graph.assignedLicense".into(),
            collection: true
        }
    );
    assert!(
        csdl.structured("microsoft.graph.entity")
            .unwrap()
            .is_abstract
    );

    // Inherited properties come after the type's own, and a base in another schema is found.
    let record = csdl
        .structured("microsoft.graph.callRecords.callRecord")
        .unwrap();
    let all: Vec<_> = csdl
        .properties_with_bases(record)
        .iter()
        .map(|(p, on)| format!("{}@{}", p.name, on.name))
        .collect();
    assert_eq!(all, ["organizer@callRecord", "id@entity"]);
}

#[test]
fn csdl_errors_name_the_file_and_position() {
    let error = Csdl::parse("broken.xml", "<Edmx><Schema></Edmx>").unwrap_err();
    assert!(error.starts_with("broken.xml: "), "{error}");
    let error = Csdl::parse("nons.xml", "<Edmx>\n<Schema/>\n</Edmx>").unwrap_err();
    assert_eq!(error, "nons.xml:2: Schema without a Namespace");
}

#[test]
fn every_kind_of_disagreement_is_found_where_it_is() {
    let csdl = Csdl::parse("v1.0.xml", EDMX).unwrap();
    let report = compare_sources(&docs(), &csdl);
    let found: Vec<(&str, String, &str)> = report
        .findings
        .iter()
        .map(|f| (f.kind.code(), f.location.to_string(), f.message.as_str()))
        .collect();
    let expected = [
        ("metadata-type-case-differs", "resources/itembody.md:6:1",
         "type `microsoft.graph.ItemBody` is `microsoft.graph.itemBody` in the CSDL"),
        ("metadata-type-mismatch", "resources/shade.md:6:1",
         "enum `microsoft.graph.shade` is a plain enum in the docs but a flags enum in the CSDL"),
        ("metadata-member-case-differs", "resources/shade.md:13:1",
         "member `Dark` of enum `microsoft.graph.shade` is `dark` in the CSDL"),
        ("metadata-member-missing", "resources/shade.md:14:1",
         "member `dim` of enum `microsoft.graph.shade` is documented but not in the CSDL"),
        ("metadata-property-case-differs", "resources/user.md:18:1",
         "property `givenname` of `microsoft.graph.user` is `givenName` in the CSDL"),
        ("metadata-type-mismatch", "resources/user.md:19:1",
         "property `age` of `microsoft.graph.user` is Edm.Int32 in the docs but Edm.Int64 in the CSDL"),
        ("metadata-property-missing", "resources/user.md:21:1",
         "property `nickname` of `microsoft.graph.user` is documented but not in the CSDL type or its bases"),
        ("metadata-type-mismatch", "resources/user.md:22:1",
         "property `photo` of `microsoft.graph.user` is a property in the docs but a navigation property in the CSDL"),
        ("metadata-type-missing", "resources/widget.md:6:1",
         "type `microsoft.graph.widget` is documented but not in the CSDL"),
        ("metadata-member-undocumented", "v1.0.xml:8:1",
         "member `unknownFutureValue` of enum `microsoft.graph.shade` is in the CSDL but not documented at resources/shade.md:6:1"),
        ("metadata-property-undocumented", "v1.0.xml:23:1",
         "property `mail` of `microsoft.graph.user` is in the CSDL but not documented at resources/user.md:6:1"),
        ("metadata-property-undocumented", "v1.0.xml:27:1",
         "navigation property `licenseDetails` of `microsoft.graph.user` is in the CSDL but not documented at resources/user.md:6:1"),
        ("metadata-type-undocumented", "v1.0.xml:33:1",
         "`microsoft.graph.onlyInCsdl` is a complex type in the CSDL but not documented"),
        ("metadata-type-undocumented", "v1.0.xml:38:1",
         "`microsoft.graph.callRecords.callRecord` is an entity type in the CSDL but not documented"),
    ];
    assert_eq!(found, expected.map(|(c, l, m)| (c, l.to_owned(), m)));
    for kind in FindingKind::ALL {
        let n = expected
            .iter()
            .filter(|(c, _, _)| *c == kind.code())
            .count();
        assert_eq!(report.count(*kind), n, "{}", kind.code());
    }

    // names: 13 rows (relationships included) on types the CSDL has (widget's row is not
    // counted), all but `nickname` found (`id` through the base, `givenname` ignoring case);
    // types: of those 12, `age` disagrees (`photo` has the right type in the wrong table);
    // pages: every page with a property table but widget's names a CSDL type (shade.md is an
    // enum page, without one).
    assert_eq!(report.names, Ratio { agree: 12, of: 13 });
    assert_eq!(report.types, Ratio { agree: 11, of: 12 });
    assert_eq!(report.pages, Ratio { agree: 4, of: 5 });
}

/// The comparison itself needs no IR: hand-made `DocType`s, with the flags check switched on
/// and kinds that differ between the two sides.
#[test]
fn comparison_works_on_plain_doc_types() {
    let csdl = Csdl::parse("v1.0.xml", EDMX).unwrap();
    let at = |line| Location {
        file: "resources/enums.md".into(),
        line,
        column: 1,
    };
    let enum_type = |name: &str, members: &[&str], line| DocType {
        name: name.into(),
        kind: DocKind::Enum,
        base: None,
        properties: Vec::new(),
        members: members
            .iter()
            .map(|m| DocMember {
                name: (*m).into(),
                location: at(line + 1),
            })
            .collect(),
        is_flags: false,
        from_resource_page: true,
        location: at(line),
        table_pages: Vec::new(),
    };
    let docs = [
        enum_type(
            "microsoft.graph.shade",
            &["light", "dark", "unknownFutureValue"],
            10,
        ),
        enum_type("microsoft.graph.itemBody", &["text", "html"], 20),
    ];
    let coverage = IrCoverage {
        enums: true,
        navigation: true,
        flags: true,
    };
    let report = compare(&docs, &csdl, coverage);
    let docs_side: Vec<_> = report
        .findings
        .iter()
        .filter(|f| !f.kind.in_csdl())
        .map(|f| (f.kind.code(), f.location.line, f.message.as_str()))
        .collect();
    assert_eq!(
        docs_side,
        [
            (
                "metadata-type-mismatch",
                10,
                "enum `microsoft.graph.shade` is a plain enum in the docs but a flags enum in the CSDL"
            ),
            (
                "metadata-type-missing",
                20,
                "enum type `microsoft.graph.itemBody` is documented but is a complex type in the CSDL"
            ),
        ]
    );
    // Enums carry no property table, so no page is counted.
    assert_eq!(report.pages, Ratio::default());
}

#[test]
fn thresholds_fail_only_below_the_requirement() {
    let csdl = Csdl::parse("v1.0.xml", EDMX).unwrap();
    let report = compare_sources(&docs(), &csdl);
    let mut args = CheckMetadataArgs {
        docs: "docs".into(),
        csdl: "v1.0.xml".into(),
        require_names: Some(90.0),
        require_types: Some(85.0),
        require_pages: None,
        require_paths: None,
        require_responses: None,
        require_bodies: None,
        message_format: xtask::codegen::MessageFormat::Human,
        triage: Default::default(),
        deny_new: false,
    };
    assert_eq!(unmet(&report, &args), Vec::<String>::new());
    args.require_names = Some(95.0);
    args.require_pages = Some(80.0);
    assert_eq!(
        unmet(&report, &args),
        ["names agreement 92.31% (12 of 13) is below the required 95.00%"]
    );
    // Nothing measured never passes a threshold.
    let empty = compare_sources(&SourceSet::new(Vec::new()), &csdl);
    assert_eq!(unmet(&empty, &args).len(), 3);

    assert_eq!(parse_percent("99.2"), Ok(99.2));
    assert_eq!(parse_percent("96%"), Ok(96.0));
    assert!(parse_percent("101").is_err() && parse_percent("abc").is_err());
}

#[test]
fn json_output_is_one_object_per_line_with_a_summary_last() {
    let csdl = Csdl::parse("v1.0.xml", EDMX).unwrap();
    let report = compare_sources(&docs(), &csdl);
    let text = xtask::metadata::report::json(&report, &[]);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), report.findings.len() + 1);
    assert_eq!(lines[5]["code"], "metadata-type-mismatch");
    assert_eq!(lines[5]["severity"], "warning");
    assert_eq!(
        (lines[5]["file"].as_str(), lines[5]["line"].as_u64()),
        (Some("resources/user.md"), Some(19))
    );
    let summary = &lines.last().unwrap()["summary"];
    assert_eq!(summary["names"]["agree"], 12);
    assert_eq!(summary["counts"]["metadata-type-undocumented"], 2);
}

/// The real Graph v1.0 pages against the CSDL published the same week. Prints the ratios; the
/// CLI thresholds in CI are what enforce them.
#[test]
fn real_corpus_ratios() {
    let corpus = xtask::project_root().join("../shared/graph-docs");
    if !corpus.is_dir() {
        eprintln!(
            "note: {} not found; skipping the real-corpus comparison",
            corpus.display()
        );
        return;
    }
    let report = xtask::metadata::check(&corpus.join("v1.0"), &corpus.join("metadata/v1.0.xml"))
        .expect("corpus loads");
    for kind in FindingKind::ALL {
        eprintln!("{:>6} {}", report.count(*kind), kind.code());
    }
    for (what, r) in [
        ("names", report.names),
        ("types", report.types),
        ("pages", report.pages),
    ] {
        eprintln!(
            "{what}: {:.2}% ({} of {})",
            r.percent().unwrap_or(0.0),
            r.agree,
            r.of
        );
    }
    // Only sanity: the comparison found both sides.
    assert!(
        report.names.of > 1000 && report.pages.of > 100,
        "{:?}",
        (report.names, report.pages)
    );
}

/// The README's table of metadata codes lists every code with its severity.
#[test]
fn every_metadata_code_is_documented_in_the_readme() {
    let readme = std::fs::read_to_string(xtask::project_root().join("README.md")).unwrap();
    for kind in FindingKind::ALL {
        let row = format!("| `{}` | {} |", kind.code(), kind.severity());
        assert!(readme.contains(&row), "README.md lacks the row `{row} …`");
    }
}

/// `check-metadata --baseline`: a finding is known by its file, code and message, whatever its
/// line; a finding that was not there before is the only one printed.
#[test]
fn a_baseline_of_findings_leaves_only_the_new_one_shown() {
    use xtask::metadata::changes::triage;
    let csdl = Csdl::parse("v1.0.xml", EDMX).unwrap();
    let report = compare_sources(&docs(), &csdl);
    assert!(report.findings.len() >= 2, "the fixture has findings");
    let temp = tempfile::tempdir().unwrap();
    let baseline = temp.path().join("findings.json");
    let files: std::collections::BTreeSet<&str> = report
        .findings
        .iter()
        .map(|f| f.location.file.as_str())
        .collect();
    let write = xtask::triage::TriageArgs {
        write_baseline: Some(baseline.clone()),
        ..Default::default()
    };
    let written = triage(&write, &report, temp.path(), &files).unwrap();
    assert_eq!(written.shown.findings.len(), report.findings.len());

    let mut later = report.clone();
    for f in &mut later.findings {
        f.location.line += 3;
    }
    let mut added = later.findings[0].clone();
    added.message.push_str(" (and another)");
    later.findings.push(added.clone());
    let compare = xtask::triage::TriageArgs {
        baseline: Some(baseline),
        ..Default::default()
    };
    let changes = triage(&compare, &later, temp.path(), &files).unwrap();
    assert_eq!(changes.shown.findings, [added]);
    assert!(
        changes.notes.contains(&format!(
            "baseline: 1 new, {} known, 0 fixed",
            report.findings.len()
        )),
        "{}",
        changes.notes
    );
}
