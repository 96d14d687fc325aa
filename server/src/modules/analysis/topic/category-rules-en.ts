/**
 * English keyword evidence for the incident categories, for international editions and English pages about Gò Vấp
 * schools (issue 13). Same use as the Vietnamese rules: a prior the classifier can outvote. Matched on folded
 * syllables, so a phrase is its lowercase words.
 */
import { IncidentCategory, type Category } from '@mw/shared';

type Row = readonly [phrase: string, weight: number];

export const ENGLISH_RULES: Readonly<Partial<Record<Category, readonly Row[]>>> = {
  [IncidentCategory.ViolenceBullying]: [
    ['fight', 2.5],
    ['fighting', 2.5],
    ['brawl', 3],
    ['beaten', 3],
    ['beating', 3],
    ['bullying', 3],
    ['bullied', 3],
    ['assault', 3],
    ['assaulted', 3],
    ['stabbed', 3],
    ['school violence', 4],
  ],
  [IncidentCategory.AbuseSexualMisconduct]: [
    ['sexual abuse', 4],
    ['sexually abused', 4],
    ['molested', 4],
    ['molesting', 4],
    ['child abuse', 4],
  ],
  [IncidentCategory.TeacherConduct]: [
    ['teacher slapped', 4],
    ['teacher hit', 3],
    ['teacher insulted', 3],
    ['teacher suspended', 3],
  ],
  [IncidentCategory.FoodSafety]: [
    ['food poisoning', 4],
    ['poisoned', 3],
    ['school meal', 1.5],
    ['school lunch', 1.5],
  ],
  [IncidentCategory.AccidentInjury]: [
    ['injured', 2.5],
    ['injury', 2],
    ['drowned', 3],
    ['accident', 2.5],
    ['fell from', 3],
    ['hospitalised', 2],
    ['hospitalized', 2],
  ],
  [IncidentCategory.FeesFinances]: [
    ['overcharged', 3],
    ['extra fees', 3],
    ['unofficial fees', 3],
    ['tuition fees', 1.5],
  ],
  [IncidentCategory.ExamsAdmissions]: [
    ['exam cheating', 4],
    ['cheating', 2.5],
    ['exam leak', 4],
    ['leaked exam', 4],
  ],
  [IncidentCategory.FacilitiesSafety]: [
    ['ceiling collapsed', 4],
    ['collapsed', 2.5],
    ['fire broke out', 3],
  ],
  [IncidentCategory.HealthEpidemics]: [
    ['outbreak', 3],
    ['measles', 3],
    ['hand foot and mouth', 4],
    ['dengue', 3],
  ],
  [IncidentCategory.DisastersWeather]: [
    ['flooding', 2.5],
    ['flooded', 2.5],
    ['storm', 2],
    ['schools closed', 3],
  ],
  [IncidentCategory.Misinformation]: [
    ['fake news', 4],
    ['false information', 4],
    ['rumour', 3],
    ['rumor', 3],
    ['scam', 3],
  ],
};
