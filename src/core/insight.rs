//! The sentences the results speak: the one-sentence insight, break-even
//! and bundling, in the client's language, from the figures. Amounts are
//! formatted by the caller (the browser's `Intl.NumberFormat`).

use crate::core::decide::{BreakEven, Bundle};
use crate::core::effort::Effort;
use crate::core::i18n::{fill, fill_n, ChangesLike, Texts};
use crate::core::money::Money;
use crate::core::parse::format_grouped;
use crate::core::pricing::Pricing;
use crate::core::scenario::{Contract, Scenario};

/// How the caller writes figures.
pub struct Formatters<'a> {
    /// An amount with its currency.
    pub money: &'a dyn Fn(Money) -> String,
    /// Basis points as a percentage.
    pub percent: &'a dyn Fn(i64) -> String,
    /// An effort in hours.
    pub hours: &'a dyn Fn(Effort) -> String,
}

/// The insight: before any change, what the fixed price's difference to
/// the likely hourly cost is (a risk premium only when it is one); with
/// changes, first which contract is cheaper in total with the likely
/// figures, then what the changes cost under every contract shown, side by
/// side, and (once simulated) the odds both ways.
pub fn insight(
    t: &Texts,
    scenario: &Scenario,
    pricing: &Pricing,
    models: &[Contract],
    fixed_cheaper_bp: Option<u32>,
    f: &Formatters<'_>,
) -> String {
    let hourly = pricing.part(Contract::Hourly);
    let fixed = pricing.part(Contract::Fixed);
    let both = models.contains(&Contract::Hourly) && models.contains(&Contract::Fixed);
    let n = pricing.lines.len();
    if n == 0 {
        let gap = fixed.total.cents() - hourly.total.cents();
        let amount = (f.money)(Money::from_cents(gap.abs()));
        let template = match gap.signum() {
            1 if scenario.fixed_price.is_none() && scenario.premium > 0 => t.insight_start_premium,
            1 => t.insight_start_above,
            -1 => t.insight_start_below,
            _ => t.insight_start_equal,
        };
        return if both { fill_n(template, &[&amount]) } else { String::new() };
    }
    let items: Vec<String> =
        models.iter().map(|&c| fill(t.in_contract[c as usize], &(f.money)(pricing.part(c).changes))).collect();
    let list = match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => [rest.join(", "), t.and.to_owned(), last.clone()].concat(),
        None => String::new(),
    };
    let costs = if n == 1 {
        fill_n(t.insight_one, &[&list])
    } else {
        fill_n(t.insight_many, &[&list, &format_grouped(n as i64, 0, 0, t.decimal)])
    };
    if !both {
        return costs;
    }
    // What it means for the client first, the details after.
    let gap = fixed.total.cents() - hourly.total.cents();
    let which = match gap.signum() {
        1 => t.insight_cheaper.hourly,
        -1 => t.insight_cheaper.fixed,
        _ => t.insight_cheaper.same,
    };
    let mut out = fill_n(which, &[&(f.money)(Money::from_cents(gap.abs()))]);
    out.push(' ');
    out.push_str(&costs);
    match fixed_cheaper_bp {
        Some(0) => out.push_str(t.insight_odds_none),
        Some(10_000..) => out.push_str(t.insight_odds_all),
        Some(bp) => {
            // Whole outcomes of 100, never rounded to "0 of 100" or "100
            // of 100" when some but not all are.
            let of_100 = ((bp + 50) / 100).clamp(1, 99);
            let template = if of_100 == 99 { t.insight_odds_one_left } else { t.insight_odds };
            out.push_str(&fill_n(template, &[&of_100.to_string(), &(100 - of_100).to_string()]));
        }
        None => {}
    }
    out
}

