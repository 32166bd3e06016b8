//! The example a client can start from instead of an empty list: the three
//! changes of the story the calculator is built around (a tiny logo change,
//! outdated sample documents to redo, the sales department joining the
//! planning), in the client's language; or the consultant's own, from the
//! `example` attribute; or none.

use crate::core::effort::Minutes;
use crate::core::i18n::Texts;
use crate::core::parse::{integer, parse, Quantity};
use crate::core::scenario::{char_count, validate_change, Change, Kind, Phase, MAX_TITLE};

/// The most example changes an attribute may give.
pub const MAX_EXAMPLE: usize = 20;

/// Which example an empty calculator offers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Example {
    /// The story of MODEL.md's worked example, in the client's language.
    #[default]
    Story,
    /// No example button.
    Off,
    /// The consultant's own changes: title, kind, effort, phase.
    Own(Vec<(String, Kind, Minutes, Phase)>),
}

impl Example {
    /// The `example` attribute: `off`, or changes separated by `;`, each
    /// `title | kind | hours | phase` (the phase may be left out: build).
    ///
    /// # Errors
    /// Why the text is not an example, in English for the console.
    pub fn from_attr(text: &str) -> Result<Example, String> {
        let text = text.trim();
        if text.is_empty() || text == "story" {
            return Ok(Example::Story);
        }
        if text == "off" {
            return Ok(Example::Off);
        }
        let items: Vec<&str> = text.split(';').map(str::trim).filter(|s| !s.is_empty()).collect();
        if items.len() > MAX_EXAMPLE {
            return Err(["at most ", &integer(MAX_EXAMPLE as i64), " changes"].concat());
        }
        let mut own = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let parts: Vec<&str> = item.split('|').map(str::trim).collect();
            let at = |what: &str| ["change ", &integer(i as i64 + 1), ": ", what].concat();
            let [title, kind, hours, rest @ ..] = parts.as_slice() else {
                return Err(at("expected title | kind | hours | phase"));
            };
            let kind = Kind::from_key(kind).ok_or_else(|| at("kind is tweak, rework, stakeholder or feature"))?;
            let minutes = parse(hours, '.', Quantity::Hours).map_err(|e| at(&e.to_string()))?;
            let minutes = Minutes::try_from(minutes).map_err(|_| at("too much effort"))?;
            let phase = match rest {
                [] => Phase::Build,
                [phase] => Phase::from_key(phase).ok_or_else(|| at("phase is concept, build, acceptance or live"))?,
                _ => return Err(at("expected title | kind | hours | phase")),
            };
            if char_count(title) > MAX_TITLE {
                return Err(at(&["a title has at most ", &integer(MAX_TITLE as i64), " characters"].concat()));
            }
            let change = Change::new(1, title, kind, minutes, phase);
            validate_change(0, &change).map_err(|e| at(&e.to_string()))?;
            own.push(((*title).to_owned(), kind, minutes, phase));
        }
        Ok(Example::Own(own))
    }

    /// The example's changes, numbered from `first_id`; none when it is
    /// off.
    pub fn changes(&self, t: &Texts, first_id: u32) -> Vec<Change> {
        let story = [(Kind::Tweak, 120), (Kind::Rework, 960), (Kind::Stakeholder, 360)];
        let items: Vec<(&str, Kind, Minutes, Phase)> = match self {
            Example::Off => Vec::new(),
            Example::Story => t
                .example_titles
                .iter()
                .zip(story)
                .map(|(title, (kind, minutes))| (*title, kind, minutes, Phase::Build))
                .collect(),
            Example::Own(own) => own.iter().map(|(t, k, m, p)| (t.as_str(), *k, *m, *p)).collect(),
        };
        items
            .into_iter()
            .zip(first_id..)
            .map(|((title, kind, minutes, phase), id)| Change::new(id, title, kind, minutes, phase))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::for_tag;
    use crate::core::pricing::price;
    use crate::core::scenario::{Contract, Scenario};

    #[test]
    fn the_story_is_the_worked_example_in_each_language() {
        for tag in ["de", "en"] {
            let t = for_tag(tag).unwrap();
            let changes = Example::Story.changes(t, 1);
            assert_eq!(changes.len(), 3);
            assert!(changes.iter().all(|c| c.title.contains(t.example_mark)), "{tag}: marked as an example");
            let s = Scenario { changes, ..Scenario::default() };
            let p = price(&s).unwrap();
            // MODEL.md: hourly 15,646.50, fixed 17,214.00.
            assert_eq!(p.part(Contract::Hourly).total.cents(), 1_564_650);
            assert_eq!(p.part(Contract::Fixed).total.cents(), 1_721_400);
        }
    }

    #[test]
    fn a_consultant_gives_their_own_or_none() {
        let own = Example::from_attr("New landing page | feature | 12 | concept; Legal text again|rework|1.5").unwrap();
        let changes = own.changes(for_tag("en").unwrap(), 7);
        assert_eq!(changes.len(), 2);
        assert_eq!((changes[0].id, changes[0].title.as_str()), (7, "New landing page"));
        assert_eq!((changes[0].kind, changes[0].effort.likely, changes[0].phase), (Kind::Feature, 720, Phase::Concept));
        assert_eq!((changes[1].kind, changes[1].effort.likely, changes[1].phase), (Kind::Rework, 90, Phase::Build));
        assert_eq!(Example::from_attr("off"), Ok(Example::Off));
        assert!(Example::Off.changes(for_tag("de").unwrap(), 1).is_empty());
        assert_eq!(Example::from_attr(" "), Ok(Example::Story));
    }

    #[test]
    fn a_bad_example_says_which_change_and_why() {
        assert_eq!(Example::from_attr("a | tweak"), Err("change 1: expected title | kind | hours | phase".into()));
        assert_eq!(
            Example::from_attr("a | tweak | 1; b | chore | 2"),
            Err("change 2: kind is tweak, rework, stakeholder or feature".into())
        );
        assert!(Example::from_attr("a | tweak | lots").unwrap_err().starts_with("change 1: "));
        assert!(Example::from_attr("a | tweak | 1 | later").unwrap_err().contains("phase is"));
        let long = format!("{} | tweak | 1", "x".repeat(121));
        assert!(Example::from_attr(&long).unwrap_err().contains("at most 120 characters"));
    }
}
