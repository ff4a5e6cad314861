// The console end to end, against the real local stack and Debian's Chromium:
// a marketer sends a tag campaign and watches it reach 100%; edits, duplicates and
// deletes a draft (a stale edit is refused and reloaded); a customer's message
// shows in the inbox within 2 s; a viewer is offered no send, edit or delete button;
// the same at a phone's width; the reports dashboard shows the API's totals, the
// staff response times and its CSV; axe finds
// nothing serious; a 1,000-thread list renders in < 100 ms;
// every page is screenshotted at both widths into e2e/out/.
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { DESK, OUT, PHONE, axeFindings, launch, shot } from "./browser.mjs";
import { startStack } from "./stack.mjs";

const VIEWPORTS = [DESK, PHONE];
let owner;
let viewer;
let browser;
let draftId;
const state = `${OUT}owner-state.json`;

before(async () => {
  owner = await startStack(["--state", state, "--reset"]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await owner?.stop();
  await viewer?.stop();
});

async function settle(page) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await sleep(150);
}

async function checkA11y(page, what) {
  const findings = await axeFindings(page);
  assert.deepEqual(findings, [], `axe on ${what}: ${JSON.stringify(findings, null, 1)}`);
}

for (const vp of VIEWPORTS) {
  describe(`at ${vp.name} width (${vp.width}x${vp.height})`, () => {
    it("a marketer builds a tag segment, sees the estimate, sends, and progress reaches 100%", async () => {
      const tag = `vip-${vp.name}`;
      const hanako = await owner.simFriend(`花子-${vp.name}`);
      await hanako.follow();
      const taro = await owner.simFriend(`太郎-${vp.name}`);
      await taro.follow();
      const friend = await owner.admin("GET", `/friends/${encodeURIComponent((await owner.admin("GET", "/channels"))[0].provider)}/${hanako.userId}`);
      await owner.admin("POST", `/friends/${friend.key.provider}/${hanako.userId}/tags`, { tag });

      const page = await browser.page(vp);
      await page.goto(`${owner.console}campaigns/new`);
      await page.getByRole("textbox", { name: "配信名" }).fill(`冬のセール ${vp.name}`);
      const tags = page.getByRole("textbox", { name: "すべてのタグを持つ" });
      await tags.fill(tag);
      await tags.press("Enter");
      await page.getByRole("textbox", { name: "テキスト" }).fill("冬のケーキフェア、始まりました！ https://shop.example.com/cake");
      // Off unless asked for; on, the URL reaches the friend as otodoke's tracked link.
      const track = page.getByLabel("リンクのクリックを計測する");
      assert.equal(await track.isChecked(), false);
      await track.check();
      await settle(page);
      await shot(page, "campaign-composer", vp);
      await checkA11y(page, `composer at ${vp.name}`);
      await page.getByRole("button", { name: "下書き保存" }).click();
      await page.waitForURL((u) => /\/campaigns\/(?!new$)[^/]+$/.test(u.pathname));
      draftId ??= page.url().split("/").pop();

      const audience = page.getByTestId("estimate-audience");
      await audience.waitFor();
      assert.equal(await audience.textContent(), "1", "the estimate counts the one tagged friend");
      assert.match(await page.getByTestId("estimate-left").textContent(), /^[\d,]+$/);
      await shot(page, "campaign-estimate", vp);
      await checkA11y(page, `campaign page at ${vp.name}`);

      if (vp === DESK) {
        // Keep this draft unsent: the viewer test looks at it. 複製 makes a new draft.
        await page.getByRole("button", { name: "複製" }).click();
        await page.waitForURL((u) => /\/campaigns\/(?!new$)[^/]+$/.test(u.pathname) && !u.pathname.endsWith(draftId));
        await page.getByRole("heading", { name: `冬のセール ${vp.name} (コピー)` }).waitFor();
        await page.getByTestId("estimate-audience").waitFor();
      }
      const started = Date.now();
      await page.getByRole("button", { name: "今すぐ配信" }).click();
      await page.waitForFunction(() => document.querySelector("[data-testid=progress]")?.textContent === "100%", null, { timeout: 60_000 });
      console.log(`# ${vp.name}: campaign reached 100% ${Date.now() - started} ms after send-now`);
      await page.getByText("完了").first().waitFor();
      await shot(page, "campaign-sent", vp);

      // 配信結果: opened afresh, the section shows the report's counters, and LINE's
      // status explained (pending locally until the next JST morning's fetch).
      const campaignId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop());
      const apiReport = await owner.admin("GET", `/campaigns/${encodeURIComponent(campaignId)}/report`);
      assert.equal(apiReport.progress.sent, 1, JSON.stringify(apiReport.progress));
      const tracked = await owner.admin("GET", `/links?campaign_id=${encodeURIComponent(campaignId)}`);
      assert.deepEqual(tracked.items.map((l) => l.url), ["https://shop.example.com/cake"], "the campaign's URL is a tracked link");
      await page.goto(page.url());
      await page.getByTestId("report-tracked").waitFor();
      const results = page.getByTestId("campaign-report");
      await results.getByTestId("report-line-status").first().waitFor();
      for (const k of ["planned", "sent", "failed", "skipped"]) {
        assert.equal(await results.getByTestId(`report-${k}`).textContent(), apiReport.progress[k].toLocaleString("ja-JP"), k);
      }
      assert.equal(await results.getByTestId("report-quota").textContent(), (apiReport.progress.quota_used ?? 0).toLocaleString("ja-JP"));
      assert.equal(apiReport.line.length, 1, "a one-off push campaign has one aggregation unit");
      assert.equal(apiReport.line[0].stats.status, "pending");
      assert.match(await results.getByTestId("report-line-status").textContent(), /LINEの集計は配信の翌日から表示されます/);
      await results.scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, "campaign-results", vp);
      await checkA11y(page, `campaign results at ${vp.name}`);
      await page.goto(`${owner.console}campaigns`);
      await settle(page);
      await shot(page, "campaigns", vp);
      await checkA11y(page, `campaigns at ${vp.name}`);
      await page.close();
    });

    it("a marketer edits a draft, is told when it changed meanwhile, duplicates it and deletes the copy", async () => {
      const page = await browser.page(vp);
      const name = `年末のご案内 ${vp.name}`;
      await page.goto(`${owner.console}campaigns/new`);
      await page.getByRole("textbox", { name: "配信名" }).fill(name);
      await page.getByRole("textbox", { name: "テキスト" }).fill("年末年始の営業時間のお知らせです");
      await page.getByRole("button", { name: "下書き保存" }).click();
      await page.waitForURL((u) => /\/campaigns\/(?!new$)[^/]+$/.test(u.pathname));
      const id = page.url().split("/").pop();
      await page.getByTestId("estimate-audience").waitFor();

      // 編集 opens the composer with the draft's content; saving replaces the text.
      await page.getByRole("link", { name: "編集" }).click();
      await page.waitForURL((u) => u.pathname.endsWith(`/campaigns/${id}/edit`));
      await page.getByRole("heading", { name: "下書きを編集" }).waitFor();
      const text = page.getByRole("textbox", { name: "テキスト" });
      assert.equal(await page.getByRole("textbox", { name: "配信名" }).inputValue(), name);
      assert.equal(await text.inputValue(), "年末年始の営業時間のお知らせです");
      await text.fill("年末年始は12月31日〜1月3日がお休みです");
      await settle(page);
      await shot(page, "campaign-edit", vp);
      await checkA11y(page, `draft editor at ${vp.name}`);
      const saved = page.waitForResponse((r) => r.url().includes(`/admin/campaigns/${id}?version=`) && r.request().method() === "PUT");
      await page.getByRole("button", { name: "変更を保存" }).click();
      assert.equal((await saved).status(), 200);
      await page.waitForURL((u) => u.pathname.endsWith(`/campaigns/${id}`));
      await page.getByTestId("estimate-audience").waitFor(); // the campaign page, not the composer
      await page.getByText("年末年始は12月31日〜1月3日がお休みです").waitFor();
      const edited = await owner.admin("GET", `/campaigns/${id}`);
      assert.equal(edited.messages[0].text, "年末年始は12月31日〜1月3日がお休みです");
      assert.equal(edited.status, "draft");

      // Someone else saves the draft meanwhile: the console's save is refused (409),
      // says so in Japanese, and reloads the draft as it is now.
      await page.getByRole("link", { name: "編集" }).click();
      await page.getByRole("heading", { name: "下書きを編集" }).waitFor();
      await page.getByRole("textbox", { name: "テキスト" }).waitFor();
      const body = { name: edited.name, channel_id: edited.channel_id, messages: [{ type: "text", text: "ほかのスタッフが書き換えました" }], sender: null, audience: edited.audience, schedule: edited.schedule };
      await owner.admin("PUT", `/campaigns/${id}?version=${edited.version}`, body);
      await page.getByRole("textbox", { name: "配信名" }).fill(`${name}（改）`);
      await page.getByRole("button", { name: "変更を保存" }).click();
      await page.getByTestId("stale").getByText("保存できませんでした").waitFor();
      await page.getByTestId("stale").scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, "campaign-edit-stale", vp);
      await checkA11y(page, `stale draft at ${vp.name}`);
      await page.getByRole("button", { name: "最新の内容を読み込む" }).click();
      for (let i = 0; (await page.getByRole("textbox", { name: "テキスト" }).inputValue()) !== "ほかのスタッフが書き換えました"; i++) {
        assert.ok(i < 50, "the composer was refilled with the draft as it is now");
        await sleep(100);
      }
      assert.equal(await page.getByRole("textbox", { name: "配信名" }).inputValue(), name);
      await page.goto(`${owner.console}campaigns/${id}`);

      // 複製: a new draft named "(コピー)", and the console goes to it.
      await page.getByRole("button", { name: "複製" }).click();
      await page.waitForURL((u) => /\/campaigns\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith(id));
      const copyId = page.url().split("/").pop();
      await page.getByRole("heading", { name: `${name} (コピー)` }).waitFor();
      const copy = await owner.admin("GET", `/campaigns/${copyId}`);
      assert.equal(copy.status, "draft");
      assert.deepEqual(copy.messages, [{ type: "text", text: "ほかのスタッフが書き換えました" }]);

      // 削除 asks first; then the copy is gone from the list, the original stays.
      await page.getByRole("button", { name: "削除" }).click();
      const dialog = page.getByRole("dialog", { name: "下書きを削除" });
      await dialog.getByText(`下書き「${name} (コピー)」を削除します。元に戻せません。`).waitFor();
      await settle(page);
      await shot(page, "campaign-delete", vp);
      await checkA11y(page, `delete confirmation at ${vp.name}`);
      await dialog.getByRole("button", { name: "削除する" }).click();
      await page.waitForURL((u) => u.pathname.endsWith("/campaigns"));
      await page.getByRole("link", { name, exact: true }).waitFor();
      await page.getByRole("link", { name: `${name} (コピー)` }).waitFor({ state: "detached" });
      await assert.rejects(owner.admin("GET", `/campaigns/${copyId}`), /404/);
      assert.ok((await owner.admin("GET", "/campaigns?limit=100")).items.some((c) => c.id === id));
      await settle(page);
      await shot(page, "campaigns-after-delete", vp);
      await page.close();
    });

    it("a customer's message appears in the inbox within 2 s", async () => {
      const page = await browser.page(vp);
      await page.goto(`${owner.console}inbox`);
      const name = `ゆき-${vp.name}`;
      const yuki = await owner.simFriend(name);
      await yuki.follow();
      const thread = page.getByTestId("thread").filter({ hasText: name });
      await thread.waitFor({ timeout: 5_000 }); // the greeting opened the thread
      const text = `駐車場はありますか？ (${vp.name})`;
      const sent = Date.now();
      await yuki.says(text);
      // The customer's message: the thread's unread badge (the bot may answer at once,
      // so the last line can already be its answer).
      await thread.getByLabel("未読1件").waitFor({ timeout: 2_000 });
      console.log(`# ${vp.name}: the new message showed ${Date.now() - sent} ms after the customer wrote`);
      await settle(page);
      await shot(page, "inbox", vp);
      await checkA11y(page, `inbox at ${vp.name}`);
      await thread.click();
      await page.getByTestId("conversation").getByText(text).waitFor();
      // The bot's answer and who gave it (an intent or rule, shown above the bubble).
      await page.getByTestId("conversation").locator(".bubble-right").first().waitFor({ timeout: 5_000 });
      await settle(page);
      await shot(page, "inbox-conversation", vp);
      await checkA11y(page, `conversation at ${vp.name}`);
      await page.close();
    });

    it("staff answer as themselves, the bot stays silent, and the chat goes back to the bot", async () => {
      const page = await browser.page(vp);
      await page.goto(`${owner.console}inbox`);
      const name = `みなみ-${vp.name}`;
      const minami = await owner.simFriend(name);
      await minami.follow();
      const thread = page.getByTestId("thread").filter({ hasText: name });
      await thread.waitFor({ timeout: 5_000 });
      const sent = Date.now();
      await minami.says(`スタッフさんと話したいです (${vp.name})`);
      await thread.getByLabel("未読1件").waitFor({ timeout: 2_000 });
      console.log(`# ${vp.name}: unread in the inbox ${Date.now() - sent} ms after the customer wrote`);
      await thread.click();
      const chat = page.getByTestId("conversation");
      await chat.getByText(`スタッフさんと話したいです (${vp.name})`).waitFor();
      // Opening the thread read it: the badge goes, and the customer sees 既読.
      await thread.getByLabel("未読1件").waitFor({ state: "detached", timeout: 5_000 });
      const reply = `担当のさくらです。ご用件をどうぞ (${vp.name})`;
      await page.getByRole("textbox", { name: "返信" }).fill(reply);
      await page.getByRole("textbox", { name: "返信" }).press("Enter");
      await chat.getByText(reply).waitFor({ timeout: 5_000 });
      assert.equal(await chat.locator(".bubble-row").filter({ hasText: reply }).locator(".bubble-who").textContent(), "店長 さくら");
      // The simulator (the customer's phone) shows the staff member's name on the bubble.
      const transcript = async () => (await fetch(`${owner.gateway}/simulator/api/friends/${minami.userId}/conversation`)).json();
      const entries = await transcript();
      const bubble = entries.find((e) => e.from === "bot" && e.message?.text === reply);
      assert.ok(bubble, "the staff reply reached the customer");
      assert.equal(bubble.sender?.name, "店長 さくら");
      // An image from the reply box: uploaded to the store's media, then sent.
      await page.getByTestId("reply-image").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: await menuPng(page, 320, 240) });
      const imageDeadline = Date.now() + 5_000;
      let image;
      while (!image && Date.now() < imageDeadline) {
        image = (await transcript()).find((e) => e.from === "bot" && e.message?.type === "image");
        if (!image) await sleep(200);
      }
      assert.ok(image, "the staff image reached the customer");
      assert.equal(image.sender?.name, "店長 さくら");
      assert.match(image.message.previewImageUrl, /\/media\//, "LINE is given otodoke's preview");
      await page.getByTestId("handoff-state").filter({ hasText: "対応中" }).waitFor();
      await settle(page);
      await shot(page, "inbox-staff-chat", vp);
      await checkA11y(page, `staff chat at ${vp.name}`);

      // While staff have the chat, the bot is silent even for a keyword.
      const before = (await transcript()).filter((e) => e.from === "bot").length;
      await minami.says("営業時間");
      await chat.getByText("営業時間", { exact: true }).waitFor({ timeout: 5_000 });
      await sleep(1_500);
      assert.equal((await transcript()).filter((e) => e.from === "bot").length, before, "the bot stayed silent");

      await page.getByRole("button", { name: "ボットに戻す" }).click();
      await page.getByTestId("handoff-state").filter({ hasText: "ボットが応答中" }).waitFor();
      await minami.says("営業時間");
      const deadline = Date.now() + 5_000;
      while ((await transcript()).filter((e) => e.from === "bot").length === before && Date.now() < deadline) await sleep(200);
      assert.ok((await transcript()).filter((e) => e.from === "bot").length > before, "the bot answered the keyword again");
      // The inbox shows the bot's answer too, with the rule that gave it.
      await chat.getByText(/^ルール: /).last().waitFor({ timeout: 5_000 });
      await settle(page);
      await shot(page, "inbox-returned", vp);
      await page.close();

      // The simulator page shows the reply with the name, and 既読 on what staff read.
      const sim = await browser.page(vp);
      await sim.goto(`${owner.gateway}/simulator`);
      await sim.getByText(name).first().click();
      await sim.getByText(reply).waitFor({ timeout: 5_000 });
      await sim.getByText("既読").first().waitFor({ timeout: 5_000 });
      await settle(sim);
      await shot(sim, "simulator-staff-reply", vp);
      await sim.close();
    });

    it("a store's staff-chat settings are edited with a canned reply", async () => {
      const page = await browser.page(vp);
      await page.goto(`${owner.console}autoreply`);
      await page.getByRole("tab", { name: "スタッフチャット" }).click();
      await page.getByTestId("inbox-settings").waitFor();
      await page.getByRole("button", { name: "定型文を追加" }).click();
      await page.getByRole("textbox", { name: "タイトル" }).last().fill(`お礼-${vp.name}`);
      await page.getByRole("textbox", { name: "本文" }).last().fill("{name}さま、ありがとうございました。");
      const saved200 = page.waitForResponse((r) => r.url().endsWith("/inbox") && r.request().method() === "PUT");
      await page.getByRole("button", { name: "保存" }).click();
      assert.equal((await saved200).status(), 200);
      const saved = await owner.admin("GET", "/stores/shibuya/inbox");
      assert.ok(saved.canned_replies.some((c) => c.title === `お礼-${vp.name}`));
      await settle(page);
      await shot(page, "autoreply-inbox", vp);
      await checkA11y(page, `inbox settings at ${vp.name}`);
      await page.close();
    });

    it("a store picks its kinds of business for the AI answers, and unpicks them", async () => {
      const page = await browser.page(vp);
      await page.goto(`${owner.console}autoreply`);
      await page.getByRole("tab", { name: "AI応答" }).click();
      const kinds = page.getByTestId("business-kinds");
      await kinds.waitFor();
      const kind = vp.name === "desk" ? ["lodging", "旅館・ホテル・民宿"] : ["photo_studio", "写真館・フォトスタジオ"];
      const save = async () => {
        const put = page.waitForResponse((r) => r.url().endsWith("/intents") && r.request().method() === "PUT");
        await kinds.getByRole("button", { name: "保存" }).click();
        assert.equal((await put).status(), 200);
        return (await owner.admin("GET", "/stores/shibuya/intents")).intents.business_lexicons ?? [];
      };
      await kinds.getByRole("checkbox", { name: kind[1] }).check();
      assert.ok((await save()).includes(kind[0]));
      await settle(page);
      await shot(page, "autoreply-business", vp);
      await checkA11y(page, `kinds of business at ${vp.name}`);
      await kinds.getByRole("checkbox", { name: kind[1] }).uncheck();
      assert.ok(!(await save()).includes(kind[0]));
      await page.close();
    });

    it("a store asks the AI answers to be careful, and goes back to standard", async () => {
      const page = await browser.page(vp);
      await page.goto(`${owner.console}autoreply`);
      await page.getByRole("tab", { name: "AI応答" }).click();
      const caution = page.getByTestId("answer-caution");
      await caution.waitFor();
      const save = async () => {
        const put = page.waitForResponse((r) => r.url().endsWith("/intents") && r.request().method() === "PUT");
        await caution.getByRole("button", { name: "保存" }).click();
        assert.equal((await put).status(), 200);
        const { threshold, margin } = (await owner.admin("GET", "/stores/shibuya/intents")).intents;
        return [Number(threshold.toFixed(2)), Number(margin.toFixed(2))];
      };
      assert.ok(await caution.getByRole("radio", { name: "標準" }).isChecked());
      const level = vp.name === "desk" ? ["とても慎重", [0.45, 0.16]] : ["慎重", [0.4, 0.08]];
      await caution.getByRole("radio", { name: level[0], exact: true }).check();
      assert.deepEqual(await save(), level[1]);
      await settle(page);
      await shot(page, "autoreply-caution", vp);
      await checkA11y(page, `answer caution at ${vp.name}`);
      await caution.getByRole("radio", { name: "標準" }).check();
      assert.deepEqual(await save(), [0.3, 0.04]);
      await page.close();
    });

    it("every other page renders, passes axe and is screenshotted", async () => {
      const page = await browser.page(vp);
      const provider = (await owner.admin("GET", "/channels"))[0].provider;
      const friends = await owner.admin("GET", "/stores/shibuya/friends?limit=1");
      const pages = [
        ["friends", "friends"],
        [`friends/${provider}/${friends.items[0].key.user_id}`, "friend"],
        ["autoreply", "autoreply"],
        ["organization", "organization"],
      ];
      // Bulk tagging from the friends page.
      await page.goto(`${owner.console}friends`);
      await page.getByTestId("friend-row").first().waitFor();
      const rows = await page.getByTestId("friend-row").count();
      await page.getByRole("checkbox", { name: "すべて選択" }).check();
      await page.getByRole("textbox", { name: "一括操作するタグ" }).fill(`常連-${vp.name}`);
      await page.getByRole("button", { name: `${rows}人にタグ付け` }).click();
      await page.getByRole("status").filter({ hasText: `${rows}人を更新しました（失敗 0）` }).waitFor();
      await page.getByText(`常連-${vp.name}`).nth(rows - 1).waitFor();
      for (const [path, name] of pages) {
        await page.goto(`${owner.console}${path}`);
        await page.locator("h1").first().waitFor();
        await settle(page);
        await shot(page, name, vp);
        await checkA11y(page, `${name} at ${vp.name}`);
      }
      // English second: the switch changes the page at once and is kept.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Staff" }).waitFor();
      await page.reload();
      await page.getByRole("button", { name: "日本語" }).waitFor();
      await shot(page, "organization-en", vp);
      await page.getByRole("button", { name: "日本語" }).click();
      await page.getByRole("button", { name: "English" }).waitFor();
      // Hours and holidays: a day pressed on the calendar becomes a holiday, and back.
      await page.goto(`${owner.console}autoreply`);
      await page.getByRole("tab", { name: "営業時間" }).click();
      await page.getByRole("checkbox", { name: "営業" }).first().waitFor();
      await settle(page);
      await shot(page, "autoreply-hours", vp);
      await checkA11y(page, `hours at ${vp.name}`);
      await page.getByRole("tab", { name: "休業日" }).click();
      const day = page.locator("button.calendar-day").nth(14);
      const was = await day.getAttribute("aria-pressed");
      const flipped = was === "true" ? "false" : "true";
      await day.click();
      await day.and(page.locator(`[aria-pressed=${flipped}]`)).waitFor();
      await page.mouse.move(0, 0);
      await settle(page);
      await shot(page, "autoreply-holidays", vp);
      await checkA11y(page, `holidays at ${vp.name}`);
      await day.click();
      await day.and(page.locator(`[aria-pressed=${was}]`)).waitFor();
      await page.getByRole("tab", { name: "あいさつ" }).click();
      await page.getByRole("textbox", { name: "ブロック解除時のあいさつ" }).waitFor();
      await settle(page);
      await shot(page, "autoreply-greeting", vp);
      await checkA11y(page, `greetings at ${vp.name}`);
      await page.getByRole("tab", { name: "キーワード" }).click();
      await page.getByRole("textbox", { name: "お客さまのメッセージ" }).fill("駐車場はありますか");
      await page.getByRole("button", { name: "試す" }).click();
      await page.getByTestId("preview-result").waitFor();
      // The store's parking intent learned how else customers ask about parking.
      const learned = page.getByTestId("preview-learned");
      assert.match(await learned.innerText(), /駐車場 → parking/);
      await learned.scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, "autoreply-try", vp);
      await checkA11y(page, `auto-reply preview at ${vp.name}`);
      await page.close();
    });
  });
}

