import type { Severity } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';
import { useSeverityLevels } from '../hooks/useSeverityLevels';

/** Used until the server's levels have loaded, or if it has none. */
const FALLBACK_COLOURS: Record<Severity, string> = { S1: '#b42318', S2: '#c4320a', S3: '#a15c07', S4: '#475467' };

/** Colour and name of each severity, from the server's levels when it has them. */
export function useSeverityLook(): (severity: Severity) => { colour: string; name: string } {
  const { t, language } = useI18n();
  const levels = useSeverityLevels();
  return (severity) => {
    const level = levels.get(severity);
    return {
      colour: level?.colour || FALLBACK_COLOURS[severity] || FALLBACK_COLOURS.S4,
      name: (language === 'en' ? level?.nameEn : level?.nameVi) || t(`severity.${severity}`),
    };
  };
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * White or near-black, whichever reads better on the level's colour (admins choose colours; WCAG AA asks 4.5:1 for
 * the badge's small text).
 */
export function readableTextOn(colour: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(colour)) return '#fff';
  const bg = luminance(colour);
  const onWhite = 1.05 / (bg + 0.05);
  return onWhite >= 4.5 ? '#fff' : '#111827';
}

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  const look = useSeverityLook();
  if (!severity) return <span className="badge badge-muted">—</span>;
  const { colour, name } = look(severity);
  return (
    <span
      className="badge"
      style={{ background: colour, color: readableTextOn(colour) }}
      title={name}
      data-severity={severity}
    >
      {severity} · {name}
    </span>
  );
}
