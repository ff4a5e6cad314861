// The preview answer (otodoke_autoreply::Preview) in words for the "try a message"
// panel: what the bot would do, why, and each step of its trace.

export interface PreviewSummary {
  outcome: string;
  source: string | null;
  reply: string | null;
  notifyStaff: boolean;
  steps: string[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});

function compact(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export function summarize(preview: unknown): PreviewSummary {
  const decision = obj(obj(preview).decision);
  const outcome = obj(decision.outcome);
  const source = obj(outcome.source);
  const first = obj((outcome.messages as unknown[] | undefined)?.[0]);
  const steps = ((obj(decision.trace).steps as unknown[] | undefined) ?? []).map((s) => {
    const { step, ...rest } = obj(s);
    const detail = Object.entries(rest)
      .map(([k, v]) => `${k}=${compact(v)}`)
      .join(", ");
    return detail ? `${String(step)}: ${detail}` : String(step);
  });
  const sourceId = source.id ?? source.name ?? source.rule ?? source.intent;
  return {
    outcome: String(outcome.outcome ?? "—"),
    source: source.kind ? `${String(source.kind)}${sourceId ? ` ${String(sourceId)}` : ""}` : null,
    reply: typeof first.text === "string" ? first.text : first.type ? `[${String(first.type)}]` : null,
    notifyStaff: decision.notify_staff === true,
    steps,
  };
}
