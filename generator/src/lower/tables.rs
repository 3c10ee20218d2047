//! Property tables: finds the name, type and description columns whatever the header says, and
//! reads each row into a property declaration, reporting malformed rows.

use super::type_cell::{read_type_cell, TypeCell};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::parse::{Inline, Table};
use crate::source::Span;

/// A property as one table row declares it, before its type is resolved.
#[derive(Clone, Debug)]
pub struct RawProperty {
    pub name: String,
    pub type_cell: Option<TypeCell>,
    pub type_span: Span,
    pub description: Option<String>,
    pub row_span: Span,
    /// From a relationships table.
    pub navigation: bool,
}

fn cells(n: usize) -> String {
    if n == 1 {
        "1 cell".to_owned()
    } else {
        format!("{n} cells")
    }
}

/// Column positions of a property-like table.
struct Columns {
    name: usize,
    ty: usize,
    description: Option<usize>,
}

/// Which header names the type column.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TypeColumn {
    /// `Type` only: property tables of resource pages.
    Type,
    /// `Type`, or failing that `Value`: an action's parameters (`Name | Value | Description`).
    /// Not for resource pages, where a `Value` column holds enum members' numbers.
    TypeOrValue,
}

fn columns(header: &[Inline], type_column: TypeColumn) -> Option<Columns> {
    let position = |pred: &dyn Fn(&str) -> bool| {
        header
            .iter()
            .position(|h| pred(&h.text.trim().to_ascii_lowercase()))
    };
    let name = position(&|h| {
        matches!(
            h,
            "property"
                | "property name"
                | "name"
                | "parameter"
                | "relationship"
                | "relationship name"
        )
    })?;
    let ty = position(&|h| h == "type").or_else(|| {
        (type_column == TypeColumn::TypeOrValue)
            .then(|| position(&|h| h == "value"))
            .flatten()
    })?;
    let description = position(&|h| h.starts_with("description"));
    Some(Columns {
        name,
        ty,
        description,
    })
}

/// Whether a table has the shape of a property table (name, type and optional description).
pub fn is_property_table(table: &Table) -> bool {
    columns(&table.header, TypeColumn::Type).is_some()
}

/// Whether a request-body table has the shape of a parameter table.
pub fn is_parameter_table(table: &Table) -> bool {
    columns(&table.header, TypeColumn::TypeOrValue).is_some()
}

/// Reads the rows of a property table. Rows with the wrong number of cells are reported and
/// still read where the cells that matter are present.
pub fn read_properties(table: &Table, diags: &mut Diagnostics) -> Vec<RawProperty> {
    read_rows(table, TypeColumn::Type, diags)
}

/// Reads the rows of a request-body table, whose type column may be headed `Value`.
pub fn read_parameters(table: &Table, diags: &mut Diagnostics) -> Vec<RawProperty> {
    read_rows(table, TypeColumn::TypeOrValue, diags)
}

fn read_rows(table: &Table, type_column: TypeColumn, diags: &mut Diagnostics) -> Vec<RawProperty> {
    let Some(cols) = columns(&table.header, type_column) else {
        return Vec::new();
    };
    let width = table.header.len();
    let mut properties = Vec::new();
    for row in &table.rows {
        if row.source_cells != width {
            diags.push(
                Diagnostic::new(
                    Code::TableRowCells,
                    row.span,
                    format!(
                        "table row has {} but the header has {width}",
                        cells(row.source_cells)
                    ),
                )
                .label(cells(row.source_cells))
                .secondary(table.header_span(), format!("header with {width} cells"))
                .help("cells past the header's width are dropped and missing ones read as empty"),
            );
        }
        let cell = |i: usize| row.cells.get(i);
        let Some(name_cell) = cell(cols.name) else {
            continue;
        };
        let name = name_cell.text.trim().trim_matches('`').trim().to_owned();
        if name.is_empty() {
            continue;
        }
        let type_cell = cell(cols.ty);
        properties.push(RawProperty {
            name,
            type_cell: type_cell.and_then(read_type_cell),
            // A cell the row lacks is padded by the parser with an empty span past the row.
            type_span: type_cell
                .filter(|c| c.span.start < c.span.end)
                .map_or(row.span, |c| c.span),
            description: cols
                .description
                .and_then(cell)
                .map(|c| c.markdown.trim().to_owned())
                .filter(|d| !d.is_empty()),
            row_span: row.span,
            navigation: false,
        });
    }
    properties
}

impl Table {
    /// The span of the header row (the first line of the table).
    pub fn header_span(&self) -> Span {
        let first = self.header.first().map_or(self.span, |c| c.span);
        let last = self.header.last().map_or(self.span, |c| c.span);
        Span {
            file: self.span.file,
            start: first.start,
            end: last.end,
        }
    }
}
