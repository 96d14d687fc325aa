import { PassThrough, Readable, Writable } from 'node:stream';
import { analyzeJsonLines } from './analyze-jsonl';
import type { AnalyzeInput, AnalyzeOutput, Analyzer } from './analyze-item';

/** A stand-in analyzer: the streaming contract does not depend on what the analysis says. */
const echo: Analyzer = {
  analyze: (input: AnalyzeInput): AnalyzeOutput => ({
    id: input.id,
    units: [],
    sentiment: { score: 0, label: 'neutral', terms: [input.title] },
    category: 'other',
    education: true,
    incident: false,
    severity: null,
    severityReasons: [],
    storyId: input.id,
  }),
};

function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const line = (o: object): string => JSON.stringify(o) + '\n';

describe('analyzeJsonLines', () => {
  it('writes one line per good input line in order, reports bad lines by number and goes on', async () => {
    const input = Readable.from([
      line({ id: 'a', title: 'Một' }),
      '{not json}\n',
      line({ id: 'b' }),
      '\n',
      line({ title: 'no id' }),
      line({ id: 'c', title: 'Hai', summary: 5 }),
      line({ id: 'd', title: 'Ba' }),
      line([1, 2]),
      line({ id: 'e', title: 'Bốn' }).trimEnd(),
    ]);
    const out = collect();
    const err = collect();
    const summary = await analyzeJsonLines(input, out.stream, err.stream, echo);
    expect(
      out
        .text()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['a', 'd', 'e']);
    const errors = err.text().trim().split('\n');
    expect(errors).toEqual([
      expect.stringMatching(/^line 2: invalid JSON/),
      'line 3: missing title (a non-empty string)',
      'line 5: missing id (a non-empty string)',
      'line 6: summary must be a string',
      'line 8: not a JSON object',
    ]);
    expect(summary).toEqual({ lines: 9, analyzed: 3, rejected: 5 });
  });

  it('reassembles lines and multi-byte characters split across chunks, and accepts CRLF and a BOM', async () => {
    const text =
      '\ufeff' + line({ id: 'x', title: 'Trường mầm non' }).replace('\n', '\r\n') + line({ id: 'y', title: 'Gò Vấp' });
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const out = collect();
    const err = collect();
    await analyzeJsonLines(Readable.from(chunks), out.stream, err.stream, echo);
    const rows = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.sentiment.terms[0])).toEqual(['Trường mầm non', 'Gò Vấp']);
    expect(err.text()).toBe('');
  });

  it('drops an overlong line without buffering it and keeps going', async () => {
    const huge = line({ id: 'big', title: 'x'.repeat(5000) });
    const input = Readable.from([
      line({ id: 'a', title: 'A' }),
      huge.slice(0, 2000),
      huge.slice(2000),
      line({ id: 'b', title: 'B' }),
    ]);
    const out = collect();
    const err = collect();
    await analyzeJsonLines(input, out.stream, err.stream, echo, { maxLineBytes: 1000 });
    expect(
      out
        .text()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['a', 'b']);
    expect(err.text()).toBe('line 2: longer than 1000 characters, skipped\n');
  });

  it('waits for a slow reader instead of buffering all output (back-pressure)', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => line({ id: `i${i}`, title: 't' }));
    const input = Readable.from(lines);
    const output = new PassThrough({ highWaterMark: 64 });
    let maxBuffered = 0;
    const received: string[] = [];
    output.on('data', () => undefined);
    output.pause();
    const drain = setInterval(() => {
      maxBuffered = Math.max(maxBuffered, output.writableLength);
      let chunk: Buffer | null;
      while ((chunk = output.read() as Buffer | null) !== null) received.push(chunk.toString());
    }, 1);
    await analyzeJsonLines(input, output, collect().stream, echo);
    clearInterval(drain);
    let chunk: Buffer | null;
    while ((chunk = output.read() as Buffer | null) !== null) received.push(chunk.toString());
    expect(received.join('').trim().split('\n')).toHaveLength(200);
    expect(maxBuffered).toBeLessThan(2000);
  });
});
