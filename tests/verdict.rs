//! The verdict (MODEL.md, "The verdict: what the client is told"): the
//! sentences for the defaults without changes and for the worked example
//! in both languages, pinned; their figures against a reference computation
//! of the fitted triangles; the catch-up, cap and summary sentences by hand;
//! and properties over random scenarios: no "every outcome" where a trial
//! lies on the other side, odds that add up to 100, "in exchange" only for
//! a premium that buys protection.

use changecost::core::i18n::{for_tag, ALL};
use changecost::core::{
    bundle, format_grouped, price, shares, simulate, spread, summary_bar, verdict, whole_units, Comparison, Contract,
    Effort, Formatters, Money, Range, Scenario, Share, Simulation, Texts, Triangle, Verdict,
};
use proptest::prelude::*;

use crate::simulation::scenario;
use crate::strategies::config;
use crate::worked_example;

fn euro_de(m: Money) -> String {
    format!("{} €", format_grouped(m.cents(), 2, 2, ','))
}
fn whole_de(m: Money) -> String {
    format!("{} €", format_grouped(m.cents() / 100, 0, 0, ','))
}
fn hours_de(e: Effort) -> String {
    format!("{} Std.", format_grouped((e.units() / 600_000_000_000) as i64, 2, 0, ','))
}
fn euro_en(m: Money) -> String {
    let sign = if m.cents() < 0 { "-" } else { "" };
    format!("{sign}€{}", format_grouped(m.cents().abs(), 2, 2, '.'))
}
fn whole_en(m: Money) -> String {
    let sign = if m.cents() < 0 { "-" } else { "" };
    format!("{sign}€{}", format_grouped(m.cents().abs() / 100, 0, 0, '.'))
}
fn hours_en(e: Effort) -> String {
    format!("{} h", format_grouped((e.units() / 600_000_000_000) as i64, 2, 0, '.'))
}
fn percent(bp: i64) -> String {
    format!("{bp} bp")
}
const DE: Formatters<'static> = Formatters { money: &euro_de, whole: &whole_de, percent: &percent, hours: &hours_de };
const EN: Formatters<'static> = Formatters { money: &euro_en, whole: &whole_en, percent: &percent, hours: &hours_en };

fn de() -> &'static Texts {
    for_tag("de").unwrap()
}
fn en() -> &'static Texts {
    for_tag("en").unwrap()
}

const BOTH: [Contract; 2] = [Contract::Hourly, Contract::Fixed];

/// The verdict as the widget computes it, for `models`.
fn say(t: &Texts, s: &Scenario, models: &[Contract], sim: Option<&Simulation>, f: &Formatters<'_>) -> Verdict {
    let p = price(s).unwrap();
    let b = bundle(s, &p).unwrap();
    verdict(t, s, &p, models, sim, Some(&b), f)
}

// ---------------------------------------------------------------------------
// 1. The sentences, pinned.

#[test]
fn the_defaults_without_changes() {
    let s = Scenario::default();
    let sim = simulate(&s).unwrap();
    let v = say(en(), &s, &BOTH, Some(&sim), &EN);
    assert_eq!(
        v.answer,
        "In 63 of 100 simulated outcomes, billing by the hour is cheaper; in 37 of 100, the fixed price is. In the \
         middle outcome, billing by the hour costs €1,024 less than the fixed price. On average, the fixed price costs \
         you €698 more than billing by the hour. In exchange, in the worst 1 in 10 outcomes billing by the hour costs \
         at least €3,359 more."
    );
    assert_eq!(
        v.estimate,
        "If everything goes as estimated, the fixed price is €2,280.00 more than billing by the hour: the risk premium \
         for the consultant carrying the risk of a longer project. If everything goes as estimated, one-hour changes do \
         not make the fixed price catch up: as a change request, each costs €47.50 more than billed by the hour."
    );
    assert_eq!((v.cap.as_str(), v.bundle.as_str()), ("", ""));
    let v = say(de(), &s, &BOTH, Some(&sim), &DE);
    assert_eq!(
        v.answer,
        "In 63 von 100 simulierten Verläufen ist die Abrechnung nach Aufwand günstiger, in 37 von 100 der Festpreis. Im \
         mittleren Verlauf kostet die Abrechnung nach Aufwand 1.024 € weniger als der Festpreis. Im \
         Durchschnitt kostet Sie der Festpreis 698 € mehr als die Abrechnung nach Aufwand. Dafür kostet die Abrechnung \
         nach Aufwand im ungünstigsten Zehntel der Verläufe mindestens 3.359 € mehr."
    );
    assert_eq!(
        v.estimate,
        "Wenn alles so kommt wie geschätzt, liegt der Festpreis 2.280,00 € über der Abrechnung nach Aufwand: der \
         Aufschlag dafür, dass der Dienstleister das Risiko eines längeren Projekts trägt. Kommt alles wie geschätzt, \
         holt der Festpreis mit einstündigen Änderungen nicht auf: Als Änderungsauftrag kostet jede 47,50 € mehr als \
         nach Aufwand."
    );
}

