/**
 * Groups items that tell the same event into one story, streaming and with bounded memory.
 *
 * Each item becomes a MinHash signature over folded syllable bigrams of its title and text, plus the set of
 * its title's content syllables. Candidates come from two indexes (LSH bands of the signature, and title
 * bigrams), are checked against a few members of each candidate story, and the item joins the most similar
 * story when the estimated text Jaccard or the title overlap clears its threshold. Stories whose latest item
 * is older than the window (measured from the newest publication time seen) are evicted together with their
 * index entries, and a hard cap on live stories bounds memory whatever the input.
 *
 * The story id is the id of the story's first assigned item, so for a given input order the output is fixed.
 */
import { toSyllables } from '../tone/syllables';

export interface StoryItem {
  readonly id: string;
  readonly title: string;
  /** Summary and/or body. */
  readonly text?: string;
  readonly publishedAt?: string | number | Date | null;
  readonly outlet?: string | null;
  /** Entities the item is about (matched unit codes): sharing one lowers the similarity needed to join. */
  readonly keys?: readonly string[];
  /**
   * What kind of event this is (an incident category). Two items about the same entity with the same topic in
   * the window are one story whatever their wording: follow-ups ("trường xin lỗi", "phường chỉ đạo làm rõ")
   * share few words with the first report.
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

export interface StoryClustererOptions {
  readonly windowHours?: number;
  readonly maxStories?: number;
  /** Estimated Jaccard of title+text bigram shingles above which two items are the same story. */
  readonly textThreshold?: number;
  /** Overlap of title content syllables above which two items are the same story. */
  readonly titleThreshold?: number;
}

const HASHES = 64;
const ROWS_PER_BAND = 3;
const BANDS = Math.floor(HASHES / ROWS_PER_BAND);
const MEMBERS_KEPT = 6;
/** A title bigram shared by more live stories than this says nothing about the event ("học sinh"). */
const MAX_POSTINGS = 40;
/** Two reports about the same school in the same days need less shared wording to be one story. */
const ENTITY_RELAX = 0.5;
/** Keeps a same-entity, same-topic match above zero when the wording shares nothing. */
const SAME_TOPIC_SCORE = 0.05;

const STOPWORDS = new Set(
  (
    'va cua la co cac nhung mot duoc cho trong khi voi da dang se bi tai tu den nay do o ra ve thi nhu con ' +
    'nguoi sau truoc ngay hon nhieu lai vao len tren duoi cung khong chua theo tp hcm thanh pho'
  ).split(' '),
);

