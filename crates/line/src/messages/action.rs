//! Actions: what happens when a user taps a template button or a quick-reply item.

use serde::{Deserialize, Serialize};

/// An action object, tagged by LINE's `"type"` field.
///
/// `Camera`, `CameraRoll` and `Location` are valid only inside quick-reply items;
/// LINE rejects them elsewhere (this crate does not check placement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Action {
    /// Sends `data` back to the bot in a postback event; optionally shows `displayText`.
    #[serde(rename_all = "camelCase")]
    Postback {
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        data: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        display_text: Option<String>,
        /// `closeRichMenu`, `openRichMenu`, `openKeyboard` or `openVoice`.
        #[serde(skip_serializing_if = "Option::is_none")]
        input_option: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        fill_in_text: Option<String>,
    },
    /// Makes the user send `text` as if they had typed it.
    Message {
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        text: String,
    },
    /// Opens `uri` (http, https, line or tel).
    #[serde(rename_all = "camelCase")]
    Uri {
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        uri: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        alt_uri: Option<AltUri>,
    },
    /// Lets the user pick a date and/or time, returned in a postback event's `params`.
    #[serde(rename = "datetimepicker")]
    DatetimePicker {
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        data: String,
        mode: DatetimePickerMode,
        #[serde(skip_serializing_if = "Option::is_none")]
        initial: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<String>,
    },
    /// Switches the user's rich menu to the one `richMenuAliasId` names (rich menus
    /// only). The LINE app switches it itself and then sends a postback event with
    /// `data` and `params: {newRichMenuAliasId, status}`; the bot links nothing.
    #[serde(rename = "richmenuswitch", rename_all = "camelCase")]
    RichMenuSwitch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        rich_menu_alias_id: String,
        data: String,
    },
    /// Copies `clipboardText` (1 to 1,000 characters) to the user's clipboard.
    #[serde(rename_all = "camelCase")]
    Clipboard {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        clipboard_text: String,
    },
    /// Opens the camera (quick reply only).
    Camera { label: String },
    /// Opens the camera roll (quick reply only).
    CameraRoll { label: String },
    /// Opens the location picker (quick reply only).
    Location { label: String },
}

/// The URI a desktop client opens instead of `uri`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AltUri {
    pub desktop: String,
}

/// What a datetime picker asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatetimePickerMode {
    Date,
    Time,
    Datetime,
}

impl Action {
    /// A postback action carrying `data`, shown with `label`.
    pub fn postback(label: impl Into<String>, data: impl Into<String>) -> Self {
        Action::Postback {
            label: Some(label.into()),
            data: data.into(),
            display_text: None,
            input_option: None,
            fill_in_text: None,
        }
    }

    /// A message action: tapping `label` makes the user send `text`.
    pub fn message(label: impl Into<String>, text: impl Into<String>) -> Self {
        Action::Message {
            label: Some(label.into()),
            text: text.into(),
        }
    }

    /// A URI action opening `uri`.
    pub fn uri(label: impl Into<String>, uri: impl Into<String>) -> Self {
        Action::Uri {
            label: Some(label.into()),
            uri: uri.into(),
            alt_uri: None,
        }
    }

    /// A rich-menu switch to the menu aliased `rich_menu_alias_id`, reporting `data`
    /// in the postback event that follows.
    pub fn rich_menu_switch(
        label: impl Into<String>,
        rich_menu_alias_id: impl Into<String>,
        data: impl Into<String>,
    ) -> Self {
        Action::RichMenuSwitch {
            label: Some(label.into()),
            rich_menu_alias_id: rich_menu_alias_id.into(),
            data: data.into(),
        }
    }

    /// A datetime picker in `mode`, returning `data` with the chosen value.
    pub fn datetime_picker(
        label: impl Into<String>,
        data: impl Into<String>,
        mode: DatetimePickerMode,
    ) -> Self {
        Action::DatetimePicker {
            label: Some(label.into()),
            data: data.into(),
            mode,
            initial: None,
            max: None,
            min: None,
        }
    }
}
