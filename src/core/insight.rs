//! The sentences the results speak, in the client's language, from the
//! figures: the verdict (MODEL.md, "The verdict: what the client is told")
//! first, with the odds both ways, the middle outcome and the bad case;
//! then the figures as estimated with where the fixed price catches up;
//! what the cap does; what deciding the changes together saves; the
//! summary bar and each card's spread. Amounts are formatted by the caller.
//!
//! No sentence promises what the simulation contradicts: "every simulated
//! outcome" only where no trial lies on the other side, simulated amounts
//! in whole currency units, odds as whole outcomes of 100 that are 0 or 100
//! only where that is exact.

use crate::core::decide::{break_even, request_premium, BreakEven, Bundle};
use crate::core::effort::Effort;
use crate::core::i18n::{fill, fill_n, Plural2, Texts};
use crate::core::money::Money;
use crate::core::parse::integer;
use crate::core::pricing::Pricing;
use crate::core::round::to_step;
use crate::core::scenario::{Contract, Scenario};
use crate::core::simulate::{Band, Simulation};
use crate::core::verdict::{shares, Comparison, Share};

/// How the caller writes figures.
pub struct Formatters<'a> {
    /// An amount with its currency, to the cent.
    pub money: &'a dyn Fn(Money) -> String,
    /// An amount in whole currency units, for simulated figures.
    pub whole: &'a dyn Fn(Money) -> String,
    /// Basis points as a percentage.
    pub percent: &'a dyn Fn(i64) -> String,
    /// An effort in hours.
    pub hours: &'a dyn Fn(Effort) -> String,
}

/// The verdict's paragraphs, each empty where it has nothing to say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The answer to the client's question: how often each contract is
    /// cheaper, the middle outcome, the average and the bad case. Empty
    /// until the simulation has run.
    pub answer: String,
    /// The figures if everything goes as estimated, and (beside the odds
    /// only) where the fixed price catches up.
    pub estimate: String,
    /// What the cap limits, how often it applies, what it saves.
    pub cap: String,
    /// What deciding the changes together would save.
    pub bundle: String,
}

impl Verdict {
    /// The paragraphs that say something, in reading order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        [&self.answer, &self.estimate, &self.cap, &self.bundle]
            .into_iter()
            .map(String::as_str)
            .filter(|p| !p.is_empty())
    }
}

/// `m` rounded half away from zero to whole currency units: simulated
/// amounts carry no cents (MODEL.md, "The verdict").
pub fn whole_units(m: Money) -> Money {
    Money::from_cents(to_step(m.cents(), 100))
}

/// The contract the verdict compares with the fixed price: hourly, or
/// capped hourly where hourly is not shown; none without the fixed price.
fn headline(models: &[Contract]) -> Option<Contract> {
    if !models.contains(&Contract::Fixed) {
        return None;
    }
    [Contract::Hourly, Contract::Capped].into_iter().find(|c| models.contains(c))
}

/// "39 of 100", "fewer than 1 of 100", "more than 99 of 100".
fn share_words(t: &Texts, share: Share) -> String {
    let s = &t.verdict.shares;
    match share {
        Share::Fewer => s.fewer.to_owned(),
        Share::More => s.more.to_owned(),
        other => fill(s.of, &integer(i64::from(other.of_100()))),
    }
}

/// The odds both ways, the contract cheaper more often first, with ties
/// named.
fn odds(t: &Texts, c: &Comparison) -> String {
    let v = &t.verdict;
    let [mine, fixed, ties] = c.odds;
    let subject = |contract: Contract| v.subjects[contract as usize];
    if !mine.some() && !fixed.some() {
        return v.odds_same.to_owned();
    }
    for (share, contract) in [(mine, c.contract), (fixed, Contract::Fixed)] {
        if share == Share::All {
            return fill_n(v.odds_every, &[subject(contract)]);
        }
    }
    let (winner, loser) = if fixed.of_100() > mine.of_100() {
        ((fixed, Contract::Fixed), (mine, c.contract))
    } else {
        ((mine, c.contract), (fixed, Contract::Fixed))
    };
    let mut out = if loser.0.some() {
        fill_n(v.odds, &[&share_words(t, winner.0), subject(winner.1), &share_words(t, loser.0), subject(loser.1)])
    } else {
        fill_n(v.odds_none, &[&share_words(t, winner.0), subject(winner.1), subject(loser.1)])
    };
    if ties.some() {
        out.push_str(&fill_n(v.odds_ties, &[&share_words(t, ties)]));
    }
    out
}

