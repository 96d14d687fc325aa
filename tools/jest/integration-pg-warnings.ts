/**
 * Fails an integration suite that sent a query on a pg client already executing one with another already waiting:
 * the case where pg 8 warns "Calling client.query() when the client is already executing a query is deprecated" (and
 * pg 9 will refuse). It comes from queries of one transaction, one client, run side by side (Promise.all over one
 * EntityManager); they must run one after another. The warning itself goes to the real process, out of a test's
 * reach, once per file, without saying where: this checks pg's own condition at each call and keeps the caller.
 */
import { Client } from 'pg';

type Queued = { _queryQueue?: unknown[]; pipeline?: boolean };
const seen: string[] = [];
const query = Client.prototype.query;
Client.prototype.query = function (this: Queued, ...args: unknown[]) {
  if ((this._queryQueue?.length ?? 0) > 0 && !this.pipeline) {
    seen.push(new Error('query sent on a pg client already executing one').stack ?? '');
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

afterAll(() => {
  Client.prototype.query = query;
  if (seen.length > 0) {
    throw new Error(
      `${seen.length} quer${seen.length === 1 ? 'y was' : 'ies were'} sent on a pg client already executing one ` +
        `(pg warns it is deprecated); run the queries of one transaction one after another. First:\n${seen[0]}`,
    );
  }
});
