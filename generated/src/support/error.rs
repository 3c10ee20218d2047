//! `ParseError`, the one error type for every scalar in `support` that is parsed from text.

use std::fmt;

/// A string that is not a well-formed value of an OData scalar type.
///
/// It names the type and keeps the rejected input so that a deserialization error
/// (which only carries this message) still says what was wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    type_name: &'static str,
    input: String,
    reason: String,
}

impl ParseError {
    pub(crate) fn new(type_name: &'static str, input: &str, reason: impl Into<String>) -> Self {
        ParseError {
            type_name,
            input: input.to_owned(),
            reason: reason.into(),
        }
    }

    /// The OData type that was expected, e.g. `Edm.DateTimeOffset`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The rejected text.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why the text was rejected.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} {:?}: {}",
            self.type_name, self.input, self.reason
        )
    }
}

impl std::error::Error for ParseError {}
