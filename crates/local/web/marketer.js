// The marketer page: create a campaign, estimate it, send it, watch its progress.
// Talks to the admin API (/admin/...) with the dev token the stack printed; the
// token comes from the URL fragment (#token=...) or the field, and is remembered
// in this browser's localStorage.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { campaign: null, poll: null };

function token() {
  return $("token").value.trim();
}

async function admin(path, options = {}) {
  const response = await fetch("/admin" + path, {
    ...options,
    headers: { "content-type": "application/json", authorization: "Bearer " + token() },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = (body.details || []).map((d) => `${d.field}: ${d.message}`).join(", ");
    const error = new Error(`${response.status} ${body.message || ""} ${detail}`.trim());
    error.status = response.status;
    throw error;
  }
  return body;
}

function showError(error) {
  $("error").textContent = error ? String(error.message || error) : "";
}

const STATUS_LABEL = {
  draft: "下書き", scheduled: "配信予約済み", running: "配信中", paused: "一時停止",
  completed: "完了", cancelled: "中止",
};

function percentOf(c) {
  if (c.status === "completed") return 100;
  const p = c.progress || {};
  if (!p.planned) return 0;
  return Math.min(100, Math.floor((100 * (p.sent + p.failed + p.skipped)) / p.planned));
}

function showCampaign(c) {
  state.campaign = c;
  $("campaign-card").hidden = false;
  $("campaign-title").textContent = c.name;
  $("status").textContent = STATUS_LABEL[c.status] || c.status;
  $("status").dataset.status = c.status;
  const p = c.progress || {};
  for (const k of ["sent", "planned", "failed", "skipped"]) $(k).textContent = p[k] || 0;
  const percent = percentOf(c);
  $("percent").textContent = percent;
  $("bar").style.width = percent + "%";
  $("send").disabled = c.status !== "draft";
}

async function loadChannels() {
  const channels = await admin("/channels");
  $("channel").replaceChildren(
    ...channels.map((c) => Object.assign(document.createElement("option"), {
      value: c.id, textContent: `${c.id}（${c.plan.kind}）`,
    })),
  );
}

async function loadCampaigns() {
  const page = await admin("/campaigns");
  $("campaigns").replaceChildren(
    ...page.items.map((c) => {
      const tr = document.createElement("tr");
      for (const text of [c.name, STATUS_LABEL[c.status] || c.status,
        `${c.progress.sent} / ${c.progress.planned}`, new Date(c.created_at).toLocaleString("ja-JP")]) {
        tr.append(Object.assign(document.createElement("td"), { textContent: text }));
      }
      tr.onclick = () => { showCampaign(c); watch(); };
      return tr;
    }),
  );
}

function watch() {
  clearInterval(state.poll);
  state.poll = setInterval(async () => {
    if (!state.campaign) return;
    try {
      showCampaign(await admin(`/campaigns/${state.campaign.id}`));
      if (["completed", "cancelled"].includes(state.campaign.status)) {
        clearInterval(state.poll);
        loadCampaigns();
      }
    } catch (error) {
      showError(error);
    }
  }, 700);
}

$("create").onsubmit = async (event) => {
  event.preventDefault();
  showError(null);
  const sender = $("sender").value.trim();
  try {
    const campaign = await admin("/campaigns", {
      method: "POST",
      body: JSON.stringify({
        name: $("name").value.trim(),
        channel_id: $("channel").value,
        messages: [{ type: "text", text: $("text").value }],
        sender: sender ? { name: sender } : null,
        audience: {},
        schedule: { kind: "now" },
      }),
    });
    showCampaign(campaign);
    $("estimate").textContent = "-";
    loadCampaigns();
  } catch (error) {
    showError(error);
  }
};

$("estimate-button").onclick = async () => {
  showError(null);
  try {
    const e = await admin(`/campaigns/${state.campaign.id}/estimate`, { method: "POST" });
    const left = e.quota_left == null ? "無制限" : `残り ${e.quota_left} 通`;
    $("estimate").textContent =
      `${e.audience} 人に届きます（${e.quota_needed} 通を消費・今月${left}）` +
      (e.fits ? "" : " — 今月の上限を超えます");
  } catch (error) {
    $("estimate").textContent = error.status === 501
      ? "配信エンジン未接続のため見積もりできません（501）" : String(error.message);
  }
};

$("send").onclick = async () => {
  showError(null);
  try {
    showCampaign(await admin(`/campaigns/${state.campaign.id}/send-now`, { method: "POST" }));
    watch();
    loadCampaigns();
  } catch (error) {
    showError(error);
  }
};

$("token").onchange = () => {
  localStorage.setItem("otodoke-dev-token", token());
  start();
};

async function start() {
  try {
    await loadChannels();
    await loadCampaigns();
    showError(null);
  } catch (error) {
    showError(error.status === 401 ? "dev token を入力してください（otodoke-local が表示したもの）" : error);
  }
}

(function init() {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromFragment) {
    localStorage.setItem("otodoke-dev-token", fromFragment);
    history.replaceState(null, "", location.pathname);
  }
  $("token").value = fromFragment || localStorage.getItem("otodoke-dev-token") || "";
  start();
})();
