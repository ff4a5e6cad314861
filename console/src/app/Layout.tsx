import { AppShell, Badge, Burger, Group, NativeSelect, NavLink, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { NavLink as RouterLink, Outlet, useLocation } from "react-router";
import { useSession } from "../auth/session";
import { setLanguage } from "../i18n";
import { StoreProvider, useOrganization, useStore } from "./stores";

const NAV = [
  { to: "/inbox", key: "nav.inbox" },
  { to: "/friends", key: "nav.friends" },
  { to: "/campaigns", key: "nav.campaigns" },
  { to: "/autoreply", key: "nav.autoreply" },
  { to: "/richmenus", key: "nav.richmenus" },
  { to: "/automations", key: "nav.automations" },
  { to: "/reports", key: "nav.reports" },
  { to: "/organization", key: "nav.organization" },
] as const;

function StorePicker() {
  const { t } = useTranslation();
  const { stores, store, setStore } = useStore();
  if (stores.length === 0) return null;
  return (
    <NativeSelect
      aria-label={t("common.store")}
      size="xs"
      value={store?.id ?? ""}
      onChange={(e) => setStore(e.currentTarget.value)}
      data={stores.map((s) => ({ value: s.id, label: `${"\u3000".repeat(s.depth)}${s.name}` }))}
    />
  );
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const session = useSession();
  const org = useOrganization();
  const location = useLocation();
  const other = i18n.language === "ja" ? "en" : "ja";
  return (
    <StoreProvider>
      <AppShell
        header={{ height: 52 }}
        navbar={{ width: 200, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />
              <Text fw={700} c="green.8" className="brand">
                otodoke
              </Text>
              <Text size="sm" visibleFrom="sm" truncate>
                {org.data?.name}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <StorePicker />
              {session.caller && (
                <Badge variant="light" color="gray" visibleFrom="xs" data-testid="role">
                  {t(`role.${session.caller.role}`)}
                </Badge>
              )}
              <UnstyledButton className="lang" onClick={() => setLanguage(other)} lang={other}>
                {other === "en" ? "English" : "日本語"}
              </UnstyledButton>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t("nav.label")}>
          {NAV.map((n) => (
            <NavLink
              key={n.to}
              component={RouterLink}
              to={n.to}
              label={t(n.key)}
              active={location.pathname.startsWith(n.to)}
              onClick={close}
            />
          ))}
          {session.config.auth.kind === "oidc" && (
            <NavLink component="button" label={t("nav.signOut")} onClick={session.signOut} mt="auto" />
          )}
        </AppShell.Navbar>
        <AppShell.Main>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </StoreProvider>
  );
}
