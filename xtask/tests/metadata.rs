//! `cargo xtask check-metadata`: the CSDL reader and the comparison on a hand-written EDMX and a
//! few in-memory resource pages with every kind of finding, checked finding by finding; then a
//! run on the real Graph corpus when `shared/graph-docs` is present, printing its ratios.

mod common;

use common::metadata_fixture::{docs, EDMX};
use generator::{FileId, Severity, SourceFile, SourceSet, Span};
use xtask::codes::CHECK_METADATA;
use xtask::metadata::compare::{compare, DocKind, DocMember, DocType, IrCoverage};
use xtask::metadata::csdl::{Csdl, StructuredKind, TypeName};
use xtask::metadata::findings::{in_csdl, Ratio};
use xtask::metadata::{compare_sources, parse_percent, unmet, CheckMetadataArgs};
use xtask::sources::{PagesAnd, Sources};

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
    let docs = docs();
    let report = compare_sources(&docs, &csdl);
    let sources = PagesAnd {
        pages: &docs,
        last: &csdl.source,
    };
    let found: Vec<(&str, String, &str)> = report
        .diagnostics
        .iter()
        .map(|d| {
            let at = sources.location(d.primary.span);
            (d.code.name(), at, d.message.as_str())
        })
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
        ("metadata-member-undocumented", "v1.0.xml:8:9",
         "member `unknownFutureValue` of enum `microsoft.graph.shade` is in the CSDL but not documented at resources/shade.md:6:1"),
        ("metadata-property-undocumented", "v1.0.xml:23:9",
         "property `mail` of `microsoft.graph.user` is in the CSDL but not documented at resources/user.md:6:1"),
        ("metadata-property-undocumented", "v1.0.xml:27:9",
         "navigation property `licenseDetails` of `microsoft.graph.user` is in the CSDL but not documented at resources/user.md:6:1"),
        ("metadata-type-undocumented", "v1.0.xml:33:7",
         "`microsoft.graph.onlyInCsdl` is a complex type in the CSDL but not documented"),
        ("metadata-type-undocumented", "v1.0.xml:38:7",
         "`microsoft.graph.callRecords.callRecord` is an entity type in the CSDL but not documented"),
    ];
    assert_eq!(found, expected.map(|(c, l, m)| (c, l.to_owned(), m)));
    for code in CHECK_METADATA {
        let n = expected
            .iter()
            .filter(|(c, _, _)| *c == code.name())
            .count();
        assert_eq!(report.count(*code), n, "{}", code.name());
    }
    // What only the CSDL has is a note (the docs may describe a subset of the service); every
    // disagreement of the docs' is a warning.
    for d in &report.diagnostics {
        let severity = if in_csdl(d.code) {
            Severity::Note
        } else {
            Severity::Warning
        };
        assert_eq!(d.severity, severity, "{}", d.code.name());
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
    // A page of thirty one-character lines: line `n` starts at byte `2 * (n - 1)`.
    let page = SourceSet::new(vec![SourceFile::new(
        "resources/enums.md",
        &"x\n".repeat(30),
    )]);
    let at = |line: usize| Span::new(FileId(0), 2 * (line - 1)..2 * (line - 1) + 1);
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
    let report = compare(&docs, &page, &csdl, coverage);
    let docs_side: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !in_csdl(d.code))
        .map(|d| {
            let line = page
                .get(d.primary.span.file)
                .line_col(d.primary.span.start as usize)
                .0;
            (d.code.name(), line, d.message.as_str())
        })
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
    for code in CHECK_METADATA {
        eprintln!("{:>6} {}", report.count(*code), code.name());
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
