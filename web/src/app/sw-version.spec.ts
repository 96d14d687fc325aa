/// <reference types="jest" />
/// <reference types="node" />
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildId, SW_BUILD_PLACEHOLDER, versionServiceWorker } from './sw-version';

const source = fs.readFileSync(path.join(__dirname, '..', '..', 'public', 'sw.js'), 'utf8');
const cacheName = (worker: string) => /const SHELL_CACHE = '([^']+)'/.exec(worker)?.[1];

describe('service worker cache version', () => {
  it("names the shell cache after the build, so a new build's worker drops the old cache", () => {
    expect(cacheName(source)).toBe(`mw-shell-${SW_BUILD_PLACEHOLDER}`);
    const monday = versionServiceWorker(source, buildId(['index.html', 'assets/index-3fa1c2.js', 'assets/x-9a.css']));
    const tuesday = versionServiceWorker(source, buildId(['index.html', 'assets/index-77b0e1.js', 'assets/x-9a.css']));
    expect(cacheName(monday)).toMatch(/^mw-shell-[0-9a-f]{16}$/);
    expect(cacheName(tuesday)).not.toBe(cacheName(monday));
    expect(monday).not.toContain(SW_BUILD_PLACEHOLDER);
    // activate deletes every cache but the current one.
    expect(source).toMatch(/keys\.filter\(\(k\) => k !== SHELL_CACHE\)\.map\(\(k\) => caches\.delete\(k\)\)/);
  });

  it('gives the same build the same id whatever the order of its files', () => {
    expect(buildId(['b.js', 'a.js'])).toBe(buildId(['a.js', 'b.js']));
  });

  it('refuses a worker that does not carry the placeholder', () => {
    expect(() => versionServiceWorker("const SHELL_CACHE = 'mw-shell-v1';", 'abc')).toThrow(SW_BUILD_PLACEHOLDER);
  });
});