#[test]
fn the_worked_example() {
    let s = worked_example();
    let sim = simulate(&s).unwrap();
    let v = say(en(), &s, &BOTH, Some(&sim), &EN);
    assert_eq!(
        v.answer,
        "In 56 of 100 simulated outcomes, billing by the hour is cheaper; in 44 of 100, the fixed price is. In the \
         middle outcome, billing by the hour costs €504 less than the fixed price. On average, the fixed price costs \
         you €71 more than billing by the hour. In exchange, in the worst 1 in 10 outcomes billing by the hour costs at \
         least €4,028 more."
    );
    assert_eq!(
        v.estimate,
        "If everything goes as estimated, billing by the hour is €1,567.50 cheaper in total. Your three changes cost \
         €4,246.50 billed by the hour and €3,534.00 at the fixed price. If everything goes as estimated, further changes \
         like yours do not make the fixed price catch up: as a change request, each costs €47.50 more than billed by \
         the hour."
    );
    assert_eq!(
        v.bundle,
        "Decided together in one step, the changes would cost €95.00 less billed by the hour and €95.00 less at the \
         fixed price."
    );
    let v = say(de(), &s, &BOTH, Some(&sim), &DE);
    assert_eq!(
        v.answer,
        "In 56 von 100 simulierten Verläufen ist die Abrechnung nach Aufwand günstiger, in 44 von 100 der Festpreis. Im \
         mittleren Verlauf kostet die Abrechnung nach Aufwand 504 € weniger als der Festpreis. Im Durchschnitt kostet \
         Sie der Festpreis 71 € mehr als die Abrechnung nach Aufwand. Dafür kostet die Abrechnung nach Aufwand im \
         ungünstigsten Zehntel der Verläufe mindestens 4.028 € mehr."
    );
    assert_eq!(
        v.estimate,
        "Wenn alles so kommt wie geschätzt, ist die Abrechnung nach Aufwand insgesamt 1.567,50 € günstiger. Ihre drei \
         Änderungen kosten nach Aufwand 4.246,50 € und zum Festpreis 3.534,00 €. Kommt alles wie geschätzt, holt der \
         Festpreis mit weiteren Änderungen wie Ihren nicht auf: Als Änderungsauftrag kostet jede 47,50 € mehr als nach \
         Aufwand."
    );
    // All three contracts: the cap, and capped hourly against the fixed
    // price.
    let v = say(en(), &s, &Contract::ALL, Some(&sim), &EN);
    assert_eq!(
        v.cap,
        "The cap covers only the agreed scope: at most €13,110.00; changes are billed on top. It applies in 42 of 100 \
         simulated outcomes and saves €3,886 in the bad case. In 56 of 100 simulated outcomes, billing by the hour with \
         a cap is cheaper; in 44 of 100, the fixed price is. In the middle outcome, billing by the hour with a cap costs \
         €504 less than the fixed price."
    );
    let v = say(de(), &s, &Contract::ALL, Some(&sim), &DE);
    assert_eq!(
        v.cap,
        "Die Obergrenze gilt nur für den vereinbarten Umfang: höchstens 13.110,00 €; Änderungen werden zusätzlich \
         abgerechnet. Sie greift in 42 von 100 simulierten Verläufen und spart im ungünstigen Fall 3.886 €. In 56 von 100 \
         simulierten Verläufen ist die Abrechnung nach Aufwand mit Obergrenze günstiger, in 44 von 100 der Festpreis. Im \
         mittleren Verlauf kostet die Abrechnung nach Aufwand mit Obergrenze 504 € weniger als der Festpreis."
    );
}

