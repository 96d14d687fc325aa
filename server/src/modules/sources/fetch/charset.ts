/**
 * Turns fetched bytes into NFC text. The charset comes from, in order: a byte-order mark, the Content-Type header,
 * the XML prolog, an HTML <meta>, then a UTF-8 validity sniff, else windows-1252. One deliberate exception: a
 * header naming a single-byte Western charset (iso-8859-1, windows-1252, ascii) loses to valid multi-byte UTF-8
 * bytes, because Vietnamese servers often send a stale default header on a UTF-8 body and the UTF-8 reading is
 * then the only one that makes sense. Windows-1258 writes tones as combining marks, hence the NFC at the end.
 */
import * as iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'xml-prolog' | 'html-meta' | 'sniff' | 'fallback';

export interface DetectedCharset {
  charset: string;
  source: CharsetSource;
}

const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'windows-1258': 'windows-1258',
  cp1258: 'windows-1258',
  'x-cp1258': 'windows-1258',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  // WHATWG treats these labels as windows-1252, and real pages rely on its extra punctuation.
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

const WESTERN_SINGLE_BYTE = new Set(['windows-1252']);

/** Maps a charset label to the name we decode with, or undefined when iconv-lite cannot decode it. */
export function normaliseCharsetLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const key = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!key) return undefined;
  const alias = ALIASES[key];
  if (alias) return alias;
  return iconv.encodingExists(key) ? key : undefined;
}

function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return match ? match[2] : undefined;
}

function fromBom(body: Buffer): string | undefined {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  // A UTF-16 XML document without a BOM still starts with '<?' in two-byte units.
  if (body.length >= 4 && body[0] === 0x3c && body[1] === 0 && body[2] === 0x3f && body[3] === 0) return 'utf-16le';
  if (body.length >= 4 && body[0] === 0 && body[1] === 0x3c && body[2] === 0 && body[3] === 0x3f) return 'utf-16be';
  return undefined;
}

function fromXmlProlog(head: string): string | undefined {
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return match ? match[1] : undefined;
}

function fromHtmlMeta(head: string): string | undefined {
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head);
  return direct ? direct[1] : undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(body: Buffer): boolean {
  try {
    strictUtf8.decode(body);
    return true;
  } catch {
    return false;
  }
}

function hasMultiByteSequence(body: Buffer): boolean {
  for (let i = 0; i < body.length; i++) if (body[i] >= 0x80) return true;
  return false;
}

export function detectCharset(body: Buffer, contentType?: string): DetectedCharset {
  const bom = fromBom(body);
  if (bom) return { charset: bom, source: 'bom' };
  // Declarations are ASCII, so a latin1 view of the first bytes is enough to read them.
  const head = body.subarray(0, 4096).toString('latin1');
  const declared = normaliseCharsetLabel(fromXmlProlog(head)) ?? normaliseCharsetLabel(fromHtmlMeta(head));
  const header = normaliseCharsetLabel(charsetFromContentType(contentType));
  if (header) {
    const stale =
      WESTERN_SINGLE_BYTE.has(header) &&
      (declared === undefined || declared === 'utf-8') &&
      hasMultiByteSequence(body) &&
      isValidUtf8(body);
    if (!stale) return { charset: header, source: 'header' };
  }
  const prolog = normaliseCharsetLabel(fromXmlProlog(head));
  if (prolog) return { charset: prolog, source: 'xml-prolog' };
  const meta = normaliseCharsetLabel(fromHtmlMeta(head));
  if (meta) return { charset: meta, source: 'html-meta' };
  if (isValidUtf8(body)) return { charset: 'utf-8', source: 'sniff' };
  return { charset: 'windows-1252', source: 'fallback' };
}

/** Decodes a fetched body to an NFC string without a BOM. */
export function decodeBody(body: Buffer, contentType?: string): string {
  const { charset } = detectCharset(body, contentType);
  const text = charset === 'utf-8' ? body.toString('utf8') : iconv.decode(body, charset);
  return text.replace(/^\uFEFF/, '').normalize('NFC');
}
