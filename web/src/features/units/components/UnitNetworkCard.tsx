import type { NetworkContact, UnitDetail } from '@mw/shared';
import { useI18n, type MessageKey } from '../../../i18n/i18n';

function Contacts({ label, people }: { label: MessageKey; people: NetworkContact[] | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t(label)}</dt>
      <dd>
        {!people || people.length === 0 ? (
          <span className="tag tag-warn">{t('units.missing')}</span>
        ) : (
          <ul className="plain-list">
            {people.map((p) => (
              <li key={p.personId}>
                <strong>{p.name}</strong>{' '}
                <span className="muted">
                  <a href={`mailto:${p.email}`}>{p.email}</a>
                  {p.phone && ` · ${p.phone}`}
                  {p.zaloId && ` · Zalo ${p.zaloId}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

/** The unit's spokesperson network as the communications plan asks every school to set it up. */
export function UnitNetworkCard({ unit }: { unit: UnitDetail }) {
  const { t } = useI18n();
  const n = unit.network;
  return (
    <section className="card" aria-labelledby="unit-title">
      <h3 id="unit-title">{unit.name}</h3>
      <p className="muted">
        {unit.code} · {unit.level}
        {unit.address && ` · ${unit.address}`}
      </p>
      <dl className="network">
        <Contacts label="units.spokesperson" people={n.spokesperson} />
        <Contacts label="units.deputy" people={n.deputySpokesperson} />
        <Contacts label="units.webAdmin" people={n.webAdmin} />
        <Contacts label="units.principal" people={n.principal} />
        {n.leaders && <Contacts label="units.leaders" people={n.leaders} />}
        {n.steeringCommittee && <Contacts label="units.steering" people={n.steeringCommittee} />}
        {n.workingGroup && <Contacts label="units.workingGroup" people={n.workingGroup} />}
      </dl>
      {unit.aliases.length > 0 && (
        <p className="muted small">
          {t('units.aliases')}: {unit.aliases.join(', ')}
        </p>
      )}
    </section>
  );
}
