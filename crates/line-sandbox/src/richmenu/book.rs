//! One channel's rich menus and who sees which: the state behind the rich-menu
//! endpoints, with LINE's rules that are about state (not about a request's shape).
//!
//! What a friend sees, as LINE decides it: the menu a `richmenuswitch` tap put on
//! their screen, else the menu linked to them, else the channel's default. A switch
//! is the LINE app's own doing (the API's "menu of user" does not report it); a
//! link or unlink of that user replaces it, as a new link replaces the screen.

use bytes::Bytes;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// A menu as stored: LINE's answer object and what the rules need from it.
#[derive(Debug, Clone)]
pub(crate) struct StoredMenu {
    /// Creation order, for the list.
    pub seq: u64,
    /// The menu as LINE returns it (`richMenuId` included).
    pub menu: Value,
    pub width: u64,
    pub height: u64,
    /// `(content type, bytes)` once uploaded; at most once.
    pub image: Option<(String, Bytes)>,
}

/// Why a state change was refused; each maps to LINE's answer in the handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BookError {
    /// No such menu (404 on its own path, 400 when named in a body).
    UnknownMenu,
    /// The menu has no image yet: it cannot be the default or linked (400).
    NoImage,
}

/// A batch accepted at `accepted_ms`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BatchRun {
    pub accepted_ms: i64,
}

/// One batch operation, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BatchOp {
    Link { from: String, to: String },
    Unlink { from: String },
    UnlinkAll,
}

/// The outcome of a `richmenuswitch` tap, as the postback's `params.status` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SwitchStatus {
    Success,
    AliasNotFound,
    MenuNotFound,
}

impl SwitchStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SwitchStatus::Success => "SUCCESS",
            SwitchStatus::AliasNotFound => "RICHMENU_ALIAS_ID_NOTFOUND",
            SwitchStatus::MenuNotFound => "RICHMENU_NOTFOUND",
        }
    }
}

/// One channel's menus, default, links, switches, aliases and batches.
#[derive(Debug, Default)]
pub(crate) struct RichMenuBook {
    pub menus: HashMap<String, StoredMenu>,
    next_seq: u64,
    pub default: Option<String>,
    /// Per-user links (user id → menu id).
    pub links: HashMap<String, String>,
    /// What a `richmenuswitch` tap put on a user's screen (user id → menu id).
    switched: HashMap<String, String>,
    /// Alias id → menu id. An alias may outlive its menu (a switch to it then
    /// reports `RICHMENU_NOTFOUND`, as LINE documents).
    pub aliases: BTreeMap<String, String>,
    pub batches: HashMap<String, BatchRun>,
}

