import {
  ActionIcon, Alert, Anchor, Button, Checkbox, Grid, Group, MultiSelect, NativeSelect, NumberInput, Paper, SegmentedControl,
  Stack, Switch, TagsInput, Text, TextInput, Textarea, Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiFailure } from "../../api/client";
import type { Campaign, Gender } from "../../api/models";
import { useChannels } from "../../api/queries";
import { useStore } from "../../app/stores";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { Bubble, MessageBody } from "../../components/Bubble";
import { FlexPreview } from "../../components/FlexPreview";
import { FailureAlert } from "../../components/forms";
import { createCampaign, editCampaign, getCampaign } from "./api";
import {
  AGE_BUCKETS, FRIENDSHIP_PERIODS, LIMITS, check, draftFrom, emptyDraft, toRequest,
  type CampaignDraft, type LineDraft, type MessageDraft, type SegmentDraft,
} from "./compose";

const FLEX_SAMPLE = JSON.stringify(
  {
    type: "bubble",
    body: {
      type: "box",
      layout: "vertical",
      contents: [
        { type: "text", text: "冬のケーキフェア", weight: "bold", size: "lg" },
        { type: "text", text: "12月25日まで全品10%オフ", wrap: true, size: "sm" },
      ],
    },
    footer: { type: "box", layout: "vertical", contents: [{ type: "button", style: "primary", action: { type: "uri", label: "メニューを見る", uri: "https://otodoke.example/menu" } }] },
  },
  null,
  2,
);

function blank(type: MessageDraft["type"]): MessageDraft {
  switch (type) {
    case "image":
      return { type, originalContentUrl: "", previewImageUrl: "" };
    case "sticker":
      return { type, packageId: "11537", stickerId: "52002734" };
    case "flex":
      return { type, altText: "", json: FLEX_SAMPLE };
    default:
      return { type: "text", text: "" };
  }
}

function Preview({ m }: { m: MessageDraft }) {
  if (m.type === "flex") {
    try {
      return <FlexPreview contents={JSON.parse(m.json)} />;
    } catch {
      return <Bubble side="left">{"{…}"}</Bubble>;
    }
  }
  const message = m.type === "text" ? { type: "text", text: m.text || "…" } : m;
  return (
    <Bubble side="left">
      <MessageBody message={message} />
    </Bubble>
  );
}

