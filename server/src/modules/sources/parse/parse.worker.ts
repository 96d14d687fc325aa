/**
 * The worker-thread side of `ParserPool`: one task per call, answered as a plain object, since an Error crossing a
 * thread keeps its message but loses its class and code.
 */
import type { ArticleText } from '../extract/article-text';
import { extractArticleNow, parseDocumentNow, type DocumentTarget } from './document-parser';
import { isParseError, type ParseErrorCode } from './parse-error';
import type { ParsedItem } from './parsed-item';

export type ParseTask =
  | { task: 'document'; body: Uint8Array; contentType: string | undefined; target: DocumentTarget }
  | { task: 'article'; body: Uint8Array; contentType: string | undefined; url: string };

export type ParseAnswer =
  | { ok: true; items?: ParsedItem[]; article?: ArticleText }
  | { ok: false; code: ParseErrorCode | null; message: string };

export default async function run(task: ParseTask): Promise<ParseAnswer> {
  try {
    if (task.task === 'document') {
      return { ok: true, items: await parseDocumentNow(task.body, task.contentType, task.target) };
    }
    return { ok: true, article: extractArticleNow(task.body, task.contentType, task.url) };
  } catch (error) {
    if (isParseError(error)) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: null, message: error instanceof Error ? error.message : String(error) };
  }
}
