//! The event boundary: every DOM event the widget listens to is read here,
//! once, into a [`Msg`]. The names the markup carries (`data-action`,
//! `data-part`, `data-setting`) are written from the tables below and
//! parsed back only here; past this file, actions and fields are types.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, File, HtmlInputElement, HtmlSelectElement, KeyboardEvent};

use crate::core::editor::{self, Key};
use crate::core::i18n;
use crate::core::{Kind, Phase, Setting};

/// What a DOM event asks of the widget.
pub enum Msg {
    /// Something that may change the scenario: for the editor.
    Edit(editor::Msg),
    /// A button that does not edit (tools, notices, the confirmation).
    Press(Action),
    /// A notice's dismiss button: the notice goes.
    Dismiss(Element),
    /// Another language chosen: its code (its texts may still have to be
    /// fetched, see `web::texts`).
    Language(&'static str),
    /// A JSON file chosen or dropped, to import.
    Import(File),
    /// Typed into the send panel: its preview follows.
    SendInput,
    /// A field took the focus (the summary bar must not cover it).
    Focus(Element),
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

            /// The selector of the element that carries it.
            pub fn selector(self) -> &'static str {
                match self { $($name::$variant => concat!("[", $attr, "=", $key, "]"),)* }
            }

            /// The one named `key`.
            fn from_key(key: &str) -> Option<$name> {
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

/// The `data-setting` of the currency's input (settings carry their wire
/// number).
pub const CURRENCY: &str = "currency";

/// The event's target element.
fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

fn part(el: &Element) -> Option<Part> {
    Part::from_key(&el.get_attribute("data-part")?)
}

/// The `data-change-id` of the row around `el`.
fn row_id(el: &Element) -> Option<u32> {
    el.closest("[data-change-id]").ok().flatten()?.get_attribute("data-change-id")?.parse().ok()
}

/// The field an input edits.
pub fn key_of(input: &HtmlInputElement) -> Option<Key> {
    if let Some(which) = input.get_attribute("data-setting") {
        if which == CURRENCY {
            return Some(Key::Currency);
        }
        return which.parse::<u8>().ok().and_then(Setting::from_wire).map(Key::Setting);
    }
    let id = row_id(input)?;
    match part(input)? {
        Part::Title => Some(Key::Title(id)),
        Part::Effort => Some(Key::Effort(id)),
        Part::Low => Some(Key::EffortLow(id)),
        Part::High => Some(Key::EffortHigh(id)),
        _ => None,
    }
}

/// An `input` event: typing into a field or into the send panel.
pub fn input(event: &Event) -> Option<Msg> {
    let el = target(event)?;
    if el.closest("section.send").ok().flatten().is_some() {
        return Some(Msg::SendInput);
    }
    let input = el.dyn_into::<HtmlInputElement>().ok()?;
    let key = key_of(&input)?;
    Some(Msg::Edit(editor::Msg::Type(key, input.value())))
}

/// A `change` event: a select, the import's file input, or the checkbox
/// that keeps the client's entries.
pub fn change(event: &Event) -> Option<Msg> {
    let el = target(event)?;
    let part = part(&el)?;
    if part == Part::Keep {
        return Some(Msg::Keep(el.dyn_ref::<HtmlInputElement>()?.checked()));
    }
    if part == Part::File {
        let input = el.dyn_into::<HtmlInputElement>().ok()?;
        let file = input.files().and_then(|list| list.get(0));
        input.set_value("");
        return file.map(Msg::Import);
    }
    let value = el.dyn_ref::<HtmlSelectElement>()?.value();
    if part == Part::Lang {
        return i18n::code_for(&value).map(Msg::Language);
    }
    let id = row_id(&el)?;
    let edit = match part {
        Part::Kind => editor::Msg::Kind(id, Kind::from_key(&value)?),
        Part::Phase => editor::Msg::Phase(id, Phase::from_key(&value)?),
        Part::Unit => editor::Msg::Share(id, value == "share"),
        _ => return None,
    };
    Some(Msg::Edit(edit))
}

/// A `click` on a button with a `data-action`.
pub fn click(event: &Event) -> Option<Msg> {
    let button = target(event)?.closest("button[data-action]").ok().flatten()?;
    let action = Action::from_key(&button.get_attribute("data-action")?)?;
    let row = || row_id(&button);
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
        Action::Dismiss => return Some(Msg::Dismiss(button.closest(".notice").ok().flatten()?)),
        _ => return Some(Msg::Press(action)),
    };
    Some(Msg::Edit(edit))
}

/// A `keydown`: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, anywhere in
/// the widget (they replace the browser's own undo inside a text field,
/// which would only undo the text and not the figures).
pub fn keydown(event: &Event) -> Option<Msg> {
    let key = event.dyn_ref::<KeyboardEvent>()?;
    if !(key.ctrl_key() || key.meta_key()) || key.alt_key() {
        return None;
    }
    let redo = match key.key().to_ascii_lowercase().as_str() {
        "z" => key.shift_key(),
        "y" => true,
        _ => return None,
    };
    event.prevent_default();
    Some(Msg::Edit(if redo { editor::Msg::Redo } else { editor::Msg::Undo }))
}

/// A `drop`: a file dropped anywhere on the widget is imported.
pub fn drop(event: &Event) -> Option<Msg> {
    let drag = event.dyn_ref::<web_sys::DragEvent>()?;
    let file = drag.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0))?;
    event.prevent_default();
    Some(Msg::Import(file))
}

/// A `focusin` on a field (buttons are left alone: a press under the
/// summary bar takes the press, and scrolling would lose the click).
pub fn focus(event: &Event) -> Option<Msg> {
    let el = target(event)?;
    matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA").then_some(Msg::Focus(el))
}
