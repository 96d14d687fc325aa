import { analyzeJudged, formatOfficeReport, parseOfficeJudgements, scoreOfficeJudgements } from './office-judgements';

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    id: 'm1',
    title: 'Phụ huynh phản ánh lạm thu đầu năm học',
    summary: '',
    outlet: 'Tuổi Trẻ',
    publishedAt: '2026-09-08T01:00:00.000Z',
    judgement: 'incident',
    analysed: { incident: true, sentiment: 'negative', category: 'fees_finances' },
    ...fields,
  });

describe('office judgements (labels export, scored by npm run eval -- --office)', () => {
  it('reads an export, naming the line and the field of every bad line', () => {
    const text = [
      line({ id: 'a' }),
      '',
      line({ id: 'b', judgement: 'false_match', analysed: null }),
      line({ id: 'c', judgement: 'maybe' }),
      '{"id":"d"',
      line({ id: 'e', title: '  ' }),
      line({ id: 'f', analysed: { incident: 'yes' } }),
    ].join('\n');
    const { items, errors } = parseOfficeJudgements(text);
    expect(items.map((i) => [i.id, i.incident, i.analysedIncident])).toEqual([
      ['a', true, true],
      ['b', false, null],
    ]);
    expect(errors).toEqual([
      'line 4: judgement must be "incident" or "false_match"',
      'line 5: invalid JSON',
      'line 6: title must be a non-empty string',
      'line 7: analysed.incident must be true or false',
    ]);
  });

  it('scores the analyzer of then on the lines that say what it decided, and the build at hand on every line', () => {
    const { items } = parseOfficeJudgements(
      [
        line({ id: 'tp', analysed: { incident: true } }),
        line({ id: 'fp', judgement: 'false_match', analysed: { incident: true } }),
        line({ id: 'fn', analysed: { incident: false } }),
        line({ id: 'unknown', analysed: null }),
      ].join('\n'),
    );
    const report = scoreOfficeJudgements(items, (i) => i.id === 'tp' || i.id === 'unknown');
    expect(report).toMatchObject({ items: 4, incidents: 3, falseMatches: 1 });
    expect(report.atTheTime).toMatchObject({ items: 3, support: 2, flagged: 2, precision: 0.5, recall: 0.5 });
    expect(report.thisBuild).toMatchObject({ support: 3, flagged: 2, precision: 1 });
    expect(report.thisBuild.recall).toBeCloseTo(2 / 3);
    expect(report.mistakes.map((m) => m.id)).toEqual(['fn']);
    expect(formatOfficeReport('judged.jsonl', report)).toContain('4 judged mentions; incidents 3, false matches 1');
    expect(formatOfficeReport('judged.jsonl', report)).not.toContain('fn  office');
    expect(formatOfficeReport('judged.jsonl', report, { mistakes: true })).toContain(
      "this build's mistakes (1):\n  fn  office: incident, this build: no  Phụ huynh phản ánh lạm thu đầu năm học",
    );
  });

  it('decides each item with the committed model: a ticket for bad news at a Gò Vấp school, none for good news', () => {
    const { items } = parseOfficeJudgements(
      [
        line({
          id: 'bad',
          title: 'Nhiều học sinh Trường THCS Nguyễn Du (Gò Vấp) nhập viện nghi ngộ độc thực phẩm sau bữa trưa',
          summary: 'Sau bữa ăn bán trú, hàng chục học sinh có biểu hiện đau bụng, nôn ói và được đưa đi cấp cứu.',
        }),
        line({
          id: 'good',
          judgement: 'false_match',
          title: 'Trường THCS Nguyễn Du (Gò Vấp) đoạt giải nhất hội thi khoa học kỹ thuật cấp thành phố',
          summary: 'Nhóm học sinh lớp 9 được khen thưởng với dự án lọc nước mưa cho trường học.',
        }),
        line({
          id: 'elsewhere',
          judgement: 'false_match',
          title: 'Học sinh ở Đắk Lắk nhập viện nghi ngộ độc sau bữa trưa',
          summary: 'Hàng chục học sinh tiểu học được đưa đi cấp cứu.',
        }),
      ].join('\n'),
    );
    const decided = analyzeJudged(items);
    expect(Object.fromEntries(decided)).toEqual({ bad: true, good: false, elsewhere: false });
  });
});