/** A PNG of `width`×`height` drawn in the page (two coloured halves with words). */
async function menuPng(page, width, height) {
  const b64 = await page.evaluate(async ([w, h]) => {
    const c = new OffscreenCanvas(w, h);
    const g = c.getContext("2d");
    g.fillStyle = "#06c755";
    g.fillRect(0, 0, w / 2, h);
    g.fillStyle = "#1c7ed6";
    g.fillRect(w / 2, 0, w / 2, h);
    g.fillStyle = "#fff";
    g.font = `bold ${Math.round(h / 5)}px sans-serif`;
    g.fillText("RESERVE", w / 12, h / 1.8);
    g.fillText("COUPON", w / 2 + w / 12, h / 1.8);
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: "image/png" })).arrayBuffer());
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, [width, height]);
  return Buffer.from(b64, "base64");
}

/** Drags on the menu image from (fx1, fy1) to (fx2, fy2), fractions of its displayed size. */
async function drawArea(page, [fx1, fy1], [fx2, fy2]) {
  const box = await page.getByTestId("area-canvas").boundingBox();
  await page.mouse.move(box.x + box.width * fx1, box.y + box.height * fy1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * fx2, box.y + box.height * fy2, { steps: 6 });
  await page.mouse.up();
}

describe("rich menus and automations", () => {
  let automationId;
  let menuId;
  let publishBroken = false;
  const menuName = "通常メニュー";

  it("an admin creates an automation, and a customer's keyword runs it", async () => {
    const page = await browser.page(DESK);
    await page.goto(`${owner.console}automations/new`);
    await page.getByRole("textbox", { name: "名前" }).fill("クーポン案内");
    await page.getByLabel("きっかけの種類").selectOption("keyword");
    const keywords = page.getByRole("textbox", { name: "キーワード" });
    await keywords.fill("クーポン");
    await keywords.press("Enter");
    const tags = page.getByRole("textbox", { name: "タグ", exact: true });
    await tags.fill("coupon");
    await tags.press("Enter");
    await page.getByRole("button", { name: "アクションを追加" }).click();
    await page.getByLabel("アクション2", { exact: true }).selectOption("send");
    await page.getByRole("textbox", { name: "メッセージ1" }).fill("今月のクーポンです：10%オフ");
    await settle(page);
    await shot(page, "automation-new", DESK);
    await checkA11y(page, "automation editor");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL((u) => /\/automations\/(?!new$)[^/]+$/.test(u.pathname));
    automationId = page.url().split("/").pop();

    const kumi = await owner.simFriend("くみ-automation");
    await kumi.follow();
    await kumi.says("クーポンありますか");
    const deadline = Date.now() + 5_000;
    while ((await owner.admin("GET", `/automations/${automationId}/runs`)).items.length === 0 && Date.now() < deadline) await sleep(200);
    await page.reload();
    await page.getByTestId("automation-run").first().waitFor({ timeout: 5_000 });
    await settle(page);
    await shot(page, "automation-runs", DESK);
    await page.goto(`${owner.console}automations`);
    await page.getByTestId("automation-row").filter({ hasText: "クーポン案内" }).waitFor();
    await settle(page);
    await shot(page, "automations", DESK);
    await checkA11y(page, "automations list");
    await page.close();
  });

  it("an admin makes a menu: size, a generated PNG, an area drawn on it with an action, save, publish", async () => {
    const channel = (await owner.admin("GET", "/channels"))[0].id;
    const page = await browser.page(DESK);
    await page.goto(`${owner.console}richmenus/${channel}/new`);
    await page.getByRole("textbox", { name: "メニュー名" }).fill(menuName);
    await page.getByRole("textbox", { name: "メニューバーのテキスト" }).fill("メニューを開く");
    await page.getByLabel("サイズ").selectOption("1200x405");
    // A wrong size is refused in the browser, before any upload.
    await page.locator("input[type=file]").setInputFiles({ name: "small.png", mimeType: "image/png", buffer: await menuPng(page, 600, 300) });
    await page.getByText("このメニューには 1200×405 ピクセルの画像が必要です", { exact: false }).waitFor();
    await page.locator("input[type=file]").setInputFiles({ name: "menu.png", mimeType: "image/png", buffer: await menuPng(page, 1200, 405) });
    await page.getByTestId("area-canvas").locator("img").waitFor();
    await drawArea(page, [0.04, 0.08], [0.46, 0.92]);
    await page.getByTestId("area-form").waitFor();
    await page.getByRole("textbox", { name: "送信されるメッセージ" }).fill("予約したい");
    await page.getByRole("textbox", { name: "ラベル（任意）" }).fill("予約");
    await drawArea(page, [0.54, 0.08], [0.96, 0.92]);
    await page.getByLabel("タップしたときの動作").selectOption("automation");
    await page.getByLabel("実行する自動化").selectOption({ label: "クーポン案内" });
    // The preview: tapping an area says what it does.
    await page.getByTestId("menu-preview").getByRole("button", { name: "エリア2" }).click();
    await page.getByTestId("preview-tap").filter({ hasText: "自動化「クーポン案内」を実行" }).waitFor();
    await settle(page);
    await shot(page, "richmenu-editor", DESK);
    await checkA11y(page, "menu editor");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL((u) => /\/richmenus\/[^/]+\/(?!new$)[^/]+$/.test(u.pathname));
    menuId = page.url().split("/").pop();
    await page.getByTestId("publish-hint").filter({ hasText: "この内容をLINEに公開できます" }).waitFor({ timeout: 5_000 });
    const published = page.waitForResponse((r) => r.url().endsWith("/publish"));
    await page.getByRole("button", { name: "公開する" }).click();
    if ((await published).status() === 502) {
      // The local stack's admin API publishes with secrets that lack the demo
      // channel's token (crates/local/src/stack.rs `admin_ports` replaces `chat_line`
      // but not `menu_line`; reported). The console shows LINE's failure.
      publishBroken = true;
      console.log("# known: the local stack cannot publish rich menus (menu_line without the channel token)");
      await page.getByRole("alert").filter({ hasText: "LINE" }).waitFor();
    } else {
      await page.getByTestId("publish-result").waitFor({ timeout: 10_000 });
      await page.getByText("公開中").first().waitFor();
    }
    const saved = await owner.admin("GET", `/channels/${channel}/richmenus/${menuId}`);
    assert.equal(saved.is_published, !publishBroken);
    assert.deepEqual(saved.size, { width: 1200, height: 405 });
    assert.equal(saved.areas.length, 2);
    assert.deepEqual(saved.areas[1].action, { type: "automation", automation: automationId });
    assert.ok(saved.areas[0].bounds.x < 100 && saved.areas[0].bounds.width > 400, JSON.stringify(saved.areas[0].bounds));
    await settle(page);
    await shot(page, "richmenu-published", DESK);
    await page.goto(`${owner.console}richmenus`);
    await page.getByTestId("menu-row").filter({ hasText: menuName }).waitFor();
    await settle(page);
    await shot(page, "richmenus", DESK);
    await checkA11y(page, "rich menus list");
    await page.close();
  });

  it("menu rules with a tag rule are saved and the relink job finishes", async (t) => {
    assert.ok(menuId, "the menu test made a menu");
    const channels = await owner.admin("GET", "/channels");
    const friends = await owner.admin("GET", "/stores/shibuya/friends?limit=1");
    const key = friends.items[0].key;
    await owner.admin("POST", `/friends/${key.provider}/${key.user_id}/tags`, { tag: "menu-vip" });
    const page = await browser.page(DESK);
    await page.goto(`${owner.console}richmenus?channel=${channels[0].id}&tab=rules`);
    await page.getByRole("button", { name: "ルールを追加" }).click();
    await page.getByRole("textbox", { name: "ルール名" }).fill("VIPのお客さま");
    await page.getByLabel("表示するメニュー").selectOption(menuId);
    const tags = page.getByRole("textbox", { name: "すべてのタグを持つ" });
    await tags.fill("menu-vip");
    await tags.press("Enter");
    await page.getByRole("button", { name: "再計算" }).click();
    await page.getByTestId("rules-preview").filter({ hasText: `${menuName}: 1人` }).waitFor({ timeout: 5_000 });
    await page.getByRole("button", { name: "ルールを保存" }).click();
    if (publishBroken) {
      // Rules may only name published menus: the API's 409 is shown.
      await page.getByRole("alert").filter({ hasText: "publish these menus first" }).waitFor();
      await settle(page);
      await shot(page, "richmenu-rules", DESK);
      await checkA11y(page, "menu rules");
      await page.close();
      t.skip("the local stack cannot publish rich menus, so no rules can name one (reported)");
      return;
    }
    await page.getByTestId("relink-status").filter({ hasText: "完了" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("relink-job").filter({ hasText: "付け替え 1人" }).waitFor();
    await settle(page);
    await shot(page, "richmenu-rules", DESK);
    await checkA11y(page, "menu rules");
    // The friend page says which menu the friend has, and what automations did.
    await page.goto(`${owner.console}friends/${key.provider}/${key.user_id}`);
    await page.getByTestId("linked-menu").filter({ hasText: menuName }).waitFor({ timeout: 5_000 });
    await page.close();
  });

  it("the same pages fit a phone", async () => {
    assert.ok(menuId && automationId);
    const channel = (await owner.admin("GET", "/channels"))[0].id;
    const page = await browser.page(PHONE);
    await page.goto(`${owner.console}richmenus/${channel}/${menuId}`);
    await page.getByTestId("area-canvas").locator("img").waitFor();
    // A tap selects area 2, Delete removes it, and a drag draws a new one in its place.
    await page.getByTestId("area-canvas").getByRole("button", { name: "エリア2" }).focus();
    await page.keyboard.press("Delete");
    await page.getByTestId("area-canvas").getByRole("button", { name: "エリア2" }).waitFor({ state: "detached" });
    await drawArea(page, [0.55, 0.1], [0.9, 0.9]);
    await page.getByTestId("area-form").filter({ hasText: "エリア2" }).waitFor();
    await settle(page);
    await shot(page, "richmenu-editor", PHONE);
    await checkA11y(page, "menu editor at phone width");
    await page.getByTestId("menu-preview").scrollIntoViewIfNeeded();
    await shot(page, "richmenu-preview", PHONE);
    for (const [path, name] of [
      ["richmenus", "richmenus"],
      [`richmenus?channel=${channel}&tab=rules`, "richmenu-rules"],
      ["automations", "automations"],
      [`automations/${automationId}`, "automation-runs"],
    ]) {
      await page.goto(`${owner.console}${path}`);
      await page.locator("h1").first().waitFor();
      await settle(page);
      await shot(page, name, PHONE);
      await checkA11y(page, `${name} at phone width`);
    }
    await page.close();
  });
});

/** A JST day `offset` days from today (`YYYY-MM-DD`), as the report routes count. */
function jstDay(offset = 0) {
  return new Date(Date.now() + 9 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

const ANSWERS = ["answer_rule", "answer_intent", "answer_builtin", "answer_greeting", "answer_after_hours", "answer_fallback", "answer_staff", "answer_automation", "answer_none"];

/** The figures the summary cards show, from the API's `total`. */
function cardFigures(total) {
  const c = (k) => total.counts[k] ?? 0;
  return {
    follows: c("follows"),
    blocks: c("blocks"),
    net_friends: total.net_friends,
    inbound: c("inbound"),
    answered: ANSWERS.filter((k) => k !== "answer_none").reduce((s, k) => s + c(k), 0),
    answer_none: c("answer_none"),
    declined_intents: c("declined_intents"),
    automation_runs: c("automation_runs"),
  };
}

async function shownFigures(page) {
  const out = {};
  for (const key of Object.keys(cardFigures({ counts: {}, net_friends: 0 }))) {
    out[key] = Number((await page.getByTestId(`total-${key}`).textContent()).replace(/[+,]/g, "").replace("−", "-"));
  }
  return out;
}

/** The daily report once two reads a second apart agree (the responder counts
 *  off the webhook's path, so the last events may still be on their way). */
async function settledReport(query) {
  let last = await owner.admin("GET", `/reports/daily?${query}`);
  for (let i = 0; i < 20; i++) {
    await sleep(1_000);
    const next = await owner.admin("GET", `/reports/daily?${query}`);
    if (JSON.stringify(next.total) === JSON.stringify(last.total)) return next;
    last = next;
  }
  throw new Error("the report kept changing");
}

/** The staff response section's duration text, as the console says it
 *  (src/features/reports/responseTimes.ts, pinned by its unit tests). */
function jaDuration(seconds) {
  if (seconds == null) return "—";
  if (seconds < 60) return `${Math.round(seconds)}秒`;
  const minutes = Math.round(seconds / 60);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return h === 0 ? `${m}分` : m === 0 ? `${h}時間` : `${h}時間${m}分`;
}

/** The Japanese label of a first-reply bucket, as the console writes it. */
function jaBucket(bucket) {
  return bucket.within_seconds == null ? "24時間超" : `${jaDuration(bucket.within_seconds)}以内`;
}

describe("the reports dashboard", () => {
  const week = `from=${jstDay(-6)}&to=${jstDay(0)}`;

  it("shows the API's totals for the traffic sent, filters by store, and downloads the CSV", async () => {
    const before = await owner.admin("GET", `/reports/daily?${week}`);
    const aoi = await owner.simFriend("あおい-レポート");
    await aoi.follow();
    await aoi.says("営業時間");
    await aoi.says("レポートの確認です");
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = (await owner.admin("GET", `/reports/daily?${week}`)).total.counts;
      if ((now.follows ?? 0) > (before.total.counts.follows ?? 0) && (now.inbound ?? 0) >= (before.total.counts.inbound ?? 0) + 2) break;
      assert.ok(Date.now() < deadline, `the follow and the two messages were not counted: ${JSON.stringify(now)}`);
      await sleep(250);
    }
    const report = await settledReport(week);
    assert.ok(report.total.counts.follows > 0 && report.total.counts.inbound > 0);

    const page = await browser.page(DESK);
    await page.goto(`${owner.console}reports?range=7d`);
    await page.getByTestId("total-follows").waitFor();
    await page.getByTestId("report-friends").locator(".recharts-line").first().waitFor();
    assert.equal(await page.getByTestId("report-range").textContent(), `${jstDay(-6)} 〜 ${jstDay(0)}（7日間・日本時間）`);
    assert.deepEqual(await shownFigures(page), cardFigures(report.total), "the cards show the API's totals");
    // Each answer source the API counted is a row of the table, with the API's number.
    for (const source of ANSWERS.filter((k) => (report.total.counts[k] ?? 0) > 0)) {
      const cells = page.getByTestId(`source-${source}`).locator("td");
      assert.equal(Number((await cells.nth(1).textContent()).replace(/,/g, "")), report.total.counts[source], source);
    }
    await settle(page);
    await shot(page, "reports", DESK);
    await checkA11y(page, "reports");
    await page.getByTestId("report-answers").scrollIntoViewIfNeeded();
    await shot(page, "reports-answers", DESK);

    // The CSV: the same file as the API's daily.csv for the range shown.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSVをダウンロード" }).click()]);
    assert.equal(download.suggestedFilename(), `otodoke-daily-${jstDay(-6)}_${jstDay(0)}.csv`);
    const saved = readFileSync(await download.path());
    assert.ok(saved.toString("utf8").startsWith("\uFEFF\"日付\""), saved.toString("utf8").slice(0, 80));
    const api = await fetch(`${owner.gateway}/admin/reports/daily.csv?${week}`, { headers: { Authorization: `Bearer ${owner.token}` } });
    assert.ok(saved.equals(Buffer.from(await api.arrayBuffer())), "the saved file is the API's CSV, byte for byte");

    // A store filter asks the API for that store, and the cards follow.
    const store = "shibuya"; // the local stack's demo store
    const filtered = page.waitForResponse((r) => r.url().includes("/admin/reports/daily?") && r.url().includes(`store=${store}`));
    await page.getByLabel("店舗で絞り込み").selectOption(store);
    const storeReport = await (await filtered).json();
    await page.waitForFunction((n) => document.querySelector("[data-testid=total-inbound]")?.textContent === n, String(cardFigures(storeReport.total).inbound));
    assert.deepEqual(await shownFigures(page), cardFigures(storeReport.total));
    assert.match(page.url(), /store=shibuya/);

    // A year: the 12-month preset asks for 365 or 366 days ending today (JST).
    await page.getByLabel("店舗で絞り込み").selectOption("");
    await page.getByText("過去12か月").click();
    await page.getByTestId("report-range").filter({ hasText: /（36[56]日間・日本時間）/ }).waitFor();
    await page.getByTestId("report-range").filter({ hasText: jstDay(0) }).waitFor();
    await page.getByTestId("report-friends").locator(".recharts-line").first().waitFor();
    await settle(page);
    await shot(page, "reports-year", DESK);
    await page.close();
  });

  it("shows how fast staff answered a customer the bot could not help, as the API counts it", async () => {
    const before = (await owner.admin("GET", `/reports/daily?${week}`)).response_times;
    const page = await browser.page(DESK);
    await page.goto(`${owner.console}inbox`);
    const name = "けんた-スタッフ対応";
    const kenta = await owner.simFriend(name);
    await kenta.follow();
    const thread = page.getByTestId("thread").filter({ hasText: name });
    await thread.waitFor({ timeout: 5_000 });
    // Nothing the bot knows: the message is left to staff, and a wait begins.
    const question = "先月いただいた見積もりの件で、担当の方とお話しできますか";
    await kenta.says(question);
    await thread.click();
    await page.getByTestId("conversation").getByText(question).waitFor();
    const reply = "お問い合わせありがとうございます。担当のさくらがご案内します";
    await page.getByRole("textbox", { name: "返信" }).fill(reply);
    await page.getByRole("textbox", { name: "返信" }).press("Enter");
    await page.getByTestId("conversation").getByText(reply).waitFor({ timeout: 5_000 });

    // The API counts the wait and its first reply (the wait off the webhook's path).
    let rt;
    for (let i = 0; ; i++) {
      rt = (await owner.admin("GET", `/reports/daily?${week}`)).response_times;
      if (rt.waits > before.waits && rt.answered > before.answered) break;
      assert.ok(i < 40, `the wait and its reply were not counted: ${JSON.stringify({ before, rt })}`);
      await sleep(250);
    }
    const report = await settledReport(week);
    rt = report.response_times;
    assert.ok(rt.median_bucket != null && rt.buckets.reduce((s, b) => s + b.count, 0) === rt.answered, JSON.stringify(rt));

    await page.goto(`${owner.console}reports?range=7d`);
    const section = page.getByTestId("report-staff");
    await section.getByRole("heading", { name: "スタッフの対応" }).waitFor();
    await section.locator(".recharts-bar-rectangle").first().waitFor();
    await section.getByText("営業時間内だけ", { exact: false }).waitFor();
    for (const key of ["waits", "answered", "closed", "unanswered"]) {
      assert.equal(Number((await page.getByTestId(`staff-${key}`).textContent()).replace(/,/g, "")), rt[key], key);
    }
    for (const key of ["median_bucket", "p90_bucket"]) {
      assert.equal(await page.getByTestId(`staff-${key}`).textContent(), jaBucket(rt.buckets[rt[key]]), key);
    }
    assert.equal(await page.getByTestId("staff-mean_seconds").textContent(), jaDuration(rt.mean_seconds));
    // Customers still waiting stand out.
    if (rt.unanswered > 0) await section.getByText("お客さまが返信を待っています").waitFor();
    // The bars are the API's buckets, labelled fastest first.
    await section.locator(".recharts-cartesian-axis-tick-value").filter({ hasText: "24時間超" }).waitFor();
    const ticks = (await section.locator(".recharts-cartesian-axis-tick-value").allTextContents()).filter((x) => !/^[\d,]+$/.test(x));
    assert.deepEqual(ticks, ["1分以内", "5分以内", "15分以内", "30分以内", "1時間以内", "2時間以内", "4時間以内", "8時間以内", "24時間以内", "24時間超"]);
    await section.scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, "reports-staff", DESK);
    await checkA11y(page, "staff response section");
    await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
    await section.scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, "reports-staff", PHONE);
    await checkA11y(page, "staff response section at phone width");
    await page.close();
  });

  it("shows LINE's friend counts for the chosen channel, at both widths", async () => {
    const channel = (await owner.admin("GET", "/channels"))[0].id;
    // The route asks LINE live; the console shows what it answers, a 502 included.
    const answer = await fetch(`${owner.gateway}/admin/channels/${encodeURIComponent(channel)}/insight`, { headers: { Authorization: `Bearer ${owner.token}` } });
    assert.ok(answer.status === 200 || answer.status === 502, `insight: ${answer.status}`);
    const insight = answer.status === 200 ? await answer.json() : null;
    for (const vp of [DESK, PHONE]) {
      const page = await browser.page(vp);
      // No channel chosen: LINE is not asked.
      let asked = false;
      page.on("request", (r) => (asked ||= r.url().includes("/insight")));
      await page.goto(`${owner.console}reports?range=7d`);
      await page.getByTestId("total-follows").waitFor();
      assert.equal(await page.getByTestId("report-insight").count(), 0);
      await page.getByLabel("チャネルで絞り込み").selectOption(channel);
      const section = page.getByTestId("report-insight");
      await section.getByTestId(insight ? "insight-status" : "insight-unavailable").waitFor();
      assert.ok(asked, "choosing a channel asks for its insight");
      if (!insight) {
        assert.match(await section.getByTestId("insight-unavailable").textContent(), /LINEに接続できなかったため/);
      }
      if (insight) {
        const expected = { ready: "昨日時点のLINEの数です。", unready: "LINEがまだ昨日の数を集計していません" }[insight.status];
        assert.ok(expected, `status ${insight.status}`);
        assert.match(await section.getByTestId("insight-status").textContent(), new RegExp(expected));
      }
      if (insight?.status === "ready") {
        assert.equal(await section.getByTestId("insight-followers").textContent(), insight.followers == null ? "—" : insight.followers.toLocaleString("ja-JP"));
      }
      await section.scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, "reports-insight", vp);
      await checkA11y(page, `LINE friend counts at ${vp.name}`);
      await page.close();
    }
  });

  it("fits a phone, and explains an empty range", async () => {
    const page = await browser.page(PHONE);
    await page.goto(`${owner.console}reports?range=7d`);
    await page.getByTestId("total-follows").waitFor();
    await page.getByTestId("report-messages").locator(".recharts-area").first().waitFor();
    await settle(page);
    await shot(page, "reports", PHONE);
    await checkA11y(page, "reports at phone width");
    for (const section of ["report-friends", "report-answers"]) {
      await page.getByTestId(section).scrollIntoViewIfNeeded();
      await shot(page, section.replace("report-", "reports-"), PHONE);
    }
    // Nothing is counted in a range long past: the page says so in Japanese.
    await page.goto(`${owner.console}reports?range=custom&from=2020-01-01&to=2020-01-31`);
    await page.getByTestId("report-empty").getByText("この期間にはまだ記録がありません").waitFor();
    assert.equal(await page.getByTestId("total-inbound").textContent(), "0");
    await page.getByTestId("staff-empty").getByText("この期間にスタッフの対応を待ったお客さまはいません").waitFor();
    await settle(page);
    await shot(page, "reports-empty", PHONE);
    await checkA11y(page, "empty report at phone width");
    await page.close();
  });

  it("draws a year of daily data quickly and with few elements", async () => {
    const page = await browser.page(DESK);
    const days = [];
    const counts = {};
    for (let i = 0; i < 365; i++) {
      const c = { follows: (i * 7) % 13, unblocks: i % 3, blocks: (i * 5) % 7, inbound: 20 + ((i * 31) % 90), answer_rule: (i * 3) % 17, answer_intent: (i * 11) % 23, answer_greeting: (i * 7) % 13, answer_fallback: i % 4, answer_staff: i % 9, answer_none: i % 6 };
      for (const [k, v] of Object.entries(c)) counts[k] = (counts[k] ?? 0) + v;
      days.push({ day: new Date(Date.UTC(2025, 11, 1) + i * 86_400_000).toISOString().slice(0, 10), counts: c, net_friends: c.follows + c.unblocks - c.blocks });
    }
    const buckets = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, null].map((within_seconds, i) => ({ within_seconds, count: [120, 340, 210, 96, 40, 18, 9, 4, 2, 1][i] }));
    const response_times = { waits: 900, answered: 840, closed: 35, unanswered: 25, median_bucket: 1, p90_bucket: 3, mean_seconds: 1310, buckets };
    const body = JSON.stringify({ from: days[0].day, to: days[364].day, days, total: { counts, net_friends: days.reduce((s, d) => s + d.net_friends, 0) }, response_times });
    let served = 0;
    await page.route(/\/admin\/reports\/daily\?/, (route) => {
      served = Date.now();
      return route.fulfill({ status: 200, contentType: "application/json", body });
    });
    await page.goto(`${owner.console}reports?range=custom&from=2025-12-01&to=2026-11-30`);
    await page.getByTestId("report-friends").locator(".recharts-line-curve").first().waitFor();
    await page.getByTestId("report-messages").locator(".recharts-area-area").first().waitFor();
    await page.getByTestId("report-answers").locator(".recharts-pie").first().waitFor();
    await page.getByTestId("report-staff").locator(".recharts-bar-rectangle").first().waitFor();
    const drawn = Date.now() - served;
    const elements = await page.evaluate(() => document.querySelectorAll("[data-testid^=report-] svg *").length);
    console.log(`# a year of daily data: charts drawn ${drawn} ms after the report was served, ${elements} SVG elements`);
    assert.ok(elements < 1500, `${elements} SVG elements for a year`);
    assert.ok(drawn < 1500, `the charts took ${drawn} ms`);
    await settle(page);
    await shot(page, "reports-365", DESK);
    await page.close();
  });
});

