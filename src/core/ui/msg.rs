//! The event boundary: every DOM event the widget listens to arrives here,
//! once, as the few strings the browser layer read off its target, and
//! leaves as a [`Msg`]. The names the markup carries (`data-action`,
//! `data-part`, `data-setting`, `data-send`) are written from the tables
//! below and parsed back only here; past this file, actions and fields are
//! types.

use crate::core::editor::{self, Key};
use crate::core::i18n;
use crate::core::scenario::{Kind, Phase, Setting};

/// What a DOM event asks of the widget.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Something that may change the scenario: for the editor.
    Edit(editor::Msg),
    /// A button that does not edit (tools, notices, the confirmation).
    Press(Action),
    /// A notice's dismiss button: the notice (by its class) goes.
    Dismiss(String),
    /// Another language chosen: its code (its texts may still have to be
    /// loaded, see `app::language`).
    Language(&'static str),
    /// Typed into the send panel: its preview follows.
    SendInput(SendField, String),
    /// The send panel's consent ticked or unticked.
    Consent(bool),
    /// "Keep my entries on this device" ticked or unticked
    /// (`persist="ask"`).
    Keep(bool),
}

macro_rules! names {
    ($(#[$doc:meta])* $name:ident in $attr:literal { $($(#[$vdoc:meta])* $variant:ident = $key:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($(#[$vdoc])* $variant,)* }

        impl $name {
            /// Every one, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The name the markup carries.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)* }
            }

            /// The one named `key`.
            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|a| a.key() == key)
            }
        }
    };
}

names! {
    /// A button's `data-action`.
    Action in "data-action" {
        /// "Add a change".
        Add = "add",
        /// "Try it with an example".
        Example = "example",
        /// Remove the example's changes.
        ExampleRemove = "example-remove",
        /// A row's remove button.
        Remove = "remove",
        /// A row's move-up button.
        Up = "up",
        /// A row's move-down button.
        Down = "down",
        /// A row's "give a range" toggle.
        Range = "range",
        /// "Show earlier changes".
        Earlier = "earlier",
        /// Undo.
        Undo = "undo",
        /// Redo.
        Redo = "redo",
        /// "Reset": asks first.
        Reset = "reset",
        /// The reset confirmed.
        ResetYes = "reset-yes",
        /// The reset cancelled.
        ResetNo = "reset-no",
        /// Copy a share link.
        Link = "link",
        /// Send to the consultant (e-mail or the panel).
        Send = "send",
        /// Copy a summary.
        Summary = "summary",
        /// Print the receipt.
        Print = "print",
        /// Download a CSV.
        Csv = "csv",
        /// Download the scenario as JSON.
        Json = "json",
        /// Choose a JSON file to import.
        Import = "import",
        /// Download the text the clipboard refused.
        FallbackDownload = "fallback-download",
        /// Open the scenario of a share link.
        OpenShared = "open-shared",
        /// Ignore the share link.
        IgnoreShared = "ignore-shared",
        /// Restore the client's own scenario.
        Restore = "restore",
        /// Keep the shared scenario.
        KeepShared = "keep-shared",
        /// Download an unreadable saved state.
        Download = "download",
        /// Discard an unreadable saved state.
        Discard = "discard",
        /// Close a notice.
        Dismiss = "dismiss",
        /// Send the result to the endpoint.
        SendPost = "send-post",
        /// Close the send panel.
        SendCancel = "send-cancel",
    }
}

names! {
    /// The `data-part` of an input or select.
    Part in "data-part" {
        /// A change's title.
        Title = "t",
        /// A change's effort.
        Effort = "e",
        /// A change's best case.
        Low = "l",
        /// A change's worst case.
        High = "h",
        /// A change's kind.
        Kind = "k",
        /// A change's phase.
        Phase = "p",
        /// A rework's unit (hours or a share).
        Unit = "u",
        /// The language.
        Lang = "lang",
        /// The import's file input.
        File = "file",
        /// The "keep my entries on this device" checkbox.
        Keep = "keep",
    }
}

names! {
    /// The `data-send` of a field of the send panel.
    SendField in "data-send" {
        /// The client's name.
        Name = "name",
        /// Their e-mail address.
        Email = "email",
        /// Their message.
        Message = "message",
        /// The consent checkbox.
        Consent = "consent",
    }
}

/// The `data-setting` of the currency's input (settings carry their wire
/// number).
pub const CURRENCY: &str = "currency";

/// What the browser layer read off an event's target: its `data-setting`,
/// `data-part` or `data-send`, and the `data-change-id` of its row.
#[derive(Clone, Copy, Debug, Default)]
pub struct Target<'a> {
    /// `data-setting`.
    pub setting: Option<&'a str>,
    /// `data-part`.
    pub part: Option<&'a str>,
    /// `data-send`.
    pub send: Option<&'a str>,
    /// The row's `data-change-id`.
    pub row: Option<&'a str>,
}

