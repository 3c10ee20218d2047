//! Query options and headers by name on every request, and the OData query options of reads as
//! typed setters: `$select`, `$filter`, `$top`, … on a collection read, `$select` and `$expand`
//! on a read of one entity. Traits with default methods rather than generated setters: written
//! once here, and a generated read names the trait it takes in one line.

/// On every request: any query option or header by name, for what the docs forgot.
pub trait RequestExt: Sized {
    /// Sets a query option (`"$filter"`, `"$deltatoken"`, …), replacing an earlier value of the
    /// same name. The value is percent-encoded.
    fn query(self, name: &str, value: impl Into<String>) -> Self;

    /// Sets a request header, replacing an earlier value of the same name (a `Prefer` set
    /// earlier too: to add a preference, use [`RequestExt::prefer`]).
    fn header(self, name: &str, value: impl Into<String>) -> Self;

    /// Adds a value to a list header such as `Prefer`, joined to what it has with `, ` and
    /// not twice ([`RequestOptions::append_header`](super::RequestOptions::append_header)).
    fn append_header(self, name: &str, value: impl Into<String>) -> Self;

    /// Asks for enum members added after `unknownFutureValue` (`Prefer:
    /// include-unknown-enum-members`, added to any other preference); without it Graph sends
    /// `unknownFutureValue` instead.
    fn include_unknown_enum_members(self) -> Self;

    /// `If-Match`: only if the entity still has this ETag (from an earlier
    /// [`Response::etag`](super::Response::etag)).
    fn if_match(self, etag: &str) -> Self {
        self.header("If-Match", etag)
    }

    /// Adds a preference to `Prefer`, e.g. `return=minimal` or
    /// `outlook.timezone="Pacific Standard Time"`: preferences set before (this way or by
    /// [`RequestExt::include_unknown_enum_members`]) are kept, as RFC 7240 lets a request
    /// carry several.
    fn prefer(self, preference: &str) -> Self {
        self.append_header("Prefer", preference)
    }
}

/// On a read of a collection: the OData query options Graph documents for collections.
pub trait CollectionQuery: RequestExt {
    /// `$select`: only these properties.
    fn select(self, properties: &[&str]) -> Self {
        self.query("$select", properties.join(","))
    }

    /// `$filter`: an OData filter expression, e.g. `startswith(displayName,'A')`.
    fn filter(self, expression: &str) -> Self {
        self.query("$filter", expression)
    }

    /// `$top`: at most this many items per page.
    fn top(self, count: u32) -> Self {
        self.query("$top", count.to_string())
    }

    /// `$skip`: leave out this many items.
    fn skip(self, count: u32) -> Self {
        self.query("$skip", count.to_string())
    }

    /// `$orderby`: e.g. `["displayName desc"]`.
    fn order_by(self, orderings: &[&str]) -> Self {
        self.query("$orderby", orderings.join(","))
    }

    /// `$expand`: include these relationships.
    fn expand(self, relationships: &[&str]) -> Self {
        self.query("$expand", relationships.join(","))
    }

    /// `$count`: ask for `@odata.count` (directory objects also need
    /// [`ConsistencyLevel: eventual`](CollectionQuery::consistency_level_eventual)).
    fn count(self, count: bool) -> Self {
        self.query("$count", count.to_string())
    }

    /// `$search`, e.g. `"displayName:Ada"` with its quotes.
    fn search(self, expression: &str) -> Self {
        self.query("$search", expression)
    }

    /// `ConsistencyLevel: eventual`, which advanced queries on directory objects need.
    fn consistency_level_eventual(self) -> Self {
        self.header("ConsistencyLevel", "eventual")
    }
}

/// On a read of one entity or value: `$select` and `$expand`.
pub trait EntityQuery: RequestExt {
    /// `$select`: only these properties.
    fn select(self, properties: &[&str]) -> Self {
        self.query("$select", properties.join(","))
    }

    /// `$expand`: include these relationships.
    fn expand(self, relationships: &[&str]) -> Self {
        self.query("$expand", relationships.join(","))
    }
}

/// On a count of a collection (`…/$count`): the options that narrow what is counted.
pub trait CountQuery: RequestExt {
    /// `$filter`: count only what matches, e.g. `startswith(displayName,'A')`.
    fn filter(self, expression: &str) -> Self {
        self.query("$filter", expression)
    }

    /// `$search`, e.g. `"displayName:Ada"` with its quotes.
    fn search(self, expression: &str) -> Self {
        self.query("$search", expression)
    }

    /// `ConsistencyLevel: eventual`. A `count()` call sends it already (Graph needs it on
    /// `$count`); this is here so that code written for collection reads compiles here too.
    fn consistency_level_eventual(self) -> Self {
        self.header("ConsistencyLevel", "eventual")
    }
}

/// Where requests start and the request traits, for `use graph_client::prelude::*`.
pub mod prelude {
    pub use super::super::{CollectionQuery, CountQuery, EntityQuery, GraphRequest, RequestExt};
    pub use crate::requests::start::*;
}
