/**
 * Reader for the hand-labelled set (test/fixtures/analysis/labelled.jsonl), used to train the committed model
 * and by the evaluation. Malformed lines are errors here: the file is ours and must be clean.
 */
import { readFileSync } from 'node:fs';
import type { Category, SentimentLabel, Severity } from '@mw/shared';

export interface LabelledItem {
  readonly id: string;
  readonly split: 'train' | 'test';
  readonly title: string;
  readonly summary: string;
  readonly content?: string;
  readonly publishedAt: string;
  readonly outlet: string;
  readonly units: string[];
  readonly sentiment: SentimentLabel;
  readonly category: Category;
  readonly incident: boolean;
  readonly severity: Severity | null;
  readonly story: string | null;
  /** Whether the item is about education at all: known for real items (their label), absent on the written ones. */
  readonly education?: boolean;
}

export function readLabelledSet(path: string): LabelledItem[] {
  const out: LabelledItem[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const item = JSON.parse(line) as LabelledItem;
      if (typeof item.id !== 'string' || typeof item.title !== 'string' || !Array.isArray(item.units)) {
        throw new Error(`${path}:${i + 1}: not a labelled item`);
      }
      out.push(item);
    });
  return out;
}
