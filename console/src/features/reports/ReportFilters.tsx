// The dashboard's range and filters: a preset or custom dates (JST days), the store
// (the organization's store tree from the header's list) and the channel. Kept in
// the address (`?range=30d&store=&channel=`, `?range=custom&from=&to=`) so that a
// view can be linked and survives a reload.
import { Group, NativeSelect, SegmentedControl, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useChannels } from "../../api/queries";
import { useChannelLabel, useStore } from "../../app/stores";
import { MAX_DAYS, PRESETS, presetRange, rangeProblem, type Preset, type Range, type RangeProblem } from "./shape";

export interface ReportView {
  preset: Preset;
  /** The range asked for: the preset's, or the custom dates as typed. */
  range: Range;
  problem: RangeProblem | null;
  store: string;
  channel: string;
}

const isPreset = (v: string | null): v is Preset => !!v && (PRESETS as string[]).includes(v);

/** Reads the view from the address; a custom range starts as the last 30 days. */
export function useReportView(now: Date = new Date()): [ReportView, (patch: Record<string, string>) => void] {
  const [params, setParams] = useSearchParams();
  const preset = isPreset(params.get("range")) ? (params.get("range") as Preset) : "30d";
  const fallback = presetRange("30d", now);
  const range = preset === "custom" ? { from: params.get("from") ?? fallback.from, to: params.get("to") ?? fallback.to } : presetRange(preset, now);
  const view = { preset, range, problem: rangeProblem(range), store: params.get("store") ?? "", channel: params.get("channel") ?? "" };
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  return [view, set];
}

export function ReportFilters({ view, onChange }: { view: ReportView; onChange: (patch: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const { stores } = useStore();
  const channels = useChannels();
  const channelLabel = useChannelLabel();
  const pickPreset = (p: string) =>
    // Custom starts from the dates shown, so switching is not a jump.
    onChange(p === "custom" ? { range: p, from: view.range.from, to: view.range.to } : { range: p, from: "", to: "" });
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" className="report-filters">
      <SegmentedControl
        aria-label={t("reports.range")}
        size="xs"
        value={view.preset}
        onChange={pickPreset}
        data={PRESETS.map((p) => ({ value: p, label: t(`reports.preset.${p}`) }))}
      />
      {view.preset === "custom" && (
        <Group gap="xs" wrap="wrap" align="flex-start">
          <TextInput
            type="date"
            size="xs"
            label={t("reports.from")}
            value={view.range.from}
            max={view.range.to}
            onChange={(e) => onChange({ from: e.currentTarget.value })}
            error={view.problem ? t(`reports.problem.${view.problem}`, { max: MAX_DAYS }) : undefined}
          />
          <TextInput type="date" size="xs" label={t("reports.to")} value={view.range.to} min={view.range.from} onChange={(e) => onChange({ to: e.currentTarget.value })} />
        </Group>
      )}
      {stores.length > 0 && (
        <NativeSelect
          size="xs"
          aria-label={t("reports.store")}
          value={view.store}
          onChange={(e) => onChange({ store: e.currentTarget.value })}
          data={[{ value: "", label: t("reports.allStores") }, ...stores.map((s) => ({ value: s.id, label: `${"\u3000".repeat(s.depth)}${s.name}` }))]}
        />
      )}
      {(channels.data?.length ?? 0) > 0 && (
        <NativeSelect
          size="xs"
          aria-label={t("reports.channel")}
          value={view.channel}
          onChange={(e) => onChange({ channel: e.currentTarget.value })}
          data={[{ value: "", label: t("reports.allChannels") }, ...(channels.data ?? []).map((c) => ({ value: c.id, label: channelLabel(c) }))]}
        />
      )}
    </Group>
  );
}
