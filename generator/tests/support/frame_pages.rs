//! Pages beside the seeds for tests of what a change rebuilds: a base type with a derived one
//! (an `Any<Type>` file), a type that holds itself (boxing), requests with a file of their own
//! below a key, a collection that counts, and request examples, with and without a body, that
//! become snippets.

/// A base type with a derived one (an `Any<Type>` file), a type that contains itself through a
/// single-valued property (boxing), a type that holds one of those, and a link between
/// descriptions.
pub const EXTRA: &[(&str, &str)] = &[
    (
        "resources/frame.md",
        "---\ntitle: \"frame resource type\"\n---\n# frame resource type\n\n\
         Namespace: microsoft.graph\n\nA frame.\n\n## Properties\n\n\
         | Property | Type | Description |\n|:---|:---|:---|\n\
         | id | String | Its id. |\n| label | [label](label.md) | Its label. |\n",
    ),
    (
        "api/frame-update.md",
        "---\ntitle: \"Update frame\"\ndescription: \"Update a frame.\"\n---\n# Update frame\n\n\
         Namespace: microsoft.graph\n\nUpdate a [frame](../resources/frame.md).\n\n\
         ## HTTP request\n\n```http\nPATCH /frames/{id}\n```\n\n\
         ## Request body\n\n| Property | Type | Description |\n|:---|:---|:---|\n\
         | label | [label](../resources/label.md) | Its label. |\n\n\
         ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n\
         ## Example\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"update_frame\" } -->\n\
         ```http\nPATCH https://graph.microsoft.com/v1.0/frames/1\nContent-Type: application/json\n\n\
         { \"label\": { \"text\": \"hello\" } }\n```\n\n### Response\n\n\
         <!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n",
    ),
    (
        "api/frame-get-label.md",
        "---\ntitle: \"Get label\"\ndescription: \"Get a frame's label.\"\n---\n# Get label\n\n\
         Namespace: microsoft.graph\n\nGet the [label](../resources/label.md) of a frame.\n\n\
         ## HTTP request\n\n```http\nGET /frames/{id}/label\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
         [label](../resources/label.md) object in the response body.\n",
    ),
    (
        "api/frame-list.md",
        "---\ntitle: \"List frames\"\ndescription: \"List the frames.\"\n---\n# List frames\n\n\
         Namespace: microsoft.graph\n\nList the [frame](../resources/frame.md) objects.\n\n\
         ## HTTP request\n\n```http\nGET /frames\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
         collection of [frame](../resources/frame.md) objects in the response body.\n\n\
         ## Example\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"list_frames\" } -->\n\
         ```http\nGET https://graph.microsoft.com/v1.0/frames\n```\n",
    ),
    (
        "api/frame-refresh.md",
        "---\ntitle: \"Refresh frame\"\ndescription: \"Refresh a frame.\"\n---\n# Refresh frame\n\n\
         Namespace: microsoft.graph\n\nRefresh a frame.\n\n\
         ## HTTP request\n\n```http\nPOST /frames/{id}/refresh\n```\n\n\
         ## Request body\n\nIn the request body, supply a JSON representation of a \
         [label](../resources/label.md) object.\n\n\
         ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n",
    ),
    (
        "resources/label.md",
        "---\ntitle: \"label resource type\"\n---\n# label resource type\n\n\
         Namespace: microsoft.graph\n\nA label.\n\n## Properties\n\n\
         | Property | Type | Description |\n|:---|:---|:---|\n| text | String | Its text. |\n",
    ),
    (
        "resources/shape.md",
        "---\ntitle: \"shape resource type\"\nms.prod: \"drawing\"\n---\n# shape resource type\n\n\
         Namespace: microsoft.graph\n\nA shape; see [circle](circle.md).\n\n## Properties\n\n\
         | Property | Type | Description |\n|:---|:---|:---|\n\
         | id | String | Its id. |\n| inner | [shape](shape.md) | A shape inside. |\n\
         | color | String | Its color. |\n",
    ),
    (
        "resources/circle.md",
        "---\ntitle: \"circle resource type\"\nms.prod: \"drawing\"\n---\n# circle resource type\n\n\
         Namespace: microsoft.graph\n\nInherits from [shape](shape.md).\n\n\
         <!-- { \"blockType\": \"resource\", \"baseType\": \"microsoft.graph.shape\", \
         \"@odata.type\": \"microsoft.graph.circle\" } -->\n```json\n{ \"radius\": 1.5 }\n```\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n\
         | radius | Double | The radius. |\n",
    ),
];
