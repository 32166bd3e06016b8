//! A language's texts as data: the file the wasm build loads instead of
//! compiling every language in (issue 24, "one language per download").
//!
//! The Rust values in `en.rs`, `de.rs` stay the source of truth. The build
//! (`examples/texts.rs`, run by `make build`) writes each as one UTF-8 file:
//! [`MAGIC`], then every text in the order of one visitor, [`Fields`], each
//! after a [`SEP`]. The browser fetches the file of the language the widget
//! starts in and reads it back with [`Texts::from_data`]; the other
//! language only when the client switches to it.
//!
//! Writer and reader walk the same visitor, so their order cannot drift;
//! each struct's visitor destructures it without `..`, so a new field that
//! is not listed here is a compile error, not a silently empty text.

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

/// One place in a language's texts, as the visitor meets it: a struct or
/// array opening (its field name) and closing, a text, the decimal
/// separator. The names serve the test that pins the order; the reader
/// ignores them.
pub enum Slot<'a> {
    /// A struct or array field begins.
    Open(&'static str),
    /// It ends.
    Close,
    /// A text.
    Text(&'static str, &'a mut &'static str),
    /// A single character (the decimal separator).
    Letter(&'static str, &'a mut char),
}

/// Every text of a value, in a fixed order, by mutable reference: the one
/// walk the writer, the reader and the order test share.
pub trait Fields {
    /// Calls `v` for each place of `self`, which is the field `name`.
    fn visit(&mut self, name: &'static str, v: &mut impl FnMut(Slot<'_>));
}

impl Fields for &'static str {
    fn visit(&mut self, name: &'static str, v: &mut impl FnMut(Slot<'_>)) {
        v(Slot::Text(name, self));
    }
}

impl Fields for char {
    fn visit(&mut self, name: &'static str, v: &mut impl FnMut(Slot<'_>)) {
        v(Slot::Letter(name, self));
    }
}

/// The names of array elements (arrays of texts have at most 12).
const INDEX: [&str; 12] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"];

impl<T: Fields, const N: usize> Fields for [T; N] {
    fn visit(&mut self, name: &'static str, v: &mut impl FnMut(Slot<'_>)) {
        v(Slot::Open(name));
        for (i, item) in self.iter_mut().enumerate() {
            item.visit(INDEX.get(i).copied().unwrap_or("n"), v);
        }
        v(Slot::Close);
    }
}

/// [`Fields`] for structs: each field in the order listed. The pattern
/// names every field (no `..`), so the list must be complete.
macro_rules! fields {
    ($($ty:ident $(<$g:ident>)? { $($field:ident),* $(,)? })*) => {$(
        impl$(<$g: Fields>)? Fields for $ty$(<$g>)? {
            fn visit(&mut self, name: &'static str, v: &mut impl FnMut(Slot<'_>)) {
                v(Slot::Open(name));
                let $ty { $($field),* } = self;
                $(Fields::visit($field, stringify!($field), v);)*
                v(Slot::Close);
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
    BadCase { exchange, more, less, level }
    Plural2 { one, many }
    CapTexts { what, applies, rarely, always, none, exact }
    CatchUp { at, after, after_hour, never, never_hour, level, level_hour, far }
    VerdictTexts {
        subjects, names, shares, odds, odds_none, odds_every, odds_ties, odds_same, middle, middle_same, average,
        bad, exact, start, total, catch_up, cap, as_estimated, spread_label, spread, bars_key, summary_total,
        summary_total_same, summary_odds, summary_same,
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
        example_remove, example_titles, example_mark, settings, currency, fixed_price_hint, kinds, phases,
        contracts, change_title, change_placeholder, change_kind, change_effort, change_phase, change_unit,
        change_units, remove, moves, language, add, earlier, change_number, line_hourly, line_fixed, line_covered,
        total, baseline_part, change_part, churn, gross, net, cap_binds, announce, per_hour, hours, unreadable,
        not_json, download, discard, no_storage, storage_full, dismiss, overflow, parse, problems, in_field, why,
        why_source, clamp_note, why_label, range, range_bounds, chart_title, chart_x, chart_band, chart_baseline,
        chart_break_even, chart_table, table_heads, table_start, simulating, count, count_more, numbers,
        in_contract, and, insight_one, insight_many, verdict, bundle, summary_total, summary_line, csv_covered,
        csv_heads, csv_request, csv_yes, csv_no, tools, tool_buttons, undo_redo, reset, share_offer,
        share_actions, shared_opened, bad_link, link_errors, copied, clipboard_denied, download_text,
        import_error, import_reasons, imported, send_title, send_intro, send_fields, send_labels, send_preview,
        send_consent, send_buttons, send_sending, send_done, send_failed, send_reasons, mail_subject,
        receipt_title, receipt_binding, receipt_net, receipt_vat, receipt_phases, months, date, assumptions,
        crash, other_tab, keep_label, keep_hint, language_failed,
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
    pub field: &'static str,
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
        let mut out = String::from(MAGIC);
        let mut bad = None;
        // The visitor needs `&mut`; a copy of the references costs nothing.
        self.clone().visit("", &mut |slot| {
            let mut letter = [0; 4];
            let (name, text) = match slot {
                Slot::Text(name, s) => (name, &**s),
                Slot::Letter(name, c) => (name, &*c.encode_utf8(&mut letter)),
                Slot::Open(_) | Slot::Close => return,
            };
            if text.contains(SEP) {
                bad = bad.or(Some(name));
            }
            out.push(SEP);
            out.push_str(text);
        });
        match bad {
            Some(field) => Err(WriteError { field }),
            None => Ok(out),
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
        let mut t = Texts::default();
        let (mut expected, mut found, mut bad_decimal) = (0, 0, false);
        t.visit("", &mut |slot| {
            if matches!(slot, Slot::Open(_) | Slot::Close) {
                return;
            }
            expected += 1;
            let part = parts.next();
            found += usize::from(part.is_some());
            let part = part.unwrap_or("");
            match slot {
                Slot::Text(_, s) => *s = part,
                Slot::Letter(_, c) => {
                    let mut chars = part.chars();
                    match (chars.next(), chars.next()) {
                        (Some(first), None) => *c = first,
                        _ => bad_decimal = true,
                    }
                }
                Slot::Open(_) | Slot::Close => {}
            }
        });
        found += parts.count();
        if found != expected {
            return Err(DataError::Count { expected, found });
        }
        if bad_decimal {
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

    /// A place's path: `verdict.catch_up.after.one`, `kinds.0`.
    fn at(path: &[&str], name: &str) -> String {
        path.iter().chain([&name]).filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(".")
    }

    /// Every place of `t` as `path=value`.
    fn places(t: &Texts) -> Vec<String> {
        let mut path: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        t.clone().visit("", &mut |slot| match slot {
            Slot::Open(name) => path.push(name),
            Slot::Close => {
                path.pop();
            }
            Slot::Text(name, s) => out.push(format!("{}={s}", at(&path, name))),
            Slot::Letter(name, c) => out.push(format!("{}={c}", at(&path, name))),
        });
        out
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
        let blank: Vec<String> = places(&Texts::default());
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
        assert!(count(Texts::from_data(leak(en[..en.len() / 2].to_owned())).unwrap_err()));
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
        assert_eq!(t.to_data().unwrap_err(), WriteError { field: "none" });
    }
}
