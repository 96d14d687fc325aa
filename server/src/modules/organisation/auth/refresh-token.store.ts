import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../../../common/database/returned-rows';

/** Revocation shared by sign-out, password changes and deactivation. */
@Injectable()
export class RefreshTokenStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async revokeFamily(familyId: string, at: Date, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const result: unknown = await manager.query(
      `UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL RETURNING id`,
      [familyId, at],
    );
    return returnedRows(result).length;
  }

  async revokeAllOf(personId: string, at: Date, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const result: unknown = await manager.query(
      `UPDATE refresh_token SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL RETURNING id`,
      [personId, at],
    );
    return returnedRows(result).length;
  }
}
