//! A language's texts as data: the file the wasm build loads instead of
//! compiling every language in (issue 24, "one language per download").
//!
//! The Rust values in `en.rs`, `de.rs` stay the source of truth. The build
//! (`examples/texts.rs`, run by `make build`) writes each as one UTF-8 file:
//! [`MAGIC`], then every text in the order of [`Fields`], each after a
//! [`SEP`]. The browser fetches the file of the language the widget starts
//! in and reads it back with [`Texts::from_data`]; another language only
//! when the client switches to it.
//!
//! The writer and the reader walk the one visitor, [`Fields::visit`], and
//! the names that pin the order come from the same list per struct (the
//! `fields!` invocation below), so the order cannot drift; the list must name every field of its struct (the
//! patterns and struct expressions have no `..`), so a new text that is
//! not listed is a compile error, not a silently empty text.

use std::fmt;

use super::{
    BadCase, BySetting, CapTexts, CatchUp, Cheaper, CsvHeads, ImportReasons, LinkErrors, Moves, ParseTexts, Plural,
    Plural2, Problems, RangeBounds, Reset, SendButtons, SendFields, SendLabels, SendReasons, ShareActions, Shares,
    Start, TableHeads, Texts, ToolButtons, UndoRedo, Units, VerdictTexts, Why,
};

/// The first field of every file: what it is and the format's version.
pub const MAGIC: &str = "changecost-texts-1";

/// Between two fields: the ASCII unit separator, which no text contains
/// (the writer checks).
pub const SEP: char = '\u{1f}';

/// The largest file read, in bytes (a language is about 25,000).
pub const MAX_BYTES: usize = 1 << 20;

/// What walks a language's texts: called with each text and with the
/// decimal separator, in the order of [`Fields`], each by mutable
/// reference (the writer reads them, the reader puts them in place).
pub trait Visit {
    /// A text.
    fn text(&mut self, text: &mut &'static str);
    /// A single character (the decimal separator).
    fn letter(&mut self, letter: &mut char);
}

/// Every text of a value in one fixed order: the one walk the writer and
/// the reader share, the names that pin it, and a blank value to read
/// into, all from the one list of each struct in `fields!`.
pub trait Fields {
    /// Every text empty: what the reader fills (a constant, so that the
    /// wasm copies it rather than writing each field).
    const BLANK: Self;
    /// Calls `v` with each text of `self`, in order.
    fn visit(&mut self, v: &mut impl Visit);
    /// The path of each text, in the same order, for the test that pins
    /// it: `verdict.catch_up.after.one`, `kinds.0` (`at` is the path of
    /// `self`).
    fn names(&self, at: &str, out: &mut Vec<String>);
}

/// `at.name`, or `name` at the top.
fn join(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_owned()
    } else {
        [at, ".", name].concat()
    }
}

impl Fields for &'static str {
    const BLANK: Self = "";
    fn visit(&mut self, v: &mut impl Visit) {
        v.text(self);
    }
    fn names(&self, at: &str, out: &mut Vec<String>) {
        out.push(at.to_owned());
    }
}

impl Fields for char {
    const BLANK: Self = '\0';
    fn visit(&mut self, v: &mut impl Visit) {
        v.letter(self);
    }
    fn names(&self, at: &str, out: &mut Vec<String>) {
        out.push(at.to_owned());
    }
}

impl<const N: usize> Fields for [&'static str; N] {
    const BLANK: Self = [""; N];
    fn visit(&mut self, v: &mut impl Visit) {
        for item in self {
            v.text(item);
        }
    }
    fn names(&self, at: &str, out: &mut Vec<String>) {
        for i in 0..N {
            out.push(join(at, &i.to_string()));
        }
    }
}

/// [`Fields`] for structs: each field in the order listed. The patterns
/// and the struct expression name every field (no `..`), so the list must
/// be complete.
macro_rules! fields {
    ($($ty:ident $(<$g:ident>)? { $($field:ident),* $(,)? })*) => {$(
        impl$(<$g: Fields>)? Fields for $ty$(<$g>)? {
            const BLANK: Self = $ty { $($field: Fields::BLANK),* };
            fn visit(&mut self, v: &mut impl Visit) {
                let $ty { $($field),* } = self;
                $(Fields::visit($field, v);)*
            }
            fn names(&self, at: &str, out: &mut Vec<String>) {
                let $ty { $($field),* } = self;
                $(Fields::names($field, &join(at, stringify!($field)), out);)*
            }
        }
    )*};
}

