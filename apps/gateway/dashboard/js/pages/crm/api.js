// The CRM API (issue 7) as these pages expect it: the eight endpoints of the seed's dashboard
// (reference crm-analytics.md §7.2) under /api/v1/crm/, plus stored daily snapshots. Every path
// is here, so adapting to the merged API is a one-file change.

import { api } from '../../api.js';

export const PATHS = {
  summary: '/api/v1/crm/dashboard/summary',
  leads: '/api/v1/crm/leads/scores',
  distribution: '/api/v1/crm/leads/distribution',
  pipelineHealth: '/api/v1/crm/pipeline/health',
  funnel: '/api/v1/crm/pipeline/funnel',
  churnRisk: '/api/v1/crm/churn/risk',
  churnAccounts: '/api/v1/crm/churn/accounts',
  alerts: '/api/v1/crm/alerts',
  history: (kind) => `/api/v1/crm/history/${kind}`,
  lead: (id) => `/api/v1/crm/leads/${encodeURIComponent(id)}`,
  account: (id) => `/api/v1/crm/accounts/${encodeURIComponent(id)}`,
};

export const get = (key, query) => api(PATHS[key], { query });
export const history = (kind, days = 30) => api(PATHS.history(kind), { query: { days } });
export const lead = (id) => api(PATHS.lead(id));
export const account = (id) => api(PATHS.account(id));

/** A list answer, bare or wrapped. */
export const items = (x) => (Array.isArray(x) ? x : x?.items || x?.data || []);

export const PRIORITY_COLORS = { Low: '#94a3b8', Medium: '#3b82f6', High: '#ea580c', Critical: '#dc2626' };
export const CHURN_COLORS = { Low: '#16a34a', Medium: '#3b82f6', High: '#dc2626' };
export const PRIORITIES = ['Low', 'Medium', 'High', 'Critical'];
export const LEVELS = ['Low', 'Medium', 'High'];
export const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
