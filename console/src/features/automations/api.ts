import { getJson, sendJson } from "../../api/client";
import type { Automation, AutomationInput, AutomationRun, Page } from "../../api/models";

const path = (id: string) => `/admin/automations/${encodeURIComponent(id)}`;

export const getAutomation = (id: string) => getJson<Automation>(path(id));
export const createAutomation = (body: AutomationInput) => sendJson<Automation>("POST", "/admin/automations", body);
export const updateAutomation = (id: string, body: AutomationInput) => sendJson<Automation>("PUT", path(id), body);
export const deleteAutomation = (id: string) => sendJson<null>("DELETE", path(id));
export const listRuns = (id: string, cursor?: string) => getJson<Page<AutomationRun>>(`${path(id)}/runs`, { limit: 50, cursor });