fields! {
    Why { text, source }
    BySetting<T> {
        rate, hours, hours_low, hours_high, premium, allowance, fixed_price, cr_rate, cr_admin, switch, cap, vat,
        overhead, trials, multiplier, remaining,
    }
    Plural { one, many }
    Units { hours, share }
    Moves { up, down }
    ParseTexts { empty, invalid, malformed, ambiguous, too_precise, negative, too_large }
    Problems {
        too_low, too_high, low_above_likely, likely_above_high, too_long, too_many, unknown, wrong_type,
        future_version, overflow,
    }
    RangeBounds { best, worst }
    TableHeads { after_change, band }
    Cheaper { hourly, fixed, same }
    Shares { of, fewer, more }
    Start { premium, above, below, equal }
    BadCase { exchange, more, less, level, at_most }
    Plural2 { one, many }
    CapTexts { what, applies, rarely, always, none, exact }
    CatchUp { at, after, after_hour, never, never_hour, level, level_hour, far }
    VerdictTexts {
        subjects, datives, names, shares, odds, odds_none, odds_every, odds_ties, odds_same, middle, middle_same,
        average, bad, exact, start, total, catch_up, cap, as_estimated, spread_label, spread, spread_fixed, bars_key,
        summary_total, summary_total_same, summary_odds, summary_same,
    }
    CsvHeads { number, title, kind, phase, effort, effective }
    ToolButtons { copy_link, send, print, csv, json, import, summary }
    UndoRedo { undo, redo }
    Reset { button, question, confirm, cancel, done }
    ShareActions { open, ignore, restore, keep }
    LinkErrors { empty, too_long, not_base64, truncated, damaged, newer, malformed }
    ImportReasons { too_large, not_json }
    SendFields { name, email, message }
    SendLabels { name, email }
    SendButtons { send, cancel }
    SendReasons { timeout, offline, status }
    Texts {
        code, name, decimal, title, intro, project, more, changes, no_changes, results, example_try, example_note,
        example_remove, example_titles, example_mark, settings, currency, fixed_price_hint, kinds, phases, contracts,
        change_title, change_placeholder, change_kind, change_effort, change_phase, change_unit, change_units, remove,
        moves, language, add, earlier, change_number, line_hourly, line_fixed, line_covered, total, baseline_part,
        change_part, churn, gross, net, cap_binds, announce, per_hour, hours, unreadable, not_json, download, discard,
        no_storage, storage_full, dismiss, overflow, parse, problems, in_field, why, why_source, clamp_note, why_label,
        range, range_bounds, chart_title, chart_x, chart_band, chart_baseline, chart_break_even, chart_table,
        table_heads, table_start, simulating, count, count_more, numbers, in_contract, and, insight_one, insight_many,
        verdict, bundle, bundle_hourly, bundle_fixed, summary_total, summary_line, csv_covered, csv_heads, csv_request,
        csv_yes, csv_no, tools, tool_buttons, undo_redo, reset, share_offer, share_actions, shared_opened, bad_link,
        link_errors, copied, clipboard_denied, download_text, import_error, import_reasons, imported, send_title,
        send_intro, send_fields, send_labels, send_preview, send_consent, send_buttons, send_sending, send_done,
        send_failed, send_reasons, mail_subject, receipt_title, receipt_binding, receipt_net, receipt_vat,
        receipt_phases, months, date, assumptions, crash, other_tab, keep_label, keep_hint, language_failed,
    }
}

