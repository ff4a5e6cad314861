// The LINE simulator: friends on the left, a phone-sized chat on the right.
// Every action goes to the gateway's /simulator/api, which has the in-process LINE
// sandbox send the signed webhook; the chat is the sandbox's transcript, polled.
"use strict";

const api = (path, options = {}) =>
  fetch("/simulator/api" + path, {
    headers: { "content-type": "application/json" },
    ...options,
  }).then(async (r) => {
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.message || r.status);
    return body;
  });

const $ = (id) => document.getElementById(id);
const state = { botName: "", friends: [], selected: null, shown: "", menu: "", menuOpen: true };

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

const STATE_LABEL = { new: "未追加", following: "友だち", blocked: "ブロック中" };

function renderFriends() {
  const list = $("friend-list");
  list.replaceChildren(
    ...state.friends.map((f) => {
      const li = el(
        "li",
        { className: f.userId === state.selected ? "selected" : "", title: f.userId },
        avatar(f.displayName, f.pictureUrl),
        el("span", { className: "friend-name", textContent: f.displayName }),
        el("span", { className: "state", textContent: STATE_LABEL[f.state] || f.state }),
      );
      li.dataset.userId = f.userId;
      li.onclick = () => select(f.userId);
      return li;
    }),
  );
  const friend = current();
  $("follow").disabled = !friend || friend.state !== "new";
  $("block").disabled = !friend || friend.state !== "following";
  $("unblock").disabled = !friend || friend.state !== "blocked";
  const canTalk = !!friend && friend.state !== "blocked";
  $("message").disabled = $("send").disabled = $("sticker").disabled = !canTalk;
}

function avatar(name, url, bot = false) {
  const fallback = () =>
    el("span", { className: "avatar" + (bot ? " bot" : ""), textContent: (name || "?").slice(0, 1) });
  if (!url) return fallback();
  const img = el("img", { className: "avatar", src: url, alt: name });
  img.onerror = () => img.replaceWith(fallback());
  return img;
}

const current = () => state.friends.find((f) => f.userId === state.selected);

async function loadFriends() {
  state.friends = await api("/friends");
  renderFriends();
}

function select(userId) {
  state.selected = userId;
  state.shown = "";
  state.menu = "";
  renderFriends();
  refresh();
  refreshMenu();
}

// --- the chat ---

// LINE shows 既読 beside the friend's own message once the account has read it.
function readMark(entry) {
  return entry.read ? el("span", { className: "read", textContent: "既読" }) : null;
}

function friendEntry(entry) {
  const e = entry.event;
  if (e.type === "message" && e.message.type === "text")
    return el("div", { className: "row me" }, readMark(entry), el("div", { className: "bubble", textContent: e.message.text }));
  if (e.type === "message" && e.message.type === "sticker")
    return el("div", { className: "row me" }, readMark(entry), el("div", { className: "bubble sticker", textContent: "スタンプ" }));
  const system = {
    follow: e.follow && e.follow.isUnblocked ? "ブロックを解除しました" : "友だち追加しました",
    unfollow: "ブロックしました",
    postback: "ボタンを押しました: " + ((e.postback && e.postback.data) || ""),
  }[e.type];
  // A postback with displayText shows as the friend's own message, as in LINE.
  if (e.type === "postback" && entry.event.displayText)
    return el("div", { className: "row me" }, el("div", { className: "bubble", textContent: entry.event.displayText }));
  return el("div", { className: "system", textContent: system || e.type });
}

