/**
 * Reads the date formats Vietnamese feeds and pages use and renders instants in Vietnam time. Dates without any
 * zone are taken as Asia/Ho_Chi_Minh (UTC+7, no daylight saving), which is what every outlet here means.
 */
const VN_OFFSET_MS = 7 * 3600_000;

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

function fromParts(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMinutes: number,
): Date | undefined {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo, d, h, mi, Math.min(s, 59)) - offsetMinutes * 60_000;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function offsetFrom(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 7 * 60;
  const z = zone.trim().toUpperCase();
  if (z === 'Z' || z === 'GMT' || z === 'UT' || z === 'UTC') return 0;
  if (z === 'ICT' || z === 'ICT+7') return 7 * 60;
  const named: Record<string, number> = {
    EST: -300,
    EDT: -240,
    CST: -360,
    CDT: -300,
    MST: -420,
    MDT: -360,
    PST: -480,
    PDT: -420,
  };
  if (z in named) return named[z];
  // +0700, +07:00, +7, GMT+7, GMT+07:00, UTC+7
  const m = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

const RFC822 =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2})?$/i;
const VN_NUMERIC =
  /^(?:[^\d]*?)(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[\s,-]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?(?:\s*(\(?GMT[+-]\d{1,2}\)?))?/i;
const TIME_THEN_DATE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:,|-)?\s*(?:[^\d]*?)(\d{1,2})\/(\d{1,2})\/(\d{4})/;

/** Parses RFC 822/1123 (numeric, named or Tuổi Trẻ's "GMT+7" zones), ISO-8601 and dd/mm/yyyy [hh:mm]. */
export function parseFeedDate(raw: string | undefined | null): Date | undefined {
  if (!raw) return undefined;
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text || text.length > 120) return undefined;

  const iso = ISO.exec(text);
  if (iso) {
    const offset = offsetFrom(iso[7]);
    if (offset === undefined) return undefined;
    return fromParts(+iso[1], +iso[2] - 1, +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0), offset);
  }
  const rfc = RFC822.exec(text);
  if (rfc) {
    const month = MONTHS[rfc[2].toLowerCase()];
    let year = Number(rfc[3]);
    if (rfc[3].length === 2) year += year < 70 ? 2000 : 1900;
    const offset = offsetFrom(rfc[7].replace(/[()]/g, ''));
    if (month === undefined || offset === undefined) return undefined;
    return fromParts(year, month, +rfc[1], +(rfc[4] ?? 0), +(rfc[5] ?? 0), +(rfc[6] ?? 0), offset);
  }
  const timeFirst = TIME_THEN_DATE.exec(text);
  if (timeFirst) {
    return fromParts(
      +timeFirst[6],
      +timeFirst[5] - 1,
      +timeFirst[4],
      +timeFirst[1],
      +timeFirst[2],
      +(timeFirst[3] ?? 0),
      7 * 60,
    );
  }
  const vn = VN_NUMERIC.exec(text);
  if (vn) {
    const offset = vn[7] ? offsetFrom(vn[7].replace(/[()]/g, '')) : 7 * 60;
    if (offset === undefined) return undefined;
    return fromParts(+vn[3], +vn[2] - 1, +vn[1], +(vn[4] ?? 0), +(vn[5] ?? 0), +(vn[6] ?? 0), offset);
  }
  return undefined;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** ISO-8601 in Vietnam time with an explicit offset, e.g. 2025-02-06T20:30:48+07:00. */
export function toVietnamIso(date: Date): string {
  const shifted = new Date(date.getTime() + VN_OFFSET_MS);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}+07:00`
  );
}

/** parseFeedDate then toVietnamIso, or undefined. */
export function normaliseFeedDate(raw: string | undefined | null): string | undefined {
  const date = parseFeedDate(raw);
  return date ? toVietnamIso(date) : undefined;
}
