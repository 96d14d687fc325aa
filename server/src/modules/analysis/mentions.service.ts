/**
 * Reading mentions and stories, scoped per unit: office roles see everything, a school's people only mentions that
 * name one of their units (the GIN index on `unit_codes` serves the overlap test) and stories that touch one. A
 * mention or story outside the caller's scope answers 404, so its existence does not leak.
 */
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  type MentionListQuery,
  type MentionView,
  type OutletCount,
  type Page,
  type StoryDetail,
  type StoryListQuery,
  type StorySpreadPoint,
  type StoryView,
} from '@mw/shared';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope';
import { searchDocument, searchSql, searchTerms, searchText } from '../../common/database/text-search';
import { MentionEntity } from './mention.entity';
import { toMentionView, toStoryView } from './mention.mapper';
import { StoryEntity } from './story.entity';

const DEFAULT_PAGE_SIZE = 50;
const OUTLETS_LIMIT = 200;
/**
 * The searched text of a mention, exactly as mention_search_idx was built (migration SearchByUnit1796508508464): the
 * title and the names of the units it was found to name weigh more than the summary.
 */
export const MENTION_DOCUMENT = searchDocument(
  ['m.title', `jsonb_path_query_array(m.units, '$[*].name')::text`],
  ['m.summary'],
);
/** Mentions shown on a story page; a story told by more outlets than this is rare. */
const STORY_MENTIONS_LIMIT = 500;
const HOUR_MS = 3_600_000;

