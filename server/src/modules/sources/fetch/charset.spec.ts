import * as iconv from 'iconv-lite';

import { decodeBody, detectCharset } from './charset';
import { loadFixtureFeedServer } from './fixture-feed-server.testing';

const fixtures = loadFixtureFeedServer();

describe('detectCharset / decodeBody', () => {
  it('prefers the Content-Type header', () => {
    const body = iconv.encode('<p>Gò Vấp</p>', 'windows-1258');
    expect(detectCharset(body, 'text/html; charset=windows-1258')).toEqual({
      charset: 'windows-1258',
      source: 'header',
    });
  });

  it('reads the XML prolog when the header has no charset', () => {
    const body = fixtures.fixtureBody('legacy-windows-1258.rss');
    expect(detectCharset(body, 'application/xml')).toEqual({ charset: 'windows-1258', source: 'xml-prolog' });
  });

  it('reads <meta charset> and <meta http-equiv> in HTML', () => {
    const meta = Buffer.from('<html><head><meta charset="windows-1258"></head></html>', 'latin1');
    expect(detectCharset(meta).charset).toBe('windows-1258');
    const equiv = Buffer.from(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head></html>',
      'latin1',
    );
    expect(detectCharset(equiv)).toEqual({ charset: 'windows-1252', source: 'html-meta' });
  });

  it('sniffs UTF-8 and falls back to windows-1252', () => {
    expect(detectCharset(Buffer.from('Trường học', 'utf8'))).toEqual({ charset: 'utf-8', source: 'sniff' });
    expect(detectCharset(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({
      charset: 'windows-1252',
      source: 'fallback',
    });
    expect(decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x78]))).toBe('café – x');
  });

  it('honours a byte-order mark, including UTF-16', () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<?xml version="1.0"?><a>Hạnh Thông</a>', 'utf16le'),
    ]);
    expect(decodeBody(le, 'text/xml; charset=iso-8859-1')).toBe('<?xml version="1.0"?><a>Hạnh Thông</a>');
    const noBom = Buffer.from('<?xml version="1.0" encoding="utf-16"?><a>Gò Vấp</a>', 'utf16le');
    expect(decodeBody(noBom)).toContain('<a>Gò Vấp</a>');
  });

  it('turns windows-1258 combining tone marks into precomposed NFC letters', () => {
    const text = decodeBody(
      fixtures.fixtureBody('legacy-windows-1258.rss'),
      'application/rss+xml; charset=windows-1258',
    );
    expect(text).toContain('Thông báo họp phụ huynh đầu năm học 2025-2026');
    expect(text).toBe(text.normalize('NFC'));
    // The raw bytes really are decomposed: "ọ" is o + combining dot below (0xF2).
    expect(fixtures.fixtureBody('legacy-windows-1258.rss').includes(Buffer.from([0x6f, 0xf2]))).toBe(true);
  });

  it('normalises an NFD UTF-8 body to NFC', () => {
    const body = fixtures.fixtureBody('nfd.rss');
    expect(body.toString('utf8')).not.toBe(body.toString('utf8').normalize('NFC'));
    expect(decodeBody(body, fixtures.fixtureContentType('nfd.rss'))).toContain('Bé tập làm bánh trung thu');
  });

  it('keeps windows-1252 punctuation in a document that spells Vietnamese with entities', () => {
    const text = decodeBody(fixtures.fixtureBody('windows-1252-entities.rss'), 'text/xml; charset=windows-1252');
    expect(text).toContain('a dash – from windows-1252');
    expect(text).toContain('&#7889;');
  });

  it('ignores a stale Western header on a valid UTF-8 body', () => {
    const body = fixtures.fixtureBody('tuoitre.rss');
    expect(detectCharset(body, 'application/rss+xml; charset=iso-8859-1').charset).toBe('utf-8');
    expect(decodeBody(body, 'application/rss+xml; charset=iso-8859-1')).toContain('Trường THCS Phan Tây Hồ');
  });

  it('falls through an unknown label to the next clue', () => {
    expect(detectCharset(Buffer.from('Gò Vấp'), 'text/plain; charset=x-made-up').charset).toBe('utf-8');
  });
});
