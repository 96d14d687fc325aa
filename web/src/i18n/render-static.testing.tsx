/**
 * For specs: a static render in a chosen language, outside the browser. The language is read from localStorage,
 * so a stub holds it for the render and is removed after.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from './i18n';

export function renderInLanguage(language: 'vi' | 'en', node: ReactNode): string {
  const store = new Map<string, string>([['mw.language', language]]);
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
  try {
    return renderToStaticMarkup(<I18nProvider>{node}</I18nProvider>);
  } finally {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  }
}
