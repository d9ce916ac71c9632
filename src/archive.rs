//! Zip archives, as Recap needs them: writing stored entries (backups are a few
//! hundred KB of text, and images come compressed already) and reading stored or
//! deflated ones (backups from earlier versions, and zips other tools made).
//!
//! A general zip crate brought its whole machinery and a deflate encoder into the
//! shipped WebAssembly (about 70 KB); this is the part of the format Recap uses, with
//! `miniz_oxide` to inflate. No ZIP64: an entry or archive over 4 GB is refused.

use thiserror::Error;

/// Why an archive could not be written or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ArchiveError {
    /// No end-of-central-directory record: not a zip file.
    #[error("no zip directory at the end of the file")]
    NotZip,
    /// The directory or an entry's header points outside the file.
    #[error("the zip is cut short or damaged ({0})")]
    Damaged(&'static str),
    /// The archive has no entry of that name.
    #[error("no file {0} in the zip")]
    Missing(String),
    /// An entry compressed with a method other than stored or deflate.
    #[error("{name} is compressed with method {method}, which Recap cannot read")]
    Method {
        /// The entry.
        name: String,
        /// The zip method number.
        method: u16,
    },
    /// The entry's bytes do not match its checksum or size.
    #[error("{0} is damaged (its checksum does not match)")]
    Checksum(String),
    /// Over 4 GB, or more than 65,535 entries.
    #[error("too large for a zip without ZIP64")]
    TooLarge,
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// Bit 11: names are UTF-8.
const UTF8: u16 = 1 << 11;
/// 1980-01-01 00:00, the earliest DOS date: archives are the same for the same input.
const DOS_DATE: u16 = 0x21;

/// Builds an archive of stored entries.
///
/// ```
/// use recap::archive::{ZipReader, ZipWriter};
/// let mut zip = ZipWriter::new();
/// zip.add("content/post/day-1/index.md", b"# Day 1\n").unwrap();
/// let bytes = zip.finish().unwrap();
/// let read = ZipReader::new(&bytes).unwrap();
/// assert_eq!(read.read("content/post/day-1/index.md").unwrap(), b"# Day 1\n");
/// ```
#[derive(Debug, Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl ZipWriter {
    /// An empty archive.
    pub fn new() -> ZipWriter {
        ZipWriter::default()
    }

    /// Adds an entry named `name` (a `/`-separated path) holding `bytes` as they are.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), ArchiveError> {
        let size = u32::try_from(bytes.len()).map_err(|_| ArchiveError::TooLarge)?;
        let offset = u32::try_from(self.out.len()).map_err(|_| ArchiveError::TooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| ArchiveError::TooLarge)?;
        self.count = self.count.checked_add(1).ok_or(ArchiveError::TooLarge)?;
        let crc = crc32(bytes);
        // Shared by both headers: version needed, flags, method, time, date, crc,
        // sizes, name length, extra length.
        let mut common = Vec::with_capacity(26);
        for v in [20u16, UTF8, 0, 0, DOS_DATE] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());

        self.out.extend_from_slice(&LOCAL.to_le_bytes());
        self.out.extend_from_slice(&common);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(bytes);

        self.central.extend_from_slice(&CENTRAL.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes()); // made by
        self.central.extend_from_slice(&common);
        // Comment length, disk, internal and external attributes.
        self.central.extend_from_slice(&[0; 10]);
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// The archive's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, ArchiveError> {
        let at = u32::try_from(self.out.len()).map_err(|_| ArchiveError::TooLarge)?;
        let size = u32::try_from(self.central.len()).map_err(|_| ArchiveError::TooLarge)?;
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(&END.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]); // this disk, the directory's disk
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&at.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        Ok(self.out)
    }
}

/// One entry of an archive's central directory.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    compressed: usize,
    size: usize,
    offset: usize,
}

/// Reads an archive's entries, stored or deflated.
#[derive(Debug)]
pub struct ZipReader<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> ZipReader<'a> {
    /// Reads the central directory of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Result<ZipReader<'a>, ArchiveError> {
        // The end record is the last 22 bytes, unless a comment (up to 64 KB) follows.
        let earliest = bytes.len().saturating_sub(22 + 0xffff);
        let end = (earliest..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(END))
            .ok_or(ArchiveError::NotZip)?;
        let count = u16_at(bytes, end + 10).ok_or(ArchiveError::NotZip)?;
        let mut at = u32_at(bytes, end + 16).ok_or(ArchiveError::NotZip)? as usize;
        let mut entries = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let field = |off: usize| u32_at(bytes, at + off).map(|v| v as usize);
            if u32_at(bytes, at) != Some(CENTRAL) {
                return Err(ArchiveError::Damaged("directory entry"));
            }
            let short = |off: usize| u16_at(bytes, at + off).map(usize::from);
            let (Some(method), Some(crc), Some(compressed), Some(size)) = (
                u16_at(bytes, at + 10),
                u32_at(bytes, at + 16),
                field(20),
                field(24),
            ) else {
                return Err(ArchiveError::Damaged("directory entry"));
            };
            let (Some(name_len), Some(extra_len), Some(comment_len), Some(offset)) =
                (short(28), short(30), short(32), field(42))
            else {
                return Err(ArchiveError::Damaged("directory entry"));
            };
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or(ArchiveError::Damaged("entry name"))?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                crc,
                compressed,
                size,
                offset,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(ZipReader { bytes, entries })
    }

    /// The entries' names, in the archive's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// The bytes of the entry named `name`, checked against its checksum.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, ArchiveError> {
        let entry = self
            .entries
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| ArchiveError::Missing(name.to_string()))?;
        let b = self.bytes;
        if u32_at(b, entry.offset) != Some(LOCAL) {
            return Err(ArchiveError::Damaged("entry header"));
        }
        let skip = |off| u16_at(b, entry.offset + off).map(usize::from);
        let (Some(name_len), Some(extra_len)) = (skip(26), skip(28)) else {
            return Err(ArchiveError::Damaged("entry header"));
        };
        let start = entry.offset + 30 + name_len + extra_len;
        let data = b
            .get(start..start + entry.compressed)
            .ok_or(ArchiveError::Damaged("entry data"))?;
        let bytes = match entry.method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, entry.size)
                .map_err(|_| ArchiveError::Checksum(name.to_string()))?,
            method => {
                return Err(ArchiveError::Method {
                    name: name.to_string(),
                    method,
                })
            }
        };
        if bytes.len() != entry.size || crc32(&bytes) != entry.crc {
            return Err(ArchiveError::Checksum(name.to_string()));
        }
        Ok(bytes)
    }
}

/// CRC-32 (IEEE), as zip stores it.
///
/// ```
/// assert_eq!(recap::archive::crc32(b"123456789"), 0xcbf4_3926);
/// ```
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}
