//! What leaves the widget as text: a plain-text summary (for an e-mail or
//! the clipboard) and a CSV of the changes with their costs that a
//! spreadsheet in the client's language opens as numbers.

use crate::core::i18n::{fill, fill_n, Texts};
use crate::core::insight::Formatters;
use crate::core::money::Money;
use crate::core::parse::{format_plain, integer};
use crate::core::pricing::Pricing;
use crate::core::scenario::{Contract, Scenario};

/// A short plain-text summary: totals per contract, the insight, every
/// change with its costs, and the link.
pub fn summary(
    t: &Texts,
    s: &Scenario,
    p: &Pricing,
    models: &[Contract],
    insight: &str,
    link: &str,
    f: &Formatters<'_>,
) -> String {
    let mut out = String::new();
    out.push_str(t.title);
    out.push_str("\n\n");
    for &c in models {
        let part = p.part(c);
        out.push_str(&fill_n(t.summary_total, &[t.contract(c), &(f.money)(part.total), &(f.money)(part.changes)]));
        out.push('\n');
    }
    if !insight.is_empty() {
        out.push('\n');
        out.push_str(insight);
        out.push('\n');
    }
    if !s.changes.is_empty() {
        out.push('\n');
        out.push_str(t.changes);
        out.push_str(":\n");
        for (i, (c, line)) in s.changes.iter().zip(&p.lines).enumerate() {
            let number = integer(i as i64 + 1);
            let title = if c.title.trim().is_empty() { fill(t.change_number, &number) } else { c.title.clone() };
            let fixed = if line.is_request() { (f.money)(line.fixed) } else { t.csv_covered.to_owned() };
            out.push_str(&fill_n(
                t.summary_line,
                &[&number, &title, t.kind(c.kind), t.phase(c.phase), &(f.money)(line.hourly), &fixed],
            ));
            out.push('\n');
        }
    }
    if !link.is_empty() {
        out.push('\n');
        out.push_str(link);
        out.push('\n');
    }
    out
}

/// CSV text, written a field at a time.
struct Csv {
    out: String,
    separator: char,
    /// Whether the next field starts a row.
    first: bool,
}

impl Csv {
    /// One field: quoted when it holds the separator, a quote or a line
    /// break; text that a spreadsheet would run as a formula (`=`, `+`, `-`,
    /// `@`, a tab or a carriage return first) gets a leading apostrophe.
    fn field(&mut self, text: &str) {
        let out = &mut self.out;
        if !self.first {
            out.push(self.separator);
        }
        self.first = false;
        let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
        let quote = formula || text.contains([self.separator, '"', '\n', '\r']);
        if quote {
            out.push('"');
        }
        if formula {
            out.push('\'');
        }
        for c in text.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        if quote {
            out.push('"');
        }
    }

    /// Ends the row.
    fn end(&mut self) {
        self.out.push_str("\r\n");
        self.first = true;
    }
}

