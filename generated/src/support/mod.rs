//! Hand-written support for the generated `models` and `requests`: OData scalar types that
//! round-trip their JSON text exactly, and the sans-IO request contract.
//!
//! Generated code names everything through this module (`crate::support::DateTimeOffset`), so
//! the submodules stay private and their items are re-exported here.

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
mod guid;
mod navigation;
mod nullable;
mod object;
mod options;
mod parts;
mod primitive;
mod query;
mod request;
#[cfg(feature = "testing")]
pub mod testing;
mod text;
#[cfg(feature = "client")]
mod token_cache;
mod upload;

#[cfg(feature = "azure-identity")]
pub use azure::{AzureTokenSource, GRAPH_DEFAULT_SCOPE};
pub use batch::{
    Batch, BatchBody, BatchError, BatchRequest, BatchResponse, BatchStep, StepId, StepOptions,
    StepResponse, MAX_BATCH_STEPS,
};
pub use binary::Base64;
pub use body::{Bytes, NoContent, RequestBody, ResponseBody};
#[cfg(feature = "client")]
pub use client::{
    reqwest, Client, ClientError, DeltaRound, Download, RetryPolicy, StaticToken, TokenError,
    TokenFuture, TokenProvider,
};
pub use collection::Collection;
pub use count::Count;
pub use date_time::{DateTimeOffset, TimeOfDay};
pub use decimal::Decimal;
pub use duration::Duration;
pub use error::ParseError;
pub use flags::{Flags, WireEnum};
pub use float::{Double, Single};
pub use guid::Guid;
pub use navigation::{ReadsCollection, ReadsCount, ReadsEntity, Request, UrlPath, Writes};
pub use nullable::Nullable;
pub use object::{
    read_member, read_object, read_polymorphic, Member, ObjectWriter, ReadObject, ReadPolymorphic,
};
pub use options::{RequestOptions, INCLUDE_UNKNOWN_ENUM_MEMBERS};
pub use parts::{DocumentedRequest, RequestParts};
pub use primitive::PrimitiveValue;
pub use query::{prelude, CollectionQuery, CountQuery, EntityQuery, RequestExt};
pub use request::{
    encode_path_segment, parse_response, read_response, ErrorDetail, GraphError, GraphRequest,
    InnerError, NoBody, RequestError, Response, ResponseError, DEFAULT_BASE_URL,
};
#[cfg(feature = "client")]
pub use token_cache::{CachedToken, ExpiringToken, ExpiringTokenFuture, ExpiringTokenSource};
pub use upload::{
    ByteRange, SeekSource, SliceOutcome, UploadError, UploadNext, UploadSession, UploadSource,
    DEFAULT_UPLOAD_SLICE_SIZE, UPLOAD_SLICE_UNIT,
};

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
