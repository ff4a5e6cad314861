// One dashboard section: a titled card with a line saying what it shows. Sections
// to come (stores by month, campaign results) use it too.
import { Paper, Stack, Text, Title } from "@mantine/core";
import { useId, type ReactNode } from "react";

export function Section({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <Paper component="section" withBorder p="sm" radius="md" aria-labelledby={id} data-testid={testId} className="report-section">
      <Stack gap="xs">
        <div>
          <Title order={2} size="h5" id={id}>
            {title}
          </Title>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
