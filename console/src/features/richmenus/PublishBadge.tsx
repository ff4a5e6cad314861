import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RichMenu } from "../../api/models";

/** Published, edited since publishing, or never published. */
export function PublishBadge({ menu }: { menu: RichMenu }) {
  const { t } = useTranslation();
  if (menu.is_published) return <Badge color="green" variant="light">{t("menus.published")}</Badge>;
  if (menu.published) return <Badge color="yellow" variant="light">{t("menus.editedSince")}</Badge>;
  return <Badge color="gray" variant="light">{t("menus.unpublished")}</Badge>;
}
