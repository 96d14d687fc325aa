import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Language } from '@mw/shared';
import { en } from './en';
import { type MessageKey, vi } from './vi';

export type { MessageKey };

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'mw.language';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh. */
  formatDateTime(value: Date | string): string;
  /** "5 phút trước", "sau 2 giờ": the distance from `now`, in the reader's language. */
  formatRelative(value: Date | string, now: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' || stored === 'vi' ? stored : 'vi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      formatDateTime: (input) => formatDateTime(typeof input === 'string' ? new Date(input) : input),
      formatRelative: (input, now) =>
        formatRelative(language, typeof input === 'string' ? new Date(input) : input, now),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };
const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralCategory(language: Language, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALES[language]);
    pluralRules.set(language, rules);
  }
  return rules.select(n);
}

/**
 * Expands `{name, plural, one {# mention} other {# mentions}}` blocks: the branch `Intl.PluralRules` picks for the
 * number (an exact `=0` branch first), `#` standing for it. Vietnamese needs only `other`; English `one` and `other`.
 */
export function expandPlurals(language: Language, text: string, params?: Record<string, string | number>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('{', i);
    const head = start < 0 ? null : /^\{(\w+), plural,\s*/.exec(text.slice(start));
    if (start < 0 || !head) {
      out += text.slice(i, start < 0 ? text.length : start + 1);
      i = start < 0 ? text.length : start + 1;
      continue;
    }
    out += text.slice(i, start);
    // Counts may arrive already formatted ("1,000"): their digits make the number, their text stands for `#`.
    const raw = params?.[head[1] as string];
    const value = typeof raw === 'number' ? raw : raw === undefined ? NaN : Number(String(raw).replace(/[^\d-]/g, ''));
    const shown =
      typeof raw === 'string'
        ? raw
        : Number.isFinite(value)
          ? new Intl.NumberFormat(LOCALES[language]).format(value)
          : '';
    const branches = new Map<string, string>();
    let j = start + head[0].length;
    while (j < text.length && text[j] !== '}') {
      const selector = /^\s*(=?\w+)\s*\{/.exec(text.slice(j));
      if (!selector) break;
      let depth = 1;
      let k = j + selector[0].length;
      const bodyStart = k;
      while (k < text.length && depth > 0) {
        if (text[k] === '{') depth++;
        else if (text[k] === '}') depth--;
        k++;
      }
      branches.set(selector[1] as string, text.slice(bodyStart, k - 1));
      j = k;
      while (text[j] === ' ') j++;
    }
    const chosen =
      branches.get(`=${value}`) ?? branches.get(pluralCategory(language, value)) ?? branches.get('other') ?? '';
    out += chosen.replace(/#/g, shown);
    i = j + 1;
  }
  return out;
}

/** The message for `key` in `language`: plural blocks chosen, then `{name}` placeholders filled from params. */
export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  return expandPlurals(language, DICTIONARIES[language][key], params).replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params?.[name] ?? `{${name}}`),
  );
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/**
 * The distance between `date` and `now` as "5 phút trước" / "5 minutes ago" ("vừa xong" / "just now" under a minute).
 */
export function formatRelative(language: Language, date: Date, now: number): string {
  const format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'auto' });
  let amount = (date.getTime() - now) / 60_000;
  if (Math.abs(amount) < 1) return format.format(0, 'second');
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return format.format(Math.trunc(amount), unit);
    amount /= size;
  }
  return format.format(Math.trunc(amount), 'year');
}

/** Whether a key built at run time (e.g. from a code the server sent) has a translation. */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function formatDateTime(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}
