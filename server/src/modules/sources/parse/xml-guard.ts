/**
 * A linear, non-recursive pass over feed XML before any XML library sees it. It refuses a DOCTYPE that declares
 * entities (billion laughs, quadratic blow-up, XXE to file:///etc/passwd) and any document nested deeper than
 * `maxDepth`, and it repairs the quirks real Vietnamese feeds ship with: a bare `&` in text or in an attribute (the
 * 2025 VnExpress `enclosure url="...?w=1200&h=0"`), HTML named entities that XML does not know (`&ocirc;`, `&nbsp;`),
 * unquoted attribute values, stray `<` in text and control characters XML forbids. CDATA, comments and processing
 * instructions are copied untouched. It does not check well-formedness beyond that; the XML parser does.
 */
import { decodeNamedEntity } from './html-text';
import { ParseError } from './parse-error';

export interface XmlGuardOptions {
  maxDepth?: number;
}

export const DEFAULT_MAX_XML_DEPTH = 200;

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const ENTITY_AT = /&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/y;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Returns the repaired text for the `&` at `at`, and how many characters of input it consumed. */
function repairAmpersand(xml: string, at: number): [string, number] {
  ENTITY_AT.lastIndex = at;
  const match = ENTITY_AT.exec(xml);
  if (!match) return ['&amp;', 1];
  const [whole, decimal, hex, name] = match;
  if (decimal !== undefined || hex !== undefined) {
    const cp = decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex, 16);
    return [isXmlChar(cp) ? whole : '', whole.length];
  }
  if (XML_ENTITIES.has(name)) return [whole, whole.length];
  const decoded = decodeNamedEntity(name);
  if (decoded === null) return [`&amp;${name};`, whole.length];
  let refs = '';
  for (const ch of decoded) refs += `&#${ch.codePointAt(0)};`;
  return [refs, whole.length];
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code >= 0x80;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function escapeAttributeValue(xml: string, start: number, end: number, quote: string): string {
  let out = '';
  let i = start;
  let from = start;
  while (i < end) {
    const c = xml.charCodeAt(i);
    if (c === 38) {
      const [repaired, used] = repairAmpersand(xml, i);
      out += xml.slice(from, i) + repaired;
      i += used;
      from = i;
    } else if (c === 60) {
      out += `${xml.slice(from, i)}&lt;`;
      i++;
      from = i;
    } else if (c === 34 && quote === "'") {
      out += `${xml.slice(from, i)}&quot;`;
      i++;
      from = i;
    } else i++;
  }
  return out + xml.slice(from, end);
}

function malformed(reason: string): ParseError {
  return new ParseError('XML_MALFORMED', `malformed XML: ${reason}`);
}

function findOrThrow(xml: string, needle: string, from: number, what: string): number {
  const at = xml.indexOf(needle, from);
  if (at < 0) throw malformed(`unterminated ${what}`);
  return at;
}

/** Reads a start tag beginning at `start` ('<'); returns the (possibly rewritten) tag and the index after it. */
function readStartTag(xml: string, start: number): { tag: string; end: number; selfClosing: boolean } {
  const n = xml.length;
  let i = start + 1;
  while (i < n && !isSpace(xml.charCodeAt(i)) && xml[i] !== '>' && xml[i] !== '/') i++;
  let tag = xml.slice(start, i);
  for (;;) {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    if (i >= n) throw malformed(`unterminated tag ${tag.slice(0, 40)}`);
    if (xml[i] === '>') return { tag: `${tag}>`, end: i + 1, selfClosing: false };
    if (xml[i] === '/' && xml[i + 1] === '>') return { tag: `${tag}/>`, end: i + 2, selfClosing: true };
    if (xml[i] === '/') {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < n && !isSpace(xml.charCodeAt(i)) && xml[i] !== '=' && xml[i] !== '>' && xml[i] !== '/') i++;
    const name = xml.slice(nameStart, i);
    if (!name) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (xml[j] !== '=') {
      // An HTML-style boolean attribute: XML needs a value.
      tag += ` ${name}="${name}"`;
      continue;
    }
    j++;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    const quote = xml[j];
    if (quote === '"' || quote === "'") {
      const close = findOrThrow(xml, quote, j + 1, `attribute ${name}`);
      tag += ` ${name}="${escapeAttributeValue(xml, j + 1, close, quote)}"`;
      i = close + 1;
    } else {
      let k = j;
      while (k < n && !isSpace(xml.charCodeAt(k)) && xml[k] !== '>' && !(xml[k] === '/' && xml[k + 1] === '>')) k++;
      tag += ` ${name}="${escapeAttributeValue(xml, j, k, "'")}"`;
      i = k;
    }
  }
}

