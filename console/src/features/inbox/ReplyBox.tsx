import { Button, Group, Text, Textarea } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../../api/client";
import { MAX_IMAGE_BYTES, type SendBody } from "./api";
import { SendOnce, isSendKey, sendFailureKey } from "./sendOnce";

interface Props {
  send: (body: SendBody, idempotencyKey: string) => Promise<void>;
  canned: { id: string; title: string; text: string }[];
  /** Uploads an image and answers what to send; absent when the customer has no
   *  store to keep it under (the button is then not offered). */
  upload?: (file: File) => Promise<{ original_url: string; preview_url: string }>;
}

const MAX = 5000; // LINE's text message limit

/** A few of LINE's standard stickers (package 446 and 11537, free to send from any
 *  account): what staff most often answer with. */
export const STICKERS = [
  { package_id: "446", sticker_id: "1988", label: "OK" },
  { package_id: "446", sticker_id: "1989", label: "ありがとう" },
  { package_id: "446", sticker_id: "1990", label: "よろしく" },
  { package_id: "11537", sticker_id: "52002734", label: "にっこり" },
  { package_id: "11537", sticker_id: "52002735", label: "お辞儀" },
  { package_id: "11537", sticker_id: "52002736", label: "拍手" },
] as const;

/** Why a picked file cannot be sent as a LINE image, as an i18n key (null: it can). */
export function imageProblem(file: { type: string; size: number }): "imageType" | "imageSize" | null {
  if (file.type !== "image/jpeg" && file.type !== "image/png") return "imageType";
  if (file.size > MAX_IMAGE_BYTES) return "imageSize";
  return null;
}

export function ReplyBox({ send, canned, upload }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The canned reply picked into the box: sent by id while unedited, so the API fills
  // in `{name}` and `{store}`.
  const [picked, setPicked] = useState<{ id: string; text: string } | null>(null);
  const once = useRef(new SendOnce());
  const [open, setOpen] = useState<"stickers" | "canned" | null>(null);
  const toggle = (which: "stickers" | "canned") => setOpen((o) => (o === which ? null : which));
  const picker = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);

  async function sendImage(file: File) {
    const problem = imageProblem(file);
    if (problem) {
      setError(t(`inbox.error.${problem}`));
      return;
    }
    if (!upload) return;
    setUploading(true);
    setError(null);
    try {
      const image = await upload(file);
      await deliver({ image });
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  }

  async function deliver(body: SendBody): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      return await once.current.run((key) => send(body, key), JSON.stringify(body));
    } catch (e) {
      const failure = e instanceof ApiFailure ? e : new ApiFailure(0, String(e));
      const key = sendFailureKey(failure.status, failure.message);
      setError(key ? t(`inbox.error.${key}`, { detail: failure.message }) : failure.message);
      return false;
    } finally {
      setBusy(once.current.busy);
    }
  }

  async function submit() {
    const body = text.trim();
    if (busy || !body || body.length > MAX) return;
    const message: SendBody = picked && picked.text === text ? { canned_reply_id: picked.id } : { text: body };
    if (await deliver(message)) {
      setText("");
      setPicked(null);
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
      {open === "stickers" && (
        <div className="picker sticker-grid" role="group" aria-label={t("inbox.sticker")}>
          {STICKERS.map((s) => (
            <button
              type="button"
              key={s.sticker_id}
              className="picker-item"
              onClick={() => {
                setOpen(null);
                void deliver({ sticker: { package_id: s.package_id, sticker_id: s.sticker_id } });
              }}
              aria-label={t("inbox.sendSticker", { label: s.label })}
            >
              <span className="sticker-face" aria-hidden="true">ʕ•ᴥ•ʔ</span>
              <small>{s.label}</small>
            </button>
          ))}
        </div>
      )}
      {open === "canned" && (
        <div className="picker" role="group" aria-label={t("inbox.canned")}>
          {canned.map((c) => (
            <button
              type="button"
              key={c.id}
              className="picker-item picker-canned"
              onClick={() => {
                setOpen(null);
                setText(c.text);
                setPicked({ id: c.id, text: c.text });
              }}
            >
              <strong>{c.title}</strong>
              <small>{c.text}</small>
            </button>
          ))}
        </div>
      )}
      <Textarea
        aria-label={t("inbox.reply")}
        placeholder={t("inbox.replyPlaceholder")}
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
        readOnly={busy}
        error={error ?? (text.length > MAX ? t("form.tooLong", { max: MAX }) : undefined)}
      />
      <Group justify="space-between" mt={4} gap="xs" wrap="nowrap">
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant={open === "stickers" ? "light" : "default"} aria-expanded={open === "stickers"} disabled={busy} onClick={() => toggle("stickers")}>
            {t("inbox.sticker")}
          </Button>
          {upload && (
            <>
              <Button size="compact-sm" variant="default" loading={uploading} disabled={busy} onClick={() => picker.current?.click()}>
                {t("inbox.image")}
              </Button>
              <input
                ref={picker}
                type="file"
                accept="image/jpeg,image/png"
                hidden
                aria-label={t("inbox.pickImage")}
                data-testid="reply-image"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = "";
                  if (file) void sendImage(file);
                }}
              />
            </>
          )}
          <Button
            size="compact-sm"
            variant={open === "canned" ? "light" : "default"}
            aria-expanded={open === "canned"}
            disabled={busy || canned.length === 0}
            onClick={() => toggle("canned")}
          >
            {t("inbox.canned")}
          </Button>
        </Group>
        <Text size="xs" c="gray.7" visibleFrom="sm" className="reply-hint">
          {t("inbox.enterHint")}
        </Text>
        <Button type="submit" size="compact-sm" loading={busy} disabled={!text.trim()}>
          {t("inbox.send")}
        </Button>
      </Group>
    </form>
  );
}
