/**
 * Groups items that tell the same event into one story, streaming and with bounded memory.
 *
 * Items are compared on what happened, not on who it happened to: the syllables of the matched units' names, of
 * school-level words ("trường", "THPT", "mầm non") and of Gò Vấp's place names are masked before anything is
 * compared, because every story about one school shares them and they would otherwise carry "Trường THPT Gò Vấp
 * khai giảng" into the story of a fight at that school. What is left is the event content: folded syllable bigrams
 * of title and text (a MinHash signature for finding candidates, a short sorted list for the exact comparison) and
 * the title's content syllables. An item joins the most similar live story when the content shingles' Jaccard or
 * the title overlap clears its threshold and the two share a minimum of content. A shared unit lowers the bar only
 * a little; items about different units never join, nor do items of different incident categories unless their
 * wording is nearly the same. The one rule that needs no shared wording is a follow-up: the same unit and the same
 * incident category within the window ("Tạm dừng bếp ăn sau vụ việc" after a food poisoning).
 *
 * Stories whose first item is older than the window (measured from the newest publication time seen) are evicted
 * together with their index entries, and a hard cap on live stories bounds memory whatever the input. The story id
 * is the id of the story's first assigned item, so for a given input order the output is fixed.
 */
import { toSyllables } from '../tone/syllables';
import { HashProbe } from '../tables/hash-probe';
import { KeyIndex } from '../tables/key-index';
import {
  BANDS,
  ROWS_PER_BAND,
  contentOf,
  fnv1a,
  isShingle,
  keptShingles,
  minhash,
  shinglesOf,
  taggedPairHash,
  titleTerms,
} from './story-signature';

export interface StoryItem {
  readonly id: string;
  readonly title: string;
  /** Summary and/or body. */
  readonly text?: string;
  readonly publishedAt?: string | number | Date | null;
  readonly outlet?: string | null;
  /**
   * Entities the item is about (matched unit codes). Sharing one lowers the similarity needed a little; items
   * whose entities are all different are different stories.
   */
  readonly keys?: readonly string[];
  /** Names of those entities, in any spelling: their syllables say who, not what happened, so they are masked. */
  readonly names?: readonly string[];
  /**
   * What kind of event this is (an incident category, null otherwise). The same entity with the same topic in the
   * window is one story whatever the wording: follow-ups ("trường xin lỗi", "phường chỉ đạo làm rõ") share few
   * words with the first report. Different topics need nearly the same wording to join.
   */
  readonly topic?: string | null;
  /** Folded syllables of title and text when the caller already has them (saves tokenising twice). */
  readonly foldedTitle?: readonly string[];
  readonly foldedText?: readonly string[];
}

export interface StoryAssignment {
  readonly storyId: string;
  readonly firstOutlet: string | null;
  /** ISO time of the earliest item in the story. */
  readonly firstSeenAt: string | null;
  /** Items in the story so far, this one included. */
  readonly size: number;
  /** Distinct outlets in the story so far. */
  readonly outlets: number;
}

/** Puts an item in a story; a StoryClusterer's `assign`, or a caller's persisted equivalent. */
export type AssignStory = (item: StoryItem) => StoryAssignment;

export interface StoryClustererOptions {
  readonly windowHours?: number;
  readonly maxStories?: number;
  /** Jaccard of title+text content bigrams above which two items are the same story. */
  readonly textThreshold?: number;
  /** Overlap of title content syllables above which two items are the same story. */
  readonly titleThreshold?: number;
}

const MEMBERS_KEPT = 6;
/** A title bigram shared by more live stories than this says nothing about the event ("học sinh"). */
const MAX_POSTINGS = 40;
/** A shared unit makes a same-day report a little more likely to be the same event, no more. */
const ENTITY_RELAX = 0.7;
/** Different incident categories join only when the wording is this much more alike than usual. */
const TOPIC_CONFLICT = 1.3;
/** Fewer shared content syllables (title) or bigrams (text) than these is a coincidence, not an event. */
const MIN_SHARED_TITLE = 2;
const MIN_SHARED_SHINGLES = 2;
/** Keeps a same-entity, same-topic match above zero when the wording shares nothing. */
const SAME_TOPIC_SCORE = 0.05;
const NAME_CACHE_LIMIT = 4096;