#[test]
fn before_the_simulation_only_the_figures_as_estimated() {
    let s = worked_example();
    let v = say(en(), &s, &BOTH, None, &EN);
    assert_eq!(v.answer, "");
    // The catch-up stands only beside the odds.
    assert_eq!(
        v.estimate,
        "If everything goes as estimated, billing by the hour is €1,567.50 cheaper in total. Your three changes cost \
         €4,246.50 billed by the hour and €3,534.00 at the fixed price."
    );
    let p = price(&s).unwrap();
    assert_eq!(
        summary_bar(de(), &p, &BOTH, None, &DE),
        ["Wie geschätzt: nach Aufwand 1.567,50 € günstiger".to_owned(), "Simulation läuft …".to_owned()]
    );
}

#[test]
fn where_nothing_varies_the_verdict_says_so_without_odds() {
    let mut s = worked_example();
    s.baseline = Range::exact(7_200);
    let sim = simulate(&s).unwrap();
    assert!(sim.exact);
    let v = say(en(), &s, &Contract::ALL, Some(&sim), &EN);
    assert_eq!(
        v.answer,
        "Every estimate is a single figure, so nothing varies: each contract costs exactly its total as estimated."
    );
    assert!(v
        .estimate
        .starts_with("If everything goes as estimated, billing by the hour is €1,567.50 cheaper in total."));
    assert_eq!(
        v.cap,
        "The cap covers only the agreed scope: at most €13,110.00; changes are billed on top. If everything goes as \
         estimated, the agreed scope does not exceed it."
    );
    let p = price(&s).unwrap();
    assert_eq!(summary_bar(en(), &p, &BOTH, Some(&sim), &EN)[1], "");
    for t in ALL {
        let all: String = say(t, &s, &Contract::ALL, Some(&sim), &EN).paragraphs().collect();
        assert!(!all.contains(" of 100") && !all.contains(" von 100"), "{all}");
    }
}

#[test]
fn a_fixed_price_cheaper_in_every_outcome_says_every() {
    // An entered fixed price of 5,000.00: below the best hourly outcome.
    let s = Scenario { fixed_price: Some(Money::from_cents(500_000)), ..worked_example() };
    let sim = simulate(&s).unwrap();
    assert_eq!(sim.hourly_fixed.second, sim.trials);
    let v = say(en(), &s, &BOTH, Some(&sim), &EN);
    assert!(v.answer.starts_with("In every simulated outcome the fixed price is cheaper. "), "{}", v.answer);
    let v = say(de(), &s, &BOTH, Some(&sim), &DE);
    assert!(v.answer.starts_with("In jedem simulierten Verlauf ist der Festpreis günstiger. "), "{}", v.answer);
    // As estimated, the fixed price is cheaper already: no catch-up.
    assert!(v.estimate.starts_with("Wenn alles so kommt wie geschätzt, ist der Festpreis insgesamt"));
    assert!(!v.estimate.contains("Wie geschätzt"), "{}", v.estimate);
}

