//! Which parser a file needs, decided from its bytes (never from its name), and the checks that
//! must pass before any parser runs: encryption markers and the zip central directory's declared
//! sizes (a zip bomb is refused before a single byte is inflated; the zip reader then refuses any
//! entry that inflates past its declared size).

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use crate::{FileError, Limits};

/// A supported spreadsheet format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

impl Format {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Xls => "xls",
            Self::Ods => "ods",
            Self::Csv => "csv",
        }
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Known binary signatures, to name what was uploaded instead of a spreadsheet.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xFF\xD8\xFF", "jpeg"),
    (b"GIF8", "gif"),
    (b"\x1F\x8B", "gzip"),
    (b"Rar!", "rar"),
    (b"7z\xBC\xAF", "7z"),
    (b"\x7FELF", "executable"),
    (b"MZ", "executable"),
];

/// Detects the format of `bytes` and checks the container against `limits`.
///
/// # Errors
/// `Empty`, `UnsupportedFormat`, `Encrypted`, `DecompressedTooLarge`, `Unreadable` (a zip whose
/// directory cannot be read).
pub fn detect(bytes: &[u8], limits: &Limits) -> Result<Format, FileError> {
    if is_blank(bytes) {
        return Err(FileError::Empty);
    }
    if bytes.starts_with(ZIP) || bytes.starts_with(EMPTY_ZIP) {
        return zip_format(bytes, limits);
    }
    if bytes.starts_with(OLE) {
        // An encrypted .xlsx is an OLE container holding `EncryptionInfo` + `EncryptedPackage`.
        if contains(bytes, &utf16le("EncryptedPackage")) || contains(bytes, &utf16le("EncryptionInfo")) {
            return Err(FileError::Encrypted);
        }
        return Ok(Format::Xls);
    }
    if let Some((_, name)) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(FileError::UnsupportedFormat { detected: (*name).to_owned() });
    }
    if looks_like_text(bytes) {
        return Ok(Format::Csv);
    }
    Err(FileError::UnsupportedFormat { detected: "binary data".to_owned() })
}

fn is_blank(bytes: &[u8]) -> bool {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .or_else(|| bytes.strip_prefix(b"\xFF\xFE"))
        .or_else(|| bytes.strip_prefix(b"\xFE\xFF"))
        .unwrap_or(bytes);
    body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0))
}

fn zip_format(bytes: &[u8], limits: &Limits) -> Result<Format, FileError> {
    let unreadable = |reason: String| FileError::Unreadable { format: "a zip-based workbook".to_owned(), reason };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    if archive.len() > limits.max_zip_entries {
        return Err(FileError::DecompressedTooLarge { declared: u64::MAX, limit: limits.max_uncompressed_bytes });
    }
    let mut declared: u64 = 0;
    let mut kind = None;
    let mut ods_mime = false;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| unreadable(e.to_string()))?;
        declared = declared.saturating_add(entry.size());
        if entry.encrypted() {
            return Err(FileError::Encrypted);
        }
        match entry.name().map_err(|e| unreadable(e.to_string()))?.as_ref() {
            "xl/workbook.xml" => kind = Some(Format::Xlsx),
            "xl/workbook.bin" => kind = kind.or(Some(Format::Csv)), // xlsb: refused below
            "content.xml" => kind = kind.or(Some(Format::Ods)),
            "META-INF/manifest.xml" => {}
            "mimetype" => ods_mime = true,
            _ => {}
        }
    }
    if declared > limits.max_uncompressed_bytes {
        return Err(FileError::DecompressedTooLarge { declared, limit: limits.max_uncompressed_bytes });
    }
    match kind {
        Some(Format::Xlsx) => Ok(Format::Xlsx),
        Some(Format::Ods) if ods_mime && mimetype_is_ods(&mut archive) => {
            if manifest_is_encrypted(&mut archive) {
                return Err(FileError::Encrypted);
            }
            Ok(Format::Ods)
        }
        Some(Format::Csv) => Err(FileError::UnsupportedFormat { detected: "xlsb".to_owned() }),
        _ => Err(FileError::UnsupportedFormat { detected: "zip archive".to_owned() }),
    }
}

fn read_small(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, cap: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let entry = archive.by_name(name).ok()?;
    if entry.size() > cap {
        return None;
    }
    let mut out = Vec::new();
    entry.take(cap).read_to_end(&mut out).ok()?;
    Some(out)
}

fn mimetype_is_ods(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    read_small(archive, "mimetype", 256).is_some_and(|m| m.trim_ascii() == ODS_MIME)
}

fn manifest_is_encrypted(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    read_small(archive, "META-INF/manifest.xml", 1024 * 1024).is_some_and(|m| contains(&m, b"encryption-data"))
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Text has no NUL bytes and few control characters in its first 8 KiB (UTF-16 with a BOM is
/// text too).
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x0C)).count();
    !head.contains(&0) && controls * 100 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_common_non_spreadsheets() {
        let limits = Limits::default();
        assert_eq!(detect(b"", &limits), Err(FileError::Empty));
        assert_eq!(detect(b"\xEF\xBB\xBF \r\n", &limits), Err(FileError::Empty));
        assert_eq!(detect(b"%PDF-1.7 ...", &limits).unwrap_err().code(), "unsupported_format");
        assert_eq!(detect(b"\x00\x01\x02\x03binary", &limits).unwrap_err().code(), "unsupported_format");
        assert_eq!(detect(b"PK\x03\x04garbage", &limits).unwrap_err().code(), "unreadable_file");
        assert_eq!(detect(b"sku,quantity\nA,1\n", &limits), Ok(Format::Csv));
    }
}
