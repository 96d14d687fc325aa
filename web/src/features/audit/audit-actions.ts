/**
 * The audit actions and entity types the server records, for the audit page's filters and labels. A unit test reads
 * the server's sources and fails when a recorded action or entity type is missing here or has no label.
 */
export const KNOWN_ACTIONS = [
  'person.create',
  'person.update',
  'person.password_reset',
  'person.password_change',
  'person.preferences',
  'role.assign',
  'role.renounce',
  'unit.create',
  'unit.update',
  'severity_level.update',
  'escalation_settings.update',
  'incident.create',
  'incident.acknowledge',
  'incident.transition',
  'incident.dismissal_propose',
  'incident.assign',
  'incident.comment',
  'incident.merge',
  'incident.split',
  'incident.task_add',
  'incident.task_done',
  'incident.response_draft',
  'incident.response_submit',
  'incident.response_approve',
  'incident.response_send_back',
  'incident.response_publish',
  // Written as `good_news.${status}` for the two statuses a person can act on.
  'good_news.shared',
  'good_news.proposed',
  'source.create',
  'source.update',
] as const;

export const ENTITY_TYPES = [
  'person',
  'role_assignment',
  'unit',
  'severity_level',
  'escalation_settings',
  'incident',
  'good_news',
  'source',
] as const;
