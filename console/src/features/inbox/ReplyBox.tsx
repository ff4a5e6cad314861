import { Button, Group, Text, Textarea } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../../api/client";
import { SendOnce, isSendKey } from "./sendOnce";

interface Props {
  /** Sends the text; undefined when the API has no staff-reply route yet. */
  send?: (text: string, idempotencyKey: string) => Promise<void>;
}

const MAX = 5000; // LINE's text message limit

export function ReplyBox({ send }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const once = useRef(new SendOnce());
  const disabled = !send;

  async function submit() {
    const body = text.trim();
    if (!send || !body || body.length > MAX) return;
    setBusy(true);
    setError(null);
    try {
      const sent = await once.current.run((key) => send(body, key));
      if (sent) setText("");
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    } finally {
      setBusy(once.current.busy);
    }
  }

  return (
    <form
      className="reply-box"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Textarea
        aria-label={t("inbox.reply")}
        placeholder={disabled ? t("inbox.replyUnavailable") : t("inbox.replyPlaceholder")}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (isSendKey({ key: e.key, shiftKey: e.shiftKey, isComposing: e.nativeEvent.isComposing, keyCode: e.keyCode })) {
            e.preventDefault();
            void submit();
          }
        }}
        autosize
        minRows={1}
        maxRows={5}
        disabled={disabled}
        error={error ?? (text.length > MAX ? t("form.tooLong", { max: MAX }) : undefined)}
        style={{ flex: 1 }}
      />
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {disabled ? t("inbox.needsStaffChat") : t("inbox.enterHint")}
        </Text>
        <Button type="submit" size="xs" loading={busy} disabled={disabled || !text.trim()}>
          {t("inbox.send")}
        </Button>
      </Group>
    </form>
  );
}
