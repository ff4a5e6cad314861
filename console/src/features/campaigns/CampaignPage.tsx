import { Badge, Button, Group, Modal, Paper, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Campaign } from "../../api/models";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { Bubble, MessageBody } from "../../components/Bubble";
import { FlexPreview } from "../../components/FlexPreview";
import { FailureAlert } from "../../components/forms";
import { ResultsSection } from "./ResultsSection";
import { deleteCampaign, duplicateCampaign, estimate, getCampaign, percentDone, transition, transitionsFor, type Transition } from "./api";

const LIVE = new Set(["running", "scheduled", "paused"]);

export function StatusBadge({ status }: { status: Campaign["status"] }) {
  const { t } = useTranslation();
  const color = { draft: "gray", scheduled: "blue", running: "green", paused: "yellow", completed: "teal", cancelled: "red" }[status];
  return (
    <Badge color={color} variant="light" data-testid="status">
      {t(`status.${status}`)}
    </Badge>
  );
}

function Audience({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const a = c.audience;
  const parts = [
    a.tags_all.length ? `${t("campaigns.tagsAll")}: ${a.tags_all.join(", ")}` : null,
    a.tags_any.length ? `${t("campaigns.tagsAny")}: ${a.tags_any.join(", ")}` : null,
    a.tags_none.length ? `${t("campaigns.tagsNone")}: ${a.tags_none.join(", ")}` : null,
    a.genders.length ? `${t("friends.gender")}: ${a.genders.map((g) => t(`gender.${g}`)).join(", ")}` : null,
    a.age_min != null || a.age_max != null ? `${t("campaigns.age")}: ${a.age_min ?? ""}〜${a.age_max ?? ""}` : null,
    a.prefectures.length ? `${t("campaigns.prefectures")}: ${a.prefectures.join(", ")}` : null,
    a.followed_since ? `${t("campaigns.followedSince")}: ${a.followed_since.slice(0, 10)}` : null,
    a.stores.length ? `${t("campaigns.stores")}: ${a.stores.join(", ")}` : null,
  ].filter(Boolean);
  return <Text size="sm">{parts.length ? parts.join(" / ") : t("campaigns.everyone")}</Text>;
}

function EstimateCard({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ["estimate", c.id, c.version], queryFn: () => estimate(c.id), enabled: c.status === "draft" || c.status === "scheduled" });
  if (!q.data) return q.error ? <FailureAlert error={q.error} /> : null;
  const e = q.data;
  return (
    <Paper withBorder p="sm" data-testid="estimate">
      <Title order={2} size="h5" mb="xs">
        {t("campaigns.estimate")}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <div>
          <Text size="xs">{t("campaigns.audience")}</Text>
          <Text fw={700} data-testid="estimate-audience">{e.audience.toLocaleString()}</Text>
        </div>
        <div>
          <Text size="xs">{t("campaigns.quotaNeeded")}</Text>
          <Text fw={700}>{e.quota_needed.toLocaleString()}</Text>
        </div>
        <div>
          <Text size="xs">{t("campaigns.quotaLeft")}</Text>
          <Text fw={700} data-testid="estimate-left">{e.quota_left == null ? t("campaigns.unlimited") : e.quota_left.toLocaleString()}</Text>
        </div>
        <div>
          <Text size="xs">{t("campaigns.quotaLimit")}</Text>
          <Text fw={700}>{e.quota_limit == null ? t("campaigns.unlimited") : e.quota_limit.toLocaleString()}</Text>
        </div>
      </SimpleGrid>
      {e.line_estimate && (
        <Text size="sm" mt="xs" data-testid="estimate-line">
          {t("campaigns.lineEstimate")}: {e.line_estimate}
        </Text>
      )}
      {!e.fits && (
        <Text c="red.8" size="sm" mt="xs" role="alert">
          {t("campaigns.doesNotFit")}
        </Text>
      )}
    </Paper>
  );
}

