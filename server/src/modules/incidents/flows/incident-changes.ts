import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../../common/auth/auth-user';
import { IncidentNotifier } from '../incident-notifier';
import type { IncidentRow } from '../incident-rows';
import { IncidentStore } from '../store/incident.store';

/**
 * The envelope of a person's change to one incident: in one transaction, lock the incident (404 outside the
 * caller's scope), apply the change; after commit, tell the incident's rooms.
 */
@Injectable()
export class IncidentChanges {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: IncidentStore,
    private readonly notifier: IncidentNotifier,
  ) {}

  async change(user: AuthUser, id: string, work: (m: EntityManager, row: IncidentRow) => Promise<void>): Promise<void> {
    await this.dataSource.transaction(async (m) => work(m, await this.store.visible(m, user, id, true)));
    this.notifier.publishChange(id, 'incident.updated');
  }
}