export interface StoryKeys {
  /**
   * The 32-bit key hashes as signed integers (`| 0`, a one-to-one map of the unsigned values), so V8 keeps them as
   * small integers: as unsigned values half of them were heap numbers, and the index Map hashed and compared them
   * as such on every lookup, insertion and eviction.
   */
  readonly all: number[];
  /** Title-bigram keys are all[titleFrom, titleTo): only they are skipped when too common. */
  readonly titleFrom: number;
  readonly titleTo: number;
}

export interface StoryMember {
  readonly signature: Uint32Array;
  /** Distinct content bigram hashes, ascending. */
  readonly shingles: Uint32Array;
  /** Distinct title content syllables, hashed, ascending. */
  readonly title: Uint32Array;
  readonly entities: readonly string[];
  readonly topic: string | null;
}

interface Story {
  readonly id: string;
  firstOutlet: string | null;
  firstSeen: number;
  lastSeen: number;
  size: number;
  readonly outlets: Set<string>;
  readonly members: StoryMember[];
  readonly keys: number[];
  /** The last bestStory() call that looked at this story: a stamp instead of a Set per call. */
  visited: number;
}

/** The live stories holding one index key: the story itself when it is the only one (the common case). */
type Posting = Story | Story[];

/**
 * An item's comparable content (StoryClusterer.features), read only by the clusterer. Plain data (typed arrays,
 * numbers, strings), so an analysis thread computes it and sends it to the event loop as it is.
 */
export interface StoryFeatures {
  readonly member: StoryMember;
  readonly keys: StoryKeys;
}

export interface StoryClustererStats {
  readonly liveStories: number;
  readonly indexKeys: number;
}

export class StoryClusterer {
  private readonly windowMs: number;
  private readonly maxStories: number;
  private readonly textThreshold: number;
  private readonly titleThreshold: number;
  private readonly stories = new Map<string, Story>();
  /**
   * Hashed band, title-bigram and entity keys to the live stories holding them, in the order they took the key;
   * collisions only add candidates. Most keys belong to one story, so a lone story is stored as itself: a Set per
   * key made index upkeep (and the garbage it left) cost more than finding and comparing the candidates.
   */
  private readonly index = new KeyIndex<Posting>();
  /** The item being placed, as sets that each candidate member's shingles and title terms are counted against. */
  private readonly shingleProbe = new HashProbe();
  private readonly titleProbe = new HashProbe();
  private watermark = Number.NEGATIVE_INFINITY;
  private sinceSweep = 0;
  private visit = 0;

  constructor(options: StoryClustererOptions = {}) {
    this.windowMs = (options.windowHours ?? 72) * 3_600_000;
    this.maxStories = options.maxStories ?? 20_000;
    this.textThreshold = options.textThreshold ?? 0.3;
    this.titleThreshold = options.titleThreshold ?? 0.5;
  }

  stats(): StoryClustererStats {
    return { liveStories: this.stories.size, indexKeys: this.index.size };
  }

  /**
   * What the clusterer compares of an item, computed apart from the story state: a caller that assigns under a lock
   * (MentionStories) computes it beforehand, outside the lock, and passes it to `assign`.
   */
  static features(item: StoryItem): StoryFeatures {
    const masked = maskedNames(item.names);
    const title = contentOf(item.foldedTitle ?? toSyllables(item.title).folded, masked);
    const body = contentOf(item.foldedText ?? toSyllables(item.text ?? '').folded, masked);
    const shingles = shinglesOf(title, body);
    const member: StoryMember = {
      signature: minhash(shingles),
      shingles: keptShingles(shingles),
      title: titleTerms(title),
      entities: item.keys ?? [],
      topic: item.topic ?? null,
    };
    return { member, keys: keysOf(member, title) };
  }

