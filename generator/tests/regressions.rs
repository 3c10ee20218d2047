//! One test per crash found by fuzzing or by the property test, with its minimized input.

use generator::{generate, EmitOptions, SourceFile, SourceSet};

fn options() -> EmitOptions {
    EmitOptions::default()
}

/// Generates a docs set of `(path, text)` pages; the test passes when nothing panics.
fn generate_pages(pages: &[(&str, &str)]) -> generator::Generation {
    let sources = SourceSet::new(
        pages
            .iter()
            .map(|(path, text)| SourceFile::new(*path, text))
            .collect(),
    );
    let generation = generate(&sources, &options());
    for d in &generation.analysis.diagnostics {
        let _ = sources.location(d.primary.span);
    }
    generation
}

/// proptest: `is_placeholder` sliced the first four bytes of a front matter value or of
/// emphasised text, inside `ï`.
#[test]
fn placeholder_check_on_non_ascii_text() {
    generate_pages(&[("resources/page0.md", "---\nk: ünï\n---\n")]);
    generate_pages(&[("resources/page0.md", "# x\n\n*ünï*\n")]);
}

/// Placeholders were cut from a block's text one at a time, each search starting over (quadratic
/// on a long line of them, found by `benches/linear.rs`), and identical ones were all located at
/// the first.
#[test]
fn identical_placeholders_are_located_one_after_another() {
    let text = "# x\n\na **TODO y** b **TODO y** c\n";
    let file = SourceFile::new("resources/x.md", text);
    let mut diags = generator::diagnostic::Diagnostics::default();
    let page = generator::parse::parse_page(generator::FileId(0), &file, &mut diags);
    let generator::parse::Block::Paragraph(p) = &page.sections[1].blocks[0] else {
        panic!("{:?}", page.sections)
    };
    assert_eq!(p.text, "a b c");
    let at: Vec<usize> = p.placeholders.iter().map(|s| s.start as usize).collect();
    assert_eq!(
        at,
        [text.find("**TODO").unwrap(), text.rfind("**TODO").unwrap()]
    );
}

/// hostile_names: a lone CR in a front matter description reached a generated doc comment, which
/// rustc rejects ("bare CR not allowed in doc-comment"). Lone CRs are line ends, as in CommonMark.
#[test]
fn a_lone_cr_never_reaches_generated_code() {
    let generation = generate_pages(&[(
        "api/cr-get.md",
        "---\ntitle: \"Get cr\"\ndescription: \"a bare\rCR\"\n---\n# Get cr\n\nNamespace: microsoft.graph\n\n\
         ## HTTP request\n\n```http\nGET /cr\n```\n",
    )]);
    assert!(!generation.files.is_empty());
    for file in &generation.files {
        assert!(!file.contents.contains('\r'), "{}", file.path);
    }
}

/// hostile_names: a field name such as `x²` passed the identifier check (`²` is alphanumeric) and
/// made `Ident::new` panic in emit.
#[test]
fn a_name_with_a_superscript_digit() {
    let generation = generate_pages(&[(
        "resources/odd.md",
        "# odd resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|x²|String|x|\n",
    )]);
    let odd = generation
        .files
        .iter()
        .find(|f| f.path == "src/models/odd.rs")
        .unwrap();
    assert!(odd.contents.contains("\"x²\" =>"), "{}", odd.contents);
}
