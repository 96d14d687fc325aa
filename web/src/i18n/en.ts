import type { MessageKey } from './vi';

export const en: Record<MessageKey, string> = {
  'app.title': 'Media Watch',
  'app.subtitle': 'Monitoring press coverage of Gò Vấp schools',
  'app.language': 'Language',
  'health.title': 'System status',
  'health.loading': 'Checking…',
  'health.server': 'Server',
  'health.database': 'Database',
  'health.up': 'Up',
  'health.down': 'Disconnected',
  'health.unreachable': 'Cannot reach the server',
  'health.checkedAt': 'Checked at {time}',
};