export default function CampaignPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const caller = useCaller();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const campaign = useQuery({
    queryKey: ["campaign", id],
    queryFn: () => getCampaign(id),
    refetchInterval: (q) => (q.state.data && LIVE.has(q.state.data.status) ? 1000 : false),
  });
  const act = useMutation({
    mutationFn: (a: Transition) => transition(id, a),
    onSuccess: (c) => {
      queryClient.setQueryData(["campaign", id], c);
      void queryClient.invalidateQueries({ queryKey: ["campaigns"] });
    },
  });
  const duplicate = useMutation({
    mutationFn: () => duplicateCampaign(id),
    onSuccess: (copy) => {
      queryClient.setQueryData(["campaign", copy.id], copy);
      void queryClient.invalidateQueries({ queryKey: ["campaigns"] });
      navigate(`/campaigns/${encodeURIComponent(copy.id)}`);
    },
  });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteCampaign(id),
    onSuccess: () => {
      setConfirmDelete(false);
      queryClient.removeQueries({ queryKey: ["campaign", id] });
      void queryClient.invalidateQueries({ queryKey: ["campaigns"] });
      navigate("/campaigns");
    },
    // A 409 (scheduled or sent meanwhile): show the campaign as it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: ["campaign", id] }),
  });
  if (campaign.error) return <FailureAlert error={campaign.error} />;
  const c = campaign.data;
  if (!c) return null;
  const pct = percentDone(c);
  const allowed = can(caller, c.status === "draft" ? "sendCampaign" : "controlCampaign") ? transitionsFor(c) : [];
  // Editing, duplicating and deleting are an operator's, as creating is; a viewer sees none.
  const composes = can(caller, "createCampaign");
  const isDraft = c.status === "draft";
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">
          {c.name}
        </Title>
        <StatusBadge status={c.status} />
      </Group>
      <Audience c={c} />
      <EstimateCard c={c} />
      {c.status !== "draft" && (
        <Paper withBorder p="sm">
          <Group justify="space-between" mb={4}>
            <Text size="sm">{t("campaigns.progress")}</Text>
            <Text size="sm" fw={700} data-testid="progress">
              {pct}%
            </Text>
          </Group>
          <Progress value={pct} aria-label={t("campaigns.progress")} />
          <Text size="xs" mt={4}>
            {t("campaigns.counts", c.progress)}
          </Text>
        </Paper>
      )}
      <Group>
        {allowed.map((a) => (
          <Button
            key={a}
            variant={a === "cancel" ? "outline" : "filled"}
            color={a === "cancel" ? "red.8" : undefined}
            loading={act.isPending && act.variables === a}
            disabled={act.isPending}
            onClick={() => act.mutate(a)}
          >
            {t(`campaigns.do.${a}`)}
          </Button>
        ))}
        {isDraft && composes && (
          <Button variant="light" component={Link} to={`/campaigns/${encodeURIComponent(c.id)}/edit`}>
            {t("campaigns.edit")}
          </Button>
        )}
        {composes && (
          <Button variant="subtle" onClick={() => duplicate.mutate()} loading={duplicate.isPending}>
            {t("campaigns.duplicate")}
          </Button>
        )}
        {isDraft && composes && (
          <Button variant="subtle" color="red.9" c="red.9" onClick={() => setConfirmDelete(true)}>
            {t("campaigns.delete")}
          </Button>
        )}
      </Group>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t("campaigns.deleteTitle")} closeButtonProps={{ "aria-label": t("common.close") }} centered>
        <Stack>
          <Text size="sm">{t("campaigns.deleteConfirm", { name: c.name })}</Text>
          <FailureAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t("campaigns.deleteNo")}
            </Button>
            <Button color="red.8" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t("campaigns.deleteYes")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <FailureAlert error={act.error ?? duplicate.error} />
      {!isDraft && <ResultsSection c={c} />}
      <Title order={2} size="h5">
        {t("campaigns.messages")}
      </Title>
      <div className="chat-surface">
        {c.sender && <Text size="xs" c="#0d1b27">{c.sender.name}</Text>}
        {(c.schedule.kind === "sequence" ? c.schedule.steps.flatMap((s) => s.messages) : c.messages).map((m, i) =>
          m.type === "flex" ? (
            <FlexPreview key={i} contents={m.contents} />
          ) : (
            <Bubble key={i} side="left">
              <MessageBody message={m} />
            </Bubble>
          ),
        )}
      </div>
    </Stack>
  );
}
