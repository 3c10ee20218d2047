//! The address graph on a small docs tree: each request line's path resolved through the
//! documented types, and the response and body that the resolution decides.

use generator::ir::{Body, Primitive, Response, Step, TypeRef};
#[path = "support/pages.rs"]
mod pages;

use generator::{analyze, Analysis, Code, SourceSet};
use pages::{api_page as api, resource_page as resource};

fn docs() -> SourceSet {
    let user = "[user](../resources/user.md)";
    let item = "[driveItem](../resources/driveitem.md)";
    SourceSet::new(vec![
        resource("directoryObject", None, &["|id|String|Id.|"], &[]),
        resource(
            "user",
            Some("directoryObject"),
            &["|displayName|String|Name.|", "|mobilePhone|String|Phone.|"],
            &[
                "|memberOf|[directoryObject](directoryobject.md) collection|Groups.|",
                "|photo|[profilePhoto](profilephoto.md)|Photo.|",
                "|drive|[drive](drive.md)|OneDrive.|",
            ],
        ),
        resource("profilePhoto", None, &["|id|String|Id.|", "|height|Int32|Height.|"], &[]),
        resource("directory", None, &["|id|String|Id.|"], &["|deletedItems|[directoryObject](directoryobject.md) collection|Deleted.|"]),
        resource("drive", None, &["|id|String|Id.|"], &["|root|[driveItem](driveitem.md)|Root.|", "|items|[driveItem](driveitem.md) collection|Items.|"]),
        resource(
            "driveItem",
            None,
            &["|id|String|Id.|", "|name|String|Name.|", "|content|Stream|Bytes.|"],
            &["|children|[driveItem](driveitem.md) collection|Children.|"],
        ),
        api("user-list", &["GET /users"], "None.", &format!("Returns a `200 OK` response code and a collection of {user} objects.")),
        api(
            "user-update",
            &["PATCH /users/{id | userPrincipalName}"],
            "|Property|Type|Description|\n|:---|:---|:---|\n|mobilePhone|String|Phone.|",
            "Returns a `204 No Content` response code.",
        ),
        api("user-delta", &["GET /users/delta"], "None.", &format!("Returns a `200 OK` response code and a {user} object.")),
        api(
            "user-list-memberof",
            &["GET /me/memberOf", "GET https://graph.microsoft.com/v1.0/users/{id}/memberOf/$count"],
            "None.",
            "Returns a `200 OK` response code and a collection of [directoryObject](../resources/directoryobject.md) objects.",
        ),
        api(
            "directory-deleteditems-list",
            &["GET /directory/deletedItems/microsoft.graph.user"],
            "None.",
            "Returns a `200 OK` response code and a collection of [directoryObject](../resources/directoryobject.md) objects.",
        ),
        api("profilephoto-get", &["GET /me/photo/$value"], "None.", "Returns the bytes."),
        api(
            "driveitem-list-children",
            &["GET /me/drive/root:/{item-path}:/children", "GET /me/drive/items/{item-id}/children"],
            "None.",
            &format!("Returns a `200 OK` response code and a collection of {item} objects."),
        ),
        api("driveitem-put-content", &["PUT /me/drive/items/{parent-id}:/{filename}:/content"], "The bytes.", &format!("Returns the new {item}.")),
        api("user-post-memberof", &["POST /users/{id}/memberOf/$ref"], "A reference.", "Returns a `204 No Content` response code."),
        api("user-get-widget", &["GET /me/widget"], "None.", "Returns a widget."),
        api("user-revokesessions", &["POST /me/revokeSessions"], "None.", "Returns a `204 No Content` response code."),
    ])
}

/// The operation on `page`.
fn op<'a>(analysis: &'a Analysis, page: &str) -> &'a generator::ir::Operation {
    analysis
        .ir
        .operations
        .iter()
        .find(|o| analysis.sources.get(o.page).path == format!("api/{page}.md"))
        .unwrap_or_else(|| panic!("no operation on {page}"))
}

