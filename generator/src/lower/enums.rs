//! Enum declarations: enum pages (`# x enum type` with a `Members` table), the collected enum
//! pages (`### x values` sections, one table each), and `x values` sections on resource pages.

use super::{Declaration, RawMember};
use crate::ir::{QualifiedName, TypeKind};
use crate::parse::{Block, Page, Table};

/// Which column holds the member name, and which the value and description, if any.
struct MemberColumns {
    name: usize,
    value: Option<usize>,
    description: Option<usize>,
}

fn member_columns(table: &Table) -> Option<MemberColumns> {
    let headers: Vec<String> = table
        .header
        .iter()
        .map(|h| h.text.trim().to_ascii_lowercase())
        .collect();
    let find = |pred: &dyn Fn(&str) -> bool| headers.iter().position(|h| pred(h));
    // `| Value | Description |` tables name their members in the value column.
    let name = find(&|h| matches!(h, "member" | "members" | "name" | "member name"))
        .or_else(|| find(&|h| h == "value"))?;
    let value = find(&|h| matches!(h, "value" | "int value")).filter(|&v| v != name);
    let description = find(&|h| h.starts_with("description"));
    Some(MemberColumns {
        name,
        value,
        description,
    })
}

fn read_members(table: &Table) -> Vec<RawMember> {
    let Some(cols) = member_columns(table) else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = row
                .cells
                .get(cols.name)?
                .text
                .trim()
                .trim_matches('`')
                .trim()
                .to_owned();
            if name.is_empty() || name.contains(char::is_whitespace) {
                return None;
            }
            Some(RawMember {
                name,
                value: cols
                    .value
                    .and_then(|v| row.cells.get(v))
                    .and_then(|c| c.text.trim().parse().ok()),
                description: cols
                    .description
                    .and_then(|d| row.cells.get(d))
                    .map(|c| c.markdown.trim().to_owned())
                    .filter(|d| !d.is_empty()),
                span: row.span,
            })
        })
        .collect()
}

/// `x values`, `x enum values`, `x enumeration values` → `x`.
fn enum_name_from_heading(heading: &str) -> Option<&str> {
    let lower = heading.to_ascii_lowercase();
    let cut = [
        "enum type values",
        "enumeration values",
        "enum values",
        "values",
    ]
    .iter()
    .find(|suffix| lower.trim_end().ends_with(*suffix))?;
    let name = heading.trim_end()[..heading.trim_end().len() - cut.len()].trim();
    // Graph type names are lower camel case; this also keeps `Possible values` from naming an enum.
    (name.starts_with(|c: char| c.is_ascii_lowercase()) && !name.contains(char::is_whitespace))
        .then_some(name)
}

fn enum_declaration(
    name: &str,
    namespace: &str,
    members: Vec<RawMember>,
    page: &Page,
    span: crate::source::Span,
) -> Declaration {
    Declaration {
        name: QualifiedName::new(namespace, name),
        kind: Some(TypeKind::Enum),
        base: None,
        description: None,
        properties: Vec::new(),
        members,
        is_abstract: false,
        is_open: false,
        from_resource_page: true,
        page: page.file,
        span,
    }
}

/// Every enum a page declares.
pub(super) fn read_enums(page: &Page, namespace: &str) -> Vec<Declaration> {
    let mut found = Vec::new();
    let title = page.title.as_ref().map(|t| t.text.trim()).unwrap_or("");
    let enum_page = title
        .strip_suffix(" enum type")
        .or_else(|| title.strip_suffix(" enumeration type"))
        .filter(|n| !n.contains(char::is_whitespace));
    if let Some(name) = enum_page {
        let table = page
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                Block::Table(t) if member_columns(t).is_some() => Some(t),
                _ => None,
            });
        if let (Some(table), Some(title)) = (table, &page.title) {
            found.push(enum_declaration(
                name,
                namespace,
                read_members(table),
                page,
                title.span,
            ));
        }
        return found;
    }
    for section in &page.sections {
        let Some(heading) = &section.heading else {
            continue;
        };
        let Some(name) = enum_name_from_heading(&heading.text) else {
            continue;
        };
        let table = section.blocks.iter().find_map(|b| match b {
            Block::Table(t) if member_columns(t).is_some() => Some(t),
            _ => None,
        });
        if let Some(table) = table {
            let members = read_members(table);
            if !members.is_empty() {
                found.push(enum_declaration(
                    name,
                    namespace,
                    members,
                    page,
                    heading.span,
                ));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::enum_name_from_heading;

    #[test]
    fn headings_name_enums() {
        assert_eq!(
            enum_name_from_heading("lifecycleEventType values"),
            Some("lifecycleEventType")
        );
        assert_eq!(
            enum_name_from_heading("bodyType enum values"),
            Some("bodyType")
        );
        assert_eq!(enum_name_from_heading("Property values"), None);
        assert_eq!(enum_name_from_heading("Possible values"), None);
        assert_eq!(enum_name_from_heading("Values"), None);
        assert_eq!(enum_name_from_heading("Supported values for x"), None);
    }
}
