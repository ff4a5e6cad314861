import { Badge, Button, Checkbox, Grid, Group, NativeSelect, NumberInput, Paper, Radio, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "../../app/stores";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { ScrollTable } from "../../components/ScrollTable";
import { FailureAlert, fieldError } from "../../components/forms";
import { getHolidays, getHours, getIntents, getRules, getStore, patchStore, preview, putHolidays, putHours, putIntents, putRules, teach } from "./api";
import type { Schemas } from "../../api/models";
import { InboxSettings } from "./InboxSettings";
import { summarize } from "./preview";
import { BUSINESSES, sameKinds } from "./businesses";
import { CAUTIONS, CAUTION_LEVELS, cautionOf, type Caution } from "./caution";
import { DAYS, dayInterval, monthGrid, weekday, withDay, type HoursDoc } from "./hours";
import "./autoreply.css";

type Answer = Schemas["Answer"];

/** The first bubble of an answer as text (`[sticker]` for what is not text). */
const firstText = (a?: Answer | null) => {
  const m = a?.messages?.[0];
  if (!m) return "";
  if (m.type === "text") return m.text;
  if (m.type === "raw" && typeof m.message.text === "string") return m.message.text;
  return `[${m.type}]`;
};

/** One of the store's configuration documents: read, and saved as a whole (the API
 *  compiles the store's configuration and answers 422 if it would not load). */
function useStoreDoc<T>(kind: string, store: string, get: (store: string) => Promise<T>, put: (store: string, v: T) => Promise<T>) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: [kind, store], queryFn: () => get(store) });
  const save = useMutation({ mutationFn: (v: T) => put(store, v), onSuccess: (r) => qc.setQueryData([kind, store], r) });
  return { query, save };
}

