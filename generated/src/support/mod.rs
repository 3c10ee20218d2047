//! The hand-written runtime of the generated `models` and `requests`, the same in every
//! generated crate.
//!
//! What is listed here is yours to use: the request value every call returns ([`Request`])
//! and the sans-IO contract it goes through ([`GraphRequest`], [`Response`], the errors), the
//! OData scalars that round-trip their JSON text exactly ([`Nullable`], [`DateTimeOffset`],
//! [`Decimal`], …), pages ([`Collection`]), batches ([`Batch`]), large uploads
//! ([`UploadSession`]), and with the `client` feature the `Client` that sends them, its token
//! providers, and with `testing` a replay server to test code that uses it.
//!
//! The generated code also calls into plumbing (how models read and write their JSON, how a
//! navigation builds its path), kept in a hidden module: nothing an application names, and
//! free to change between versions. Generated code names everything through this module
//! (`crate::support::DateTimeOffset`), so the submodules stay private and their items are
//! re-exported here.

#[cfg(feature = "azure-identity")]
mod azure;
mod batch;
mod binary;
mod body;
#[cfg(feature = "client")]
mod client;
mod collection;
mod count;
mod date_time;
mod decimal;
mod duration;
mod error;
mod flags;
mod float;
mod graph_request;
mod guid;
mod nullable;
mod object;
mod options;
#[cfg(feature = "client")]
mod paging;
mod primitive;
mod query;
mod request;
#[cfg(feature = "client")]
mod retry;
#[cfg(feature = "testing")]
pub mod testing;
mod text;
#[cfg(feature = "client")]
mod token;
#[cfg(feature = "client")]
mod token_cache;
#[cfg(feature = "client")]
mod transfer;
mod upload;
mod url_path;

#[cfg(feature = "azure-identity")]
pub use azure::{AzureTokenSource, GRAPH_DEFAULT_SCOPE};
pub use batch::{
    Batch, BatchBody, BatchError, BatchRequest, BatchResponse, BatchStep, StepId, StepOptions,
    StepResponse, MAX_BATCH_STEPS,
};
pub use binary::Base64;
pub use body::{Bytes, NoContent, RequestBody, ResponseBody};
#[cfg(feature = "client")]
pub use client::{reqwest, Client, ClientError};
pub use collection::Collection;
pub use count::Count;
pub use date_time::{DateTimeOffset, TimeOfDay};
pub use decimal::Decimal;
pub use duration::Duration;
pub use error::ParseError;
pub use flags::Flags;
pub use float::{Double, Single};
pub use graph_request::{
    encode_path_segment, parse_response, read_response, ErrorDetail, GraphError, GraphRequest,
    InnerError, NoBody, RequestError, Response, ResponseError, DEFAULT_BASE_URL,
};
pub use guid::Guid;
pub use nullable::Nullable;
pub use options::{RequestOptions, INCLUDE_UNKNOWN_ENUM_MEMBERS};
#[cfg(feature = "client")]
pub use paging::DeltaRound;
pub use primitive::PrimitiveValue;
pub use query::{prelude, CollectionQuery, CountQuery, EntityQuery, RequestExt};
pub use request::{ReadsCollection, ReadsCount, ReadsEntity, Request, Writes};
#[cfg(feature = "client")]
pub use retry::RetryPolicy;
#[cfg(feature = "client")]
pub use token::{StaticToken, TokenError, TokenFuture, TokenProvider};
#[cfg(feature = "client")]
pub use token_cache::{CachedToken, ExpiringToken, ExpiringTokenFuture, ExpiringTokenSource};
#[cfg(feature = "client")]
pub use transfer::Download;
pub use upload::{
    ByteRange, SeekSource, SliceOutcome, UploadError, UploadNext, UploadSession, UploadSource,
    DEFAULT_UPLOAD_SLICE_SIZE, UPLOAD_SLICE_UNIT,
};

/// What only the generated code calls: the readers and writer of models' JSON, the trait of
/// generated enums that [`Flags`] reads and writes through, and the path a navigation builds.
/// Hidden from the docs and not covered by semver: an application never names these.
#[doc(hidden)]
pub mod __private {
    pub use super::flags::WireEnum;
    pub use super::object::{
        read_member, read_object, read_polymorphic, Member, ObjectWriter, ReadObject,
        ReadPolymorphic,
    };
    pub use super::url_path::UrlPath;
}

/// Edm.Date: chrono's `NaiveDate` reads and writes `YYYY-MM-DD`.
pub use chrono::NaiveDate as Date;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_as_yyyy_mm_dd() {
        for text in ["2016-12-31", "0001-01-01", "2024-02-29"] {
            let json = format!("\"{text}\"");
            let date: Date = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&date).unwrap(), json);
        }
        for bad in [
            "\"2023-02-29\"",
            "\"2016-13-01\"",
            "\"2016-12-31T00:00:00Z\"",
        ] {
            assert!(serde_json::from_str::<Date>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn guids_round_trip_in_lowercase() {
        let json = "\"6f2a1c9e-2b6e-4a7b-9d51-0c1e2f3a4b5c\"";
        let guid: Guid = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&guid).unwrap(), json);
    }
}