/// The difference in the middle outcome (paired, so that it points the
/// way the odds do), in whole units.
fn middle(t: &Texts, c: &Comparison, f: &Formatters<'_>) -> String {
    let v = &t.verdict;
    let gap = whole_units(c.middle).cents();
    if gap == 0 {
        return v.middle_same.to_owned();
    }
    let (cheaper, dearer) = if gap < 0 { (c.contract, Contract::Fixed) } else { (Contract::Fixed, c.contract) };
    let amount = (f.whole)(Money::from_cents(gap.abs()));
    fill_n(v.middle, &[v.subjects[cheaper as usize], &amount, v.subjects[dearer as usize]])
}

/// The premium read as insurance: what the fixed price costs more (or
/// less) on average, and what billing by the hour costs more in the worst
/// 1 in 10 outcomes.
fn insurance(t: &Texts, c: &Comparison, f: &Formatters<'_>) -> String {
    let v = &t.verdict;
    let subject = v.subjects[c.contract as usize];
    let [mine, fixed] = c.mean.map(whole_units);
    let average = fixed.cents() - mine.cents();
    let amount = (f.whole)(Money::from_cents(average.abs()));
    let template = match average.signum() {
        1 => v.average.hourly,
        -1 => v.average.fixed,
        _ => v.average.same,
    };
    let mut out = fill_n(template, &[&amount, subject]);
    // An "at least" claim rounds its amount down, an "at most" one up, so
    // that both stay true in whole units.
    let bad = c.bad.cents();
    let (down, up) = (bad.abs() / 100 * 100, (bad.abs() + 99) / 100 * 100);
    let (template, amount) = match bad.signum() {
        1 if down == 0 => (v.bad.at_most, up),
        1 if average > 0 => (v.bad.exchange, down),
        1 => (v.bad.more, down),
        -1 if down > 0 => (v.bad.less, down),
        _ => (v.bad.level, 0),
    };
    let amount = (f.whole)(Money::from_cents(amount));
    out.push(' ');
    out.push_str(&fill_n(template, &[subject, &amount]));
    out
}

/// "Your three changes cost 4,246.50 billed by the hour and 3,534.00 at
/// the fixed price."
fn change_costs(t: &Texts, pricing: &Pricing, models: &[Contract], f: &Formatters<'_>) -> String {
    // "a", "a and b", "a, b and c".
    let mut list = String::new();
    for (i, &c) in models.iter().enumerate() {
        if i > 0 {
            list.push_str(if i + 1 == models.len() { t.and } else { ", " });
        }
        list.push_str(&fill(t.in_contract[c as usize], &(f.money)(pricing.part(c).changes)));
    }
    match pricing.lines.len() {
        0 => String::new(),
        1 => fill_n(t.insight_one, &[&list]),
        n => fill_n(t.insight_many, &[&list, &t.number(n)]),
    }
}

/// The figures as estimated: before any change, the fixed price's
/// difference (a risk premium only when it is one); with changes, which
/// contract is cheaper in total and what the changes cost under each.
fn estimate(t: &Texts, scenario: &Scenario, pricing: &Pricing, models: &[Contract], f: &Formatters<'_>) -> String {
    let v = &t.verdict;
    let costs = change_costs(t, pricing, models, f);
    let Some(lead) = headline(models) else { return costs };
    let (subject, dative) = (v.subjects[lead as usize], v.datives[lead as usize]);
    let gap = pricing.part(Contract::Fixed).total.cents() - pricing.part(lead).total.cents();
    let amount = (f.money)(Money::from_cents(gap.abs()));
    if pricing.lines.is_empty() {
        let template = match gap.signum() {
            1 if scenario.fixed_price.is_none() && scenario.premium > 0 => v.start.premium,
            1 => v.start.above,
            -1 => v.start.below,
            _ => v.start.equal,
        };
        return fill_n(template, &[&amount, dative, subject]);
    }
    let template = match gap.signum() {
        1 => v.total.hourly,
        -1 => v.total.fixed,
        _ => v.total.same,
    };
    [fill_n(template, &[&amount, subject]).as_str(), &costs].join(" ")
}

