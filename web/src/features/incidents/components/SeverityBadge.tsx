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

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  const look = useSeverityLook();
  if (!severity) return <span className="badge badge-muted">—</span>;
  const { colour, name } = look(severity);
  return (
    <span className="badge" style={{ background: colour }} title={name} data-severity={severity}>
      {severity} · {name}
    </span>
  );
}
