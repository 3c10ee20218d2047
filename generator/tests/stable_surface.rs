//! Public request names do not move when other docs change: the request surface of the seed
//! docs (every type, every method with its signature, and every row of the URL index) is
//! recorded, pages are added whose titles collide with existing ones, whose file names sort
//! first, and which document new operations on paths that exist, and the surface regenerated
//! from the grown docs must contain everything the old one did, unchanged.

use generator::{generate, EmitOptions, SourceFile, SourceSet};
use quote::ToTokens;
use std::collections::BTreeSet;

#[path = "support/seed_pages.rs"]
mod seed_pages;
use seed_pages::seed_pages;

fn api_page(title: &str, lines: &[&str], body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndescription: \"{title}.\"\nms.prod: \"users\"\ndoc_type: apiPageType\n---\n\n\
         # {title}\n\nNamespace: microsoft.graph\n\n{title}.\n\n## HTTP request\n\n```http\n{}\n```\n\n{body}",
        lines.join("\n")
    )
}

/// Every public item of `src/requests/`: `module::Type`, `module::Type::method(signature) ->
/// output`, and each row of the module docs' URL index.
fn surface(pages: &[(String, String)]) -> BTreeSet<String> {
    let sources = SourceSet::new(
        pages
            .iter()
            .map(|(p, t)| SourceFile::new(p.clone(), t))
            .collect(),
    );
    let generation = generate(&sources, &EmitOptions::default());
    let mut items = BTreeSet::new();
    for file in generation
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/requests/"))
    {
        let module = file
            .path
            .trim_start_matches("src/requests/")
            .trim_end_matches(".rs");
        for line in file.contents.lines() {
            if let Some(row) = line.strip_prefix("//! | `") {
                items.insert(format!("index: `{row}"));
            }
        }
        let parsed = syn::parse_file(&file.contents).expect("generated files parse");
        for item in &parsed.items {
            match item {
                syn::Item::Struct(s) if matches!(s.vis, syn::Visibility::Public(_)) => {
                    items.insert(format!("struct {module}::{}", s.ident));
                }
                syn::Item::Impl(i) => {
                    let ty = i.self_ty.to_token_stream().to_string();
                    for member in &i.items {
                        if let syn::ImplItem::Fn(f) = member {
                            if matches!(f.vis, syn::Visibility::Public(_)) {
                                items.insert(format!(
                                    "fn {module}::{ty}::{}",
                                    f.sig.to_token_stream()
                                ));
                            }
                        }
                    }
                }
                syn::Item::Mod(m) if matches!(m.vis, syn::Visibility::Public(_)) => {
                    items.insert(format!("mod {module}::{}", m.ident));
                }
                _ => {}
            }
        }
    }
    items
}

#[test]
fn adding_pages_only_adds_to_the_request_surface() {
    let seed = seed_pages();
    let before = surface(&seed);
    assert!(
        before.iter().any(|i| i.contains("fn users::UsersById::")),
        "the seed surface has `Graph::users().by_id(id)` calls: {before:#?}"
    );

    let mut grown = seed.clone();
    // Sorts before every seed page and has the seed update page's title.
    grown.push((
        "api/aaa-user-update.md".into(),
        api_page(
            "Update user",
            &["PUT /users/{usersId}/photo/$value", "PUT /me/photo/$value"],
            "",
        ),
    ));
    // New operations on paths the seed already has, and an action under one of them.
    grown.push((
        "api/user-get.md".into(),
        api_page(
            "Get user",
            &["GET /me", "GET /users/{id | userPrincipalName}"],
            "",
        ),
    ));
    grown.push((
        "api/user-delete.md".into(),
        api_page("Delete user", &["DELETE /users/{id}"], ""),
    ));
    grown.push((
        "api/user-assignlicense.md".into(),
        api_page(
            "user: assignLicense",
            &["POST /users/{id}/assignLicense"],
            "## Request body\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n|addLicenses|String collection|Licenses to add.|\n",
        ),
    ));
    let after = surface(&grown);

    let lost: Vec<&String> = before.difference(&after).collect();
    assert!(
        lost.is_empty(),
        "adding pages changed or removed public request items:\n{lost:#?}"
    );
    let added: Vec<&String> = after.difference(&before).collect();
    // Signatures are token text: `fn get (self ,) -> …`.
    for expected in [
        "fn get (self",
        "fn delete (self",
        "fn assign_license (self",
        "fn value (self",
    ] {
        assert!(
            added.iter().any(|i| i.contains(expected)),
            "the grown docs add `{expected}`: {added:#?}"
        );
    }
}