#[test]
fn the_summary_bar_carries_the_odds() {
    let s = worked_example();
    let p = price(&s).unwrap();
    let sim = simulate(&s).unwrap();
    assert_eq!(
        summary_bar(en(), &p, &BOTH, Some(&sim), &EN),
        [
            "As estimated: by the hour €1,567.50 cheaper".to_owned(),
            "Simulated: by the hour cheaper in 56 of 100".to_owned()
        ]
    );
    assert_eq!(
        summary_bar(de(), &p, &BOTH, Some(&sim), &DE),
        [
            "Wie geschätzt: nach Aufwand 1.567,50 € günstiger".to_owned(),
            "Simuliert: in 56 von 100 Verläufen nach Aufwand günstiger".to_owned()
        ]
    );
    // Without the fixed price there is nothing to compare.
    assert_eq!(summary_bar(en(), &p, &[Contract::Hourly], Some(&sim), &EN), [String::new(), String::new()]);
}

#[test]
fn a_spread_in_whole_units_and_the_estimate_to_the_cent() {
    let s = worked_example();
    let p = price(&s).unwrap();
    let sim = simulate(&s).unwrap();
    let (h, f) = (Contract::Hourly as usize, Contract::Fixed as usize);
    assert_eq!(
        spread(en(), &sim.last()[h], sim.means[h], p.part(Contract::Hourly).total, &EN),
        [
            "Simulated outcomes: good case €13,691 (1 in 10 costs this or less), middle outcome €16,710, bad case \
             €21,243 (1 in 10 costs this or more); as estimated €15,646.50."
                .to_owned(),
            "Good case €13,691 · middle €16,710 · bad case €21,243 · average €17,143".to_owned()
        ]
    );
    // The fixed price does not vary: named for screen readers without a good
    // or bad case, and no line.
    let [label, line] = spread(de(), &sim.last()[f], sim.means[f], p.part(Contract::Fixed).total, &DE);
    assert_eq!(label, "Simulierte Verläufe: 17.214 € in jedem; wie geschätzt 17.214,00 €.");
    assert_eq!(line, "");
}

// ---------------------------------------------------------------------------
// 2. The figures against a reference computation.

/// The smallest and the largest possible draw, in minutes.
fn support(t: &Triangle) -> (f64, f64) {
    (t.quantile(0.0), t.quantile(1.0))
}

#[test]
fn the_defaults_agree_with_the_fitted_triangle() {
    // Without changes every contract's total is a function of the baseline
    // alone. The fit of 100 / 120 / 180 h as 80 % bounds is the triangle
    // a / 120 / b with a = 74.52 h and b = 217.26 h (tests/simulation.rs).
    let s = Scenario::default();
    let t = Triangle::new(&s.baseline);
    let (a, b) = support(&t);
    let c = 7_200.0;
    let cdf = |x: f64| {
        if x <= c {
            (x - a).powi(2) / ((b - a) * (c - a))
        } else {
            1.0 - (b - x).powi(2) / ((b - a) * (b - c))
        }
    };
    let n = 2_000.0;
    let sim = simulate(&s).unwrap();
    let cmp = Comparison::new(&sim, Contract::Hourly);
    // The fixed price of 13,680.00 buys 144 h by the hour: it is cheaper
    // when the baseline exceeds 144 h, P = 1 - F(144 h) = 0.3866 (MODEL.md:
    // "about 39 of 100"). Standard error sqrt(p (1 - p) / n) = 1.09 points;
    // five of them: 5.4 points.
    let p_fixed = 1.0 - cdf(144.0 * 60.0);
    assert!((p_fixed - 0.3866).abs() < 0.0005, "{p_fixed}");
    let simulated = f64::from(sim.hourly_fixed.second) / n;
    assert!((simulated - p_fixed).abs() <= 5.0 * (p_fixed * (1.0 - p_fixed) / n).sqrt(), "{simulated}");
    assert_eq!(cmp.odds, [Share::Of(63), Share::Of(37), Share::None]);
    // The middle outcome: F(x) = 0.5 at x = 133.94 h, 12,724.77 (MODEL.md:
    // "about 133.9 h = 12,725"); the density there, 0.0120 per hour, gives
    // a standard error of 0.93 h = 88.60; five: 443.
    let median = t.quantile(0.5) / 60.0;
    assert!((median - 133.94).abs() < 0.01, "{median}");
    let got = sim.last()[Contract::Hourly as usize].p50.cents();
    assert!((got - 1_272_477).abs() <= 44_300, "{got}");
    // The average: (a + c + b) / 3 = 137.26 h, 13,039.88 (MODEL.md: "about
    // 137.3 h = 13,040"); the triangle's standard deviation is 29.4 h, the
    // mean's standard error 0.66 h = 62.45; five: 312.
    let mean = (a + c + b) / 3.0 / 60.0;
    assert!((mean - 137.26).abs() < 0.01, "{mean}");
    assert!((sim.means[Contract::Hourly as usize].cents() - 1_303_988).abs() <= 31_200);
    // The bad case: F(x) = 0.9 at the entered worst case, 180 h = 17,100.00;
    // its standard error 1.25 h = 119: five, 594. The difference to the
    // constant fixed price is 3,420.00 give or take the same.
    let got = sim.last()[Contract::Hourly as usize].p90.cents();
    assert!((got - 1_710_000).abs() <= 59_400, "{got}");
    assert!((cmp.bad.cents() - 342_000).abs() <= 59_400, "{:?}", cmp.bad);
    // The fixed price does not vary, so the average difference is the
    // premium less what the spread adds: 13,680 - 13,039.88 = 640.12.
    assert!((cmp.mean[1].cents() - cmp.mean[0].cents() - 64_012).abs() <= 31_200);
}

