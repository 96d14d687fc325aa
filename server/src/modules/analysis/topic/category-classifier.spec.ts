import { IncidentCategory, PlanTheme, SentimentLabel, type Category } from '@mw/shared';
import { toSyllables } from '../tone/syllables';
import { CategoryClassifier, ruleScores, topicCues } from './category-classifier';

function rulesOf(title: string, summary = ''): Map<Category, number> {
  return ruleScores({ title: toSyllables(title), summary: toSyllables(summary), content: toSyllables('') });
}

/** Without a trained model the keyword rules decide alone, which shows what each theme's phrases point at. */
function themeOf(title: string, summary = ''): Category {
  return new CategoryClassifier(null).classify(rulesOf(title, summary), new Map(), SentimentLabel.Neutral);
}

describe('category keyword rules for the communications plan themes', () => {
  it('files accreditation and national-standard recognition under exams and quality assurance', () => {
    expect(themeOf('Trường tiểu học đón đoàn đánh giá ngoài kiểm định chất lượng')).toBe(PlanTheme.ExamsQuality);
    expect(themeOf('Thêm 8 trường được công nhận đạt chuẩn quốc gia')).toBe(PlanTheme.ExamsQuality);
  });

  it('files governance, staffing and budgets under management reform', () => {
    expect(themeOf('Hội đồng trường thông qua quy chế chi tiêu nội bộ')).toBe(PlanTheme.ManagementReform);
    expect(themeOf('Phường điều động giáo viên để cân đối định biên')).toBe(PlanTheme.ManagementReform);
  });

  it('files civic activities and volunteering under ethics and school culture, digital records under digital', () => {
    expect(themeOf('Đoàn viên ra quân ngày chủ nhật xanh, thăm mẹ Việt Nam anh hùng')).toBe(PlanTheme.EthicsCulture);
    expect(themeOf('Học sinh lớp 6 có học bạ điện tử ký bằng chữ ký điện tử')).toBe(PlanTheme.DigitalInternational);
  });

  it('leaves a positive item with no theme phrase as "other"', () => {
    expect(themeOf('Buổi sáng cuối tuần yên bình')).toBe(PlanTheme.Other);
  });
});

describe('topicCues', () => {
  it('adds the classifier probability of the incident categories to the keyword cues', () => {
    const logProb = new Map<Category, number>([
      [IncidentCategory.ViolenceBullying, Math.log(0.3)],
      [IncidentCategory.FoodSafety, Math.log(0.2)],
      [PlanTheme.Other, Math.log(0.5)],
    ]);
    const cues = topicCues(rulesOf('Học sinh bị bạn đánh hội đồng'), logProb);
    expect(cues.learnedIncident).toBeCloseTo(0.5, 6);
    expect(cues.incident).toBeGreaterThan(cues.theme);
    expect(topicCues(new Map()).learnedIncident).toBe(0);
  });
});

describe('category keyword rules in English', () => {
  const incidentOf = (title: string, summary = ''): Category =>
    new CategoryClassifier(null).classify(rulesOf(title, summary), new Map(), SentimentLabel.Negative);

  it('files English reports of bad news under their incident categories', () => {
    expect(incidentOf('A fight at a secondary school in Go Vap', 'Pupils were beaten by classmates.')).toBe(
      IncidentCategory.ViolenceBullying,
    );
    expect(incidentOf('Food poisoning at a kindergarten', 'Twenty children hospitalised after lunch.')).toBe(
      IncidentCategory.FoodSafety,
    );
    expect(incidentOf('Fake news about school closures', 'A false information post spread online.')).toBe(
      IncidentCategory.Misinformation,
    );
  });
});