impl RichMenuBook {
    /// Stores a new menu under `id`.
    pub fn create(&mut self, id: String, menu: Value, width: u64, height: u64) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.menus.insert(
            id,
            StoredMenu {
                seq,
                menu,
                width,
                height,
                image: None,
            },
        );
    }

    /// Every menu in creation order.
    pub fn list(&self) -> Vec<&Value> {
        let mut menus: Vec<&StoredMenu> = self.menus.values().collect();
        menus.sort_by_key(|m| m.seq);
        menus.into_iter().map(|m| &m.menu).collect()
    }

    /// A menu that exists and has its image.
    fn usable(&self, id: &str) -> Result<(), BookError> {
        match self.menus.get(id) {
            None => Err(BookError::UnknownMenu),
            Some(m) if m.image.is_none() => Err(BookError::NoImage),
            Some(_) => Ok(()),
        }
    }

    /// Deletes a menu: friends linked to it, or shown it by a switch, lose it, and
    /// it stops being the default. Aliases naming it stay (dangling).
    pub fn delete(&mut self, id: &str) -> Result<(), BookError> {
        self.menus.remove(id).ok_or(BookError::UnknownMenu)?;
        self.links.retain(|_, menu| menu != id);
        self.switched.retain(|_, menu| menu != id);
        if self.default.as_deref() == Some(id) {
            self.default = None;
        }
        Ok(())
    }

    pub fn set_default(&mut self, id: &str) -> Result<(), BookError> {
        self.usable(id)?;
        self.default = Some(id.to_owned());
        Ok(())
    }

    pub fn link(&mut self, user_id: &str, id: &str) -> Result<(), BookError> {
        self.usable(id)?;
        self.switched.remove(user_id);
        self.links.insert(user_id.to_owned(), id.to_owned());
        Ok(())
    }

    pub fn unlink(&mut self, user_id: &str) {
        self.switched.remove(user_id);
        self.links.remove(user_id);
    }

    /// Checks every operation (menus named must exist; a `to` needs its image)
    /// without applying any; `Err` names the first failing operation.
    pub fn check_batch(&self, ops: &[BatchOp]) -> Result<(), (usize, &'static str, BookError)> {
        for (i, op) in ops.iter().enumerate() {
            match op {
                BatchOp::Link { from, to } => {
                    if !self.menus.contains_key(from) {
                        return Err((i, "from", BookError::UnknownMenu));
                    }
                    self.usable(to).map_err(|e| (i, "to", e))?;
                }
                BatchOp::Unlink { from } => {
                    if !self.menus.contains_key(from) {
                        return Err((i, "from", BookError::UnknownMenu));
                    }
                }
                BatchOp::UnlinkAll => {}
            }
        }
        Ok(())
    }

    /// Applies checked operations in order, to per-user links only.
    pub fn apply_batch(&mut self, ops: &[BatchOp]) {
        for op in ops {
            let touched: Vec<String> = match op {
                BatchOp::Link { from, to } => {
                    let users: Vec<String> = self
                        .links
                        .iter()
                        .filter(|(_, m)| *m == from)
                        .map(|(u, _)| u.clone())
                        .collect();
                    for u in &users {
                        self.links.insert(u.clone(), to.clone());
                    }
                    users
                }
                BatchOp::Unlink { from } => {
                    let users: Vec<String> = self
                        .links
                        .iter()
                        .filter(|(_, m)| *m == from)
                        .map(|(u, _)| u.clone())
                        .collect();
                    for u in &users {
                        self.links.remove(u);
                    }
                    users
                }
                BatchOp::UnlinkAll => self.links.drain().map(|(u, _)| u).collect(),
            };
            for u in touched {
                self.switched.remove(&u);
            }
        }
    }

    /// A friend taps a `richmenuswitch` to `alias_id`: their screen shows the
    /// alias's menu when both exist.
    pub fn switch(&mut self, user_id: &str, alias_id: &str) -> SwitchStatus {
        let Some(menu) = self.aliases.get(alias_id) else {
            return SwitchStatus::AliasNotFound;
        };
        if !self.menus.contains_key(menu) {
            return SwitchStatus::MenuNotFound;
        }
        self.switched.insert(user_id.to_owned(), menu.clone());
        SwitchStatus::Success
    }

    /// The menu `user_id` sees now: switched, else linked, else the default.
    pub fn shown_to(&self, user_id: &str) -> Option<&StoredMenu> {
        self.switched
            .get(user_id)
            .or_else(|| self.links.get(user_id))
            .or(self.default.as_ref())
            .and_then(|id| self.menus.get(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn book_with(ids: &[&str]) -> RichMenuBook {
        let mut book = RichMenuBook::default();
        for id in ids {
            book.create((*id).into(), json!({"richMenuId": id}), 2500, 843);
            book.menus.get_mut(*id).unwrap().image = Some(("image/png".into(), Bytes::new()));
        }
        book
    }

    fn shown(book: &RichMenuBook, user: &str) -> Option<String> {
        book.shown_to(user)
            .map(|m| m.menu["richMenuId"].as_str().unwrap().to_owned())
    }

    #[test]
    fn a_link_wins_over_the_default_and_a_switch_over_both() {
        let mut book = book_with(&["a", "b", "c"]);
        book.set_default("a").unwrap();
        assert_eq!(shown(&book, "U1").as_deref(), Some("a"));
        book.link("U1", "b").unwrap();
        assert_eq!(shown(&book, "U1").as_deref(), Some("b"));
        book.aliases.insert("tab-c".into(), "c".into());
        assert_eq!(book.switch("U1", "tab-c"), SwitchStatus::Success);
        assert_eq!(shown(&book, "U1").as_deref(), Some("c"));
        book.unlink("U1");
        assert_eq!(
            shown(&book, "U1").as_deref(),
            Some("a"),
            "unlink clears both"
        );
    }

    #[test]
    fn a_menu_without_image_is_neither_default_nor_linked() {
        let mut book = book_with(&[]);
        book.create("bare".into(), json!({}), 2500, 843);
        assert_eq!(book.set_default("bare"), Err(BookError::NoImage));
        assert_eq!(book.link("U1", "bare"), Err(BookError::NoImage));
        assert_eq!(book.link("U1", "nope"), Err(BookError::UnknownMenu));
    }

    #[test]
    fn deleting_a_menu_unlinks_it_and_clears_the_default_but_keeps_aliases() {
        let mut book = book_with(&["a", "b"]);
        book.set_default("a").unwrap();
        book.link("U1", "a").unwrap();
        book.link("U2", "b").unwrap();
        book.aliases.insert("tab-a".into(), "a".into());
        book.delete("a").unwrap();
        assert_eq!(book.default, None);
        assert_eq!(shown(&book, "U1"), None);
        assert_eq!(shown(&book, "U2").as_deref(), Some("b"));
        assert_eq!(book.switch("U2", "tab-a"), SwitchStatus::MenuNotFound);
        assert_eq!(book.switch("U2", "tab-x"), SwitchStatus::AliasNotFound);
        assert_eq!(book.delete("a"), Err(BookError::UnknownMenu));
    }

    #[test]
    fn a_batch_moves_and_unlinks_per_user_links_only() {
        let mut book = book_with(&["a", "b", "c"]);
        book.set_default("c").unwrap();
        book.link("U1", "a").unwrap();
        book.link("U2", "a").unwrap();
        book.link("U3", "b").unwrap();
        let ops = [
            BatchOp::Link {
                from: "a".into(),
                to: "b".into(),
            },
            BatchOp::Unlink { from: "x".into() },
        ];
        assert_eq!(
            book.check_batch(&ops),
            Err((1, "from", BookError::UnknownMenu))
        );
        book.apply_batch(&ops[..1]);
        assert_eq!(shown(&book, "U1").as_deref(), Some("b"));
        assert_eq!(shown(&book, "U2").as_deref(), Some("b"));
        book.apply_batch(&[BatchOp::UnlinkAll]);
        assert_eq!(
            shown(&book, "U3").as_deref(),
            Some("c"),
            "the default stays"
        );
    }
}