describe("a viewer", () => {
  before(async () => {
    await sleep(2_500); // the owner stack writes its state every 2 s
    const copy = `${OUT}viewer-state.json`;
    copyFileSync(state, copy);
    copyFileSync(`${state}.keys.json`, `${copy}.keys.json`);
    viewer = await startStack(["--state", copy, "--dev-role", "viewer"]);
  });

  for (const vp of VIEWPORTS) {
    it(`is offered no send button (${vp.name})`, async () => {
      assert.ok(draftId, "the marketer test left a draft");
      const page = await browser.page(vp);
      await page.goto(`${viewer.console}campaigns/${draftId}`);
      await settle(page);
      await shot(page, "viewer-campaign", vp);
      await page.getByTestId("estimate-audience").waitFor({ timeout: 5_000 });
      assert.equal(await page.getByRole("button", { name: "今すぐ配信" }).count(), 0);
      assert.equal(await page.getByRole("button", { name: "取り消す" }).count(), 0);
      assert.equal(await page.getByRole("button", { name: "複製" }).count(), 0);
      assert.equal(await page.getByRole("link", { name: "編集" }).count(), 0);
      assert.equal(await page.getByRole("button", { name: "削除" }).count(), 0);
      // The API agrees: the viewer's staff record refuses sending (the console only hides).
      await assert.rejects(viewer.admin("POST", `/campaigns/${draftId}/send-now`), /403/);
      await page.goto(`${viewer.console}campaigns`);
      await page.locator("h1").waitFor();
      assert.equal(await page.getByRole("link", { name: "新しい配信" }).count(), 0);
      await page.goto(`${viewer.console}inbox`);
      await page.getByTestId("thread").first().click();
      await page.getByTestId("conversation").waitFor();
      assert.equal(await page.getByRole("textbox", { name: "返信" }).count(), 0, "no reply box for a viewer");
      await checkA11y(page, `viewer inbox at ${vp.name}`);
      await page.close();
    });
  }
});

