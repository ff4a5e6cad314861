/** How sure the AI answers must be before they answer: three presets of the
 *  intents document's `threshold` (the lowest score answered) and `margin` (the
 *  lead over the runner-up). A store that would rather hand a question to staff
 *  than risk a wrong reply picks a stricter one.
 *
 *  The numbers were chosen on the evaluation sets' tuning parts and measured on
 *  their held-out parts (docs/perf/autoreply.md, "Caution presets";
 *  `cargo test -p otodoke-autoreply --release --test intent_eval -- --ignored
 *  --nocapture the_caution_presets` measures the same pairs). `standard` is the
 *  API's default. */
export const CAUTIONS = {
  standard: { threshold: 0.3, margin: 0.04 },
  careful: { threshold: 0.4, margin: 0.08 },
  very_careful: { threshold: 0.45, margin: 0.16 },
} as const;

export type Caution = keyof typeof CAUTIONS;

export const CAUTION_LEVELS = Object.keys(CAUTIONS) as Caution[];

/** The preset a document's threshold and margin match, or `custom` when an owner
 *  set other numbers in the JSON (scores travel as 32-bit floats, hence the
 *  tolerance). */
export function cautionOf(threshold: number, margin: number): Caution | "custom" {
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-4;
  return CAUTION_LEVELS.find((c) => near(CAUTIONS[c].threshold, threshold) && near(CAUTIONS[c].margin, margin)) ?? "custom";
}