@Injectable()
export class MentionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async listMentions(user: AuthUser, query: MentionListQuery): Promise<Page<MentionView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const codes = this.scopeCodes(user, query.unit);
    if (codes !== 'all' && codes.length === 0) return { items: [], total: 0, page, pageSize };
    const qb = this.dataSource.getRepository(MentionEntity).createQueryBuilder('m');
    restrictUnits(qb, 'm', codes, query.unit);
    const terms = searchTerms(query.q);
    let bound = 0;
    const search = terms
      ? searchSql(MENTION_DOCUMENT, terms, (value) => {
          const name = `search${bound++}`;
          qb.setParameter(name, value);
          return `:${name}`;
        })
      : null;
    if (search) qb.andWhere(search.where);
    const outlet = searchText(query.outlet);
    if (outlet) qb.andWhere('m.outlet = :outlet', { outlet });
    if (query.sentiment) qb.andWhere('m.sentimentLabel = :sentiment', { sentiment: query.sentiment });
    if (query.category) qb.andWhere('m.category = :category', { category: query.category });
    if (query.incident !== undefined) qb.andWhere('m.incident = :incident', { incident: query.incident });
    if (query.from) qb.andWhere('m.seenAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('m.seenAt < :to', { to: new Date(query.to) });
    // Best matches first when searching (then the newest), newest first otherwise.
    for (const ranking of search?.rankings ?? []) qb.addOrderBy(ranking, 'DESC');
    const [rows, total] = await qb
      .addOrderBy('m.seenAt', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const listedBy = await this.listedBy(rows.map((r) => r.sourceId));
    const items = rows.map((r) => ({ ...toMentionView(r), listedBy: listedBy.get(r.sourceId) ?? null }));
    return { items, total, page, pageSize };
  }

  /** The sources of these mentions, as "why listed" names them (a search's queries too). */
  private async listedBy(sourceIds: readonly string[]): Promise<Map<string, NonNullable<MentionView['listedBy']>>> {
    const ids = [...new Set(sourceIds)];
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string; kind: string; queries: unknown }[] = await this.dataSource.query(
      `SELECT id, name, kind, settings->'queries' AS queries FROM source WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          source: r.name,
          kind: r.kind,
          queries: Array.isArray(r.queries) ? r.queries.filter((q): q is string => typeof q === 'string') : [],
        },
      ]),
    );
  }

  /** The outlets of the mentions the caller may see, with how many each carried, most first. */
  async outlets(user: AuthUser): Promise<OutletCount[]> {
    const codes = this.scope.unitCodesFor(user);
    if (codes !== 'all' && codes.length === 0) return [];
    const rows: { outlet: string; mentions: number }[] = await this.dataSource.query(
      `SELECT outlet, count(*)::int AS mentions FROM mention
       ${codes === 'all' ? '' : 'WHERE unit_codes && $1::text[]'}
       GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT ${OUTLETS_LIMIT}`,
      codes === 'all' ? [] : [codes],
    );
    return rows;
  }

  async getMention(user: AuthUser, id: string): Promise<MentionView> {
    const mention = await this.dataSource.getRepository(MentionEntity).findOneBy({ id });
    if (!mention || !this.sees(user, mention.unitCodes)) throw notFound('Mention');
    return toMentionView(mention);
  }

  async listStories(user: AuthUser, query: StoryListQuery): Promise<Page<StoryView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const codes = this.scopeCodes(user, query.unit);
    if (codes !== 'all' && codes.length === 0) return { items: [], total: 0, page, pageSize };
    const qb = this.dataSource.getRepository(StoryEntity).createQueryBuilder('s');
    restrictUnits(qb, 's', codes, query.unit);
    if (query.from) qb.andWhere('s.lastSeenAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('s.firstSeenAt < :to', { to: new Date(query.to) });
    const [rows, total] = await qb
      .orderBy('s.lastSeenAt', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toStoryView), total, page, pageSize };
  }

  async getStory(user: AuthUser, id: string): Promise<StoryDetail> {
    const story = await this.dataSource.getRepository(StoryEntity).findOneBy({ id });
    if (!story || !this.sees(user, story.unitCodes)) throw notFound('Story');
    const codes = this.scope.unitCodesFor(user);
    const qb = this.dataSource
      .getRepository(MentionEntity)
      .createQueryBuilder('m')
      .where('m.storyId = :id', { id })
      .orderBy('m.seenAt', 'ASC')
      .addOrderBy('m.seq', 'ASC')
      .take(STORY_MENTIONS_LIMIT);
    restrictUnits(qb, 'm', codes);
    const mentions = await qb.getMany();
    return { ...toStoryView(story), mentions: mentions.map(toMentionView), spread: spreadOf(mentions) };
  }

  /** The caller's unit codes, narrowed to `unit` when asked; asking for a unit outside the scope is a 403. */
  private scopeCodes(user: AuthUser, unit: string | undefined): 'all' | string[] {
    if (unit) this.scope.assertUnitAccess(user, unit);
    return this.scope.unitCodesFor(user);
  }

  private sees(user: AuthUser, unitCodes: readonly string[]): boolean {
    const codes = this.scope.unitCodesFor(user);
    return codes === 'all' || unitCodes.some((c) => codes.includes(c));
  }
}

function restrictUnits<T extends object>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  codes: 'all' | string[],
  unit?: string,
): void {
  if (codes !== 'all') qb.andWhere(`${alias}.unitCodes && CAST(:codes AS text[])`, { codes });
  if (unit) qb.andWhere(`${alias}.unitCodes @> ARRAY[CAST(:unit AS text)]`, { unit });
}

/** Mentions and outlets per hour, from the first mention's hour to the last's (empty hours omitted). */
function spreadOf(mentions: readonly MentionEntity[]): StorySpreadPoint[] {
  const buckets = new Map<number, { mentions: number; outlets: Set<string> }>();
  for (const m of mentions) {
    const hour = Math.floor(m.seenAt.getTime() / HOUR_MS) * HOUR_MS;
    let bucket = buckets.get(hour);
    if (!bucket) {
      bucket = { mentions: 0, outlets: new Set() };
      buckets.set(hour, bucket);
    }
    bucket.mentions++;
    bucket.outlets.add(m.outlet);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, b]) => ({ at: new Date(hour).toISOString(), mentions: b.mentions, outlets: [...b.outlets].sort() }));
}

function notFound(what: string): NotFoundException {
  return new NotFoundException({ code: ErrorCode.NotFound, message: `${what} not found` });
}