/// Where the fixed price catches up if everything goes as estimated, or
/// why it does not; empty where it is already no dearer at the start.
fn catch_up(t: &Texts, scenario: &Scenario, pricing: &Pricing, f: &Formatters<'_>) -> String {
    let c = &t.verdict.catch_up;
    let none = pricing.lines.is_empty();
    let plural = |forms: Plural2, n: u64, each: &str| {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        fill_n(if n == 1 { forms.one } else { forms.many }, &[&t.number(n), each])
    };
    match break_even(scenario, pricing) {
        Ok(BreakEven::At(0)) | Err(_) => String::new(),
        Ok(BreakEven::At(k)) => fill_n(c.at, &[&integer(k as i64)]),
        Ok(BreakEven::After { changes, effort }) => {
            if none {
                plural(c.after_hour, changes, "")
            } else {
                let each = Effort::from_units(effort.units() / i128::from(changes.max(1)));
                plural(c.after, changes, &(f.hours)(each))
            }
        }
        Ok(BreakEven::Never) => match request_premium(scenario, pricing) {
            Ok(premium) if premium > Money::ZERO => {
                fill_n(if none { c.never_hour } else { c.never }, &[&(f.money)(premium)])
            }
            Ok(premium) if premium == Money::ZERO => (if none { c.level_hour } else { c.level }).to_owned(),
            _ => c.far.to_owned(),
        },
    }
}

/// What the cap limits, and (simulated) how often it applies and what it
/// saves in the bad case.
fn cap(t: &Texts, pricing: &Pricing, sim: Option<&Simulation>, f: &Formatters<'_>) -> String {
    let v = &t.verdict.cap;
    let mut out = fill_n(v.what, &[&(f.money)(pricing.cap)]);
    let Some(sim) = sim else { return out };
    if sim.exact {
        out.push_str(v.exact);
        return out;
    }
    let [applies, _, _] = shares([sim.cap_applies, sim.trials - sim.cap_applies.min(sim.trials), 0], sim.trials);
    let last = sim.last();
    let saving = whole_units(last[Contract::Hourly as usize].p90).cents()
        - whole_units(last[Contract::Capped as usize].p90).cents();
    let saving = (f.whole)(Money::from_cents(saving));
    let more = match applies {
        Share::None => v.none.to_owned(),
        Share::All => fill_n(v.always, &[&saving]),
        share
            if whole_units(last[Contract::Capped as usize].p90) < whole_units(last[Contract::Hourly as usize].p90) =>
        {
            fill_n(v.applies, &[&share_words(t, share), &saving])
        }
        share => fill_n(v.rarely, &[&share_words(t, share)]),
    };
    out.push_str(&more);
    out
}

/// The verdict for the contracts shown (`models`), from the figures as
/// estimated and, once it has run, the simulation.
pub fn verdict(
    t: &Texts,
    scenario: &Scenario,
    pricing: &Pricing,
    models: &[Contract],
    sim: Option<&Simulation>,
    bundle: Option<&Bundle>,
    f: &Formatters<'_>,
) -> Verdict {
    let v = &t.verdict;
    let lead = headline(models);
    let mut answer = String::new();
    match sim {
        Some(sim) if sim.exact => answer.push_str(v.exact),
        Some(sim) => {
            if let Some(contract) = lead {
                let c = Comparison::new(sim, contract);
                answer = [odds(t, &c).as_str(), &middle(t, &c, f), &insurance(t, &c, f)].join(" ");
            }
        }
        None => {}
    }
    let mut estimate = estimate(t, scenario, pricing, models, f);
    // Where the fixed price catches up stands only beside the odds.
    let both = models.contains(&Contract::Hourly) && models.contains(&Contract::Fixed);
    if sim.is_some() && both {
        let catch = catch_up(t, scenario, pricing, f);
        if !catch.is_empty() {
            estimate.push(' ');
            estimate.push_str(&catch);
        }
    }
    let mut cap_text = String::new();
    if models.contains(&Contract::Capped) {
        cap_text = cap(t, pricing, sim, f);
        // Capped against the fixed price, unless the answer already is.
        if let (Some(sim), Some(Contract::Hourly)) = (sim.filter(|s| !s.exact), lead) {
            let c = Comparison::new(sim, Contract::Capped);
            cap_text = [cap_text.as_str(), &odds(t, &c), &middle(t, &c, f)].join(" ");
        }
    }
    let bundle = match bundle {
        Some(b) if pricing.lines.len() > 1 => bundle_text(t, b, models, f),
        _ => String::new(),
    };
    Verdict { answer, estimate, cap: cap_text, bundle }
}

