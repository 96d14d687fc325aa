/** Tone of a mention. */
export const SentimentLabel = { Negative: 'negative', Neutral: 'neutral', Positive: 'positive' } as const;
export type SentimentLabel = (typeof SentimentLabel)[keyof typeof SentimentLabel];

/** Incident categories: bad news a spokesperson must handle. */
export const IncidentCategory = {
  ViolenceBullying: 'violence_bullying',
  AbuseSexualMisconduct: 'abuse_sexual_misconduct',
  TeacherConduct: 'teacher_conduct',
  FoodSafety: 'food_safety',
  AccidentInjury: 'accident_injury',
  FeesFinances: 'fees_finances',
  ExamsAdmissions: 'exams_admissions',
  FacilitiesSafety: 'facilities_safety',
  HealthEpidemics: 'health_epidemics',
  DisastersWeather: 'disasters_weather',
  Misinformation: 'misinformation',
} as const;
export type IncidentCategory = (typeof IncidentCategory)[keyof typeof IncidentCategory];

/** The communications plan's themes, for positive or neutral items. */
export const PlanTheme = {
  ManagementReform: 'management_reform',
  SafetyHealth: 'safety_health',
  EthicsCulture: 'ethics_culture',
  CurriculumAwards: 'curriculum_awards',
  ExamsQuality: 'exams_quality',
  DigitalInternational: 'digital_international',
  Other: 'other',
} as const;
export type PlanTheme = (typeof PlanTheme)[keyof typeof PlanTheme];

export type Category = IncidentCategory | PlanTheme;
export const INCIDENT_CATEGORIES: readonly IncidentCategory[] = Object.values(IncidentCategory);
export const PLAN_THEMES: readonly PlanTheme[] = Object.values(PlanTheme);
export const CATEGORIES: readonly Category[] = [...INCIDENT_CATEGORIES, ...PLAN_THEMES];

const INCIDENT_SET: ReadonlySet<string> = new Set(INCIDENT_CATEGORIES);

/** Whether a category (of an item, a label or a ticket) is an incident category; null or "not education" is not. */
export function isIncidentCategory(category: string | null): category is IncidentCategory {
  return category !== null && INCIDENT_SET.has(category);
}

/**
 * The category of an analysed item that is not about education (a war abroad, a market, a football match): it
 * carries no education category. Only items, never incidents, carry it.
 */
export const NO_CATEGORY = 'none' as const;
export type NoCategory = typeof NO_CATEGORY;
/** What an analysed item carries: an education category, or NO_CATEGORY. */
export type ItemCategory = Category | NoCategory;

/** Severity levels, S1 most severe. Their names, colours and deadlines are data on the server. */
export const Severity = { S1: 'S1', S2: 'S2', S3: 'S3', S4: 'S4' } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];
export const SEVERITIES: readonly Severity[] = Object.values(Severity);