function SegmentBuilder({ value, onChange, errors }: { value: SegmentDraft; onChange: (s: SegmentDraft) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const { stores } = useStore();
  const set = <K extends keyof SegmentDraft>(k: K, v: SegmentDraft[K]) => onChange({ ...value, [k]: v });
  return (
    <Stack gap="xs">
      <TagsInput label={t("campaigns.tagsAll")} description={t("campaigns.tagsAllHint")} value={value.tagsAll} onChange={(v) => set("tagsAll", v)} data-testid="tags-all" />
      <TagsInput label={t("campaigns.tagsAny")} value={value.tagsAny} onChange={(v) => set("tagsAny", v)} />
      <TagsInput label={t("campaigns.tagsNone")} value={value.tagsNone} onChange={(v) => set("tagsNone", v)} />
      <Checkbox.Group label={t("friends.gender")} value={value.genders} onChange={(v) => set("genders", v as Gender[])}>
        <Group gap="sm" mt={4}>
          <Checkbox value="female" label={t("gender.female")} />
          <Checkbox value="male" label={t("gender.male")} />
          <Checkbox value="other" label={t("gender.other")} />
        </Group>
      </Checkbox.Group>
      <Group grow>
        <NumberInput label={t("campaigns.ageMin")} min={0} max={120} value={value.ageMin} onChange={(v) => set("ageMin", v === "" ? "" : Number(v))} />
        <NumberInput label={t("campaigns.ageMax")} min={0} max={120} value={value.ageMax} onChange={(v) => set("ageMax", v === "" ? "" : Number(v))} error={errors["audience.age_max"] && t(`check.${errors["audience.age_max"]}`)} />
      </Group>
      <TagsInput label={t("campaigns.prefectures")} placeholder="東京都" value={value.prefectures} onChange={(v) => set("prefectures", v)} />
      <TextInput type="date" label={t("campaigns.followedSince")} value={value.followedSince} onChange={(e) => set("followedSince", e.currentTarget.value)} />
      <MultiSelect label={t("campaigns.stores")} placeholder={t("campaigns.allStores")} data={stores.map((s) => ({ value: s.id, label: s.name }))} value={value.stores} onChange={(v) => set("stores", v)} error={errors["audience.stores"]} />
    </Stack>
  );
}

/** Japan's prefectures in JIS order (LINE's area codes jp_01 .. jp_47). */
const PREFECTURES = "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県".split(" ");

function LineBuilder({ value, onChange, errors }: { value: LineDraft; onChange: (l: LineDraft) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const set = <K extends keyof LineDraft>(k: K, v: LineDraft[K]) => onChange({ ...value, [k]: v });
  const err = (f: string) => errors[f] && t(`check.${errors[f]}`, { defaultValue: errors[f] });
  const ages = [{ value: "", label: t("campaigns.line.any") }, ...AGE_BUCKETS.map((a) => ({ value: a, label: t("campaigns.line.age", { n: a.slice(4) }) }))];
  const periods = [{ value: "", label: t("campaigns.line.any") }, ...FRIENDSHIP_PERIODS.map((p) => ({ value: p, label: t("campaigns.line.days", { n: p.slice(4) }) }))];
  return (
    <Stack gap="xs" data-testid="line-demographics">
      <Switch label={t("campaigns.line.title")} description={t("campaigns.line.hint")} checked={value.on} onChange={(e) => set("on", e.currentTarget.checked)} />
      {value.on && (
        <>
          {(err("line_demographics") || err("audience") || err("schedule")) && (
            <Text c="red.8" size="sm" role="alert">
              {err("line_demographics") || err("audience") || err("schedule")}
            </Text>
          )}
          <Checkbox.Group label={t("campaigns.line.genders")} value={value.genders} onChange={(v) => set("genders", v as LineDraft["genders"])}>
            <Group gap="sm" mt={4}>
              <Checkbox value="female" label={t("campaigns.line.female")} />
              <Checkbox value="male" label={t("campaigns.line.male")} />
            </Group>
          </Checkbox.Group>
          <Group grow>
            <NativeSelect label={t("campaigns.line.ageFrom")} data={ages} value={value.ageFrom} onChange={(e) => set("ageFrom", e.currentTarget.value as LineDraft["ageFrom"])} error={err("line_demographics.age_from")} />
            <NativeSelect label={t("campaigns.line.ageBelow")} data={ages} value={value.ageBelow} onChange={(e) => set("ageBelow", e.currentTarget.value as LineDraft["ageBelow"])} />
          </Group>
          <MultiSelect
            label={t("campaigns.line.prefectures")}
            searchable
            data={PREFECTURES.map((name, i) => ({ value: String(i + 1), label: name }))}
            value={value.prefectures.map(String)}
            onChange={(v) => set("prefectures", v.map(Number))}
          />
          <Checkbox.Group label={t("campaigns.line.appTypes")} value={value.appTypes} onChange={(v) => set("appTypes", v as LineDraft["appTypes"])}>
            <Group gap="sm" mt={4}>
              <Checkbox value="ios" label={t("campaigns.line.ios")} />
              <Checkbox value="android" label={t("campaigns.line.android")} />
            </Group>
          </Checkbox.Group>
          <Group grow>
            <NativeSelect label={t("campaigns.line.friendsAtLeast")} data={periods} value={value.friendsAtLeast} onChange={(e) => set("friendsAtLeast", e.currentTarget.value as LineDraft["friendsAtLeast"])} error={err("line_demographics.friends_for_at_least")} />
            <NativeSelect label={t("campaigns.line.friendsLessThan")} data={periods} value={value.friendsLessThan} onChange={(e) => set("friendsLessThan", e.currentTarget.value as LineDraft["friendsLessThan"])} />
          </Group>
        </>
      )}
    </Stack>
  );
}

function MessageEditor({ m, i, onChange, onRemove, err }: { m: MessageDraft; i: number; onChange: (m: MessageDraft) => void; onRemove?: () => void; err: (f: string) => string | undefined }) {
  const { t } = useTranslation();
  const p = `messages[${i}]`;
  return (
    <Paper withBorder p="xs">
      <Group justify="space-between" mb={4}>
        <SegmentedControl
          size="xs"
          value={m.type}
          onChange={(v) => onChange(blank(v as MessageDraft["type"]))}
          data={[
            { value: "text", label: t("message.text") },
            { value: "image", label: t("message.image") },
            { value: "sticker", label: t("message.sticker") },
            { value: "flex", label: "Flex" },
          ]}
          aria-label={t("message.type", { n: i + 1 })}
        />
        {onRemove && (
          <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={t("message.remove", { n: i + 1 })}>
            ×
          </ActionIcon>
        )}
      </Group>
      {m.type === "text" && (
        <Textarea label={t("message.text")} autosize minRows={3} value={m.text} onChange={(e) => onChange({ ...m, text: e.currentTarget.value })} error={err(`${p}.text`)} description={`${m.text.length} / ${LIMITS.text}`} />
      )}
      {m.type === "image" && (
        <>
          <TextInput label={t("message.imageUrl")} placeholder="https://…" value={m.originalContentUrl} onChange={(e) => onChange({ ...m, originalContentUrl: e.currentTarget.value })} error={err(`${p}.originalContentUrl`)} />
          <TextInput label={t("message.previewUrl")} placeholder="https://…" value={m.previewImageUrl} onChange={(e) => onChange({ ...m, previewImageUrl: e.currentTarget.value })} error={err(`${p}.previewImageUrl`)} />
        </>
      )}
      {m.type === "sticker" && (
        <Group grow>
          <TextInput label="packageId" value={m.packageId} onChange={(e) => onChange({ ...m, packageId: e.currentTarget.value })} error={err(`${p}.packageId`)} />
          <TextInput label="stickerId" value={m.stickerId} onChange={(e) => onChange({ ...m, stickerId: e.currentTarget.value })} error={err(`${p}.stickerId`)} />
        </Group>
      )}
      {m.type === "flex" && (
        <>
          <TextInput label={t("message.altText")} value={m.altText} onChange={(e) => onChange({ ...m, altText: e.currentTarget.value })} error={err(`${p}.altText`)} />
          <Textarea label={t("message.flexJson")} autosize minRows={6} maxRows={16} styles={{ input: { fontFamily: "monospace", fontSize: 12 } }} value={m.json} onChange={(e) => onChange({ ...m, json: e.currentTarget.value })} error={err(`${p}.contents`)} />
        </>
      )}
    </Paper>
  );
}

/** `/campaigns/new` composes a new draft; `/campaigns/:id/edit` edits a draft. */
export default function ComposerPage() {
  const { t } = useTranslation();
  const caller = useCaller();
  const { id } = useParams();
  if (!can(caller, "createCampaign")) return <Text>{t("common.notAllowed")}</Text>;
  return id ? <EditDraft id={id} /> : <Composer initial={emptyDraft()} />;
}

/** Edits a draft as read when the page opened: a read of its own (not the campaign
 *  page's polled cache), so that nothing replaces the form while it is edited; a
 *  reload after a 409 reads it again and refills the form. */
function EditDraft({ id }: { id: string }) {
  const { t } = useTranslation();
  const [reads, setReads] = useState(0);
  const campaign = useQuery({
    queryKey: ["campaign-edit", id, reads],
    queryFn: () => getCampaign(id),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  if (campaign.error) return <FailureAlert error={campaign.error} />;
  const c = campaign.data;
  if (!c) return null;
  if (c.status !== "draft")
    return (
      <Alert color="yellow" variant="light" role="alert" title={c.name}>
        <Text size="sm">{t("campaigns.notDraft")}</Text>
        <Anchor component={Link} to={`/campaigns/${encodeURIComponent(c.id)}`} size="sm">
          {t("campaigns.backToCampaign")}
        </Anchor>
      </Alert>
    );
  return <Composer key={`${c.id}@${c.version}#${reads}`} initial={draftFrom(c)} editing={c} onReload={() => setReads((n) => n + 1)} />;
}

function Composer({ initial, editing, onReload }: { initial: CampaignDraft; editing?: Campaign; onReload?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const [draft, setDraft] = useState<CampaignDraft>(initial);
  const [tried, setTried] = useState(false);
  const channelId = draft.channelId || channels.data?.[0]?.id || "";
  const withChannel = { ...draft, channelId };
  const problems = check(withChannel);
  const create = useMutation({
    mutationFn: () => (editing ? editCampaign(editing.id, editing.version, toRequest(withChannel)) : createCampaign(toRequest(withChannel))),
    onSuccess: (c) => {
      queryClient.setQueryData(["campaign", c.id], c);
      void queryClient.invalidateQueries({ queryKey: ["campaigns"] });
      navigate(`/campaigns/${encodeURIComponent(c.id)}`);
    },
  });
  const stale = !!editing && create.error instanceof ApiFailure && create.error.status === 409;
  const apiFields = create.error instanceof ApiFailure ? create.error.fields : {};
  const err = (field: string) => (tried && problems[field] ? t(`check.${problems[field]}`) : apiFields[field]);
  const set = (d: Partial<CampaignDraft>) => setDraft({ ...draft, ...d });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(problems).length === 0) create.mutate();
      }}
    >
      <Stack>
        <Title order={1} size="h3">
          {editing ? t("campaigns.editTitle") : t("campaigns.new")}
        </Title>
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              <TextInput label={t("campaigns.name")} required value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={err("name")} />
              <NativeSelect label={t("campaigns.channel")} value={channelId} onChange={(e) => set({ channelId: e.currentTarget.value })} data={(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.id} (${c.plan.kind})` }))} error={err("channel_id")} />
              <Paper withBorder p="sm">
                <Title order={2} size="h5" mb="xs">
                  {t("campaigns.segment")}
                </Title>
                <SegmentBuilder value={draft.segment} onChange={(segment) => set({ segment })} errors={tried ? problems : apiFields} />
              </Paper>
              <Paper withBorder p="sm">
                <LineBuilder value={draft.line} onChange={(line) => set({ line })} errors={tried ? problems : apiFields} />
              </Paper>
              <Title order={2} size="h5">
                {t("campaigns.messages")}
              </Title>
              {draft.messages.map((m, i) => (
                <MessageEditor
                  key={i}
                  m={m}
                  i={i}
                  err={err}
                  onChange={(next) => set({ messages: draft.messages.map((x, j) => (j === i ? next : x)) })}
                  onRemove={draft.messages.length > 1 ? () => set({ messages: draft.messages.filter((_, j) => j !== i) }) : undefined}
                />
              ))}
              {draft.messages.length < LIMITS.messages && (
                <Button variant="light" size="xs" onClick={() => set({ messages: [...draft.messages, blank("text")] })}>
                  {t("campaigns.addMessage")}
                </Button>
              )}
              <Group grow align="start">
                <TextInput label={t("campaigns.senderName")} description={t("campaigns.senderHint")} value={draft.senderName} onChange={(e) => set({ senderName: e.currentTarget.value })} error={err("sender.name")} />
                <TextInput label={t("campaigns.senderIcon")} placeholder="https://…" value={draft.senderIcon} onChange={(e) => set({ senderIcon: e.currentTarget.value })} error={err("sender.icon_url")} />
              </Group>
              <Switch
                label={t("campaigns.trackLinks")}
                description={t("campaigns.trackLinksHint")}
                checked={draft.trackLinks}
                onChange={(e) => set({ trackLinks: e.currentTarget.checked })}
                data-testid="track-links"
              />
              <SegmentedControl
                value={draft.schedule}
                onChange={(v) => set({ schedule: v as CampaignDraft["schedule"] })}
                data={[
                  { value: "now", label: t("campaigns.now") },
                  { value: "at", label: t("campaigns.at") },
                  { value: "sequence", label: t("campaigns.sequence") },
                ]}
                aria-label={t("campaigns.schedule")}
              />
              {draft.schedule === "at" && (
                <TextInput type="datetime-local" label={t("campaigns.at")} value={draft.at} onChange={(e) => set({ at: e.currentTarget.value })} error={err("schedule.at")} />
              )}
              {draft.schedule === "sequence" &&
                draft.steps.map((s, i) => (
                  <Paper withBorder p="xs" key={i}>
                    <Group grow align="start">
                      <NumberInput label={t("campaigns.offsetDays")} min={0} value={s.offsetDays} onChange={(v) => set({ steps: draft.steps.map((x, j) => (j === i ? { ...x, offsetDays: Number(v) || 0 } : x)) })} />
                      <TextInput type="time" label={t("campaigns.atLocalTime")} value={s.atLocalTime} onChange={(e) => { const v = e.currentTarget.value; set({ steps: draft.steps.map((x, j) => (j === i ? { ...x, atLocalTime: v } : x)) }); }} />
                    </Group>
                    <Textarea label={t("campaigns.stepText", { n: i + 1 })} value={s.text} onChange={(e) => { const v = e.currentTarget.value; set({ steps: draft.steps.map((x, j) => (j === i ? { ...x, text: v } : x)) }); }} error={err(`schedule.steps[${i}].messages[0].text`)} />
                  </Paper>
                ))}
              {draft.schedule === "sequence" && (
                <Button variant="light" size="xs" onClick={() => set({ steps: [...draft.steps, { offsetDays: (draft.steps.at(-1)?.offsetDays ?? 0) + 1, atLocalTime: "10:00", text: "" }] })}>
                  {t("campaigns.addStep")}
                </Button>
              )}
              {stale ? (
                <Alert color="red" variant="light" role="alert" title={t("campaigns.stale")} data-testid="stale" styles={{ title: { color: "var(--mantine-color-red-9)" } }}>
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{t("campaigns.staleHint")}</Text>
                    <Button size="xs" variant="default" onClick={onReload}>
                      {t("campaigns.reload")}
                    </Button>
                  </Stack>
                </Alert>
              ) : (
                <FailureAlert error={create.error} />
              )}
              <Group>
                <Button type="submit" loading={create.isPending}>
                  {editing ? t("campaigns.saveEdit") : t("campaigns.saveDraft")}
                </Button>
                {tried && Object.keys(problems).length > 0 && (
                  <Text size="sm" c="red.8" role="alert">
                    {t("check.fix", { count: Object.keys(problems).length })}
                  </Text>
                )}
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <div className="composer-preview">
            <Title order={2} size="h5" mb="xs">
              {t("campaigns.preview")}
            </Title>
            <div className="chat-surface" data-testid="preview">
              {draft.messages.map((m, i) => (
                <div key={i} className="preview-item">
                  {draft.senderName && i === 0 && <Text size="xs" c="white">{draft.senderName}</Text>}
                  <Preview m={m} />
                </div>
              ))}
            </div>
            </div>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}
