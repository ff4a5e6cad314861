//! Template messages: buttons, confirm, carousel and image carousel.

use serde::{Deserialize, Serialize};

use super::action::Action;

/// The `template` object of a template message, tagged by `"type"`.
// Variant sizes differ, but templates are built one per send, never held in bulk.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Template {
    /// An optional image, title and text, with up to 4 action buttons.
    #[serde(rename_all = "camelCase")]
    Buttons {
        #[serde(skip_serializing_if = "Option::is_none")]
        thumbnail_image_url: Option<String>,
        /// `rectangle` (1.51:1) or `square`.
        #[serde(skip_serializing_if = "Option::is_none")]
        image_aspect_ratio: Option<String>,
        /// `cover` or `contain`.
        #[serde(skip_serializing_if = "Option::is_none")]
        image_size: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        image_background_color: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        default_action: Option<Action>,
        actions: Vec<Action>,
    },
    /// A question with exactly two buttons.
    Confirm { text: String, actions: Vec<Action> },
    /// Up to 10 columns of buttons-like bubbles, scrolled sideways.
    #[serde(rename_all = "camelCase")]
    Carousel {
        columns: Vec<CarouselColumn>,
        #[serde(skip_serializing_if = "Option::is_none")]
        image_aspect_ratio: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        image_size: Option<String>,
    },
    /// Up to 10 images, each with one action.
    ImageCarousel { columns: Vec<ImageCarouselColumn> },
}

/// One bubble of a carousel template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CarouselColumn {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_image_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_background_color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_action: Option<Action>,
    pub actions: Vec<Action>,
}

/// One image of an image carousel template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageCarouselColumn {
    pub image_url: String,
    pub action: Action,
}

impl Template {
    /// A buttons template with `text` and `actions` and nothing else.
    pub fn buttons(text: impl Into<String>, actions: Vec<Action>) -> Self {
        Template::Buttons {
            thumbnail_image_url: None,
            image_aspect_ratio: None,
            image_size: None,
            image_background_color: None,
            title: None,
            text: text.into(),
            default_action: None,
            actions,
        }
    }

    /// A confirm template: `text` with a `yes` and a `no` action.
    pub fn confirm(text: impl Into<String>, yes: Action, no: Action) -> Self {
        Template::Confirm {
            text: text.into(),
            actions: vec![yes, no],
        }
    }

    /// A carousel of `columns`.
    pub fn carousel(columns: Vec<CarouselColumn>) -> Self {
        Template::Carousel {
            columns,
            image_aspect_ratio: None,
            image_size: None,
        }
    }
}

impl CarouselColumn {
    /// A column with `text` and `actions` and nothing else.
    pub fn new(text: impl Into<String>, actions: Vec<Action>) -> Self {
        CarouselColumn {
            thumbnail_image_url: None,
            image_background_color: None,
            title: None,
            text: text.into(),
            default_action: None,
            actions,
        }
    }
}
