import type { InboxIncidentRef } from '@mw/shared';

/**
 * How the inbox learns the current state of the incidents its messages are about (status, deadline), without the
 * notifications module reading the incidents' tables: the incidents module, which depends on notifications and not
 * the other way round, registers one with NotificationsQuery.useIncidentLookup at start-up. Without one (an app
 * assembled without incidents) the inbox shows the snapshot written into each message.
 */
export interface InboxIncidentLookup {
  /** The incidents among `ids` that exist; unknown ids are left out. */
  find(ids: readonly string[]): Promise<Map<string, InboxIncidentRef>>;
}