fn json(ty: &str, collection: bool) -> Option<Response> {
    Some(Response::json(
        generator::ir::QualifiedName::new("microsoft.graph", ty),
        collection,
    ))
}

#[test]
fn paths_resolve_and_decide_responses_and_bodies() {
    let analysis = analyze(&docs());
    let a = &analysis;

    // Roots are inferred: `users` from what `GET /users` answers, `me` is the signed-in user.
    assert_eq!(op(a, "user-list").response, json("user", true));
    // A delta function answers the collection it is bound to, whatever the prose says.
    assert_eq!(op(a, "user-delta").response, json("user", true));
    // An update sends the addressed type's model, and the page's 204 is its response.
    let update = op(a, "user-update");
    assert!(matches!(&update.body, Some(Body::Model(q)) if q.name == "user"));
    assert_eq!(update.response, Some(Response::Empty));
    // Navigation through an inherited collection, and `$count` on it; the absolute URL is read.
    let member_of = op(a, "user-list-memberof");
    assert_eq!(member_of.lines[0].response, json("directoryObject", true));
    assert_eq!(member_of.lines[1].response, Some(Response::Count));
    // A cast narrows the collection to the cast type.
    assert_eq!(
        op(a, "directory-deleteditems-list").response,
        json("user", true)
    );
    // `$value` is bytes.
    assert_eq!(op(a, "profilephoto-get").response, Some(Response::Bytes));
    // OneDrive's path addressing lands on a drive item like a key does.
    let children = op(a, "driveitem-list-children");
    let steps: Vec<&Step> = children.lines[0]
        .address
        .as_ref()
        .unwrap()
        .steps
        .iter()
        .map(|s| &s.step)
        .collect();
    assert!(matches!(steps[2], Step::Property { name, .. } if name == "root"));
    assert_eq!(steps[3], &Step::ItemPath);
    assert_eq!(children.lines[0].response, json("driveItem", true));
    assert_eq!(children.lines[1].response, json("driveItem", true));
    // A content upload through path addressing sends bytes and answers the item.
    let upload = op(a, "driveitem-put-content");
    assert!(matches!(upload.body, Some(Body::Bytes)));
    assert_eq!(upload.response, json("driveItem", false));
    // A `$ref` write sends a reference and answers nothing.
    let reference = op(a, "user-post-memberof");
    assert!(matches!(reference.body, Some(Body::Reference)));
    assert_eq!(reference.response, Some(Response::Empty));
    // A page's own last segment is its bound action; one that answers nothing answers 204.
    assert_eq!(op(a, "user-revokesessions").response, Some(Response::Empty));
}

#[test]
fn what_does_not_resolve_is_reported_where_it_is() {
    let analysis = analyze(&docs());
    let located = |code: Code| -> Vec<String> {
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| {
                format!(
                    "{}: {}",
                    analysis.sources.location(d.primary.span),
                    d.message
                )
            })
            .collect()
    };
    // The absolute URL is read, with a warning at the URL.
    assert_eq!(
        located(Code::RequestLineForm),
        ["api/user-list-memberof.md:14:5: the request path is an absolute URL"]
    );
    // The delta page calls its response one `user`; the path says a collection. The page is not
    // explicit, so the path wins, and the disagreement is reported at the page's prose.
    assert_eq!(
        located(Code::ResponseMismatch),
        ["api/user-delta.md:20:1: the page documents the response as `microsoft.graph.user`, but `GET /users/delta` addresses `Collection(microsoft.graph.user)`"]
    );
    // `widget` names nothing on `user`, but it is that page's own last segment: its function.
    assert!(
        located(Code::PathSegmentUnknown).is_empty(),
        "{:?}",
        located(Code::PathSegmentUnknown)
    );
}

