import { MAX_CONCURRENT_HASHES, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  it(`runs at most ${MAX_CONCURRENT_HASHES} argon2 operations at once, so libuv keeps threads for feed polling`, async () => {
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('correct-horse-battery');
    const results = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => hasher.verify(hash, `wrong-${i}-password`)),
      hasher.verify(hash, 'correct-horse-battery'),
      hasher.verifyNothing('anything-at-all'),
      hasher.hash('another-password-here'),
    ]);
    expect(results.slice(0, 8)).toEqual([false, false, false, false, false, false, true, false]);
    expect(hasher.peakConcurrency).toBeGreaterThan(0);
    expect(hasher.peakConcurrency).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
  });
});