  /** Puts the item in a story; `features` are StoryClusterer.features(item), computed here when not given. */
  assign(item: StoryItem, features: StoryFeatures = StoryClusterer.features(item)): StoryAssignment {
    const parsed = toTime(item.publishedAt);
    const time = parsed ?? (Number.isFinite(this.watermark) ? this.watermark : 0);
    if (time > this.watermark) this.watermark = time;
    if (++this.sinceSweep >= 256 || this.stories.size > this.maxStories) this.sweep();

    const { member, keys } = features;
    const story = this.bestStory(member, keys, time);
    const outlet = item.outlet ?? null;
    if (story) {
      story.size++;
      if (outlet) story.outlets.add(outlet);
      if (time < story.firstSeen) {
        story.firstSeen = time;
        story.firstOutlet = outlet;
      }
      story.lastSeen = Math.max(story.lastSeen, time);
      if (story.members.length >= MEMBERS_KEPT) story.members.splice(1, 1);
      story.members.push(member);
      for (const key of keys.all) this.addKey(story, key);
      return describe(story, parsed !== null || Number.isFinite(story.firstSeen));
    }
    // Two inputs may share an id; the later one then starts its own story under a suffixed id.
    let id = item.id;
    for (let n = 2; this.stories.has(id); n++) id = `${item.id}#${n}`;
    const created: Story = {
      id,
      firstOutlet: outlet,
      firstSeen: time,
      lastSeen: time,
      size: 1,
      outlets: new Set(outlet ? [outlet] : []),
      members: [member],
      keys: [],
      visited: 0,
    };
    this.stories.set(id, created);
    for (const key of keys.all) this.addKey(created, key);
    return describe(created, parsed !== null);
  }

  private bestStory(member: StoryMember, keys: StoryKeys, time: number): Story | undefined {
    const stamp = ++this.visit;
    let best: Story | undefined;
    let bestScore = 0;
    this.shingleProbe.load(member.shingles);
    this.titleProbe.load(member.title);
    for (let k = 0; k < keys.all.length; k++) {
      const posting = this.index.get(keys.all[k]);
      if (posting === undefined) continue;
      const many = Array.isArray(posting);
      if (many && posting.length > MAX_POSTINGS && k >= keys.titleFrom && k < keys.titleTo) continue;
      const count = many ? posting.length : 1;
      for (let p = 0; p < count; p++) {
        const story = many ? posting[p] : posting;
        if (story.visited === stamp) continue;
        story.visited = stamp;
        if (Math.abs(time - story.firstSeen) > this.windowMs) continue;
        const score = this.similarity(member, story);
        // Ties go to the older story so the result does not depend on the order candidates are met.
        if (score > bestScore || (score === bestScore && best && story.firstSeen < best.firstSeen)) {
          bestScore = score;
          best = story;
        }
      }
    }
    return bestScore > 0 ? best : undefined;
  }

  /**
   * 0 when not the same story, otherwise a score in (0, 2] for choosing among candidates. `member` must be the one
   * bestStory() loaded into the probes.
   */
  private similarity(member: StoryMember, story: Story): number {
    let best = 0;
    for (const other of story.members) {
      const entity = relation(member.entities, other.entities);
      if (entity === 'different') continue;
      const sameTopic = member.topic !== null && member.topic === other.topic;
      const shared = this.shingleProbe.count(other.shingles);
      const union = member.shingles.length + other.shingles.length - shared;
      const text = union === 0 ? 0 : shared / union;
      const sharedTitle = this.titleProbe.count(other.title);
      const title = sharedTitle === 0 ? 0 : (2 * sharedTitle) / (member.title.length + other.title.length);
      if (entity === 'shared' && sameTopic) {
        best = Math.max(best, text + title + SAME_TOPIC_SCORE);
        continue;
      }
      const conflict = member.topic !== null && other.topic !== null && !sameTopic;
      const factor = conflict ? TOPIC_CONFLICT : entity === 'shared' ? ENTITY_RELAX : 1;
      const byText = shared >= MIN_SHARED_SHINGLES && text >= this.textThreshold * factor;
      const byTitle = sharedTitle >= MIN_SHARED_TITLE && title >= this.titleThreshold * factor;
      // Two half-way signals agreeing is good enough only when nothing speaks against the match.
      const byBoth =
        !conflict &&
        shared >= MIN_SHARED_SHINGLES &&
        sharedTitle >= MIN_SHARED_TITLE &&
        text >= this.textThreshold * 0.5 * factor &&
        title >= this.titleThreshold * 0.7 * factor;
      if (byText || byTitle || byBoth) best = Math.max(best, text + title);
    }
    return best;
  }

