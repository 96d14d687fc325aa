import type { AcknowledgeVia } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';

/**
 * How a message's acknowledgement reaches its incident without the notifications module reading the incidents'
 * tables: the incidents module, which depends on notifications and not the other way round, registers one with
 * NotificationAckService.useAcknowledger at start-up. Both writes, the message's and the incident's, happen on the
 * one transaction NotificationAckService opens, so neither stands without the other.
 */
export interface IncidentAcknowledger {
  /** The ids among `incidentIds` that `person` may acknowledge now (a handling role at one of the incident's units). */
  acknowledgeable(person: AuthUser, incidentIds: readonly string[], manager?: EntityManager): Promise<Set<string>>;

  /**
   * Acknowledges the incident for `person` on the caller's transaction: 404 when it does not exist, 403 when the
   * person may not acknowledge it. An incident someone already acknowledged (or closed) is left as it is
   * (`changed: false`). `announce` tells the dashboards; call it after commit.
   */
  acknowledge(
    manager: EntityManager,
    request: { incidentId: string; person: AuthUser; via: AcknowledgeVia },
  ): Promise<{ changed: boolean; announce(): void }>;
}
