// One rich menu: its name, chat bar text and size, the image (checked here before
// upload), the areas drawn on it and what each does, the preview as the customer
// sees it, and save / publish / delete.
import { Anchor, Button, SimpleGrid, Checkbox, FileInput, Grid, Group, NativeSelect, NumberInput, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Bounds } from "../../api/models";
import { useAutomations, useRichMenus } from "../../api/queries";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { FailureAlert, fieldError } from "../../components/forms";
import { AreaCanvas } from "./AreaCanvas";
import { PublishBadge } from "./PublishBadge";
import { MenuPreview, actionWords } from "./MenuPreview";
import { createMenu, deleteMenu, getMenu, publishMenu, updateMenu, uploadImage } from "./api";
import { ACTION_TYPES, checkMenu, emptyArea, emptyMenu, menuFrom, menuInput, resize, type ActionType, type AreaDraft, type MenuDraft } from "./form";
import { MAX_AREAS, clampRect, parseSize, sizeChoices, sizeKey } from "./geometry";
import { imageProblem, imageSize } from "./image";
import "./richmenus.css";

/** A menu size LINE takes (800–2500 wide, at least 250 high, at least 1.45:1). */
const validSize = (w: number, h: number) => w >= 800 && w <= 2500 && h >= 250 && w / h >= 1.45;