impl Target<'_> {
    fn part(&self) -> Option<Part> {
        Part::from_key(self.part?)
    }

    fn row(&self) -> Option<u32> {
        self.row?.parse().ok()
    }

    /// The field the target edits.
    pub fn key(&self) -> Option<Key> {
        if let Some(which) = self.setting {
            if which == CURRENCY {
                return Some(Key::Currency);
            }
            return which.parse::<u8>().ok().and_then(Setting::from_wire).map(Key::Setting);
        }
        let id = self.row()?;
        match self.part()? {
            Part::Title => Some(Key::Title(id)),
            Part::Effort => Some(Key::Effort(id)),
            Part::Low => Some(Key::EffortLow(id)),
            Part::High => Some(Key::EffortHigh(id)),
            _ => None,
        }
    }
}

/// An `input` event: typing into a field or into the send panel.
pub fn input(target: &Target<'_>, value: String) -> Option<Msg> {
    if let Some(field) = target.send.and_then(SendField::from_key) {
        return Some(Msg::SendInput(field, value));
    }
    Some(Msg::Edit(editor::Msg::Type(target.key()?, value)))
}

/// A `change` event: a select, or a checkbox (`checked`).
pub fn change(target: &Target<'_>, value: &str, checked: bool) -> Option<Msg> {
    if target.send.and_then(SendField::from_key) == Some(SendField::Consent) {
        return Some(Msg::Consent(checked));
    }
    let part = target.part()?;
    if part == Part::Keep {
        return Some(Msg::Keep(checked));
    }
    if part == Part::Lang {
        return i18n::code_for(value).map(Msg::Language);
    }
    let id = target.row()?;
    let edit = match part {
        Part::Kind => editor::Msg::Kind(id, Kind::from_key(value)?),
        Part::Phase => editor::Msg::Phase(id, Phase::from_key(value)?),
        Part::Unit => editor::Msg::Share(id, value == "share"),
        _ => return None,
    };
    Some(Msg::Edit(edit))
}

/// A `click` on a button: its `data-action`, its row's `data-change-id`,
/// and the class of the notice it is in (for a dismiss button).
pub fn click(action: &str, row: Option<&str>, notice: Option<&str>) -> Option<Msg> {
    let action = Action::from_key(action)?;
    let row = || row?.parse::<u32>().ok();
    let edit = match action {
        Action::Add => editor::Msg::Add,
        Action::Example => editor::Msg::Example,
        Action::ExampleRemove => editor::Msg::RemoveExample,
        Action::Remove => editor::Msg::Remove(row()?),
        Action::Up | Action::Down => editor::Msg::Move(row()?, action == Action::Up),
        Action::Range => editor::Msg::Range(row()?),
        Action::Undo => editor::Msg::Undo,
        Action::Redo => editor::Msg::Redo,
        Action::ResetYes => editor::Msg::Reset,
        Action::Dismiss => return Some(Msg::Dismiss(notice?.to_owned())),
        _ => return Some(Msg::Press(action)),
    };
    Some(Msg::Edit(edit))
}

/// A `keydown`: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, anywhere in
/// the widget (they replace the browser's own undo inside a text field,
/// which would only undo the text and not the figures). `Some` means the
/// browser's own action is prevented.
pub fn keydown(key: &str, ctrl: bool, shift: bool, alt: bool) -> Option<Msg> {
    if !ctrl || alt {
        return None;
    }
    let redo = match key.to_ascii_lowercase().as_str() {
        "z" => shift,
        "y" => true,
        _ => return None,
    };
    Some(Msg::Edit(if redo { editor::Msg::Redo } else { editor::Msg::Undo }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_back() {
        for a in Action::ALL {
            assert_eq!(Action::from_key(a.key()), Some(*a));
        }
        let t = Target { part: Some("e"), row: Some("7"), ..Target::default() };
        assert_eq!(t.key(), Some(Key::Effort(7)));
        let s = Target { setting: Some("0"), ..Target::default() };
        assert_eq!(s.key(), Some(Key::Setting(Setting::from_wire(0).unwrap())));
        assert_eq!(click("remove", Some("3"), None), Some(Msg::Edit(editor::Msg::Remove(3))));
        assert_eq!(click("dismiss", None, Some("full")), Some(Msg::Dismiss("full".into())));
        assert_eq!(click("nonsense", None, None), None);
        assert_eq!(keydown("Z", true, true, false), Some(Msg::Edit(editor::Msg::Redo)));
        assert_eq!(keydown("z", false, false, false), None);
    }
}
