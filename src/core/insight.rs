//! The sentences the results speak: the one-sentence insight, break-even
//! and bundling, in the client's language, from the figures. Amounts are
//! formatted by the caller (the browser's `Intl.NumberFormat`).

use crate::core::decide::{BreakEven, Bundle};
use crate::core::effort::Effort;
use crate::core::i18n::{fill_n, Texts};
use crate::core::money::Money;
use crate::core::pricing::Pricing;
use crate::core::scenario::Contract;

/// How the caller writes figures.
pub struct Formatters<'a> {
    /// An amount with its currency.
    pub money: &'a dyn Fn(Money) -> String,
    /// Basis points as a percentage.
    pub percent: &'a dyn Fn(i64) -> String,
    /// An effort in hours.
    pub hours: &'a dyn Fn(Effort) -> String,
}

/// The one-sentence insight: what the changes add under hourly, how often
/// the fixed price is cheaper (once the simulation has run), and what
/// bundling would save.
pub fn insight(
    t: &Texts,
    pricing: &Pricing,
    fixed_cheaper_bp: Option<u32>,
    bundle: Option<&Bundle>,
    f: &Formatters<'_>,
) -> String {
    let hourly = pricing.part(Contract::Hourly);
    let n = pricing.lines.len();
    if n == 0 {
        let gap = pricing.fixed_price.cents() - hourly.total.cents();
        let template = if gap >= 0 { t.insight_start_above } else { t.insight_start_below };
        return fill_n(template, &[&(f.money)(Money::from_cents(gap.abs()))]);
    }
    let amount = (f.money)(hourly.changes);
    let share = hourly.churn_bp().map(|bp| format!("+{}", (f.percent)(bp))).unwrap_or_default();
    let mut out = if n == 1 {
        fill_n(t.insight_one, &[&amount, &share])
    } else {
        fill_n(t.insight_many, &[&n.to_string(), &amount, &share])
    };
    match fixed_cheaper_bp {
        Some(bp) => out.push_str(&fill_n(t.insight_odds, &[&(f.percent)(i64::from(bp))])),
        None => out.push('.'),
    }
    if let Some(b) = bundle.filter(|b| n > 1 && b.hourly_saving > Money::ZERO) {
        out.push_str(&fill_n(t.insight_bundle, &[&(f.money)(b.hourly_saving)]));
    }
    out
}

/// Where the fixed price stops being the more expensive contract, for the
/// likely figures and, once simulated, for P90.
pub fn break_even_text(t: &Texts, likely: BreakEven, p90: Option<Option<usize>>, f: &Formatters<'_>) -> String {
    let mut out = match likely {
        BreakEven::At(0) => t.be_start.to_owned(),
        BreakEven::At(k) => fill_n(t.be_at, &[&k.to_string()]),
        BreakEven::After { changes, effort } => fill_n(t.be_after, &[&changes.to_string(), &(f.hours)(effort)]),
        BreakEven::Never => t.be_never.to_owned(),
    };
    let likely_at = match likely {
        BreakEven::At(k) => Some(k),
        _ => None,
    };
    match p90 {
        Some(Some(k)) if Some(k) != likely_at && likely_at != Some(0) => {
            out.push(' ');
            if k == 0 {
                out.push_str(t.be_p90_start);
            } else {
                out.push_str(&fill_n(t.be_p90, &[&k.to_string()]));
            }
        }
        Some(None) if likely_at.is_some() => {
            out.push(' ');
            out.push_str(t.be_p90_none);
        }
        _ => {}
    }
    out
}

/// What bundling the changes into one change window saves.
pub fn bundle_text(t: &Texts, bundle: &Bundle, f: &Formatters<'_>) -> String {
    fill_n(t.bundle, &[&(f.money)(bundle.hourly_saving), &(f.money)(bundle.fixed_saving)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::decide::{break_even, bundle};
    use crate::core::i18n::for_tag;
    use crate::core::parse::format_grouped;
    use crate::core::pricing::price;
    use crate::core::scenario::Scenario;

    fn euro(m: Money) -> String {
        format!("{} €", format_grouped(m.cents(), 2, 2, ','))
    }
    fn pct(bp: i64) -> String {
        format!("{} %", format_grouped(bp, 2, 0, ','))
    }
    fn hours(e: Effort) -> String {
        format!("{} Std.", format_grouped((e.units() / 600_000_000_000) as i64, 2, 0, ','))
    }
    const F: Formatters<'static> = Formatters { money: &euro, percent: &pct, hours: &hours };

    use crate::core::scenario::fixtures::worked_example;

    #[test]
    fn the_insight_of_the_worked_example() {
        let s = worked_example();
        let p = price(&s).unwrap();
        let b = bundle(&s, &p).unwrap();
        let de = for_tag("de").unwrap();
        assert_eq!(
            insight(de, &p, Some(3_100), Some(&b), &F),
            "Ihre 3 Änderungen kosten nach Stundensatz 4.246,50 € zusätzlich (+37,25 %); der Festpreis wäre in \
             31 % der Fälle günstiger. Gebündelt in einem Änderungsfenster kosten sie 95,00 € weniger."
        );
        let en = for_tag("en").unwrap();
        assert_eq!(
            insight(en, &p, None, Some(&b), &F),
            "Your 3 changes add 4.246,50 € (+37,25 %) on an hourly contract. Bundled into one change window they \
             would cost 95,00 € less."
        );
    }

    #[test]
    fn without_changes_the_insight_explains_the_premium() {
        let s = Scenario::default();
        let p = price(&s).unwrap();
        let en = for_tag("en").unwrap();
        assert!(
            insight(en, &p, Some(0), None, &F).starts_with("Before any change, the fixed price is 2.280,00 € above")
        );
    }

    #[test]
    fn break_even_sentences() {
        let en = for_tag("en").unwrap();
        let s = worked_example();
        let p = price(&s).unwrap();
        let likely = break_even(&s, &p).unwrap();
        assert_eq!(
            break_even_text(en, likely, Some(Some(2)), &F),
            "With the likely figures and changes like yours, hourly never catches up with the fixed price. In a \
             bad case (P90), the fixed price is no more expensive from change 2 on."
        );
        assert_eq!(
            break_even_text(en, likely, Some(Some(0)), &F),
            "With the likely figures and changes like yours, hourly never catches up with the fixed price. In a \
             bad case (P90), the fixed price is no more expensive from the start."
        );
        assert_eq!(
            break_even_text(en, BreakEven::At(3), Some(None), &F),
            "From change 3 on, the fixed price is no more expensive than hourly. In a bad case (P90), not within \
             your changes."
        );
        assert_eq!(
            break_even_text(en, BreakEven::After { changes: 2, effort: Effort::minutes(1_620) }, None, &F),
            "The fixed price would pay off after about 2 more changes like yours (27 Std. more effort)."
        );
    }
}
