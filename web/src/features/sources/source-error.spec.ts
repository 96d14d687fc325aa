import { translate } from '../../i18n/i18n';
import { SOURCE_ERROR_CODES } from '@mw/shared';
import { sourceErrorText, sourcesNeedingCareFirst } from './source-error';

describe('source errors in the reader’s language', () => {
  const vi = (key: Parameters<typeof translate>[1]) => translate('vi', key);
  const en = (key: Parameters<typeof translate>[1]) => translate('en', key);

  it('words every code in both languages, each differently', () => {
    const viTexts = SOURCE_ERROR_CODES.map((code) => sourceErrorText(vi, code, 'server sentence'));
    const enTexts = SOURCE_ERROR_CODES.map((code) => sourceErrorText(en, code, 'server sentence'));
    expect(new Set(viTexts).size).toBe(SOURCE_ERROR_CODES.length);
    expect(new Set(enTexts).size).toBe(SOURCE_ERROR_CODES.length);
    expect(viTexts).not.toContain('server sentence');
    expect(sourceErrorText(vi, 'DNS', 'Could not resolve vnexpress.net (ENOTFOUND).')).toMatch(/tên miền/);
  });

  it('falls back to the server’s sentence for an unknown or missing code', () => {
    expect(sourceErrorText(vi, 'SOMETHING_NEW', 'Something new.')).toBe('Something new.');
    expect(sourceErrorText(vi, null, 'Old error.')).toBe('Old error.');
    expect(sourceErrorText(vi, null, null)).toBe('');
  });

  it('lists failing sources first, then silent ones', () => {
    const sorted = sourcesNeedingCareFirst([
      { name: 'An', health: 'ok', wentSilent: false },
      { name: 'Bình', health: 'failing', wentSilent: false },
      { name: 'Cường', health: 'ok', wentSilent: true },
      { name: 'Ánh', health: 'failing', wentSilent: false },
    ]);
    expect(sorted.map((s) => s.name)).toEqual(['Ánh', 'Bình', 'Cường', 'An']);
  });
});
