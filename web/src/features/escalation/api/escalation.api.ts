import type {
  EscalationSettingsView,
  Severity,
  SeverityLevelView,
  UpdateEscalationSettingsRequest,
  UpdateSeverityLevelRequest,
} from '@mw/shared';
import { api } from '../../../api/http';

export function fetchEscalationSettings(): Promise<EscalationSettingsView> {
  return api<EscalationSettingsView>('GET', '/api/escalation/settings');
}

export function updateEscalationSettings(body: UpdateEscalationSettingsRequest): Promise<EscalationSettingsView> {
  return api<EscalationSettingsView>('PATCH', '/api/escalation/settings', body);
}

export function updateSeverityLevel(code: Severity, body: UpdateSeverityLevelRequest): Promise<SeverityLevelView> {
  return api<SeverityLevelView>('PATCH', `/api/severity-levels/${encodeURIComponent(code)}`, body);
}