  private addKey(story: Story, key: number): void {
    const posting = this.index.get(key);
    if (posting === undefined) {
      this.index.set(key, story);
    } else if (!Array.isArray(posting)) {
      if (posting === story) return;
      this.index.set(key, [posting, story]);
    } else {
      if (posting.includes(story)) return;
      posting.push(story);
    }
    story.keys.push(key);
  }

  private sweep(): void {
    this.sinceSweep = 0;
    const horizon = this.watermark - this.windowMs;
    for (const story of this.stories.values()) if (story.firstSeen < horizon) this.evict(story);
    if (this.stories.size > this.maxStories) {
      const byAge = [...this.stories.values()].sort((a, b) => a.firstSeen - b.firstSeen);
      for (let i = 0; i < byAge.length - this.maxStories; i++) this.evict(byAge[i]);
    }
  }

  private evict(story: Story): void {
    this.stories.delete(story.id);
    for (const key of story.keys) {
      const posting = this.index.get(key);
      if (posting === undefined) continue;
      if (!Array.isArray(posting)) {
        if (posting === story) this.index.delete(key);
        continue;
      }
      const at = posting.indexOf(story);
      if (at < 0) continue;
      posting.splice(at, 1);
      if (posting.length === 1) this.index.set(key, posting[0]);
    }
  }
}

/** Entity name → its folded syllables; names repeat across items. */
const nameSyllables = new Map<string, readonly string[]>();

function maskedNames(names: readonly string[] | undefined): Set<string> | null {
  if (!names || names.length === 0) return null;
  const out = new Set<string>();
  for (const name of names) {
    let syllables = nameSyllables.get(name);
    if (!syllables) {
      syllables = toSyllables(name).folded;
      if (nameSyllables.size >= NAME_CACHE_LIMIT) nameSyllables.clear();
      nameSyllables.set(name, syllables);
    }
    for (const s of syllables) out.add(s);
  }
  return out;
}

function keysOf(member: StoryMember, title: readonly string[]): StoryKeys {
  const all: number[] = [];
  if (member.shingles.length > 0) {
    for (let b = 0; b < BANDS; b++) {
      let key = Math.imul(b + 1, 0x9e3779b1);
      for (let r = 0; r < ROWS_PER_BAND; r++)
        key = Math.imul(key ^ member.signature[b * ROWS_PER_BAND + r], 0x01000193);
      all.push(key | 0);
    }
  }
  for (const entity of member.entities) all.push(fnv1a('e:' + entity) | 0);
  const titleFrom = all.length;
  for (let i = 0; i + 1 < title.length; i++) {
    if (!isShingle(title[i], title[i + 1])) continue;
    all.push(taggedPairHash('t:', title[i], title[i + 1]) | 0);
  }
  return { all, titleFrom, titleTo: all.length };
}

function describe(story: Story, timed: boolean): StoryAssignment {
  return {
    storyId: story.id,
    firstOutlet: story.firstOutlet,
    firstSeenAt: timed && Number.isFinite(story.firstSeen) ? new Date(story.firstSeen).toISOString() : null,
    size: story.size,
    outlets: story.outlets.size,
  };
}

function toTime(value: StoryItem['publishedAt']): number | null {
  if (value === null || value === undefined || value === '') return null;
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

function relation(a: readonly string[], b: readonly string[]): 'shared' | 'different' | 'unknown' {
  if (a.length === 0 || b.length === 0) return 'unknown';
  for (const e of a) if (b.includes(e)) return 'shared';
  return 'different';
}
