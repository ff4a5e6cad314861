// Small shared form pieces: an API failure shown as an alert, and field errors
// looked up by the API's JSON path (`messages[1].text`, `sender.name`).
import { Alert } from "@mantine/core";
import { ApiFailure } from "../api/client";

export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiFailure ? error.fields[field] : undefined;
}

export function FailureAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" variant="light" role="alert" p="xs">
      {message}
    </Alert>
  );
}