// Seeds for the HASHES hash functions: odd multipliers and offsets from a fixed LCG, so runs agree.
const SEED_A = new Uint32Array(HASHES);
const SEED_B = new Uint32Array(HASHES);
{
  let x = 0x9e3779b9;
  for (let i = 0; i < HASHES; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    SEED_A[i] = x | 1;
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    SEED_B[i] = x;
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface Keys {
  readonly all: number[];
  /** Title-bigram keys are all[titleFrom, titleTo): only they are skipped when too common. */
  readonly titleFrom: number;
  readonly titleTo: number;
}

interface Member {
  readonly signature: Uint32Array;
  readonly title: Set<string>;
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
  readonly members: Member[];
  readonly keys: number[];
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
  /** Hashed band, title-bigram and entity keys to the live stories holding them; collisions only add candidates. */
  private readonly index = new Map<number, Set<Story>>();
  private watermark = Number.NEGATIVE_INFINITY;
  private sinceSweep = 0;

  constructor(options: StoryClustererOptions = {}) {
    this.windowMs = (options.windowHours ?? 72) * 3_600_000;
    this.maxStories = options.maxStories ?? 20_000;
    this.textThreshold = options.textThreshold ?? 0.3;
    this.titleThreshold = options.titleThreshold ?? 0.5;
  }

  stats(): StoryClustererStats {
    return { liveStories: this.stories.size, indexKeys: this.index.size };
  }

  assign(item: StoryItem): StoryAssignment {
    const parsed = toTime(item.publishedAt);
    const time = parsed ?? (Number.isFinite(this.watermark) ? this.watermark : 0);
    if (time > this.watermark) this.watermark = time;
    if (++this.sinceSweep >= 256 || this.stories.size > this.maxStories) this.sweep();

    const title = item.foldedTitle ?? toSyllables(item.title).folded;
    const body = item.foldedText ?? toSyllables(item.text ?? '').folded;
    const member: Member = {
      signature: minhash([...title, '|', ...body]),
      title: titleTerms(title),
      entities: item.keys ?? [],
      topic: item.topic ?? null,
    };
    const keys = this.keysOf(member, title);

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
    };
    this.stories.set(id, created);
    for (const key of keys.all) this.addKey(created, key);
    return describe(created, parsed !== null);
  }

  private bestStory(member: Member, keys: Keys, time: number): Story | undefined {
    const seen = new Set<Story>();
    let best: Story | undefined;
    let bestScore = 0;
    for (let k = 0; k < keys.all.length; k++) {
      const posting = this.index.get(keys.all[k]);
      if (!posting || (posting.size > MAX_POSTINGS && k >= keys.titleFrom && k < keys.titleTo)) continue;
      for (const story of posting) {
        if (seen.has(story)) continue;
        seen.add(story);
        if (Math.abs(time - story.firstSeen) > this.windowMs) continue;
        const score = this.similarity(member, story);
        // Ties go to the older story so the result does not depend on Set iteration details.
        if (score > bestScore || (score === bestScore && best && story.firstSeen < best.firstSeen)) {
          bestScore = score;
          best = story;
        }
      }
    }
    return bestScore > 0 ? best : undefined;
  }

  /** 0 when not the same story, otherwise a score in (0, 2] for choosing among candidates. */
  private similarity(member: Member, story: Story): number {
    let best = 0;
    for (const other of story.members) {
      const text = estimateJaccard(member.signature, other.signature);
      const title = overlap(member.title, other.title);
      const entity = sharesEntity(member, other);
      if (entity && member.topic !== null && member.topic === other.topic) {
        best = Math.max(best, text + title + SAME_TOPIC_SCORE);
        continue;
      }
      const relax = entity ? ENTITY_RELAX : 1;
      const same =
        text >= this.textThreshold * relax ||
        title >= this.titleThreshold * relax ||
        (text >= this.textThreshold * 0.5 * relax && title >= this.titleThreshold * 0.7 * relax);
      if (same) best = Math.max(best, text + title);
    }
    return best;
  }

  private keysOf(member: Member, title: readonly string[]): Keys {
    const all: number[] = [];
    for (let b = 0; b < BANDS; b++) {
      let key = Math.imul(b + 1, 0x9e3779b1);
      for (let r = 0; r < ROWS_PER_BAND; r++)
        key = Math.imul(key ^ member.signature[b * ROWS_PER_BAND + r], 0x01000193);
      all.push(key >>> 0);
    }
    for (const entity of member.entities) all.push(fnv1a('e:' + entity));
    const titleFrom = all.length;
    for (let i = 0; i + 1 < title.length; i++) {
      if (STOPWORDS.has(title[i]) && STOPWORDS.has(title[i + 1])) continue;
      all.push(fnv1a('t:' + title[i] + ' ' + title[i + 1]));
    }
    return { all, titleFrom, titleTo: all.length };
  }

  private addKey(story: Story, key: number): void {
    let posting = this.index.get(key);
    if (!posting) {
      posting = new Set();
      this.index.set(key, posting);
    }
    if (!posting.has(story)) {
      posting.add(story);
      story.keys.push(key);
    }
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
      if (!posting) continue;
      posting.delete(story);
      if (posting.size === 0) this.index.delete(key);
    }
  }
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

function sharesEntity(a: Member, b: Member): boolean {
  for (const e of a.entities) if (b.entities.includes(e)) return true;
  return false;
}

function titleTerms(title: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of title) if (!STOPWORDS.has(s)) out.add(s);
  return out;
}

function minhash(syllables: readonly string[]): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i + 1 < syllables.length; i++) {
    if (syllables[i] === '|' || syllables[i + 1] === '|') continue;
    if (STOPWORDS.has(syllables[i]) && STOPWORDS.has(syllables[i + 1])) continue;
    const x = fnv1a(syllables[i] + ' ' + syllables[i + 1]);
    for (let k = 0; k < HASHES; k++) {
      const h = (Math.imul(x, SEED_A[k]) + SEED_B[k]) >>> 0;
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a[0] === 0xffffffff || b[0] === 0xffffffff) return 0;
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/** Dice coefficient of title content syllables. */
function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size < 3 || b.size < 3) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) shared++;
  return (2 * shared) / (a.size + b.size);
}
