//! A generative intent backend: when the built-in recogniser declines, an
//! OpenAI-compatible chat-completions model is asked which of the store's intents the
//! message is about, and must answer with one intent name or `none`.
//!
//! The backend only *chooses*: the answer sent is always the store's own, written by
//! the store, so the model can never put words in the store's mouth. Any failure
//! (timeout, HTTP error, an answer that names no intent) leaves the built-in decision
//! as it was.

use async_trait::async_trait;
use otodoke_autoreply::intents::Intent;
use otodoke_autoreply::ReplyMessage;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Why the backend gave no usable answer.
#[derive(Debug, thiserror::Error)]
pub enum OracleError {
    #[error("the intent backend did not answer within {0:?}")]
    Timeout(Duration),
    #[error("the intent backend could not be reached: {0}")]
    Transport(#[source] reqwest::Error),
    #[error("the intent backend answered {0}")]
    Status(u16),
    #[error("the intent backend's answer could not be read: {0}")]
    Decode(#[source] reqwest::Error),
}

/// Something that picks which of `intents` a customer's `text` asks about. Async,
/// unlike the built-in recogniser's trait, because it is a network call.
#[async_trait]
pub trait IntentOracle: Send + Sync {
    /// The name of the chosen intent, or `None` when none fits. Names not among
    /// `intents` are the caller's to ignore.
    async fn choose(&self, text: &str, intents: &[Intent]) -> Result<Option<String>, OracleError>;
}

/// An OpenAI-compatible `POST {base_url}/chat/completions` client.
pub struct ChatCompletions {
    http: reqwest::Client,
    url: String,
    model: String,
    api_key: String,
    timeout: Duration,
}

impl std::fmt::Debug for ChatCompletions {
    // Never print the API key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatCompletions")
            .field("url", &self.url)
            .field("model", &self.model)
            .finish_non_exhaustive()
    }
}

impl ChatCompletions {
    /// A client for `base_url` (e.g. `https://api.openai.com/v1`) and `model`; every
    /// call is cut off after `timeout`. Fails only if the HTTP client cannot be built.
    pub fn new(
        base_url: &str,
        model: impl Into<String>,
        api_key: impl Into<String>,
        timeout: Duration,
    ) -> Result<Self, reqwest::Error> {
        Ok(Self {
            http: reqwest::Client::builder().timeout(timeout).build()?,
            url: format!("{}/chat/completions", base_url.trim_end_matches('/')),
            model: model.into(),
            api_key: api_key.into(),
            timeout,
        })
    }
}

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    messages: [ChatMessage; 2],
    temperature: f32,
    max_tokens: u32,
}

#[derive(Serialize, Deserialize)]
struct ChatMessage {
    role: String,
    content: String,
}

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: ChatMessage,
}

const INSTRUCTIONS: &str = "You sort a customer's message to a shop into one of the shop's \
intents. Each intent is listed with its name and the answer the shop gives. Reply with \
exactly one intent name from the list, or with none if no intent fits. Reply with the \
name only.";

/// The user turn: the intents (name and the text of its answer) and the message.
fn prompt(text: &str, intents: &[Intent]) -> String {
    let mut out = String::from("Intents:\n");
    for intent in intents {
        let answer: Vec<&str> = intent
            .answer
            .messages
            .iter()
            .filter_map(|m| match m {
                ReplyMessage::Text { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        out.push_str(&format!("- {}: {}\n", intent.name, answer.join(" / ")));
    }
    out.push_str("\nMessage:\n");
    out.push_str(text);
    out
}

/// The intent named by the model's reply, if it names one of `intents`.
fn chosen(reply: &str, intents: &[Intent]) -> Option<String> {
    let reply = reply
        .trim()
        .trim_matches(|c: char| c == '"' || c == '`' || c == '.');
    intents
        .iter()
        .find(|i| i.name == reply)
        .map(|i| i.name.clone())
}

#[async_trait]
impl IntentOracle for ChatCompletions {
    /// One HTTPS call, at most the configured timeout.
    async fn choose(&self, text: &str, intents: &[Intent]) -> Result<Option<String>, OracleError> {
        let request = Request {
            model: &self.model,
            messages: [
                ChatMessage {
                    role: "system".into(),
                    content: INSTRUCTIONS.into(),
                },
                ChatMessage {
                    role: "user".into(),
                    content: prompt(text, intents),
                },
            ],
            temperature: 0.0,
            max_tokens: 20,
        };
        let timed_out = |e: &reqwest::Error| e.is_timeout();
        let response = self
            .http
            .post(&self.url)
            .bearer_auth(&self.api_key)
            .json(&request)
            .send()
            .await
            .map_err(|e| {
                if timed_out(&e) {
                    OracleError::Timeout(self.timeout)
                } else {
                    OracleError::Transport(e)
                }
            })?;
        if !response.status().is_success() {
            return Err(OracleError::Status(response.status().as_u16()));
        }
        let body: Response = response.json().await.map_err(|e| {
            if timed_out(&e) {
                OracleError::Timeout(self.timeout)
            } else {
                OracleError::Decode(e)
            }
        })?;
        Ok(body
            .choices
            .first()
            .and_then(|c| chosen(&c.message.content, intents)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_autoreply::Answer;

    fn intents() -> Vec<Intent> {
        vec![Intent {
            name: "hours".into(),
            examples: vec![],
            answer: Answer::text("10時から19時です"),
        }]
    }

    #[test]
    fn only_a_listed_intent_name_is_accepted_from_the_model() {
        assert_eq!(chosen(" \"hours\".\n", &intents()), Some("hours".into()));
        assert_eq!(chosen("none", &intents()), None);
        assert_eq!(chosen("parking", &intents()), None);
    }

    #[test]
    fn the_prompt_lists_each_intent_with_its_answer_and_the_message() {
        let prompt = prompt("何時まで？", &intents());
        assert!(prompt.contains("- hours: 10時から19時です"));
        assert!(prompt.ends_with("何時まで？"));
    }
}
