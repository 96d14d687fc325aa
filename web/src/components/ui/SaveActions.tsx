import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * Resets a form's save mutation once its draft is edited after a save, so "Saved." only ever describes what the
 * form shows. `draft` is compared by value (JSON), so a fresh but equal object is no edit.
 */
export function useResetWhenEdited(draft: unknown, mutation: { isSuccess: boolean; reset(): void }): void {
  const key = JSON.stringify(draft);
  const last = useRef(key);
  const { isSuccess, reset } = mutation;
  useEffect(() => {
    if (last.current === key) return;
    last.current = key;
    if (isSuccess) reset();
  }, [key, isSuccess, reset]);
}

/** A form's save button (off while saving) and, once saved, a status saying so. */
export function SaveActions({
  pending,
  saved,
  className = 'actions',
}: {
  pending: boolean;
  saved: boolean;
  className?: string;
}) {
  const { t } = useI18n();
  return (
    <div className={className}>
      <button type="submit" className="primary" disabled={pending}>
        {t('common.save')}
      </button>
      {saved && <span role="status">{t('common.saved')}</span>}
    </div>
  );
}