// ---------------------------------------------------------------------------
// 3. Catch-up and the cap, by hand.

#[test]
fn the_fixed_price_catches_up_after_more_changes_like_yours() {
    // MODEL.md's example with change requests at half the rate and two
    // changes: the gap of 617.50 closes by 593.75 per change of 13.5 h.
    let mut s = Scenario { cr_rate: 5_000, ..worked_example() };
    s.changes.pop();
    let sim = simulate(&s).unwrap();
    assert!(say(en(), &s, &BOTH, Some(&sim), &EN).estimate.ends_with(
        " If everything goes as estimated, the fixed price catches up after two more changes like yours (about 13.5 \
             h each)."
    ));
    assert!(say(de(), &s, &BOTH, Some(&sim), &DE).estimate.ends_with(
        " Kommt alles wie geschätzt, holt der Festpreis nach zwei weiteren Änderungen wie Ihren (je etwa 13,5 Std.) auf."
    ));
    // Three changes: from change 3 on (15,542.00 <= 15,646.50).
    let s = Scenario { cr_rate: 5_000, ..worked_example() };
    let v = say(en(), &s, &BOTH, Some(&simulate(&s).unwrap()), &EN);
    assert!(
        v.estimate.ends_with(
            " If everything goes as estimated, billing by the hour costs at least as much as the fixed price from change \
             3 onwards."
        ),
        "{}",
        v.estimate
    );
    // Without changes and a large allowance: twelve more one-hour changes
    // (tests/simulation.rs, break_even_inside_the_allowance...).
    let s = Scenario { allowance: 600_000, ..Scenario::default() };
    let v = say(de(), &s, &BOTH, Some(&simulate(&s).unwrap()), &DE);
    assert!(
        v.estimate.ends_with(
            " Kommt alles wie geschätzt, holt der Festpreis nach zwölf weiteren einstündigen Änderungen auf."
        ),
        "{}",
        v.estimate
    );
}

#[test]
fn when_a_change_request_costs_as_much_as_billing_by_the_hour() {
    // Admin 0.5 h = switch 0.5 h at 1.0x: each further change widens the gap
    // by nothing, so the gap stays.
    let s = Scenario { cr_admin: 30, ..worked_example() };
    let v = say(en(), &s, &BOTH, Some(&simulate(&s).unwrap()), &EN);
    assert!(v.estimate.ends_with(
        " If everything goes as estimated, further changes like yours do not make the fixed price catch up: as a change \
         request, each costs as much as billed by the hour."
    ), "{}", v.estimate);
}

