/**
 * Every query key of the dashboard, in one place, so realtime events and mutations invalidate exactly what they
 * change. Keys are arrays whose first element names the resource: invalidating `queryKeys.incidents.all` reaches
 * every list and detail below it.
 */
export type QueryParams = Record<string, string | number | undefined>;

export const queryKeys = {
  me: ['me'] as const,
  /** Pipeline and database health (GET /api/health). */
  health: ['health'] as const,
  notifications: {
    all: ['notifications'] as const,
    inbox: ['notifications', 'inbox'] as const,
    unread: ['notifications', 'unread'] as const,
  },
  incidents: {
    all: ['incidents'] as const,
    list: (filters: QueryParams) => ['incidents', 'list', filters] as const,
    detail: (id: string) => ['incidents', 'detail', id] as const,
  },
  severityLevels: ['severity-levels'] as const,
  escalationSettings: ['escalation-settings'] as const,
  people: {
    all: ['people'] as const,
    list: (filters: QueryParams) => ['people', 'list', filters] as const,
    detail: (id: string) => ['people', 'detail', id] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (filters: QueryParams) => ['audit', 'list', filters] as const,
  },
  reports: {
    weekly: (week: string, unit = '') => ['reports', 'weekly', week, unit] as const,
    range: (from: string, to: string) => ['reports', 'range', from, to] as const,
    stored: (page: number, unit = '') => ['reports', 'stored', page, unit] as const,
  },
  goodNews: {
    all: ['good-news'] as const,
    list: (filters: QueryParams) => ['good-news', 'list', filters] as const,
  },
  mentions: {
    all: ['mentions'] as const,
    list: (filters: QueryParams) => ['mentions', 'list', filters] as const,
    detail: (id: string) => ['mentions', 'detail', id] as const,
  },
  stories: {
    all: ['stories'] as const,
    list: (filters: QueryParams) => ['stories', 'list', filters] as const,
    detail: (id: string) => ['stories', 'detail', id] as const,
  },
  sources: {
    all: ['sources'] as const,
  },
  units: {
    all: ['units'] as const,
    list: ['units', 'list'] as const,
    detail: (code: string) => ['units', 'detail', code] as const,
    gaps: ['units', 'gaps'] as const,
  },
};
