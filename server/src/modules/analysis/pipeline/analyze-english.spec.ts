import { IncidentCategory, SentimentLabel } from '@mw/shared';
import { loadSeedGazetteer } from '../matching/unit-matcher';
import { createAnalyzer } from './analyze-item';

/** English items written by us in the style of VnExpress International, Tuoi Tre News and SGGP English. */
const NEGATIVE: readonly [title: string, summary: string, category: IncidentCategory][] = [
  [
    'Students injured in fight at Phan Tay Ho secondary school in Go Vap',
    'A fight between ninth graders at Phan Tay Ho Secondary School, Go Vap District, left two students injured; a video of the beating spread on social media.',
    IncidentCategory.ViolenceBullying,
  ],
  [
    'Sixth grader bullied by classmates at Nguyen Du Secondary School in Go Vap',
    'Parents say the boy was repeatedly bullied and beaten in the restroom; the school has asked the students involved to write self-criticism reports.',
    IncidentCategory.ViolenceBullying,
  ],
  [
    'Go Vap kindergarten teacher suspended for slapping a three-year-old',
    'A teacher at a kindergarten in Go Vap District, HCMC, was suspended after a camera clip showed her slapping a child during nap time.',
    IncidentCategory.TeacherConduct,
  ],
  [
    'Dozens of pupils hospitalised with suspected food poisoning in Go Vap',
    'More than 30 students at Nguyen Du Secondary School in Go Vap District suffered vomiting and stomachaches after lunch at school and were taken to hospital.',
    IncidentCategory.FoodSafety,
  ],
  [
    'Parents complain of extra fees at Go Vap High School',
    'Parents of tenth graders at Go Vap High School said they were asked to pay unofficial fees for air conditioners and cameras at the start of the school year.',
    IncidentCategory.FeesFinances,
  ],
  [
    'Student dies after falling from third floor of Nguyen Cong Tru high school in Go Vap District',
    'A 16-year-old student at Nguyen Cong Tru High School in Go Vap District died in hospital after a fall from the third floor of the school building on Monday morning.',
    IncidentCategory.AccidentInjury,
  ],
  [
    'Go Vap teacher arrested for sexually abusing students',
    'Police in HCMC have arrested a male teacher at a secondary school in Go Vap District for molesting several female students in his class.',
    IncidentCategory.AbuseSexualMisconduct,
  ],
  [
    'A fight at a secondary school in Go Vap goes viral',
    'A clip of two girls fighting outside a secondary school in Go Vap District has been shared widely online.',
    IncidentCategory.ViolenceBullying,
  ],
];

const POSITIVE: readonly [title: string, summary: string][] = [
  [
    'Go Vap High School pupils win gold at national robotics contest',
    'A team of students from Go Vap High School won first prize and a gold medal at the national robotics competition held in Hanoi.',
  ],
  [
    'Nguyen Du Secondary School student honoured for returning lost wallet',
    'A seventh grader at Nguyen Du Secondary School in Go Vap District was honoured by the school for handing over a wallet with 20 million dong to the police.',
  ],
  [
    'Go Vap students receive scholarships from HCMC charity fund',
    'Fifty students from poor families in Go Vap District received scholarships worth VND2 million each at a ceremony on Saturday.',
  ],
];

const NEUTRAL: readonly [title: string, summary: string][] = [
  [
    'Go Vap District announces grade-6 enrolment schedule',
    'The education department of Go Vap District said parents can register their children for grade 6 online from June 1 to June 15.',
  ],
  [
    'Phan Tay Ho secondary school in Go Vap to open new semester on Monday',
    'Students at Phan Tay Ho Secondary School will return to classes on January 5, the school said in an announcement.',
  ],
];

describe('English items about Gò Vấp schools', () => {
  const analyzer = createAnalyzer({ gazetteer: loadSeedGazetteer() });
  const analyze = (title: string, summary: string) =>
    analyzer.analyze({ id: title, title, summary, outlet: 'VnExpress International' });

  it.each(NEGATIVE)('reads bad news as an incident: %s', (title, summary, category) => {
    const out = analyze(title, summary);
    expect(out.units.length).toBeGreaterThan(0);
    expect(out.sentiment.label).toBe(SentimentLabel.Negative);
    expect(out.category).toBe(category);
    expect(out.incident).toBe(true);
    expect(out.severity).not.toBeNull();
  });

  it.each(POSITIVE)('reads good news as positive: %s', (title, summary) => {
    const out = analyze(title, summary);
    expect(out.sentiment.label).toBe(SentimentLabel.Positive);
    expect(out.incident).toBe(false);
  });

  it.each(NEUTRAL)('reads schedules and announcements as neutral: %s', (title, summary) => {
    const out = analyze(title, summary);
    expect(out.sentiment.label).toBe(SentimentLabel.Neutral);
    expect(out.incident).toBe(false);
  });

  it('reads "no one was hurt" as relief, not as an injury', () => {
    const hurt = analyze(
      'Fire at Go Vap High School, two students hurt',
      'Two students were hurt in a fire at the school lab.',
    );
    const none = analyze(
      'Fire at Go Vap High School, no one hurt',
      'Staff put out a small fire in the school lab; no one was hurt.',
    );
    expect(none.sentiment.score).toBeGreaterThan(hurt.sentiment.score);
    expect(none.sentiment.label).not.toBe(SentimentLabel.Negative);
  });
});