#[test]
fn the_cap_that_never_applies_and_one_that_mostly_does() {
    // A cap of 500 %: 120 h x 6 = 720 h, far above any draw.
    let s = Scenario { cap: 50_000, ..worked_example() };
    let v = say(en(), &s, &Contract::ALL, Some(&simulate(&s).unwrap()), &EN);
    assert!(
        v.cap.starts_with(
            "The cap covers only the agreed scope: at most €68,400.00; changes are billed on top. In none of the \
             simulated outcomes does the agreed scope exceed it."
        ),
        "{}",
        v.cap
    );
    // A cap of 0 % over a baseline whose best case is the likely one: the
    // cap of 11,400.00 applies to every draw above 120 h, 9 in 10 of them
    // (the best case is the 10th percentile): 1,800 of 2,000, give or take
    // five standard errors of sqrt(0.09 x 2,000) = 13.4.
    let s = Scenario { cap: 0, baseline: Range { low: 7_200, likely: 7_200, high: 10_800 }, ..worked_example() };
    let sim = simulate(&s).unwrap();
    let applies = sim.cap_applies;
    assert!((i64::from(applies) - 1_800).abs() <= 67, "{applies}");
    let v = say(de(), &s, &Contract::ALL, Some(&sim), &DE);
    assert!(
        v.cap.contains(" Sie greift in 89 von 100 simulierten Verläufen und spart im ungünstigen Fall "),
        "{}",
        v.cap
    );
}

// ---------------------------------------------------------------------------
// 4. Odds as whole outcomes of 100.

#[test]
fn odds_in_words_at_the_edges() {
    // One trial in 2,000 is some, but fewer than 1 in 100; the other side
    // then has more than 99 in 100, never "100 of 100".
    let sim = Simulation {
        hourly_fixed: changecost::core::Pair {
            first: 1_999,
            second: 1,
            ties: 0,
            middle: Money::from_cents(-300_000),
            bad: Money::from_cents(500_000),
        },
        ..simulate(&worked_example()).unwrap()
    };
    let s = worked_example();
    let v = say(en(), &s, &BOTH, Some(&sim), &EN);
    assert!(v.answer.starts_with(
        "In more than 99 of 100 simulated outcomes, billing by the hour is cheaper; in fewer than 1 of 100, the fixed \
         price is."
    ), "{}", v.answer);
    let v = say(de(), &s, &BOTH, Some(&sim), &DE);
    assert!(v.answer.starts_with(
        "In mehr als 99 von 100 simulierten Verläufen ist die Abrechnung nach Aufwand günstiger, in weniger als einem von \
         100 der Festpreis."
    ), "{}", v.answer);
    // Ties are named.
    let sim = Simulation {
        hourly_fixed: changecost::core::Pair {
            first: 1_500,
            second: 0,
            ties: 500,
            middle: Money::from_cents(-100),
            bad: Money::ZERO,
        },
        ..sim
    };
    let v = say(en(), &s, &BOTH, Some(&sim), &EN);
    assert!(v.answer.starts_with(
        "In 75 of 100 simulated outcomes, billing by the hour is cheaper; in none is the fixed price cheaper. In 25 of \
         100 both cost the same."
    ), "{}", v.answer);
    assert!(
        v.answer.ends_with(" In 9 of 10 outcomes, billing by the hour costs no more than the fixed price."),
        "{}",
        v.answer
    );
}

/// Words that are never said: the verdict does not promise beyond its trials.
const NEVER: [&str; 8] = [
    "however many",
    "egal wie viele",
    "stays cheaper",
    "bleibt günstiger",
    "never",
    "nie ",
    "with the likely",
    "wahrscheinlichen Zahlen",
];

/// The part of a template before its first slot.
fn head(template: &str) -> &str {
    template.split('{').next().unwrap_or(template).trim_start()
}