/// Why a file is not a language's texts. Nothing is loaded then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataError {
    /// It does not begin with [`MAGIC`] (another file, an older format).
    NotTexts,
    /// Larger than [`MAX_BYTES`].
    TooLarge {
        /// Its length in bytes.
        bytes: usize,
    },
    /// Not the number of fields this build reads.
    Count {
        /// The number this build reads.
        expected: usize,
        /// The number found.
        found: usize,
    },
    /// The decimal separator is not one character, or the code not a
    /// language tag's primary subtag (2 to 8 lower-case letters).
    Malformed {
        /// The field.
        field: &'static str,
    },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::NotTexts => write!(f, "not a changecost language file (expected {MAGIC})"),
            DataError::TooLarge { bytes } => write!(f, "{bytes} bytes, at most {MAX_BYTES} are read"),
            DataError::Count { expected, found } => write!(f, "{found} texts, this version reads {expected}"),
            DataError::Malformed { field } => write!(f, "a malformed {field}"),
        }
    }
}

impl std::error::Error for DataError {}

/// Why a language's texts cannot be written as data (the build step fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError {
    /// The field whose text contains the separator.
    pub field: String,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the text of {} contains the separator U+001F", self.field)
    }
}

impl std::error::Error for WriteError {}

impl Texts {
    /// The texts as a data file (see the module's documentation).
    ///
    /// # Errors
    /// A [`WriteError`] when a text contains [`SEP`].
    pub fn to_data(&self) -> Result<String, WriteError> {
        /// Appends each text after a separator; notes the first that
        /// holds one.
        struct Writer {
            out: String,
            at: usize,
            bad: Option<usize>,
        }
        impl Writer {
            fn push(&mut self, text: &str) {
                if text.contains(SEP) {
                    self.bad = self.bad.or(Some(self.at));
                }
                self.at += 1;
                self.out.push(SEP);
                self.out.push_str(text);
            }
        }
        impl Visit for Writer {
            fn text(&mut self, text: &mut &'static str) {
                self.push(text);
            }
            fn letter(&mut self, letter: &mut char) {
                self.push(letter.encode_utf8(&mut [0; 4]));
            }
        }
        let mut w = Writer { out: String::from(MAGIC), at: 0, bad: None };
        // The walk needs `&mut`; a copy of the references costs nothing.
        self.clone().visit(&mut w);
        match w.bad {
            Some(i) => {
                let mut names = Vec::new();
                self.names("", &mut names);
                Err(WriteError { field: names.swap_remove(i) })
            }
            None => Ok(w.out),
        }
    }

    /// Reads a language written by [`Texts::to_data`]. The texts borrow
    /// from `data`, which the browser keeps for the page's lifetime (one
    /// leaked string per language, loaded once).
    ///
    /// # Errors
    /// A [`DataError`] for anything but a complete file of this version.
    pub fn from_data(data: &'static str) -> Result<Texts, DataError> {
        if data.len() > MAX_BYTES {
            return Err(DataError::TooLarge { bytes: data.len() });
        }
        let mut parts = data.split(SEP);
        if parts.next() != Some(MAGIC) {
            return Err(DataError::NotTexts);
        }
        /// Hands out the fields one after another, counting them.
        struct Reader {
            parts: std::str::Split<'static, char>,
            expected: usize,
            found: usize,
            bad_decimal: bool,
        }
        impl Reader {
            fn next(&mut self) -> &'static str {
                self.expected += 1;
                let part = self.parts.next();
                self.found += usize::from(part.is_some());
                part.unwrap_or("")
            }
        }
        impl Visit for Reader {
            fn text(&mut self, text: &mut &'static str) {
                *text = self.next();
            }
            fn letter(&mut self, letter: &mut char) {
                let mut chars = self.next().chars();
                match (chars.next(), chars.next()) {
                    (Some(first), None) => *letter = first,
                    _ => self.bad_decimal = true,
                }
            }
        }
        let mut r = Reader { parts, expected: 0, found: 0, bad_decimal: false };
        let mut t = Texts::BLANK;
        t.visit(&mut r);
        let found = r.found + r.parts.count();
        if found != r.expected {
            return Err(DataError::Count { expected: r.expected, found });
        }
        if r.bad_decimal {
            return Err(DataError::Malformed { field: "decimal" });
        }
        if !(2..=8).contains(&t.code.len()) || !t.code.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(DataError::Malformed { field: "code" });
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::ALL;

