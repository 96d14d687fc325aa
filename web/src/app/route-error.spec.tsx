/// <reference types="jest" />
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '../i18n/i18n';
import { CHUNK_RELOAD_GUARD_MS, CHUNK_RELOAD_KEY, isChunkLoadError, reloadOnceForChunkError } from './chunk-reload';
import { RouteErrorView } from './RouteError';

const staleChunk = new TypeError(
  'Failed to fetch dynamically imported module: https://media.govap.edu.vn/assets/SourcesPage-3fa1c2.js',
);

function fakeSessionStorage() {
  const store = new Map<string, string>();
  return {
    store,
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
}

describe('isChunkLoadError', () => {
  it('recognises a failed dynamic import as Chromium, Firefox, Safari and Vite word it', () => {
    expect(isChunkLoadError(staleChunk)).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: /assets/x.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/SourcesPage-3fa1c2.css'))).toBe(true);
  });

  it('does not take other failures for one', () => {
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'name')"))).toBe(false);
    expect(isChunkLoadError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isChunkLoadError({ status: 404 })).toBe(false);
  });
});

describe('reloadOnceForChunkError', () => {
  it('reloads once for a stale chunk, not again right after (no loop), and again much later', () => {
    const storage = fakeSessionStorage();
    const reload = jest.fn();
    let now = 1_000_000;
    const deps = { storage, reload, now: () => now };
    expect(reloadOnceForChunkError(staleChunk, deps)).toBe(true);
    expect(storage.store.get(CHUNK_RELOAD_KEY)).toBe('1000000');
    // The reloaded page fails the same way (server down, broken deploy): the message stays.
    now += 5_000;
    expect(reloadOnceForChunkError(staleChunk, deps)).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);
    // The next redeploy, hours later, in the same tab.
    now += CHUNK_RELOAD_GUARD_MS * 60;
    expect(reloadOnceForChunkError(staleChunk, deps)).toBe(true);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('does not reload for other errors, nor without sessionStorage to guard it', () => {
    const reload = jest.fn();
    const storage = fakeSessionStorage();
    expect(reloadOnceForChunkError(new Error('render failed'), { storage, reload, now: () => 1 })).toBe(false);
    const blocked = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => undefined,
    };
    expect(reloadOnceForChunkError(staleChunk, { storage: blocked, reload, now: () => 1 })).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});

describe('RouteErrorView', () => {
  const render = (error: unknown) =>
    renderToStaticMarkup(
      <I18nProvider>
        <RouteErrorView error={error} onReload={() => undefined} />
      </I18nProvider>,
    );

  it('says in Vietnamese that the app was updated, with a reload button, for a stale chunk', () => {
    const html = render(staleChunk);
    expect(html).toContain('Ứng dụng vừa được cập nhật.');
    expect(html).toContain('<button type="button">Tải lại trang</button>');
    expect(html).not.toContain('Unexpected Application Error');
  });

  it('says the page could not be shown for any other failure', () => {
    const html = render(new TypeError('x is undefined'));
    expect(html).toContain('Không hiển thị được trang này.');
    expect(html).toContain('Tải lại trang');
  });
});