/// The summary bar's two lines: which contract is cheaper as estimated,
/// and which is cheaper in more simulated outcomes and how often (or
/// "simulating" while it runs; nothing where nothing varies).
pub fn summary_bar(
    t: &Texts,
    pricing: &Pricing,
    models: &[Contract],
    sim: Option<&Simulation>,
    f: &Formatters<'_>,
) -> [String; 2] {
    let v = &t.verdict;
    let Some(contract) = headline(models) else { return [String::new(), String::new()] };
    let gap = pricing.part(Contract::Fixed).total.cents() - pricing.part(contract).total.cents();
    let estimated = match gap.signum() {
        0 => v.summary_total_same.to_owned(),
        sign => {
            let cheaper = if sign > 0 { contract } else { Contract::Fixed };
            fill_n(v.summary_total, &[v.names[cheaper as usize], &(f.money)(Money::from_cents(gap.abs()))])
        }
    };
    let simulated = match sim {
        None => t.simulating.to_owned(),
        Some(sim) if sim.exact => String::new(),
        Some(sim) => {
            let [mine, fixed, _] = Comparison::new(sim, contract).odds;
            if !mine.some() && !fixed.some() {
                v.summary_same.to_owned()
            } else {
                let (share, winner) =
                    if fixed.of_100() > mine.of_100() { (fixed, Contract::Fixed) } else { (mine, contract) };
                fill_n(v.summary_odds, &[v.names[winner as usize], &share_words(t, share)])
            }
        }
    };
    [estimated, simulated]
}

/// A card's spread: the sentence a screen reader hears for its range bar,
/// and the line under the bar (empty where the outcomes do not differ).
/// Simulated amounts in whole units, the estimate to the cent.
pub fn spread(t: &Texts, band: &Band, mean: Money, estimated: Money, f: &Formatters<'_>) -> [String; 2] {
    let v = &t.verdict;
    let [good, middle, bad, mean] = [band.p10, band.p50, band.p90, mean].map(|m| (f.whole)(whole_units(m)));
    if band.p10 == band.p90 {
        // Nothing varies for this contract: no good or bad case to name.
        return [fill_n(v.spread_fixed, &[&good, &(f.money)(estimated)]), String::new()];
    }
    [
        fill_n(v.spread_label, &[&good, &middle, &bad, &(f.money)(estimated)]),
        fill_n(v.spread, &[&good, &middle, &bad, &mean]),
    ]
}

/// What deciding the changes together, in one step, saves, for the
/// contracts shown.
pub fn bundle_text(t: &Texts, bundle: &Bundle, models: &[Contract], f: &Formatters<'_>) -> String {
    let (hourly, fixed) = ((f.money)(bundle.hourly_saving), (f.money)(bundle.fixed_saving));
    let by_hour = models.contains(&Contract::Hourly) || models.contains(&Contract::Capped);
    match (by_hour, models.contains(&Contract::Fixed)) {
        (true, true) => fill_n(t.bundle, &[&hourly, &fixed]),
        (true, false) => fill_n(t.bundle_hourly, &[&hourly]),
        (false, true) => fill_n(t.bundle_fixed, &[&fixed]),
        (false, false) => String::new(),
    }
}