    fn leak(s: String) -> &'static str {
        Box::leak(s.into_boxed_str())
    }

    /// Every place of `t` as `path=value`.
    fn places(t: &Texts) -> Vec<String> {
        /// Collects the values.
        struct Values(Vec<String>);
        impl Visit for Values {
            fn text(&mut self, text: &mut &'static str) {
                self.0.push((*text).to_owned());
            }
            fn letter(&mut self, letter: &mut char) {
                self.0.push(letter.to_string());
            }
        }
        let mut values = Values(Vec::new());
        t.clone().visit(&mut values);
        let mut names = Vec::new();
        t.names("", &mut names);
        assert_eq!(names.len(), values.0.len());
        names.into_iter().zip(values.0).map(|(n, v)| format!("{n}={v}")).collect()
    }

    #[test]
    fn every_language_reads_back_field_for_field() {
        for t in ALL {
            let data = t.to_data().unwrap();
            let back = Texts::from_data(leak(data)).unwrap();
            assert_eq!(places(&back), places(t), "{}", t.code);
            // Debug prints every field of every struct: nothing left at its default.
            assert_eq!(format!("{back:?}"), format!("{t:?}"), "{}", t.code);
        }
    }

    #[test]
    fn no_text_is_left_out_and_none_is_empty() {
        // Every field is visited: a default Texts differs from each
        // language in every place.
        let blank: Vec<String> = places(&Texts::BLANK);
        for t in ALL {
            let full = places(t);
            assert_eq!(full.len(), blank.len());
            for (a, b) in full.iter().zip(&blank) {
                assert_ne!(a, b, "{}: {a} is empty", t.code);
            }
        }
    }

    /// The order of the fields, pinned: the files of a release and the
    /// wasm that reads them are built together, so a change here is fine,
    /// but it is a change of the format (update the list with the struct).
    #[test]
    fn the_field_order_is_pinned() {
        let names: Vec<String> =
            places(ALL[0]).into_iter().map(|p| p.split('=').next().unwrap_or("").to_owned()).collect();
        let pinned = include_str!("../../../tests/golden/texts_fields.txt");
        let pinned: Vec<&str> = pinned.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        assert_eq!(names, pinned, "the field order of the language files (tests/golden/texts_fields.txt)");
        assert_eq!(&names[..3], ["code", "name", "decimal"]);
    }

    #[test]
    fn bad_files_are_refused_and_say_why() {
        let en = ALL[0].to_data().unwrap();
        assert_eq!(Texts::from_data("").unwrap_err(), DataError::NotTexts);
        assert_eq!(Texts::from_data("<!doctype html><p>Not found").unwrap_err(), DataError::NotTexts);
        let count = |e: DataError| matches!(e, DataError::Count { .. });
        // Cut off, one field too many, one too few.
        let half: String = en.chars().take(en.chars().count() / 2).collect();
        assert!(count(Texts::from_data(leak(half)).unwrap_err()));
        assert!(count(Texts::from_data(leak(format!("{en}\u{1f}extra"))).unwrap_err()));
        let short = en.rsplit_once(SEP).unwrap().0.to_owned();
        assert!(count(Texts::from_data(leak(short)).unwrap_err()));
        // The decimal separator is one character; the code a primary subtag.
        let two = en.replacen("\u{1f}.\u{1f}", "\u{1f}..\u{1f}", 1);
        assert_eq!(Texts::from_data(leak(two)).unwrap_err(), DataError::Malformed { field: "decimal" });
        let code = en.replacen("\u{1f}en\u{1f}", "\u{1f}EN<\u{1f}", 1);
        assert_eq!(Texts::from_data(leak(code)).unwrap_err(), DataError::Malformed { field: "code" });
        let huge = leak(format!("{MAGIC}{}", " ".repeat(MAX_BYTES)));
        assert!(matches!(Texts::from_data(huge).unwrap_err(), DataError::TooLarge { .. }));
        assert!(DataError::Count { expected: 300, found: 2 }.to_string().contains("300"));
    }

    #[test]
    fn a_separator_in_a_text_stops_the_writer() {
        let mut t = ALL[0].clone();
        t.verdict.cap.none = "a\u{1f}b";
        assert_eq!(t.to_data().unwrap_err(), WriteError { field: "verdict.cap.none".into() });
    }
}
