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
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The message for `key` in `language` with `{name}` placeholders filled from params. */
export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  return DICTIONARIES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
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
