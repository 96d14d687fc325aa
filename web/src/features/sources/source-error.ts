import type { SourceErrorCode } from '@mw/shared';
import { hasMessage, type MessageKey } from '../../i18n/i18n';

/** Every code the shared contract knows has its sentence in the dictionary (checked by the type below). */
type SourceErrorKey = `sourceError.${SourceErrorCode}`;
const _everyCodeWorded: SourceErrorKey extends MessageKey ? true : never = true;
void _everyCodeWorded;

/**
 * The sentence for a source error in the reader's language, from its code; the server's own (English) sentence only
 * when the code is unknown to this dashboard (a newer server) or missing (errors stored before codes were kept).
 */
export function sourceErrorText(
  t: (key: MessageKey) => string,
  code: string | null | undefined,
  message: string | null | undefined,
): string {
  const key = `sourceError.${code ?? ''}`;
  if (code && hasMessage(key)) return t(key);
  return message ?? '';
}

/** Failing sources first, then silent ones, then the rest; by name within each group. */
export function sourcesNeedingCareFirst<T extends { health: string; wentSilent: boolean; name: string }>(
  sources: readonly T[],
): T[] {
  const rank = (s: T) => (s.health === 'failing' ? 0 : s.wentSilent || s.health === 'silent' ? 1 : 2);
  return [...sources].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'));
}
