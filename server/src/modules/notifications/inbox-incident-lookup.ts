import type { InboxIncidentRef } from '@mw/shared';
import type { AuthUser } from '../../common/auth/auth-user';

/** An incident as one reader's inbox shows it. */
export interface InboxIncident {
  incident: InboxIncidentRef;
  /** The reader may acknowledge it now: a handling role at one of its units (or the office). */
  mayAcknowledge: boolean;
}

/**
 * How the inbox learns the current state of the incidents its messages are about (status, deadline), without the
 * notifications module reading the incidents' tables: the incidents module, which depends on notifications and not
 * the other way round, registers one with NotificationsQuery.useIncidentLookup at start-up. Without one (an app
 * assembled without incidents) the inbox shows the snapshot written into each message.
 */
export interface InboxIncidentLookup {
  /**
   * The incidents among `ids` that exist and that `reader` may see now; others are left out, and the inbox shows
   * what their messages said when they were sent (a person moved to another school learns nothing new of the old
   * one's tickets).
   */
  find(ids: readonly string[], reader: AuthUser): Promise<Map<string, InboxIncident>>;
}