/** A whole document edited as JSON: what the API stores is autoreply's own types. */
function JsonEditor({ value, onSave, saving, error, label, editable }: { value: unknown; onSave: (v: unknown) => void; saving: boolean; error: unknown; label: string; editable: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [bad, setBad] = useState<string | null>(null);
  useEffect(() => setText(JSON.stringify(value, null, 2)), [value]);
  return (
    <Stack gap="xs">
      <Textarea label={label} autosize minRows={8} maxRows={24} readOnly={!editable} value={text} onChange={(e) => setText(e.currentTarget.value)} styles={{ input: { fontFamily: "monospace", fontSize: 12 } }} error={bad} />
      {editable && (
        <Group>
          <Button
            size="xs"
            loading={saving}
            onClick={() => {
              try {
                onSave(JSON.parse(text));
                setBad(null);
              } catch {
                setBad(t("check.json"));
              }
            }}
          >
            {t("common.save")}
          </Button>
        </Group>
      )}
      <FailureAlert error={error} />
    </Stack>
  );
}

function Rules({ store, editable }: { store: string; editable: boolean }) {
  const { t } = useTranslation();
  const { query: rules, save } = useStoreDoc("rules", store, getRules, putRules);
  const list = rules.data?.rules ?? [];
  return (
    <Stack>
      <ScrollTable label={t("autoreply.rules")} minWidth={420}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>ID</Table.Th>
              <Table.Th>{t("autoreply.keywords")}</Table.Th>
              <Table.Th>{t("autoreply.answer")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {r.id} <Badge size="xs" variant="light" color="gray">{r.kind}</Badge>
                </Table.Td>
                <Table.Td>{(r.keywords ?? []).join("、")}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>{firstText(r.answer)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {rules.data && <JsonEditor label={t("autoreply.rulesJson")} value={rules.data} onSave={(v) => save.mutate(v as never)} saving={save.isPending} error={save.error} editable={editable} />}
    </Stack>
  );
}

/** A panel of the AI answers tab that edits part of the intents document and saves
 *  it whole. */
type IntentsPanelProps = {
  doc: Schemas["Intents"];
  save: { mutate: (v: Schemas["Intents"]) => void; isPending: boolean; error: unknown };
  editable: boolean;
};

/** The kinds of business the store picks: each brings its trade's words to the AI
 *  answers, so a customer's `ハイライト` meets the owner's `カラー`. */
function BusinessKinds({ doc, save, editable }: IntentsPanelProps) {
  const { t } = useTranslation();
  const saved = doc.intents.business_lexicons ?? [];
  const [picked, setPicked] = useState<Schemas["Business"][]>(saved);
  useEffect(() => setPicked(doc.intents.business_lexicons ?? []), [doc]);
  return (
    <Paper withBorder p="sm" data-testid="business-kinds">
      <Checkbox.Group label={t("autoreply.business")} description={t("autoreply.businessHint")} value={picked} onChange={(v) => setPicked(v as Schemas["Business"][])}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing={6} verticalSpacing={6} mt="xs">
          {BUSINESSES.map((b) => (
            <Checkbox key={b} value={b} label={t(`business.${b}`)} disabled={!editable} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      {editable && (
        <Button size="xs" mt="sm" disabled={sameKinds(picked, saved)} loading={save.isPending} onClick={() => save.mutate({ ...doc, intents: { ...doc.intents, business_lexicons: picked } })}>
          {t("common.save")}
        </Button>
      )}
      <FailureAlert error={save.error} />
    </Paper>
  );
}

/** How sure an AI answer must be: a preset of the document's threshold and margin
 *  (a pair set by hand in the JSON shows as custom until a level is picked). */
function AnswerCaution({ doc, save, editable }: IntentsPanelProps) {
  const { t } = useTranslation();
  const saved = cautionOf(doc.intents.threshold, doc.intents.margin);
  const [picked, setPicked] = useState<Caution | "custom">(saved);
  useEffect(() => setPicked(saved), [doc, saved]);
  const levels: (Caution | "custom")[] = saved === "custom" ? [...CAUTION_LEVELS, "custom"] : CAUTION_LEVELS;
  const numbers = { threshold: doc.intents.threshold.toFixed(2), margin: doc.intents.margin.toFixed(2) };
  return (
    <Paper withBorder p="sm" data-testid="answer-caution">
      <Radio.Group label={t("autoreply.caution")} description={t("autoreply.cautionHint")} value={picked} onChange={(v) => setPicked(v as Caution | "custom")}>
        <SimpleGrid cols={{ base: 1, sm: levels.length }} spacing={6} verticalSpacing={6} mt="xs">
          {levels.map((c) => (
            <Radio key={c} value={c} label={t(`autoreply.cautionLevel.${c}`, numbers)} description={t(`autoreply.cautionEffect.${c}`)} disabled={!editable || c === "custom"} />
          ))}
        </SimpleGrid>
      </Radio.Group>
      {editable && (
        <Button size="xs" mt="sm" disabled={picked === saved || picked === "custom"} loading={save.isPending} onClick={() => picked !== "custom" && save.mutate({ ...doc, intents: { ...doc.intents, ...CAUTIONS[picked] } })}>
          {t("common.save")}
        </Button>
      )}
      <FailureAlert error={save.error} />
    </Paper>
  );
}

function Intents({ store, editable }: { store: string; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { query: intents, save } = useStoreDoc("intents", store, getIntents, putIntents);
  const list = intents.data?.intents.intents ?? [];
  const [name, setName] = useState("");
  const [example, setExample] = useState("");
  const teaching = useMutation({
    mutationFn: () => teach(store, name || list[0]?.name || "", example),
    onSuccess: () => {
      setExample("");
      void qc.invalidateQueries({ queryKey: ["intents", store] });
    },
  });
  return (
    <Stack>
      {intents.data && <BusinessKinds doc={intents.data} save={save} editable={editable} />}
      {intents.data && <AnswerCaution doc={intents.data} save={save} editable={editable} />}
      {list.map((i) => (
        <Paper withBorder p="xs" key={i.name}>
          <Group justify="space-between">
            <Text fw={600}>{i.name}</Text>
            <Badge variant="light" color="gray">{t("autoreply.examples", { count: i.examples.length })}</Badge>
          </Group>
          <Text size="sm">{firstText(i.answer)}</Text>
        </Paper>
      ))}
      {editable && (
        <Paper withBorder p="sm">
          <Title order={3} size="h6" mb="xs">{t("autoreply.teach")}</Title>
          <Group align="end" gap="xs">
            <NativeSelect label={t("autoreply.intent")} value={name} onChange={(e) => setName(e.currentTarget.value)} data={list.map((i) => i.name)} />
            <TextInput label={t("autoreply.unanswered")} value={example} onChange={(e) => setExample(e.currentTarget.value)} error={fieldError(teaching.error, "text")} style={{ flex: 1 }} />
            <Button size="xs" disabled={!example.trim()} loading={teaching.isPending} onClick={() => teaching.mutate()}>
              {t("autoreply.teachButton")}
            </Button>
          </Group>
        </Paper>
      )}
      {intents.data && <JsonEditor label={t("autoreply.intentsJson")} value={intents.data} onSave={(v) => save.mutate(v as never)} saving={save.isPending} error={save.error} editable={editable} />}
    </Stack>
  );
}

function Hours({ store, editable }: { store: string; editable: boolean }) {
  const { t } = useTranslation();
  const { query: q, save } = useStoreDoc("hours", store, getHours, putHours);
  const [hours, setHours] = useState<HoursDoc | null>(null);
  const [answer, setAnswer] = useState("");
  const [coolDown, setCoolDown] = useState<number | string>(60);
  useEffect(() => {
    if (!q.data) return;
    setHours((q.data.hours ?? null) as HoursDoc | null);
    setAnswer(firstText(q.data.after_hours.answer));
    setCoolDown(q.data.after_hours.cool_down_minutes ?? 60);
  }, [q.data]);
  const submit = () => {
    const after = (q.data?.after_hours ?? {}) as { answer?: { messages?: unknown[] } };
    const rest = after.answer?.messages?.slice(1) ?? [];
    save.mutate({
      version: q.data?.version,
      hours: hours as never,
      after_hours: { ...after, answer: { ...after.answer, messages: [{ type: "text", text: answer }, ...rest] }, cool_down_minutes: Number(coolDown) } as never,
    });
  };
  if (!q.data) return <FailureAlert error={q.error} />;
  return (
    <Stack>
      {hours === null && <Text size="sm">{t("autoreply.alwaysOpen")}</Text>}
      <Table>
        <Table.Tbody>
          {DAYS.map((d) => {
            const iv = dayInterval(hours, d);
            return (
              <Table.Tr key={d}>
                <Table.Td w={36} className="nowrap">{t(`dayShort.${d}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Checkbox label={t("autoreply.open")} aria-label={`${t(`day.${d}`)} ${t("autoreply.open")}`} className="nowrap" disabled={!editable} checked={!!iv} onChange={(e) => setHours(withDay(hours, d, e.currentTarget.checked ? { open: "10:00", close: "20:00" } : null))} />
                    {iv && (
                      <>
                        <TextInput type="time" size="xs" aria-label={`${t(`day.${d}`)} ${t("autoreply.opens")}`} disabled={!editable} value={iv.open} onChange={(e) => setHours(withDay(hours, d, { ...iv, open: e.currentTarget.value }))} />
                        〜
                        <TextInput type="time" size="xs" aria-label={`${t(`day.${d}`)} ${t("autoreply.closes")}`} disabled={!editable} value={iv.close} onChange={(e) => setHours(withDay(hours, d, { ...iv, close: e.currentTarget.value }))} />
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Textarea label={t("autoreply.afterHours")} description={t("autoreply.placeholders")} autosize minRows={2} readOnly={!editable} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} error={fieldError(save.error, "after_hours")} />
      <NumberInput label={t("autoreply.coolDown")} min={0} disabled={!editable} value={coolDown} onChange={setCoolDown} />
      {editable && (
        <Button size="xs" w="fit-content" onClick={submit} loading={save.isPending}>
          {t("common.save")}
        </Button>
      )}
      <FailureAlert error={save.error} />
    </Stack>
  );
}

function Holidays({ store, editable }: { store: string; editable: boolean }) {
  const { t } = useTranslation();
  const { query: q, save } = useStoreDoc("holidays", store, getHolidays, putHolidays);
  const hours = useQuery({ queryKey: ["hours", store], queryFn: () => getHours(store) });
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const setHolidays = (holidays: string[]) => save.mutate({ ...q.data!, holidays });
  const holidays = new Set(q.data?.holidays ?? []);
  const weekly = (hours.data?.hours ?? null) as HoursDoc | null;
  const shift = (n: number) => {
    const [y, m] = month.split("-").map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 + n, 1));
    setMonth(d.toISOString().slice(0, 7));
  };
  return (
    <Stack>
      <Group>
        <Button size="xs" variant="subtle" onClick={() => shift(-1)} aria-label={t("autoreply.prevMonth")}>‹</Button>
        <Text fw={600}>{month}</Text>
        <Button size="xs" variant="subtle" onClick={() => shift(1)} aria-label={t("autoreply.nextMonth")}>›</Button>
      </Group>
      <table className="calendar">
        <thead>
          <tr>{DAYS.map((d) => <th key={d} scope="col">{t(`dayShort.${d}`)}</th>)}</tr>
        </thead>
        <tbody>
          {monthGrid(month).map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => (
                <td key={j}>
                  {date && (
                    <button
                      type="button"
                      className="calendar-day"
                      data-holiday={holidays.has(date) || undefined}
                      data-closed={weekly !== null && !dayInterval(weekly, weekday(date)) ? true : undefined}
                      disabled={!editable || save.isPending}
                      aria-pressed={holidays.has(date)}
                      aria-label={`${Number(date.slice(8))} (${date}${holidays.has(date) ? ` ${t("autoreply.holiday")}` : ""})`}
                      onClick={() => setHolidays(holidays.has(date) ? [...holidays].filter((h) => h !== date) : [...holidays, date].sort())}
                    >
                      {Number(date.slice(8))}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Text size="xs">{editable ? t("autoreply.calendarHint") : t("autoreply.calendarLegend")}</Text>
      <FailureAlert error={save.error} />
    </Stack>
  );
}


/** The store's greeting, welcome-back and fallback texts (their first text message;
 *  stickers, quick replies and further messages are kept as they are). */
function Greetings({ store, editable }: { store: string; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ["store", store], queryFn: () => getStore(store) });
  const [texts, setTexts] = useState<Record<string, string>>({});
  const kinds = ["greeting", "unblock_greeting", "fallback"] as const;
  useEffect(() => {
    if (!q.data) return;
    const next: Record<string, string> = {};
    for (const k of kinds) next[k] = firstText(q.data[k]);
    setTexts(next);
  }, [q.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = { version: q.data!.version };
      for (const k of kinds) {
        const old = q.data![k] ?? null;
        const rest = (old?.messages ?? []).slice(1);
        body[k] = texts[k] ? { ...old, messages: [{ type: "text", text: texts[k] }, ...rest] } : old;
      }
      return patchStore(store, body);
    },
    onSuccess: (s) => qc.setQueryData(["store", store], s),
  });
  if (!q.data) return <FailureAlert error={q.error} />;
  return (
    <Stack>
      {kinds.map((k) => (
        <Textarea key={k} label={t(`autoreply.${k}`)} description={t("autoreply.greetingPlaceholders")} autosize minRows={2} readOnly={!editable} value={texts[k] ?? ""} onChange={(e) => { const v = e.currentTarget.value; setTexts((x) => ({ ...x, [k]: v })); }} error={fieldError(save.error, k)} />
      ))}
      {editable && (
        <Button size="xs" w="fit-content" onClick={() => save.mutate()} loading={save.isPending}>
          {t("common.save")}
        </Button>
      )}
      <FailureAlert error={save.error} />
    </Stack>
  );
}

function TryMessage({ store }: { store: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [at, setAt] = useState("");
  const run = useMutation({ mutationFn: () => preview(store, text, at ? new Date(at).toISOString() : undefined) });
  const r = run.data;
  const summary = r ? summarize(r) : null;
  return (
    <Paper withBorder p="sm" className="try-panel">
      <form onSubmit={(e) => { e.preventDefault(); if (text.trim()) run.mutate(); }}>
        <Stack gap="xs">
          <Title order={2} size="h5">{t("autoreply.try")}</Title>
          <TextInput label={t("autoreply.customerWrites")} value={text} onChange={(e) => setText(e.currentTarget.value)} placeholder="駐車場はありますか" />
          <TextInput type="datetime-local" label={t("autoreply.at")} value={at} onChange={(e) => setAt(e.currentTarget.value)} />
          <Button type="submit" size="xs" loading={run.isPending} disabled={!text.trim()}>{t("autoreply.tryButton")}</Button>
        </Stack>
      </form>
      <FailureAlert error={run.error} />
      {r && (
        <Stack gap={6} mt="sm" data-testid="preview-result">
          <Text size="sm" fw={700}>{t("autoreply.decision")}: {summary!.outcome}{summary!.source ? ` (${summary!.source})` : ""}</Text>
          {summary!.reply && <Text size="sm" className="try-reply">{summary!.reply}</Text>}
          {summary!.notifyStaff && <Text size="xs" c="red.8">{t("autoreply.notifies")}</Text>}
          <Text size="xs" fw={600}>{t("autoreply.trace")}</Text>
          <ol className="try-steps">
            {summary!.steps.map((step, i) => <li key={i}>{step}</li>)}
          </ol>
          <Text size="xs">{t("autoreply.folded")}: {r.folded_text ?? "—"}</Text>
          <Text size="xs">{t("autoreply.hoursState")}: {r.hours == null ? t("autoreply.alwaysOpen") : JSON.stringify(r.hours)}</Text>
          <Text size="xs" fw={600}>{t("autoreply.ruleHits")}{r.rules?.winner ? ` → ${r.rules.winner}` : ""}</Text>
          {(r.rules?.candidates ?? []).map((c, i) => (
            <Text size="xs" key={i}>・{c.id}「{c.keyword}」{c.ineligible ? ` ✕ ${JSON.stringify(c.ineligible)}` : ""}</Text>
          ))}
          {r.rules?.why && <Text size="xs">{r.rules.why}</Text>}
          <Text size="xs" fw={600}>{t("autoreply.intentScores", { threshold: r.intents?.threshold })}</Text>
          {(r.intents?.top ?? []).map((s, i) => (
            <Text size="xs" key={i}>・{JSON.stringify(s)}</Text>
          ))}
          {r.intents?.declined != null && <Text size="xs">{t("autoreply.declined")}: {JSON.stringify(r.intents.declined)}</Text>}
          {(r.intents?.learned ?? []).length > 0 && (
            <Text size="xs" data-testid="preview-learned">
              {t("autoreply.learned")}: {r.intents!.learned.map((l) => `${t(`commonQuestion.${l.question}`, { defaultValue: l.question })} → ${l.intent}`).join("、")}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

export default function AutoReplyPage() {
  const { t } = useTranslation();
  const { store } = useStore();
  const caller = useCaller();
  const editable = can(caller, "configureAutoreply");
  if (!store) return null;
  return (
    <Stack>
      <Title order={1} size="h3">{t("nav.autoreply")}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs defaultValue="rules" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="rules">{t("autoreply.rules")}</Tabs.Tab>
              <Tabs.Tab value="intents">{t("autoreply.intents")}</Tabs.Tab>
              <Tabs.Tab value="hours">{t("autoreply.hours")}</Tabs.Tab>
              <Tabs.Tab value="holidays">{t("autoreply.holidays")}</Tabs.Tab>
              <Tabs.Tab value="greeting">{t("autoreply.greeting")}</Tabs.Tab>
              <Tabs.Tab value="inbox">{t("autoreply.inbox")}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="rules" pt="sm"><Rules store={store.id} editable={editable} /></Tabs.Panel>
            <Tabs.Panel value="intents" pt="sm"><Intents store={store.id} editable={editable} /></Tabs.Panel>
            <Tabs.Panel value="hours" pt="sm"><Hours store={store.id} editable={editable} /></Tabs.Panel>
            <Tabs.Panel value="holidays" pt="sm"><Holidays store={store.id} editable={editable} /></Tabs.Panel>
            <Tabs.Panel value="greeting" pt="sm"><Greetings store={store.id} editable={editable} /></Tabs.Panel>
            <Tabs.Panel value="inbox" pt="sm"><InboxSettings store={store.id} editable={editable} /></Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TryMessage store={store.id} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