/// Responses from what the page says a call returns, and calls that side pages list.
fn answers_docs() -> SourceSet {
    let message = "[message](../resources/message.md)";
    SourceSet::new(vec![
        resource("directoryObject", None, &["|id|String|Id.|"], &[]),
        resource("user", Some("directoryObject"), &["|displayName|String|Name.|"], &["|messages|[message](message.md) collection|Mail.|", "|installedApps|[app](app.md) collection|Apps.|"]),
        resource("message", None, &["|id|String|Id.|", "|subject|String|Subject.|"], &[]),
        resource("app", None, &["|id|String|Id.|"], &[]),
        resource("extendedProperty", None, &["|id|String|Id.|", "|value|String|Value.|"], &[]),
        api("user-list", &["GET /users"], "None.", "Returns a `200 OK` response code and a collection of [user](../resources/user.md) objects."),
        api(
            "user-checkmembergroups",
            &["POST /me/checkMemberGroups"],
            "|Parameter|Type|Description|\n|:---|:---|:---|\n|groupIds|String collection|Groups.|",
            "If successful, this method returns `200 OK` response code and String collection object in the response body.",
        ),
        api(
            "user-revokesessions",
            &["POST /me/revokeSessions"],
            "None.",
            "If successful, this method returns `200 OK` response code. If sessions were revoked, a `true` value is returned in the response body.",
        ),
        api("user-post-installedapps", &["POST /me/installedApps"], "An app.", "If successful, this method returns a `201 Created` response code. It does not return anything in the response body."),
        api(
            "message-reply",
            &["POST /me/messages/{id}/reply"],
            "|Parameter|Type|Description|\n|:---|:---|:---|\n|comment|String|A comment.|",
            "If successful, this method returns `202 Accepted` response code. It does not return anything in the response body.",
        ),
        api(
            "extendedproperty-post-extendedproperties",
            &["POST /me/messages", "POST /me/messages/{id}/reply"],
            &format!("Provide a JSON body of a {message} object."),
            &format!("Returns a `201 Created` response code and a {message} object."),
        ),
    ])
}

#[test]
fn a_page_says_what_a_call_returns_and_a_side_page_does_not_retype_a_call() {
    let analysis = analyze(&answers_docs());
    let a = &analysis;
    // "String collection … in the response body" and "a `true` value is returned".
    assert_eq!(
        op(a, "user-checkmembergroups").response,
        Some(Response::Json {
            ty: TypeRef::Primitive(Primitive::String),
            collection: true
        })
    );
    assert_eq!(
        op(a, "user-revokesessions").response,
        Some(Response::Json {
            ty: TypeRef::Primitive(Primitive::Boolean),
            collection: false
        })
    );
    // A create the page says answers nothing is read as the created entity or nothing.
    let created = op(a, "user-post-installedapps").response.clone();
    assert!(
        matches!(&created, Some(Response::JsonOrEmpty { ty: TypeRef::Named(q), collection: false }) if q.name == "app"),
        "{created:?}"
    );
    // `reply` is the action its own page documents, not a navigation property that the
    // extended property's page posts a message to.
    let reply = op(a, "message-reply");
    assert!(matches!(
        reply.lines[0].address.as_ref().and_then(|a| a.steps.last()).map(|s| &s.step),
        Some(Step::Operation { name, .. }) if name == "reply"
    ));
    let side = op(a, "extendedproperty-post-extendedproperties");
    let owner_page = |line: &generator::ir::RequestLine| {
        line.documented_by
            .map(|(o, _)| a.sources.get(a.ir.operations[o].page).path.clone())
    };
    assert_eq!(
        owner_page(&side.lines[1]).as_deref(),
        Some("api/message-reply.md")
    );
    // `POST /me/messages` is documented by no other page: the side page keeps it.
    assert_eq!(owner_page(&side.lines[0]), None);
    let disagreements: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::CallPagesDisagree)
        .collect();
    assert_eq!(disagreements.len(), 1, "{disagreements:?}");
}