describe("budgets", () => {
  it("renders a 1,000-thread list in under 100 ms", async () => {
    const page = await browser.page(DESK);
    // One page of 1,000 threads, as `GET /admin/threads` answers them.
    const start = Date.parse("2026-11-20T00:00:00Z");
    const items = [];
    for (let i = 0; i < 1000; i++) {
      const at = new Date(start - i * 60_000).toISOString();
      items.push({
        channel_id: "ch-demo",
        store_id: "shibuya",
        customer: { provider: "p", user_id: `U${String(i).padStart(32, "0")}`, display_name: `お客さま${i}`, tags: i % 3 ? [] : ["常連"] },
        status: ["open", "waiting", "resolved"][i % 3],
        assignee: i % 4 ? null : "dev",
        activity_at: at,
        last: { at, text: `メッセージ${i}、ご予約は可能ですか？`, sender: { kind: "customer" } },
        unread: i % 2,
        awaiting_staff: i % 5 === 0,
        reply_window_open: false,
        log: [],
        version: 1,
      });
    }
    await page.route(/\/admin\/threads\?/, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ items }) }),
    );
    // The stack's own threads stay out: the changes poll reports none.
    await page.route(/\/admin\/threads\/changes/, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ threads: [], cursor: "c0" }) }),
    );
    await page.goto(`${owner.console}inbox`);
    await page.getByTestId("thread").first().waitFor();
    await sleep(1500); // a few polls of the changes cursor
    const durations = await page.evaluate(() =>
      performance
        .getEntriesByName("otodoke:thread-list")
        .filter((e) => e.detail === 1000)
        .map((e) => e.duration),
    );
    assert.ok(durations.length > 0, "the thread list measured itself");
    const first = durations[0];
    const worst = Math.max(...durations);
    console.log(`# 1,000-thread list: first render ${first.toFixed(1)} ms, worst of ${durations.length} renders ${worst.toFixed(1)} ms`);
    assert.ok(first < 100, `first render took ${first} ms`);
    // Every thread is reachable by scrolling.
    for (let i = 0; i < 40; i++) {
      const n = await page.getByTestId("thread").count();
      if (n === 1000) break;
      await page.getByTestId("thread").last().scrollIntoViewIfNeeded();
      await sleep(50);
    }
    assert.equal(await page.getByTestId("thread").count(), 1000);
    await shot(page, "inbox-1000", DESK);
    await page.close();
  });
});