// URLs in bot messages are links, as in LINE: a tracked link goes through the
// gateway's /r/ redirect, which counts the click. Only http(s) URLs become links.
const URL_IN_TEXT = /(https?:\/\/[^\s<>"]+)/;

function link(url, label) {
  const a = el("a", { href: url, target: "_blank", rel: "noopener noreferrer", textContent: label || url });
  // LINE counts the tap for the campaign's statistics (the sandbox's insight).
  a.addEventListener("click", () => tapped(url));
  return a;
}

function tapped(url) {
  const userId = state.selected;
  if (userId) api(`/friends/${userId}/tap`, { method: "POST", body: JSON.stringify({ url }) }).catch(() => {});
}

function linkified(text) {
  return text.split(URL_IN_TEXT).map((part, i) => (i % 2 === 1 ? link(part) : document.createTextNode(part)));
}

// Every uri action of a template, flex or imagemap message, wherever it sits.
function uriActions(value, found = []) {
  if (Array.isArray(value)) value.forEach((v) => uriActions(v, found));
  else if (value && typeof value === "object") {
    const uri = value.type === "uri" ? value.uri || value.linkUri : null;
    if (typeof uri === "string" && /^https?:\/\//.test(uri)) found.push({ uri, label: value.label });
    Object.values(value).forEach((v) => uriActions(v, found));
  }
  return found;
}

function botBubble(m) {
  switch (m.type) {
    case "text":
      return el("div", { className: "bubble" }, ...linkified(m.text));
    case "sticker":
      return el("div", { className: "bubble sticker", title: `sticker ${m.packageId}/${m.stickerId}`, textContent: "スタンプ" });
    case "image": {
      const img = el("img", { src: m.previewImageUrl, alt: "画像" });
      img.onerror = () => img.replaceWith(el("div", { className: "missing", textContent: "画像" }));
      return el("div", { className: "bubble image" }, img);
    }
    default: {
      const links = uriActions(m).map((a) => el("div", {}, link(a.uri, a.label ? `${a.label} ↗` : undefined)));
      return el("div", { className: "bubble" }, `[${m.type}] ${m.altText || ""}`, ...links);
    }
  }
}

function botEntry(entry) {
  const sender = entry.sender || {};
  const name = sender.name || state.botName;
  return el(
    "div",
    { className: "row bot" },
    avatar(name, sender.iconUrl, true),
    el("div", {}, el("div", { className: "who", textContent: name }), botBubble(entry.message)),
  );
}

function renderQuickReplies(entries) {
  const quick = $("quick");
  const last = entries[entries.length - 1];
  const items = last && last.from === "bot" && last.quickReply ? last.quickReply.items || [] : [];
  quick.replaceChildren(
    ...items.map((item) => {
      const a = item.action || {};
      const button = el("button", { type: "button", textContent: a.label || a.text || "?" });
      if (a.type === "message") button.onclick = () => act({ type: "text", text: a.text });
      else if (a.type === "postback") button.onclick = () => act({ type: "postback", data: a.data });
      else if (a.type === "uri" && /^https?:\/\//.test(a.uri || "")) {
        button.onclick = () => {
          tapped(a.uri);
          window.open(a.uri, "_blank", "noopener");
        };
      }
      else button.disabled = true;
      return button;
    }),
  );
}

async function refresh() {
  const userId = state.selected;
  if (!userId) return;
  const entries = await api(`/friends/${userId}/conversation`);
  const signature = JSON.stringify(entries);
  if (userId !== state.selected || signature === state.shown) return;
  state.shown = signature;
  const log = $("log");
  const rows = entries.map((e) => (e.from === "bot" ? botEntry(e) : friendEntry(e)));
  if (rows.length === 0) rows.push(el("p", { className: "empty", textContent: "まだメッセージはありません" }));
  log.replaceChildren(...rows);
  log.scrollTop = log.scrollHeight;
  renderQuickReplies(entries);
  // The friend sees these messages: impressions in LINE's statistics.
  if (entries.some((e) => e.from === "bot")) api(`/friends/${userId}/view`, { method: "POST" }).catch(() => {});
}

// --- the rich menu: as LINE shows it under the chat, with a bar that opens and
// closes it; the tappable areas are outlined so a person can see them. ---

const AREA_HINT = {
  message: (a) => "送信: " + a.text,
  postback: (a) => "postback: " + a.data,
  uri: (a) => "リンク: " + a.uri,
  richmenuswitch: (a) => "切替: " + a.richMenuAliasId,
  clipboard: (a) => "コピー: " + a.clipboardText,
};

async function refreshMenu() {
  const userId = state.selected;
  const friend = current();
  let menu = null;
  if (userId && friend && friend.state === "following") {
    menu = await api(`/friends/${userId}/richmenu`).catch(() => null);
  }
  const signature = JSON.stringify(menu);
  if (userId !== state.selected || signature === state.menu) return;
  if (menu && state.menu === "") state.menuOpen = !!menu.selected || state.menuOpen;
  state.menu = signature;
  const box = $("richmenu");
  box.hidden = !menu;
  if (!menu) return;
  $("richmenu-image").src = menu.imageUrl;
  $("richmenu-image").alt = menu.chatBarText;
  $("richmenu-panel").style.aspectRatio = `${menu.size.width} / ${menu.size.height}`;
  const pct = (v, of) => `${(100 * v) / of}%`;
  $("richmenu-areas").replaceChildren(
    ...menu.areas.map((area, index) => {
      const b = area.bounds;
      const a = area.action || {};
      const hint = (AREA_HINT[a.type] || (() => a.type))(a);
      const button = el("button", {
        type: "button",
        className: "richmenu-area",
        title: hint,
        textContent: a.label || hint,
      });
      Object.assign(button.style, {
        left: pct(b.x, menu.size.width),
        top: pct(b.y, menu.size.height),
        width: pct(b.width, menu.size.width),
        height: pct(b.height, menu.size.height),
      });
      button.onclick = () => tap(index);
      return button;
    }),
  );
  renderMenuOpen();
}

function renderMenuOpen() {
  const menu = state.menu ? JSON.parse(state.menu) : null;
  $("richmenu-panel").hidden = !state.menuOpen;
  $("richmenu-bar").setAttribute("aria-expanded", String(state.menuOpen));
  $("richmenu-bar").textContent = ((menu && menu.chatBarText) || "メニュー") + (state.menuOpen ? " ▼" : " ▲");
}

async function tap(index) {
  const userId = state.selected;
  if (!userId) return;
  try {
    const result = await api(`/friends/${userId}/richmenu/tap`, { method: "POST", body: JSON.stringify({ area: index }) });
    if (result.kind === "uri") window.open(result.uri, "_blank", "noopener");
    else if (result.kind === "clipboard") navigator.clipboard && navigator.clipboard.writeText(result.text);
    else if (result.outcome && result.outcome.status !== 200) console.warn("webhook answered", result.outcome);
  } catch (error) {
    alert("タップできませんでした: " + error.message);
  }
  await refresh();
  await refreshMenu();
}

async function act(action) {
  const userId = state.selected;
  if (!userId) return;
  try {
    const outcome = await api(`/friends/${userId}/actions`, { method: "POST", body: JSON.stringify(action) });
    if (outcome.status !== 200) console.warn("webhook answered", outcome);
  } catch (error) {
    alert("送信できませんでした: " + error.message);
  }
  await loadFriends();
  await refresh();
  await refreshMenu();
}

// --- wiring ---

$("new-friend").onsubmit = async (event) => {
  event.preventDefault();
  const name = $("new-friend-name").value.trim();
  if (!name) return;
  const friend = await api("/friends", { method: "POST", body: JSON.stringify({ displayName: name }) });
  $("new-friend-name").value = "";
  await loadFriends();
  select(friend.userId);
};
$("compose").onsubmit = (event) => {
  event.preventDefault();
  const text = $("message").value.trim();
  if (!text) return;
  $("message").value = "";
  act({ type: "text", text });
};
$("richmenu-bar").onclick = () => {
  state.menuOpen = !state.menuOpen;
  renderMenuOpen();
};
$("follow").onclick = () => act({ type: "follow" });
$("block").onclick = () => act({ type: "block" });
$("unblock").onclick = () => act({ type: "unblock" });
$("sticker").onclick = () => act({ type: "sticker", packageId: "11537", stickerId: "52002734" });

(async function start() {
  const info = await api("/info");
  state.botName = info.botName;
  $("bot-name").textContent = info.botName;
  $("channel").textContent = `チャネル ${info.channelId}`;
  await loadFriends();
  if (state.friends.length) select(state.friends[state.friends.length - 1].userId);
  setInterval(() => refresh().then(refreshMenu).catch(() => {}), 700);
})();
