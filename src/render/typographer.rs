//! Smart punctuation the way goldmark's typographer (Hugo's default) does it.
//!
//! goldmark decides each quote from the characters around it, with one count of
//! opened-but-unclosed quotes that runs through the whole document (it is not reset per
//! paragraph). That gives results pulldown-cmark's pairing does not: `'the wrong way'`
//! becomes ’the wrong way’ (an elision rule for `'t`, `'e`, `'n`, `'l`), and a closing
//! `'` at the very end of a paragraph stays straight unless a quote is still open.
//! Measured against Hugo 0.111 on the corpus; see the tests.

/// goldmark counts ASCII punctuation and symbols, and Unicode punctuation, as punctuation.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// Whether the run of `c` at `line[0]` may open and may close (CommonMark flanking).
fn flanking(line: &[char], before: char) -> (bool, bool) {
    let c = line[0];
    let run = line.iter().take_while(|&&x| x == c).count();
    let after = line.get(run).copied().unwrap_or(' ');
    let (bp, bw) = (is_punct(before), before.is_whitespace());
    let (ap, aw) = (is_punct(after), after.is_whitespace());
    (!aw && (!ap || bw || bp), !bw && (!bp || aw || ap))
}

/// The typographer for one document. Feed it the document's text in order.
///
/// ```
/// use recap::render::typographer::Typographer;
/// let mut t = Typographer::default();
/// assert_eq!(t.smarten("It's 'the wrong way' -- or \"not\"... <<x>>", '\n', "", false), "It’s ’the wrong way’ – or “not”… «x»");
/// assert_eq!(t.smarten("ask 'why' --- then", ' ', "", false), "ask ‘why’ — then");
/// // At the end of a paragraph a closing quote needs an open one.
/// assert_eq!(Typographer::default().smarten("of 'their job'.", ' ', "", false), "of ’their job'.");
/// ```
#[derive(Debug, Default, Clone)]
pub struct Typographer {
    open_single: usize,
    open_double: usize,
    /// Whether a decision read the counts since [`take_read`](Self::take_read): a
    /// block whose text never did renders the same whatever state it starts in.
    read: bool,
}

/// Two typographers are in the same state when their counts are equal.
impl PartialEq for Typographer {
    fn eq(&self, other: &Self) -> bool {
        (self.open_single, self.open_double) == (other.open_single, other.open_double)
    }
}

impl Eq for Typographer {}

impl Typographer {
    /// Whether the counts were read since the last call, and forgets it.
    pub fn take_read(&mut self) -> bool {
        std::mem::take(&mut self.read)
    }

    /// `self` moved on by what a block that never read the counts did to `from`
    /// (it only opened quotes): the state that block leaves when it starts in `self`.
    ///
    /// ```
    /// use recap::render::typographer::Typographer;
    /// let (mut a, b) = (Typographer::default(), Typographer::default());
    /// a.smarten("\"open", ' ', "", false);
    /// let mut c = b.clone();
    /// c.smarten("\"and again", ' ', "", false);
    /// assert_eq!(a.advanced_like(&b, &c), { let mut x = a.clone(); x.smarten("\"and again", ' ', "", false); x });
    /// ```
    pub fn advanced_like(&self, from: &Typographer, to: &Typographer) -> Typographer {
        Typographer {
            open_single: (self.open_single + to.open_single).saturating_sub(from.open_single),
            open_double: (self.open_double + to.open_double).saturating_sub(from.open_double),
            read: false,
        }
    }

