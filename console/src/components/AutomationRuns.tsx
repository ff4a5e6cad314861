// A list of automation runs: when, for whom, what fired it, each automation that ran
// (indented by its depth in the chain), and what the effects came to. Used for one
// automation's runs and for a friend's timeline.
import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AutomationRun } from "../api/models";
import { actionText, firedText, type Names } from "./automationText";

export function AutomationRuns({ runs, names = {}, showFriend = false }: { runs: AutomationRun[]; names?: Names; showFriend?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="automation-runs">
      {runs.map((run) => (
        <Paper withBorder p="xs" key={run.id} data-testid="automation-run">
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Text size="sm" fw={600}>
              {new Date(run.at).toLocaleString()}
            </Text>
            {showFriend && (
              <Anchor size="sm" component={Link} to={`/friends/${encodeURIComponent(run.friend.provider)}/${encodeURIComponent(run.friend.user_id)}`}>
                {run.friend.user_id.slice(0, 12)}…
              </Anchor>
            )}
          </Group>
          <Text size="sm">{firedText(t, run.fired, names)}</Text>
          {run.plan.depth_limit_reached && (
            <Badge color="red" variant="light" mt={4} data-testid="depth-limit">
              {t("auto.depthLimit")}
            </Badge>
          )}
          <ol className="run-steps">
            {run.plan.steps.map((step, i) => (
              <li key={i} style={{ marginLeft: `${(step.depth - 1) * 1.25}rem` }}>
                <Text size="sm" span fw={600}>
                  {step.depth > 1 ? "↳ " : ""}
                  {step.name}
                </Text>{" "}
                <Text size="xs" span c="dimmed">
                  {t("auto.depth", { depth: step.depth })}
                  {step.depth > 1 ? ` · ${firedText(t, step.fired_by, names)}` : ""}
                </Text>
                <Text size="xs">{step.actions.map((a) => actionText(t, a, names)).join(" / ")}</Text>
              </li>
            ))}
          </ol>
          {run.outcome ? (
            <Stack gap={0}>
              {run.outcome.effects.map((line, i) => (
                <Text size="xs" key={i}>
                  → {line}
                </Text>
              ))}
              {run.outcome.menu && <Text size="xs">→ {t("auto.menuAfter", { menu: names.menu ? names.menu(run.outcome.menu) : run.outcome.menu })}</Text>}
            </Stack>
          ) : (
            <Text size="xs" c="dimmed">
              {t("auto.running")}
            </Text>
          )}
        </Paper>
      ))}
      {runs.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("auto.noRuns")}
        </Text>
      )}
    </Stack>
  );
}
