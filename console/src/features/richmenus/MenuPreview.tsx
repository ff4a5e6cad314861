// The menu as the customer sees it: a phone-wide chat with a few bubbles, the menu
// image under it, and the chat bar with the menu's text. Areas light up on hover;
// a tap shows what the area does.
import { Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MenuSize } from "../../api/models";
import { actionOf, type AreaDraft } from "./form";
import { percentStyle } from "./geometry";

export function actionWords(t: (k: string, o?: Record<string, unknown>) => string, a: AreaDraft, names: { automation: (id: string) => string; menu: (id: string) => string }): string {
  const action = actionOf(a);
  switch (action.type) {
    case "message":
      return t("menus.does.message", { text: action.text });
    case "uri":
      return t("menus.does.uri", { uri: action.uri });
    case "automation":
      return t("menus.does.automation", { name: action.automation ? names.automation(action.automation) : "—" });
    case "tab":
      return t("menus.does.tab", { name: action.menu ? names.menu(action.menu) : "—" });
    case "postback":
      return t("menus.does.postback", { data: action.data });
  }
}

export function MenuPreview({
  size, imageUrl, areas, chatBarText, describe,
}: {
  size: MenuSize;
  imageUrl: string | null;
  areas: AreaDraft[];
  chatBarText: string;
  describe: (a: AreaDraft) => string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const [tapped, setTapped] = useState<number | null>(null);
  return (
    <Stack gap="xs">
      <div className="phone" data-testid="menu-preview">
        <div className="phone-chat">
          <div className="phone-bubble">{t("menus.previewGreeting")}</div>
          {tapped !== null && areas[tapped] && areas[tapped].type === "message" && <div className="phone-bubble mine">{areas[tapped].text}</div>}
        </div>
        {open && (
          <div className="phone-menu" style={{ aspectRatio: `${size.width} / ${size.height}` }}>
            {imageUrl ? <img src={imageUrl} alt="" /> : <div className="area-canvas-empty">{t("menus.noImage")}</div>}
            {areas.map((a, i) => (
              <button
                type="button"
                key={i}
                className={`phone-area${tapped === i ? " tapped" : ""}`}
                style={percentStyle(a.bounds, size)}
                aria-label={a.label || t("menus.areaN", { n: i + 1 })}
                onClick={() => setTapped(i)}
              />
            ))}
          </div>
        )}
        <button type="button" className="phone-bar" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          <span className="phone-keyboard" aria-hidden="true">⌨</span>
          <span className="phone-bar-text">{chatBarText || t("menus.chatBarText")} {open ? "▼" : "▲"}</span>
        </button>
      </div>
      <Text size="xs" aria-live="polite" data-testid="preview-tap">
        {tapped !== null && areas[tapped] ? `${t("menus.areaN", { n: tapped + 1 })}: ${describe(areas[tapped])}` : t("menus.tapHint")}
      </Text>
    </Stack>
  );
}
