import { WakeLoop } from './wake-loop';

/** A pass that waits until released, so a test can wake the loop while a pass runs. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('WakeLoop', () => {
  it('runs one pass when woken once, and passes on while a pass reports more', async () => {
    const seen: number[] = [];
    const loop = new WakeLoop<number[]>({ result: () => [], pass: async (r, round) => (r.push(round), round < 2) });
    expect(await loop.wake()).toEqual([0, 1, 2]);
    seen.push(...(await loop.wake()));
    expect(seen).toEqual([0, 1, 2]);
  });

  it('joins a running run instead of starting another, and runs once more for a wake-up during a pass', async () => {
    let passes = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const first = gate();
    const loop = new WakeLoop({
      pass: async () => {
        passes++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        if (passes === 1) await first.opened;
        concurrent--;
        return false;
      },
    });
    const a = loop.wake();
    const b = loop.wake();
    const c = loop.wake();
    expect(b).toBe(a);
    expect(c).toBe(a);
    first.open();
    await a;
    // Three wake-ups during the first pass make one more pass, not three; never two passes at once.
    expect(passes).toBe(2);
    expect(maxConcurrent).toBe(1);
  });

  it('stops after maxRounds even while there is more', async () => {
    let passes = 0;
    const loop = new WakeLoop({ maxRounds: 3, pass: async () => (passes++, true) });
    await loop.wake();
    expect(passes).toBe(3);
  });

  it('on close: finishes the running pass, starts no other, and refuses new runs', async () => {
    let passes = 0;
    const first = gate();
    const loop = new WakeLoop<string[]>({
      result: () => [],
      pass: async (r) => {
        passes++;
        await first.opened;
        r.push('done');
        return true;
      },
    });
    const running = loop.wake();
    const closing = loop.close();
    first.open();
    await closing;
    expect(await running).toEqual(['done']);
    expect(passes).toBe(1);
    expect(loop.isClosed).toBe(true);
    expect(await loop.wake()).toEqual([]);
    expect(passes).toBe(1);
  });

  it('rejects a run whose pass fails, or hands the error to onError and resolves with what it had', async () => {
    const failing = new WakeLoop({ pass: () => Promise.reject(new Error('boom')) });
    await expect(failing.wake()).rejects.toThrow('boom');
    // A failed run does not stick: the next wake-up starts a new one.
    await expect(failing.wake()).rejects.toThrow('boom');

    const errors: unknown[] = [];
    let round = 0;
    const logged = new WakeLoop<number[]>({
      result: () => [],
      onError: (e) => errors.push(e),
      pass: async (r) => {
        if (round++ === 1) throw new Error('second pass failed');
        r.push(round);
        return true;
      },
    });
    expect(await logged.wake()).toEqual([1]);
    expect(errors).toEqual([new Error('second pass failed')]);
  });
});
