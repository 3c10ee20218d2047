//! Builders of pathological pages, shared by `tests/pathological.rs` and `benches/linear.rs`.
//! Each takes a size and returns `(path, text)` of one page whose work grows with that size.

/// A resource page whose property table is about `bytes` long, one property per row, each row's
/// description about `description` bytes (so `bytes / description` properties).
pub fn table_of(bytes: usize, description: usize) -> (String, String) {
    let mut text = String::with_capacity(bytes + 1024);
    text.push_str(
        "---\ntitle: \"bigTable resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # bigTable resource type\n\nNamespace: microsoft.graph\n\nA type with a very large table.\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n",
    );
    let filler = "with *some* `markup` in it, ".repeat(description / 28 + 1);
    let filler = &filler[..description.min(filler.len())];
    let mut i = 0;
    while text.len() < bytes {
        let ty = [
            "String",
            "Int32",
            "Boolean",
            "Guid collection",
            "DateTimeOffset",
        ][i % 5];
        text.push_str(&format!("|property{i}|{ty}|Row {i}: {filler}|\n"));
        i += 1;
    }
    ("resources/bigtable.md".to_owned(), text)
}

/// A table of about `bytes` with short rows: many properties.
pub fn big_table(bytes: usize) -> (String, String) {
    table_of(bytes, 40)
}

/// A table of about `bytes` with 1 KB descriptions: fewer, wider rows.
pub fn wide_table(bytes: usize) -> (String, String) {
    table_of(bytes, 1000)
}

/// A resource page with one line of about `bytes`: its summary paragraph and a table cell, made
/// of `pieces` repeated (plain words, emphasis, code, links, placeholders, HTML).
pub fn long_line_of(bytes: usize, pieces: &[&str]) -> (String, String) {
    let mut line = String::with_capacity(bytes + 64);
    let mut i = 0;
    while line.len() < bytes {
        line.push_str(pieces[i % pieces.len()]);
        i += 1;
    }
    let text = format!(
        "# longLine resource type\n\nNamespace: microsoft.graph\n\n{line}\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|id|String|{line}|\n"
    );
    ("resources/longline.md".to_owned(), text)
}

/// [`long_line_of`] with every kind of inline markup.
pub fn long_line(bytes: usize) -> (String, String) {
    long_line_of(
        bytes,
        &[
            "word ",
            "*emphasis* ",
            "`code` ",
            "[link](other.md) ",
            "**TODO ",
            "<b>html</b> ",
            "**TODO: x** ",
        ],
    )
}

/// A page whose body nests `depth` lists, on one line (`- - - … item`) and as indented lines.
pub fn nested_lists(depth: usize) -> (String, String) {
    let text = format!(
        "# nestedLists resource type\n\nNamespace: microsoft.graph\n\n{}item\n\n{}item\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|id|String|x|\n",
        "- ".repeat(depth),
        "1. ".repeat(depth),
    );
    ("resources/nestedlists.md".to_owned(), text)
}

/// A page whose body nests `depth` blockquotes, on one line and as `>` runs.
pub fn nested_quotes(depth: usize) -> (String, String) {
    let text = format!(
        "# nestedQuotes resource type\n\nNamespace: microsoft.graph\n\n{}quote\n\n{}quote\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|id|String|x|\n",
        "> ".repeat(depth),
        ">".repeat(depth),
    );
    ("resources/nestedquotes.md".to_owned(), text)
}

/// Nested brackets, emphasis and an annotation with deeply nested JSON, `depth` deep.
pub fn nested_inline(depth: usize) -> (String, String) {
    let text = format!(
        "# nestedInline resource type\n\nNamespace: microsoft.graph\n\n{}x{}\n\n{}x{}\n\n\
         <!-- {{ \"blockType\": \"resource\", \"x\": {}1{} }} -->\n```json\n{}1{}\n```\n",
        "[".repeat(depth),
        "](a.md)".repeat(depth),
        "*_".repeat(depth),
        "_*".repeat(depth),
        "[".repeat(depth),
        "]".repeat(depth),
        "{\"a\":".repeat(depth),
        "}".repeat(depth),
    );
    ("resources/nestedinline.md".to_owned(), text)
}

/// An API page whose response example is JSON nested `depth` deep.
pub fn deep_json(depth: usize) -> (String, String) {
    let text = format!(
        "# Get deepJson\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /deep\n```\n\n\
         ## Response\n\nIf successful, this method returns a [deepJson](../resources/deepjson.md) object.\n\n\
         ## Examples\n\n<!-- {{ \"blockType\": \"response\", \"x\": {}1{} }} -->\n```http\nHTTP/1.1 200 OK\n\n{}1{}\n```\n",
        "[".repeat(depth),
        "]".repeat(depth),
        "{\"a\":".repeat(depth),
        "}".repeat(depth),
    );
    ("api/deepjson-get.md".to_owned(), text)
}
