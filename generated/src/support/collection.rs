//! `Collection<T>`: one page of a Graph collection response.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One page of a collection, as Graph returns it:
/// `{"value": [...], "@odata.nextLink": "https://…", "@odata.context": "…"}`.
///
/// `next_link` is the absolute URL of the next page; there are no more pages when it is `None`.
/// `delta_link` ends a delta round. Every other member (`@odata.context`, `@odata.count`, …) is
/// kept in `additional`, so that a page read and written back is unchanged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Collection<T> {
    /// The items of this page, in the order the service sent them.
    pub value: Vec<T>,
    /// `@odata.nextLink`: where the next page is, to be followed as it is.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: on the last page of a delta round, where the next round starts.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// Every other member of the page object.
    #[serde(flatten)]
    pub additional: BTreeMap<String, serde_json::Value>,
}

// By hand: the derive would ask for `T: Default`, which an empty page does not need.
impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            value: Vec::new(),
            next_link: None,
            delta_link: None,
            additional: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_and_writes_a_page_unchanged() {
        let page = json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
            "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X%27abc%27",
            "value": [{"id": "1"}, {"id": "2"}]
        });
        let read: Collection<serde_json::Value> = serde_json::from_value(page.clone()).unwrap();
        assert_eq!(read.value, [json!({"id": "1"}), json!({"id": "2"})]);
        assert_eq!(
            read.next_link.as_deref(),
            Some("https://graph.microsoft.com/v1.0/users?$skiptoken=X%27abc%27")
        );
        assert_eq!(
            read.additional.keys().collect::<Vec<_>>(),
            ["@odata.context"]
        );
        assert_eq!(serde_json::to_value(&read).unwrap(), page);
    }

    #[test]
    fn the_last_page_has_no_next_link() {
        let read: Collection<u32> = serde_json::from_str(r#"{"value": [1, 2]}"#).unwrap();
        assert_eq!(read.value, [1, 2]);
        assert_eq!(read.next_link, None);
        assert_eq!(serde_json::to_string(&read).unwrap(), r#"{"value":[1,2]}"#);
        assert_eq!(Collection::<u32>::default().value, Vec::<u32>::new());
    }

    #[test]
    fn a_body_without_value_is_not_a_collection() {
        assert!(serde_json::from_str::<Collection<u32>>(r#"{"id": "1"}"#).is_err());
    }
}