export default function MenuEditorPage() {
  const { t } = useTranslation();
  const { channel = "", menu: menuId = "" } = useParams();
  const isNew = menuId === "new";
  const navigate = useNavigate();
  const qc = useQueryClient();
  const editable = can(useCaller(), "editMenus");
  const saved = useQuery({ queryKey: ["richmenu", channel, menuId], enabled: !isNew, queryFn: () => getMenu(channel, menuId) });
  const menus = useRichMenus(channel);
  const automations = useAutomations();
  const [draft, setDraft] = useState<MenuDraft>(emptyMenu);
  const [selected, setSelected] = useState<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileUrl, setFileUrl] = useState<string | null>(null);
  const [imageNote, setImageNote] = useState<{ error: boolean; text: string } | null>(null);
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (saved.data) setDraft(menuFrom(saved.data));
  }, [saved.data]);
  useEffect(() => () => { if (fileUrl) URL.revokeObjectURL(fileUrl); }, [fileUrl]);

  const set = (patch: Partial<MenuDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setArea = (i: number, patch: Partial<AreaDraft>) => setDraft((d) => ({ ...d, areas: d.areas.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));
  const removeArea = (i: number) => {
    setDraft((d) => ({ ...d, areas: d.areas.filter((_, j) => j !== i) }));
    setSelected(null);
  };

  const names = useMemo(() => {
    const autos = new Map((automations.data ?? []).map((a) => [a.id, a.name]));
    const ms = new Map((menus.data ?? []).map((m) => [m.id, m.name]));
    return { automation: (id: string) => autos.get(id) ?? id, menu: (id: string) => ms.get(id) ?? id };
  }, [automations.data, menus.data]);

  const savedImage = saved.data && saved.data.size.width === draft.size.width && saved.data.size.height === draft.size.height ? (saved.data.image_url ?? null) : null;
  const imageUrl = fileUrl ?? savedImage;

  const choose = async (f: File | null) => {
    if (!f) return;
    const dims = await imageSize(f);
    let size = draft.size;
    const problem = imageProblem(f, dims, size);
    if (problem?.key === "size" && dims && validSize(dims.width, dims.height)) {
      // The image decides the size: the areas keep their places on it.
      setDraft((d) => resize(d, dims));
      size = dims;
      setImageNote({ error: false, text: t("menus.image.resized", { width: dims.width, height: dims.height }) });
    } else if (problem) {
      setImageNote({ error: true, text: t(`menus.image.${problem.key}`, problem.key === "size" ? problem.params : {}) });
      return;
    } else setImageNote(null);
    if (fileUrl) URL.revokeObjectURL(fileUrl);
    setFile(f);
    setFileUrl(URL.createObjectURL(f));
    void size;
  };

  const save = useMutation({
    mutationFn: async () => {
      const body = menuInput(draft);
      let m = isNew ? await createMenu(channel, body) : await updateMenu(channel, menuId, body);
      qc.setQueryData(["richmenu", channel, m.id], m);
      if (isNew) navigate(`/richmenus/${encodeURIComponent(channel)}/${encodeURIComponent(m.id)}`, { replace: true });
      if (file) {
        m = await uploadImage(channel, m.id, file);
        qc.setQueryData(["richmenu", channel, m.id], m);
        setFile(null);
        setFileUrl(null);
      }
      return m;
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ["richmenus", channel] }),
  });
  const publish = useMutation({
    mutationFn: () => publishMenu(channel, menuId),
    onSuccess: (m) => {
      qc.setQueryData(["richmenu", channel, m.id], m);
      void qc.invalidateQueries({ queryKey: ["richmenus", channel] });
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteMenu(channel, menuId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["richmenus", channel] });
      navigate(`/richmenus?channel=${encodeURIComponent(channel)}`);
    },
  });

  const submit = () => {
    const c = checkMenu(draft);
    setChecks(c);
    if (Object.keys(c).length === 0) save.mutate();
  };
  const err = (field: string) => (checks[field] ? t(`check.${checks[field]}`) : fieldError(save.error, field));
  const dirty = !saved.data || file !== null || JSON.stringify(menuInput(draft)) !== JSON.stringify(menuInput(menuFrom(saved.data)));
  const area = selected !== null ? draft.areas[selected] : null;
  const otherMenus = (menus.data ?? []).filter((m) => m.id !== menuId);
  const b = area?.bounds;
  const setBounds = (patch: Partial<Bounds>) => selected !== null && area && setArea(selected, { bounds: clampRect({ ...area.bounds, ...patch }, draft.size) });

  if (saved.isError) return <FailureAlert error={saved.error} />;
  if (!isNew && !saved.data) return null;
  const errorCount = Object.keys(checks).length;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Anchor component={Link} to={`/richmenus?channel=${encodeURIComponent(channel)}`} size="sm">
            ← {t("nav.richmenus")}
          </Anchor>
          <Title order={1} size="h3">
            {isNew ? t("menus.new") : saved.data!.name}
          </Title>
        </Stack>
        {saved.data && <PublishBadge menu={saved.data} />}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t("menus.name")} description={t("menus.nameHint")} value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={err("name")} readOnly={!editable} />
              <TextInput label={t("menus.chatBarText")} description={t("menus.chatBarHint")} value={draft.chatBarText} onChange={(e) => set({ chatBarText: e.currentTarget.value })} error={err("chat_bar_text")} readOnly={!editable} />
            </SimpleGrid>
            <Group align="end" wrap="wrap">
              <NativeSelect
                label={t("menus.size")}
                value={sizeKey(draft.size)}
                disabled={!editable}
                onChange={(e) => { const size = parseSize(e.currentTarget.value); setDraft((d) => resize(d, size)); }}
                data={sizeChoices(draft.size).map((s) => ({ value: sizeKey(s), label: t(s.height * 2 > s.width ? "menus.sizeFull" : "menus.sizeHalf", { width: s.width, height: s.height }) }))}
              />
              {editable && (
                <FileInput
                  label={t("menus.image.label")}
                  description={t("menus.image.hint", { width: draft.size.width, height: draft.size.height })}
                  accept="image/png,image/jpeg"
                  value={file}
                  onChange={(f) => void choose(f)}
                  clearable={false}
                  placeholder={t("menus.image.choose")}
                  error={imageNote?.error ? imageNote.text : fieldError(save.error, "body")}
                  miw={220}
                  style={{ flex: 1 }}
                />
              )}
            </Group>
            {imageNote && !imageNote.error && <Text size="xs">{imageNote.text}</Text>}
            <Checkbox label={t("menus.selected")} checked={draft.selected} disabled={!editable} onChange={(e) => set({ selected: e.currentTarget.checked })} />
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t("menus.areas", { count: draft.areas.length, max: MAX_AREAS })}
              </Text>
              {editable && <Text size="xs" c="dimmed">{t("menus.drawHint")}</Text>}
              <AreaCanvas
                size={draft.size}
                imageUrl={imageUrl}
                areas={draft.areas.map((a) => a.bounds)}
                selected={selected}
                onSelect={setSelected}
                onChange={(i, bounds) => setArea(i, { bounds })}
                onAdd={(bounds) => {
                  setDraft((d) => ({ ...d, areas: [...d.areas, emptyArea(bounds)] }));
                  setSelected(draft.areas.length);
                }}
                onRemove={removeArea}
                editable={editable}
              />
              {err("areas") && <Text size="xs" c="red.8">{err("areas")}</Text>}
            </Stack>
            <Group gap={4} wrap="wrap">
              {draft.areas.map((a, i) => (
                <Button key={i} size="compact-xs" variant={selected === i ? "filled" : "light"} color={Object.keys(checks).some((k) => k.startsWith(`areas[${i}]`)) ? "red.9" : undefined} onClick={() => setSelected(i)}>
                  {i + 1}: {a.label || t(`menus.action.${a.type}`)}
                </Button>
              ))}
            </Group>
            {area && selected !== null && b && (
              <Paper withBorder p="sm" data-testid="area-form">
                <Stack gap="xs">
                  <Group justify="space-between">
                    <Text fw={600}>{t("menus.areaN", { n: selected + 1 })}</Text>
                    {editable && (
                      <Button size="compact-xs" color="red.9" c="red.9" variant="light" onClick={() => removeArea(selected)}>
                        {t("menus.removeArea")}
                      </Button>
                    )}
                  </Group>
                  <Group gap="xs" wrap="wrap" className="bounds-inputs">
                    <NumberInput size="xs" label="X" value={b.x} min={0} max={draft.size.width} onChange={(v) => setBounds({ x: Number(v) || 0 })} readOnly={!editable} w={90} />
                    <NumberInput size="xs" label="Y" value={b.y} min={0} max={draft.size.height} onChange={(v) => setBounds({ y: Number(v) || 0 })} readOnly={!editable} w={90} />
                    <NumberInput size="xs" label={t("menus.width")} value={b.width} min={1} max={draft.size.width} onChange={(v) => setBounds({ width: Number(v) || 1 })} readOnly={!editable} w={90} />
                    <NumberInput size="xs" label={t("menus.height")} value={b.height} min={1} max={draft.size.height} onChange={(v) => setBounds({ height: Number(v) || 1 })} readOnly={!editable} w={90} />
                  </Group>
                  <NativeSelect
                    label={t("menus.actionType")}
                    value={area.type}
                    disabled={!editable}
                    onChange={(e) => setArea(selected, { type: e.currentTarget.value as ActionType })}
                    data={ACTION_TYPES.map((type) => ({ value: type, label: t(`menus.action.${type}`) }))}
                  />
                  {area.type === "message" && (
                    <Textarea label={t("menus.messageText")} autosize minRows={1} value={area.text} onChange={(e) => setArea(selected, { text: e.currentTarget.value })} error={err(`areas[${selected}].action.text`)} readOnly={!editable} />
                  )}
                  {area.type === "uri" && (
                    <TextInput label={t("menus.uri")} placeholder="https://" value={area.uri} onChange={(e) => setArea(selected, { uri: e.currentTarget.value })} error={err(`areas[${selected}].action.uri`)} readOnly={!editable} />
                  )}
                  {area.type === "automation" && (
                    <NativeSelect
                      label={t("menus.automation")}
                      value={area.automation}
                      disabled={!editable}
                      onChange={(e) => setArea(selected, { automation: e.currentTarget.value })}
                      error={err(`areas[${selected}].action.automation`)}
                      data={[{ value: "", label: "—" }, ...(automations.data ?? []).map((a) => ({ value: a.id, label: a.name }))]}
                    />
                  )}
                  {area.type === "tab" && (
                    <NativeSelect
                      label={t("menus.tabTo")}
                      value={area.menu}
                      disabled={!editable}
                      onChange={(e) => setArea(selected, { menu: e.currentTarget.value })}
                      error={err(`areas[${selected}].action.menu`)}
                      data={[{ value: "", label: "—" }, ...otherMenus.map((m) => ({ value: m.id, label: m.name }))]}
                    />
                  )}
                  {area.type === "postback" && (
                    <TextInput label={t("menus.postbackData")} value={area.data} onChange={(e) => setArea(selected, { data: e.currentTarget.value })} error={err(`areas[${selected}].action.data`)} readOnly={!editable} />
                  )}
                  {(area.type === "automation" || area.type === "postback") && (
                    <TextInput label={t("menus.displayText")} description={t("menus.displayTextHint")} value={area.displayText} onChange={(e) => setArea(selected, { displayText: e.currentTarget.value })} readOnly={!editable} />
                  )}
                  <TextInput label={t("menus.label")} description={t("menus.labelHint")} value={area.label} onChange={(e) => setArea(selected, { label: e.currentTarget.value })} readOnly={!editable} />
                </Stack>
              </Paper>
            )}
            {editable && (
              <Group gap="xs" wrap="wrap">
                <Button onClick={submit} loading={save.isPending}>
                  {t("common.save")}
                </Button>
                {!isNew && (
                  <Button variant="light" onClick={() => publish.mutate()} loading={publish.isPending} disabled={dirty || !saved.data?.image || saved.data.is_published}>
                    {t("menus.publish")}
                  </Button>
                )}
                {!isNew && !confirmDelete && (
                  <Button variant="subtle" color="red.9" c="red.9" onClick={() => setConfirmDelete(true)}>
                    {t("menus.delete")}
                  </Button>
                )}
                {confirmDelete && (
                  <Group gap={4}>
                    <Text size="sm">{t("menus.deleteConfirm")}</Text>
                    <Button size="xs" color="red.8" onClick={() => remove.mutate()} loading={remove.isPending}>
                      {t("menus.deleteYes")}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setConfirmDelete(false)}>
                      {t("menus.deleteNo")}
                    </Button>
                  </Group>
                )}
              </Group>
            )}
            {errorCount > 0 && <Text size="sm" c="red.8">{t("check.fix", { count: errorCount })}</Text>}
            {editable && !isNew && (
              <Text size="xs" c="dimmed" data-testid="publish-hint">
                {dirty ? t("menus.saveFirst") : !saved.data?.image ? t("menus.imageFirst") : saved.data.is_published ? t("menus.upToDate") : t("menus.readyToPublish")}
              </Text>
            )}
            {publish.data && publish.data.published && (
              <Text size="sm" role="status" data-testid="publish-result">
                {t("menus.publishedAt", { at: new Date(publish.data.published.at).toLocaleString() })}
              </Text>
            )}
            <FailureAlert error={save.error} />
            <FailureAlert error={publish.error} />
            <FailureAlert error={remove.error} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="sm" className="composer-preview">
            <Title order={2} size="h5" mb="xs">
              {t("menus.preview")}
            </Title>
            <MenuPreview size={draft.size} imageUrl={imageUrl} areas={draft.areas} chatBarText={draft.chatBarText} describe={(a) => actionWords(t, a, names)} />
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