/// The changes and their costs as CSV for `t`'s language: `;` and a decimal
/// comma for German, `,` and a decimal point for English; UTF-8 with a byte
/// order mark and CRLF line ends, so that spreadsheets open it correctly.
/// Amounts are plain numbers (no currency sign) so that they can be summed.
pub fn csv(t: &Texts, s: &Scenario, p: &Pricing, models: &[Contract]) -> String {
    let money = |m: Money| format_plain(m.cents(), 2, 2, t.decimal);
    let hours = |units: i128| {
        // Effort in hours to the hundredth, rounded half away from zero.
        let hundredths = crate::core::round::div_round(units, 600_000_000_000).unwrap_or(0);
        format_plain(i64::try_from(hundredths).unwrap_or(0), 2, 2, t.decimal)
    };
    let separator = if t.decimal == ',' { ';' } else { ',' };
    let mut w = Csv { out: String::from('\u{feff}'), separator, first: true };
    for head in t.csv_heads.row() {
        w.field(head);
    }
    for &c in models {
        w.field(t.contract(c));
    }
    w.field(t.csv_request);
    w.end();
    for (i, (c, line)) in s.changes.iter().zip(&p.lines).enumerate() {
        w.field(&integer(i as i64 + 1));
        w.field(&c.title);
        w.field(t.kind(c.kind));
        w.field(t.phase(c.phase));
        w.field(&hours(crate::core::effort::Effort::minutes(c.effort.likely).units()));
        w.field(&hours(line.effective.units()));
        for &m in models {
            w.field(&money(if m == Contract::Fixed { line.fixed } else { line.hourly }));
        }
        w.field(if line.is_request() { t.csv_yes } else { t.csv_no });
        w.end();
    }
    for (label, pick) in [(t.change_part, 0), (t.baseline_part, 1), (t.total, 2)] {
        for text in ["", label, "", "", "", ""] {
            w.field(text);
        }
        for &m in models {
            let part = p.part(m);
            w.field(&money([part.changes, part.baseline, part.total][pick]));
        }
        w.field("");
        w.end();
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::for_tag;
    use crate::core::pricing::price;
    use crate::core::scenario::{Change, Kind, Phase};

    fn worked_example() -> Scenario {
        Scenario {
            changes: vec![
                Change::new(1, "logo bigger", Kind::Tweak, 120, Phase::Build),
                Change::new(2, "sample documents; \"outdated\"", Kind::Rework, 960, Phase::Build),
                Change::new(3, "=HYPERLINK(\"x\")", Kind::Stakeholder, 360, Phase::Build),
            ],
            ..Scenario::default()
        }
    }

    #[test]
    fn german_csv_uses_semicolons_and_decimal_commas() {
        let s = worked_example();
        let p = price(&s).unwrap();
        let de = for_tag("de").unwrap();
        let text = csv(de, &s, &p, &[Contract::Hourly, Contract::Fixed]);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0].starts_with('\u{feff}'));
        assert_eq!(
            lines[0].trim_start_matches('\u{feff}'),
            "Nr.;Beschreibung;Art;Phase;Aufwand (Std.);Mit Phasenfaktor (Std.);Nach Aufwand;Festpreis;Änderungsauftrag"
        );
        assert_eq!(lines[1], "1;logo bigger;Kleine Änderung;Umsetzung;2,00;3,00;332,50;0,00;nein");
        assert_eq!(
            lines[2],
            "2;\"sample documents; \"\"outdated\"\"\";Überarbeitung;Umsetzung;16,00;24,00;2327,50;1900,00;ja"
        );
        assert_eq!(lines[3], "3;\"'=HYPERLINK(\"\"x\"\")\";Neue Beteiligte;Umsetzung;6,00;16,20;1586,50;1634,00;ja");
        assert_eq!(lines[4], ";Änderungen;;;;;4246,50;3534,00;");
        assert_eq!(lines[6], ";Gesamt;;;;;15646,50;17214,00;");
        assert_eq!(lines[7], "");
    }

    #[test]
    fn english_csv_uses_commas_and_decimal_points() {
        let s = worked_example();
        let p = price(&s).unwrap();
        let en = for_tag("en").unwrap();
        let text = csv(en, &s, &p, &[Contract::Hourly, Contract::Fixed, Contract::Capped]);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[1], "1,logo bigger,Small tweak,Build,2.00,3.00,332.50,0.00,332.50,no");
        assert_eq!(lines[6], ",Total,,,,,15646.50,17214.00,15646.50,");
    }

    #[test]
    fn the_summary_lists_totals_changes_and_link() {
        let s = worked_example();
        let p = price(&s).unwrap();
        let en = for_tag("en").unwrap();
        let money = |m: Money| format!("€{}", crate::core::parse::format_grouped(m.cents(), 2, 2, '.'));
        let pct = |bp: i64| format!("{bp} bp");
        let hours = |_e: crate::core::effort::Effort| String::new();
        let f = Formatters { money: &money, whole: &money, percent: &pct, hours: &hours };
        let text = summary(en, &s, &p, &[Contract::Hourly, Contract::Fixed], "An insight.", "https://x/#cc=A", &f);
        assert!(text.starts_with(
            "What will your changes cost?\n\nBy the hour, as estimated: €15,646.50 (changes: €4,246.50)\nFixed price, \
             as estimated: €17,214.00 (changes: €3,534.00)\n\nAn insight.\n"
        ));
        assert!(text
            .contains("\n1. logo bigger (Small tweak, Build): by the hour €332.50, fixed price covered by the included change hours\n"));
        assert!(text.ends_with("\nhttps://x/#cc=A\n"));
    }
}
