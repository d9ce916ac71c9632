//! Post dates as Hugo reads them: RFC 3339 with an offset, a local date-time, or a plain date.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use std::fmt;
use std::str::FromStr;

/// A `date` / `lastmod` value. It keeps the text as written, so saving never reformats it.
///
/// ```
/// use recap::post::PostDate;
/// let d: PostDate = "2018-12-08T10:00:00+02:00".parse().unwrap();
/// assert_eq!(d.ymd(), "2018-12-08");
/// assert_eq!(d.offset_minutes(), Some(120));
/// assert!("2018-13-01".parse::<PostDate>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostDate {
    text: String,
    local: NaiveDateTime,
    has_time: bool,
    offset: Option<FixedOffset>,
}

/// The text is not a date Hugo would accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date")]
pub struct NotADate(pub String);

impl PostDate {
    /// The calendar date as `YYYY-MM-DD` (in the post's own offset, as the file names use).
    pub fn ymd(&self) -> String {
        self.local.date().format("%Y-%m-%d").to_string()
    }

    /// The date and local time of day.
    pub fn local(&self) -> NaiveDateTime {
        self.local
    }

    /// Whether a time of day was given (a plain date has none).
    pub fn has_time(&self) -> bool {
        self.has_time
    }

    /// The UTC offset in minutes, when the text gives one (`Z` is 0).
    pub fn offset_minutes(&self) -> Option<i32> {
        self.offset.map(|o| o.local_minus_utc() / 60)
    }

    /// The date as written in the file.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Builds an RFC 3339 date (the form Hugo writes) from parts.
    ///
    /// ```
    /// let d = recap::post::PostDate::from_parts(2024, 5, 31, 9, 30, 0, 120).unwrap();
    /// assert_eq!(d.as_str(), "2024-05-31T09:30:00+02:00");
    /// ```
    pub fn from_parts(
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        offset_minutes: i32,
    ) -> Option<PostDate> {
        let offset = FixedOffset::east_opt(offset_minutes * 60)?;
        let local = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, second)?;
        let text = format!("{}{}", local.format("%Y-%m-%dT%H:%M:%S"), offset);
        Some(PostDate {
            text,
            local,
            has_time: true,
            offset: Some(offset),
        })
    }
}

impl FromStr for PostDate {
    type Err = NotADate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.to_string();
        let t = s.trim();
        let with_offset = DateTime::parse_from_rfc3339(t)
            .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f %z"))
            .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f%:z"));
        if let Ok(dt) = with_offset {
            return Ok(PostDate {
                text,
                local: dt.naive_local(),
                has_time: true,
                offset: Some(*dt.offset()),
            });
        }
        for fmt in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(local) = NaiveDateTime::parse_from_str(t, fmt) {
                return Ok(PostDate {
                    text,
                    local,
                    has_time: true,
                    offset: None,
                });
            }
        }
        match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(date) => Ok(PostDate {
                text,
                local: date.and_time(chrono::NaiveTime::MIN),
                has_time: false,
                offset: None,
            }),
            Err(_) => Err(NotADate(text)),
        }
    }
}

impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_hugo_and_jekyll_write() {
        for (text, ymd, offset) in [
            ("2018-12-08T10:00:00+02:00", "2018-12-08", Some(120)),
            ("2008-11-30T18:24:30+00:00", "2008-11-30", Some(0)),
            ("2024-01-19T09:00:00Z", "2024-01-19", Some(0)),
            ("2024-01-19 09:00:00 +0100", "2024-01-19", Some(60)),
            ("2024-01-19T09:00:00", "2024-01-19", None),
            ("2024-01-19", "2024-01-19", None),
        ] {
            let d: PostDate = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                (d.ymd().as_str(), d.offset_minutes()),
                (ymd, offset),
                "{text}"
            );
            assert_eq!(d.to_string(), text);
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "tomorrow",
            "2018-02-30",
            "2018-12-08T25:00:00Z",
            "",
            "12/08/2018",
        ] {
            assert!(text.parse::<PostDate>().is_err(), "{text}");
        }
    }
}