proptest! {
    #![proptest_config(config(64))]

    /// Over random scenarios (changes with ranges, so that the fixed price
    /// varies too): every promise backed by every trial, odds of each pair
    /// that add up to 100, the middle outcome pointing the way the odds
    /// do, "in exchange" only where the fixed price costs more on average
    /// and billing by the hour more in the bad case.
    #[test]
    fn no_sentence_promises_what_a_trial_contradicts(s in scenario(false), models in 0..4usize) {
        let models: &[Contract] = match models {
            0 => &BOTH,
            1 => &Contract::ALL,
            2 => &[Contract::Capped, Contract::Fixed],
            _ => &[Contract::Hourly, Contract::Capped],
        };
        let sim = simulate(&s).unwrap();
        for pair in [sim.hourly_fixed, sim.capped_fixed] {
            prop_assert_eq!(pair.first + pair.second + pair.ties, sim.trials);
            let odds = shares([pair.first, pair.second, pair.ties], sim.trials);
            prop_assert_eq!(odds.iter().map(|o| o.of_100()).sum::<u32>(), 100);
            for (share, count) in odds.iter().zip([pair.first, pair.second, pair.ties]) {
                prop_assert_eq!(*share == Share::None, count == 0);
                prop_assert_eq!(*share == Share::All, count == sim.trials);
            }
            // The middle outcome points the way of the odds: the paired
            // median is below zero when the first is cheaper in more than
            // half the trials, above when the second is.
            if u64::from(pair.first) * 2 > u64::from(sim.trials) {
                prop_assert!(pair.middle <= Money::ZERO, "{:?}", pair);
            }
            if u64::from(pair.second) * 2 > u64::from(sim.trials) {
                prop_assert!(pair.middle >= Money::ZERO, "{:?}", pair);
            }
        }
        let lead = if models.contains(&Contract::Hourly) { Contract::Hourly } else { Contract::Capped };
        let pair = if lead == Contract::Hourly { sim.hourly_fixed } else { sim.capped_fixed };
        for (t, f) in [(en(), &EN), (de(), &DE)] {
            let v = say(t, &s, models, Some(&sim), f);
            let all: Vec<&str> = v.paragraphs().collect();
            let all = all.join(" ");
            for word in NEVER {
                prop_assert!(!all.contains(word), "{:?} in {}", word, all);
            }
            let vt = &t.verdict;
            if !sim.exact && models.contains(&Contract::Fixed) {
                // "Every" exactly when one side has every trial; "in none"
                // only when a side has none.
                let every = v.answer.contains(head(vt.odds_every));
                prop_assert_eq!(every, pair.first == sim.trials || pair.second == sim.trials, "{}", v.answer);
                let none = v.answer.contains(vt.odds_none.split("{1}").nth(1).unwrap_or("\u{0}").split('{').next().unwrap());
                if none {
                    prop_assert!(pair.first == 0 || pair.second == 0, "{}", v.answer);
                }
                let exchange = v.answer.contains(head(vt.bad.exchange));
                let c = Comparison::new(&sim, lead);
                let average = whole_units(c.mean[1]).cents() - whole_units(c.mean[0]).cents();
                prop_assert_eq!(exchange, average > 0 && c.bad.cents() >= 100, "{}", v.answer);
                // "No more than" only where the bad case does not cost more.
                if v.answer.contains(head(vt.bad.level)) && v.answer.contains(vt.bad.level.split("{0}").nth(1).unwrap()) {
                    prop_assert!(c.bad.cents() < 100, "{}", v.answer);
                }
            } else {
                prop_assert!(!v.answer.contains(head(vt.odds_every)), "{}", v.answer);
                prop_assert!(!v.answer.contains(head(vt.odds_same)), "{}", v.answer);
            }
            if !models.contains(&Contract::Capped) {
                prop_assert_eq!(v.cap.as_str(), "");
            } else if !sim.exact {
                if v.cap.contains(vt.cap.none.trim_start()) {
                    prop_assert_eq!(sim.cap_applies, 0);
                }
                if v.cap.contains(head(vt.cap.always)) {
                    prop_assert_eq!(sim.cap_applies, sim.trials);
                }
            }
        }
    }

    /// "From change k on", as estimated, holds for every later change: a
    /// crossing that a later change undoes is no break-even.
    #[test]
    fn the_catch_up_holds_to_the_last_change(s in scenario(true)) {
        let p = price(&s).unwrap();
        if let Ok(changecost::core::BreakEven::At(k)) = changecost::core::break_even(&s, &p) {
            for (point, t) in p.series.iter().enumerate().skip(k) {
                prop_assert!(t[1] <= t[0], "point {} of {}: {:?}", point, k, t);
            }
        }
    }
}

