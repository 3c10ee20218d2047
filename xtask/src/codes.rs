//! Which command reports which code of the one table (`generator::Code`): `check-metadata` the
//! `metadata-*` codes, `codegen` the rest. Each command's SARIF log lists its own codes as its
//! rules.

use generator::Code;

/// The codes of `check-metadata`, in the order its summary counts them.
pub const CHECK_METADATA: &[Code] = &[
    Code::MetadataTypeMissing,
    Code::MetadataPropertyMissing,
    Code::MetadataTypeMismatch,
    Code::MetadataMemberMissing,
    Code::MetadataTypeCaseDiffers,
    Code::MetadataPropertyCaseDiffers,
    Code::MetadataMemberCaseDiffers,
    Code::MetadataTypeUndocumented,
    Code::MetadataPropertyUndocumented,
    Code::MetadataMemberUndocumented,
    Code::MetadataPathUnresolved,
    Code::MetadataResponseMismatch,
    Code::MetadataBodyMismatch,
    Code::MetadataResponseDocumentedException,
    Code::MetadataBodyDocumentedException,
];

/// The codes the generator reports, which `codegen` prints.
pub fn codegen() -> Vec<Code> {
    (Code::ALL.iter().copied())
        .filter(|c| !CHECK_METADATA.contains(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code added to the table lands on the right command's side by its name, so that neither
    /// command's SARIF rules miss it nor list the other's.
    #[test]
    fn the_metadata_codes_are_exactly_those_named_metadata() {
        for code in Code::ALL {
            assert_eq!(
                CHECK_METADATA.contains(code),
                code.name().starts_with("metadata-"),
                "{}",
                code.name()
            );
        }
        assert_eq!(codegen().len() + CHECK_METADATA.len(), Code::ALL.len());
    }
}
