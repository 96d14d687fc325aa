import type { Language } from '@mw/shared';
import { useI18n } from '../../i18n/i18n';
import { useNow } from './useNow';

/** "25 phút", "3 giờ", "2 ngày": a duration in the largest unit that keeps it readable. */
export function durationText(language: Language, ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const [value, unit] =
    minutes < 60
      ? [minutes, 'minute']
      : minutes < 48 * 60
        ? [Math.round(minutes / 60), 'hour']
        : [Math.round(minutes / 1440), 'day'];
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  }).format(value);
}

/**
 * Time left to a deadline ("Còn 25 phút") or past it ("Quá hạn 10 phút"), for tickets still waiting on someone;
 * nothing once `done`.
 */
export function Countdown({ deadline, done = false }: { deadline: string | null | undefined; done?: boolean }) {
  const { t, language, formatDateTime } = useI18n();
  const now = useNow();
  if (!deadline || done) return null;
  const left = Date.parse(deadline) - now;
  const text = durationText(language, left);
  const overdue = left < 0;
  return (
    <span
      className={`countdown ${overdue ? 'tag tag-danger' : 'tag tag-warn'}`}
      data-overdue={overdue}
      title={formatDateTime(deadline)}
    >
      {overdue ? t('deadline.overdue', { time: text }) : t('deadline.left', { time: text })}
    </span>
  );
}