/** Skips a DOCTYPE starting at `start`; refuses it when it declares entities. Returns the index after it. */
function skipDoctype(xml: string, start: number): number {
  const n = xml.length;
  let i = start + 9;
  let quote = '';
  let inSubset = false;
  for (; i < n; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') inSubset = true;
    else if (ch === ']') inSubset = false;
    else if (ch === '>' && !inSubset) break;
  }
  if (i >= n) throw malformed('unterminated DOCTYPE');
  const doctype = xml.slice(start, i + 1);
  if (/<!ENTITY/i.test(doctype)) {
    const external = /<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b/i.test(doctype);
    throw new ParseError(
      'XML_ENTITY_DECLARATION',
      external
        ? 'refused: the document declares an external XML entity (XXE)'
        : 'refused: the document declares XML entities in its DOCTYPE (entity-expansion risk)',
    );
  }
  return i + 1;
}

/** Returns XML safe to hand to the feed parser, or throws a ParseError naming the refusal. */
export function guardXml(xml: string, options: XmlGuardOptions = {}): string {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  const n = xml.length;
  let i = 0;
  while (i < n && (xml.charCodeAt(i) === 0xfeff || isSpace(xml.charCodeAt(i)))) i++;
  if (i >= n) throw new ParseError('EMPTY_DOCUMENT', 'the document is empty');
  const out: string[] = [];
  let from = i;
  let depth = 0;
  const flush = (upTo: number): void => {
    if (upTo > from) out.push(xml.slice(from, upTo));
  };

  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c === 60) {
      const next = xml.charCodeAt(i + 1);
      if (next === 33) {
        if (xml.startsWith('<!--', i)) {
          i = findOrThrow(xml, '-->', i + 4, 'comment') + 3;
        } else if (xml.startsWith('<![CDATA[', i)) {
          i = findOrThrow(xml, ']]>', i + 9, 'CDATA section') + 3;
        } else if (xml.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
          flush(i);
          i = skipDoctype(xml, i);
          from = i;
        } else {
          throw malformed(`unexpected markup declaration "${xml.slice(i, i + 20)}"`);
        }
      } else if (next === 63) {
        i = findOrThrow(xml, '?>', i + 2, 'processing instruction') + 2;
      } else if (next === 47) {
        // A stray end tag must not lower the count below zero, or it would buy that much extra nesting later.
        if (depth > 0) depth--;
        i = findOrThrow(xml, '>', i + 2, 'end tag') + 1;
      } else if (isNameStart(next)) {
        const { tag, end, selfClosing } = readStartTag(xml, i);
        if (!selfClosing) {
          depth++;
          if (depth > maxDepth) {
            throw new ParseError('XML_TOO_DEEP', `refused: elements are nested deeper than ${maxDepth} levels`);
          }
        }
        if (tag.length !== end - i || tag !== xml.slice(i, end)) {
          flush(i);
          out.push(tag);
          from = end;
        }
        i = end;
      } else {
        flush(i);
        out.push('&lt;');
        i++;
        from = i;
      }
    } else if (c === 38) {
      const [repaired, used] = repairAmpersand(xml, i);
      if (repaired.length !== used || repaired !== xml.slice(i, i + used)) {
        flush(i);
        out.push(repaired);
        i += used;
        from = i;
      } else i += used;
    } else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13) {
      flush(i);
      i++;
      from = i;
    } else {
      i++;
    }
  }
  flush(n);
  return out.join('');
}
