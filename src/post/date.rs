//! Post dates as Hugo reads them: RFC 3339 with an offset, a local date-time, or a plain date.
//!
//! Read and written by hand: chrono's `format` module (its strftime parser and
//! formatter) was about 30 KB of the app's wasm for these few fixed layouts.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
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
        let d = self.local.date();
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }

    /// The date and local time to the minute, `YYYY-MM-DDTHH:MM`: what a
    /// `datetime-local` field holds.
    ///
    /// ```
    /// let d: recap::post::PostDate = "2018-12-08 10:05:09 +0200".parse().unwrap();
    /// assert_eq!(d.local_minute(), "2018-12-08T10:05");
    /// ```
    pub fn local_minute(&self) -> String {
        let t = self.local.time();
        format!("{}T{:02}:{:02}", self.ymd(), t.hour(), t.minute())
    }

    /// The date as the preview's header shows it, `December 8, 2018`.
    ///
    /// ```
    /// let d: recap::post::PostDate = "2018-12-08T10:00:00+02:00".parse().unwrap();
    /// assert_eq!(d.long_date(), "December 8, 2018");
    /// ```
    pub fn long_date(&self) -> String {
        let d = self.local.date();
        let month = crate::site::MONTHS[d.month0() as usize];
        format!("{month} {}, {}", d.day(), d.year())
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
        let (date, time) = (local.date(), local.time());
        let text = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{offset}",
            date.year(),
            date.month(),
            date.day(),
            time.hour(),
            time.minute(),
            time.second()
        );
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
        match read(s.trim()) {
            Some((local, has_time, offset)) => Ok(PostDate {
                text,
                local,
                has_time,
                offset,
            }),
            None => Err(NotADate(text)),
        }
    }
}

/// Reads `YYYY-MM-DD`, optionally followed by `T` (or a space) and `HH:MM`, then
/// `:SS` with an optional fraction, then an offset (`Z`, `+HH:MM` or `+HHMM`, after
/// a space or not) when the seconds are there: the layouts Hugo reads that Hugo and
/// Jekyll sites write. Gives the local date-time, whether it has a time, and the
/// offset.
fn read(t: &str) -> Option<(NaiveDateTime, bool, Option<FixedOffset>)> {
    let b = t.as_bytes();
    let num = |at: usize, len: usize| number(b.get(at..at + len)?);
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-')) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 2)?, num(8, 2)?)?;
    if b.len() == 10 {
        return Some((date.and_time(NaiveTime::MIN), false, None));
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || !at(13, b':') {
        return None;
    }
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    let (mut second, mut nanos, mut end) = (0, 0, 16);
    let has_seconds = at(16, b':');
    if has_seconds {
        second = num(17, 2)?;
        end = 19;
        if at(19, b'.') {
            let digits = b[20..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            // Nanoseconds: the first nine digits, padded with zeros.
            let kept = digits.min(9);
            nanos = number(&b[20..20 + kept])? * 10u32.pow((9 - kept) as u32);
            end = 20 + digits;
        }
    }
    let local = date.and_time(NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?);
    let rest = &t[end..];
    if rest.is_empty() {
        return Some((local, true, None));
    }
    // An offset comes after the seconds, as in every layout that has one.
    if !has_seconds {
        return None;
    }
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let seconds = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let (h, m) = (number(&[*h1, *h2])? as i32, number(&[*m1, *m2])? as i32);
            if h > 23 || m > 59 {
                return None;
            }
            (h * 3600 + m * 60) * if *sign == b'-' { -1 } else { 1 }
        }
        _ => return None,
    };
    Some((local, true, Some(FixedOffset::east_opt(seconds)?)))
}

/// The number `digits` spell, when they are all ASCII digits.
fn number(digits: &[u8]) -> Option<u32> {
    digits
        .iter()
        .all(u8::is_ascii_digit)
        .then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
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
            ("2024-01-19 09:00:00+02:00", "2024-01-19", Some(120)),
            ("2024-01-19 09:00:00 -07:00", "2024-01-19", Some(-420)),
            ("2024-01-19T09:00:00+0200", "2024-01-19", Some(120)),
            ("2024-01-19t09:00:00.123456789012z", "2024-01-19", Some(0)),
            ("2024-01-19 09:00:00.5 -0330", "2024-01-19", Some(-210)),
            ("2024-01-19T09:00:00.25", "2024-01-19", None),
            ("2024-01-19 09:00", "2024-01-19", None),
            ("2024-01-19T23:59", "2024-01-19", None),
            (" 2024-02-29 ", "2024-02-29", None),
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
    fn keeps_the_time_the_offset_and_the_fraction() {
        let d: PostDate = "2018-12-08 10:05:09.25 -0130".parse().unwrap();
        assert_eq!(
            d.local(),
            NaiveDate::from_ymd_opt(2018, 12, 8)
                .unwrap()
                .and_hms_milli_opt(10, 5, 9, 250)
                .unwrap()
        );
        assert_eq!(d.offset_minutes(), Some(-90));
        assert!(d.has_time());
        let plain: PostDate = "2018-12-08".parse().unwrap();
        assert!(!plain.has_time());
        assert_eq!(plain.local_minute(), "2018-12-08T00:00");
        let built = PostDate::from_parts(987, 1, 2, 3, 4, 5, -330).unwrap();
        assert_eq!(built.as_str(), "0987-01-02T03:04:05-05:30");
        assert_eq!(built.as_str().parse::<PostDate>().unwrap(), built);
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "tomorrow",
            "2018-02-30",
            "2018-12-08T25:00:00Z",
            "",
            "12/08/2018",
            "2024-1-19",
            "2024-01-9",
            "24-01-19",
            "2024-01-19x",
            "2024-01-19T9:00",
            "2024-01-19T09:0",
            "2024-01-19T09:00+02:00",
            "2024-01-19T09:00:00+2",
            "2024-01-19T09:00:00+02:0",
            "2024-01-19T09:00:00+24:00",
            "2024-01-19T09:00:00 +02:00 CET",
            "2024-01-19T09:00:00.",
            "2024-01-19T09:00:60",
            "2024-01-19T09:60:00",
            "2023-02-29",
            "2024-01-19T09:00:00Zulu",
            "2024-01-19T09:00:00\u{ff0b}02:00",
        ] {
            assert!(text.parse::<PostDate>().is_err(), "{text}");
        }
    }
}
