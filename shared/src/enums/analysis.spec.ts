import { INCIDENT_CATEGORIES, isIncidentCategory, NO_CATEGORY, PLAN_THEMES } from './analysis';

describe('isIncidentCategory', () => {
  it('holds for the incident categories only, not for themes, "not education" or none', () => {
    expect(INCIDENT_CATEGORIES.every(isIncidentCategory)).toBe(true);
    expect(PLAN_THEMES.some(isIncidentCategory)).toBe(false);
    expect(isIncidentCategory(NO_CATEGORY)).toBe(false);
    expect(isIncidentCategory(null)).toBe(false);
  });
});