/// Where billing by the hour comes to cost at least as much as the fixed
/// price, for the likely figures and, once simulated, in an unfavourable
/// case (the 90th percentiles). `changes` is how many the client entered:
/// without any, the "average change" is a one-hour change.
pub fn break_even_text(
    t: &Texts,
    likely: BreakEven,
    p90: Option<Option<usize>>,
    changes: usize,
    f: &Formatters<'_>,
) -> String {
    let none = changes == 0;
    let like = |forms: &ChangesLike| if none { forms.one_hour } else { forms.yours };
    let mut out = match likely {
        BreakEven::At(0) => t.be_start.to_owned(),
        BreakEven::At(k) => fill_n(t.be_at, &[&k.to_string()]),
        BreakEven::After { changes: k, effort } => {
            let k = usize::try_from(k).unwrap_or(usize::MAX);
            let count = if none { t.plural(t.count, k) } else { t.plural(t.count_more, k) };
            fill_n(t.be_after, &[&count, like(&t.like_yours), &(f.hours)(effort)])
        }
        BreakEven::Never => fill_n(t.be_never, &[like(&t.never_changes)]),
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

/// What deciding the changes together, in one step, saves.
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

    const BOTH: [Contract; 2] = [Contract::Hourly, Contract::Fixed];
    const ALL: [Contract; 3] = Contract::ALL;

    #[test]
    fn hourly_cheaper_the_worked_example() {
        let s = worked_example();
        let p = price(&s).unwrap();
        let de = for_tag("de").unwrap();
        assert_eq!(
            insight(de, &s, &p, &BOTH, Some(4_360), &F),
            "Mit den wahrscheinlichen Zahlen ist die Abrechnung nach Aufwand insgesamt 1.567,50 € günstiger. Ihre 3 Änderungen kosten nach Aufwand 4.246,50 € und zum Festpreis 3.534,00 €. In 44 von 100 simulierten Verläufen ist der Festpreis günstiger; in den übrigen 56 kostet die Abrechnung nach Aufwand nicht mehr."
        );
        let en = for_tag("en").unwrap();
        assert_eq!(
            insight(en, &s, &p, &BOTH, Some(4_360), &F),
            "With the likely figures, billing by the hour is 1.567,50 € cheaper in total. Your 3 changes cost 4.246,50 € billed by the hour and 3.534,00 € at the fixed price. In 44 of 100 simulated outcomes the fixed price is cheaper; in the other 56, billing by the hour costs no more."
        );
        // Before the simulation, and with all three contracts shown.
        assert_eq!(
            insight(en, &s, &p, &ALL, None, &F),
            "With the likely figures, billing by the hour is 1.567,50 € cheaper in total. Your 3 changes cost 4.246,50 € billed by the hour, 3.534,00 € at the fixed price and 4.246,50 € by the hour with a cap."
        );
        assert_eq!(
            insight(de, &s, &p, &ALL, None, &F),
            "Mit den wahrscheinlichen Zahlen ist die Abrechnung nach Aufwand insgesamt 1.567,50 € günstiger. Ihre 3 Änderungen kosten nach Aufwand 4.246,50 €, zum Festpreis 3.534,00 € und nach Aufwand mit Obergrenze 4.246,50 €."
        );
    }

    #[test]
    fn fixed_cheaper_with_an_entered_fixed_price() {
        // Fixed 10,000.00 + 3,534.00 = 13,534.00 < 15,646.50: 2,112.50.
        let s = Scenario { fixed_price: Some(Money::from_cents(1_000_000)), ..worked_example() };
        let p = price(&s).unwrap();
        let en = for_tag("en").unwrap();
        assert_eq!(
            insight(en, &s, &p, &BOTH, Some(10_000), &F),
            "With the likely figures, the fixed price is 2.112,50 € cheaper in total. Your 3 changes cost 4.246,50 € billed by the hour and 3.534,00 € at the fixed price. In every simulated outcome the fixed price is cheaper."
        );
        let de = for_tag("de").unwrap();
        assert_eq!(
            insight(de, &s, &p, &BOTH, Some(9_990), &F),
            "Mit den wahrscheinlichen Zahlen ist der Festpreis insgesamt 2.112,50 € günstiger. Ihre 3 Änderungen kosten nach Aufwand 4.246,50 € und zum Festpreis 3.534,00 €. In 99 von 100 simulierten Verläufen ist der Festpreis günstiger; im übrigen einen kostet die Abrechnung nach Aufwand nicht mehr."
        );
        // One outcome left: the singular, not "the other 1".
        assert!(insight(en, &s, &p, &BOTH, Some(9_900), &F).ends_with(
            "In 99 of 100 simulated outcomes the fixed price is cheaper; in the remaining one, billing by the hour costs \
             no more."
        ));
    }

    #[test]
    fn one_change_is_singular_and_no_odds_reads_none() {
        let mut s = worked_example();
        s.changes.truncate(1);
        let p = price(&s).unwrap();
        let (de, en) = (for_tag("de").unwrap(), for_tag("en").unwrap());
        assert!(insight(en, &s, &p, &BOTH, Some(0), &F).starts_with(
            "With the likely figures, billing by the hour is 1.947,50 € cheaper in total. Your change costs 332,50 € billed by the hour and 0,00 € at the fixed price. In none of the simulated outcomes"
        ));
        assert!(insight(de, &s, &p, &BOTH, None, &F)
            .ends_with(" Ihre Änderung kostet nach Aufwand 332,50 € und zum Festpreis 0,00 €."));
    }

    #[test]
    fn without_changes_a_premium_is_called_one_only_when_it_is_one() {
        let (de, en) = (for_tag("de").unwrap(), for_tag("en").unwrap());
        let s = Scenario::default();
        let p = price(&s).unwrap();
        assert_eq!(
            insight(en, &s, &p, &BOTH, Some(0), &F),
            "Without changes, the fixed price is 2.280,00 € more than the likely cost billed by the hour: the risk premium for the consultant carrying the risk of a longer project."
        );
        assert_eq!(
            insight(de, &s, &p, &BOTH, Some(0), &F),
            "Ohne Änderungen liegt der Festpreis 2.280,00 € über den wahrscheinlichen Kosten nach Aufwand: der Risikoaufschlag dafür, dass der Dienstleister das Risiko eines längeren Projekts trägt."
        );
        // An entered fixed price above: a difference, not called a premium.
        let s = Scenario { fixed_price: Some(Money::from_cents(1_200_000)), ..Scenario::default() };
        let p = price(&s).unwrap();
        assert_eq!(
            insight(en, &s, &p, &BOTH, None, &F),
            "Without changes, the fixed price is 600,00 € more than the likely cost billed by the hour."
        );
        let s = Scenario { fixed_price: Some(Money::from_cents(1_000_000)), ..Scenario::default() };
        let p = price(&s).unwrap();
        assert_eq!(
            insight(de, &s, &p, &BOTH, None, &F),
            "Ohne Änderungen liegt der Festpreis 1.400,00 € unter den wahrscheinlichen Kosten nach Aufwand."
        );
        let s = Scenario { premium: 0, ..Scenario::default() };
        let p = price(&s).unwrap();
        assert_eq!(
            insight(en, &s, &p, &BOTH, None, &F),
            "Without changes, the fixed price and the likely cost billed by the hour are the same."
        );
    }

    #[test]
    fn break_even_sentences() {
        let (de, en) = (for_tag("de").unwrap(), for_tag("en").unwrap());
        let s = worked_example();
        let p = price(&s).unwrap();
        let likely = break_even(&s, &p).unwrap();
        assert_eq!(likely, BreakEven::Never);
        // Never, and an unfavourable case that breaks even at change 2.
        assert_eq!(
            break_even_text(en, likely, Some(Some(2)), 3, &F),
            "With the likely figures, billing by the hour stays cheaper however many changes like yours follow. In an unfavourable case (only 1 in 10 simulated outcomes costs more), billing by the hour costs at least as much as the fixed price from change 2 on."
        );
        assert_eq!(
            break_even_text(de, likely, Some(Some(0)), 3, &F),
            "Mit den wahrscheinlichen Zahlen bleibt die Abrechnung nach Aufwand günstiger, egal wie viele Änderungen wie Ihre noch folgen. Im ungünstigen Fall (nur 1 von 10 simulierten Verläufen kostet mehr) kostet die Abrechnung nach Aufwand schon ohne Änderungen mindestens so viel wie der Festpreis."
        );
        // Without changes the "average change" is a one-hour change.
        assert_eq!(
            break_even_text(en, likely, None, 0, &F),
            "With the likely figures, billing by the hour stays cheaper however many one-hour changes follow."
        );
        // Already, and at a change.
        assert_eq!(
            break_even_text(en, BreakEven::At(0), Some(Some(0)), 3, &F),
            "With the likely figures, billing by the hour costs at least as much as the fixed price even without changes."
        );
        assert_eq!(
            break_even_text(de, BreakEven::At(3), Some(None), 3, &F),
            "Mit den wahrscheinlichen Zahlen kostet die Abrechnung nach Aufwand ab Änderung 3 mindestens so viel wie der Festpreis. Auch im ungünstigen Fall bleibt die Abrechnung nach Aufwand bei Ihren Änderungen günstiger."
        );
        // Ahead, in the plural and the singular.
        let after = |changes| BreakEven::After { changes, effort: Effort::minutes(1_620) };
        assert_eq!(
            break_even_text(en, after(2), None, 3, &F),
            "With the likely figures, both cost the same only after about 2 more changes like yours (27 Std. more effort); until then, billing by the hour is cheaper."
        );
        assert_eq!(
            break_even_text(de, after(1), None, 3, &F),
            "Mit den wahrscheinlichen Zahlen sind beide erst nach etwa 1 weiteren Änderung wie Ihren gleich teuer (27 Std. mehr Aufwand); bis dahin ist die Abrechnung nach Aufwand günstiger."
        );
        assert_eq!(
            break_even_text(en, after(1), None, 0, &F),
            "With the likely figures, both cost the same only after about 1 change of one hour each (27 Std. more effort); until then, billing by the hour is cheaper."
        );
    }

    #[test]
    fn bundling_sentences() {
        let s = worked_example();
        let p = price(&s).unwrap();
        let b = bundle(&s, &p).unwrap();
        assert_eq!(
            bundle_text(for_tag("en").unwrap(), &b, &F),
            "Decided together in one step, the changes would cost 95,00 € less billed by the hour and 95,00 € less at the fixed price."
        );
        assert_eq!(
            bundle_text(for_tag("de").unwrap(), &b, &F),
            "Gemeinsam in einem Schritt entschieden, kosteten die Änderungen nach Aufwand 95,00 € und zum Festpreis 95,00 € weniger."
        );
    }
}