#[test]
fn capped_hourly_leads_where_hourly_is_not_shown() {
    let s = worked_example();
    let sim = simulate(&s).unwrap();
    let models = [Contract::Capped, Contract::Fixed];
    let v = say(en(), &s, &models, Some(&sim), &EN);
    assert!(
        v.answer.starts_with("In 56 of 100 simulated outcomes, billing by the hour with a cap is cheaper;"),
        "{}",
        v.answer
    );
    assert!(
        v.estimate.starts_with(
            "If everything goes as estimated, billing by the hour with a cap is €1,567.50 cheaper in total."
        ),
        "{}",
        v.estimate
    );
    let v = say(de(), &Scenario::default(), &models, Some(&simulate(&Scenario::default()).unwrap()), &DE);
    assert!(
        v.estimate.starts_with(
            "Wenn alles so kommt wie geschätzt, liegt der Festpreis 2.280,00 € über der Abrechnung nach Aufwand mit \
             Obergrenze: der Aufschlag"
        ),
        "{}",
        v.estimate
    );
    // Deciding together names only the contracts shown.
    let v = say(en(), &s, &[Contract::Hourly, Contract::Capped], Some(&sim), &EN);
    assert_eq!(v.bundle, "Decided together in one step, the changes would cost €95.00 less billed by the hour.");
    let v = say(de(), &s, &[Contract::Fixed], Some(&sim), &DE);
    assert_eq!(
        v.bundle,
        "Gemeinsam in einem Schritt entschieden, würden die Änderungen zum Festpreis 95,00 € weniger kosten."
    );
}

#[test]
fn the_bad_case_is_rounded_so_that_at_least_and_at_most_stay_true() {
    let base = simulate(&worked_example()).unwrap();
    let s = worked_example();
    let answer = |bad: i64| {
        let sim = Simulation {
            hourly_fixed: changecost::core::Pair { bad: Money::from_cents(bad), ..base.hourly_fixed },
            ..base.clone()
        };
        say(en(), &s, &BOTH, Some(&sim), &EN).answer
    };
    // 0.40 more in the bad case: not "no more", not "at least 0".
    assert!(
        answer(40).ends_with(" In 9 of 10 outcomes, billing by the hour costs at most €1 more than the fixed price.")
    );
    // 1.60 more: at least 1 (not 2).
    assert!(answer(160)
        .ends_with(" In exchange, in the worst 1 in 10 outcomes billing by the hour costs at least €1 more."));
    // 1.60 less: at least 1 less; 0.40 less: no more.
    assert!(answer(-160)
        .ends_with(" In 9 of 10 outcomes, billing by the hour costs at least €1 less than the fixed price."));
    assert!(answer(-40).ends_with(" In 9 of 10 outcomes, billing by the hour costs no more than the fixed price."));
    assert!(answer(0).ends_with(" In 9 of 10 outcomes, billing by the hour costs no more than the fixed price."));
}

#[test]
fn the_figures_as_estimated_are_those_of_the_worked_example() {
    // The verdict reads the exact totals, to the cent (MODEL.md): the
    // estimate paragraph quotes the gap and the change parts.
    let s = worked_example();
    let p = price(&s).unwrap();
    assert_eq!(crate::cents(p.series[3]), [1_564_650, 1_721_400, 1_564_650]);
    let v = say(en(), &s, &Contract::ALL, None, &EN);
    for figure in ["€1,567.50", "€4,246.50", "€3,534.00"] {
        assert!(v.estimate.contains(figure), "{figure}: {}", v.estimate);
    }
}