    /// Applies the typographer to `text`, which stands in the source exactly as given.
    /// `before` is the source character before it (`'\n'` at the start of a line),
    /// `after` the source that follows it, and `line_continues` whether the paragraph
    /// goes on after the end of this line (goldmark's line then ends in `\n`).
    pub fn smarten(
        &mut self,
        text: &str,
        before: char,
        after: &str,
        line_continues: bool,
    ) -> String {
        if !text
            .bytes()
            .any(|b| matches!(b, b'\'' | b'"' | b'-' | b'.' | b'<' | b'>'))
        {
            return text.to_string();
        }
        let own = text.chars().count();
        let rest_of_line = after.split('\n').next().unwrap_or("");
        let mut chars: Vec<char> = text.chars().chain(rest_of_line.chars()).collect();
        // goldmark's line ends in a newline except on the paragraph's last line.
        if line_continues {
            chars.push('\n');
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut i = 0;
        let mut prev = before;
        // A text run right after a backslash starts with an escaped character: as written.
        if before == '\\' {
            out.push(chars[0]);
            prev = chars[0];
            i = 1;
        }
        while i < own {
            let (replacement, advance) = self.at(&chars[i..], prev);
            let advance = advance.min(own - i).max(1);
            match replacement {
                Some(r) => out.push_str(r),
                None => out.extend(&chars[i..i + advance]),
            }
            prev = chars[i + advance - 1];
            i += advance;
        }
        out
    }

    /// What goldmark makes of the punctuation at `line[0]`, and how many characters it takes.
    fn at(&mut self, line: &[char], before: char) -> (Option<&'static str>, usize) {
        let c = line[0];
        let at = |k: usize| line.get(k).copied();
        if line.len() > 2 {
            match c {
                '-' if at(1) == Some('-') && at(2) == Some('-') => return (Some("—"), 3),
                '.' if at(1) == Some('.') && at(2) == Some('.') => return (Some("…"), 3),
                '.' => return (None, 1),
                _ => {}
            }
        }
        if line.len() > 1 {
            match c {
                '<' if at(1) == Some('<') => return (Some("«"), 2),
                '>' if at(1) == Some('>') => return (Some("»"), 2),
                '-' if at(1) == Some('-') => return (Some("–"), 2),
                _ => {}
            }
        }
        if c != '\'' && c != '"' {
            return (None, 1);
        }
        let (open, close) = flanking(line, before);
        if !open && !close {
            return (None, 1);
        }
        let punct_or_space = |x: Option<char>| x.is_some_and(|x| is_punct(x) || x.is_whitespace());
        if c == '\'' {
            const RIGHT: &str = "’";
            // '90s
            if open
                && !close
                && line.len() > 3
                && at(1).is_some_and(|d| d.is_ascii_digit())
                && at(2).is_some_and(|d| d.is_ascii_digit())
                && at(3) == Some('s')
            {
                let after = at(4).unwrap_or(' ');
                if line.len() == 3 || after.is_whitespace() || is_punct(after) {
                    return (Some(RIGHT), 1);
                }
            }
            // 'twas, 'em, 'net
            if line.len() > 1
                && (is_punct(before) || before.is_whitespace())
                && matches!(at(1), Some('t' | 'e' | 'n' | 'l'))
            {
                return (Some(RIGHT), 1);
            }
            // Between a letter or digit and a letter.
            if line.len() > 1 && before.is_alphanumeric() && at(1).is_some_and(char::is_alphabetic)
            {
                return (Some(RIGHT), 1);
            }
            if open && !close {
                let ends = |k: usize| line.len() < k + 1 || punct_or_space(at(k));
                let elided = (matches!(at(1), Some('s' | 'm' | 't' | 'd')) && ends(2))
                    || (line.len() > 2
                        && matches!(
                            (at(1), at(2)),
                            (Some('v'), Some('e'))
                                | (Some('l'), Some('l'))
                                | (Some('r'), Some('e'))
                        )
                        && ends(3));
                if elided {
                    return (Some(RIGHT), 1);
                }
                self.open_single += 1;
                return (Some("‘"), 1);
            }
            // Plural possessives and abbreviations (Smiths', doin'), as goldmark reads them:
            // the quote itself is punctuation, so this holds whenever two more
            // characters follow on the line and the next is not a digit.
            if line.len() > 2 && !at(1).is_some_and(|d| d.is_ascii_digit()) {
                return (Some(RIGHT), 1);
            }
            self.read = true;
            if self.open_single > 0 && self.closes(line, open, close) {
                self.open_single -= 1;
                return (Some(RIGHT), 1);
            }
            return (None, 1);
        }
        if open && !close {
            self.open_double += 1;
            return (Some("“"), 1);
        }
        self.read = true;
        if self.open_double > 0 && self.closes(line, open, close) {
            // "Monitor 21"" stays as written.
            if at(1) == Some('"') && before.is_ascii_digit() {
                return (None, 1);
            }
            self.open_double -= 1;
            return (Some("”"), 1);
        }
        (None, 1)
    }

    fn closes(&self, line: &[char], open: bool, close: bool) -> bool {
        let at = |k: usize| line.get(k).copied();
        let maybe = close
            && open
            && line.len() > 1
            && at(1).is_some_and(is_punct)
            && (line.len() == 2 || at(2).is_some_and(|x| is_punct(x) || x.is_whitespace()));
        (close && !open) || maybe
    }
}
