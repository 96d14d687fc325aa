import { IncidentCategory, Severity } from '@mw/shared';
import { toSyllables } from '../tone/syllables';
import { proposeSeverity, severityRank } from './severity';

const propose = (category: IncidentCategory, text: string, outlets = 1) =>
  proposeSeverity({ category, texts: [toSyllables(text)], outlets });

describe('proposeSeverity', () => {
  it('ranks S1 as the most severe', () => {
    expect(
      [Severity.S4, Severity.S1, Severity.S3, Severity.S2].sort((a, b) => severityRank(a) - severityRank(b)),
    ).toEqual([Severity.S1, Severity.S2, Severity.S3, Severity.S4]);
  });

  it('gives S1 to abuse, death, violence with injury and mass food poisoning', () => {
    expect(propose(IncidentCategory.AbuseSexualMisconduct, 'Bảo mẫu bạo hành trẻ').severity).toBe(Severity.S1);
    expect(propose(IncidentCategory.AccidentInjury, 'Học sinh đuối nước tử vong').severity).toBe(Severity.S1);
    expect(propose(IncidentCategory.ViolenceBullying, 'Nam sinh bị đánh hội đồng phải nhập viện').severity).toBe(
      Severity.S1,
    );
    const poisoning = propose(IncidentCategory.FoodSafety, '45 học sinh nhập viện nghi ngộ độc sau bữa trưa');
    expect(poisoning.severity).toBe(Severity.S1);
    expect(poisoning.reasons.join(' ')).toContain('45');
  });

  it('keeps lesser incidents lower, in a sensible order', () => {
    const fight = propose(IncidentCategory.ViolenceBullying, 'Hai nữ sinh đánh nhau trước cổng trường');
    const fees = propose(IncidentCategory.FeesFinances, 'Phụ huynh phản ánh khoản thu đầu năm');
    const rain = propose(IncidentCategory.DisastersWeather, 'Sân trường ngập nước sau mưa lớn');
    expect(fight.severity).toBe(Severity.S2);
    expect(fees.severity).toBe(Severity.S3);
    expect(rain.severity).toBe(Severity.S4);
    expect(severityRank(fight.severity)).toBeLessThan(severityRank(fees.severity));
    const storm = propose(IncidentCategory.DisastersWeather, 'Giông lốc làm cây đổ, tốc mái phòng học');
    expect(storm.severity).toBe(Severity.S3);
  });

  it('judges a rumour by its spread, not by what it claims', () => {
    const rumour = propose(IncidentCategory.Misinformation, 'Tin đồn học sinh tử vong là bịa đặt');
    expect(rumour.severity).toBe(Severity.S3);
    expect(propose(IncidentCategory.Misinformation, 'Tin đồn học sinh tử vong là bịa đặt', 4).severity).toBe(
      Severity.S2,
    );
  });

  it('raises a story carried by four outlets and explains why', () => {
    const alone = propose(IncidentCategory.FeesFinances, 'Phụ huynh phản ánh lạm thu', 3);
    const spread = propose(IncidentCategory.FeesFinances, 'Phụ huynh phản ánh lạm thu', 4);
    expect(severityRank(spread.severity)).toBe(severityRank(alone.severity) - 1);
    expect(spread.reasons).toContain('4 cơ quan báo chí cùng đưa tin');
  });

  it('reads the same signals in unaccented text', () => {
    expect(propose(IncidentCategory.ViolenceBullying, 'nam sinh bi danh hoi dong phai nhap vien').severity).toBe(
      Severity.S1,
    );
  });
});
