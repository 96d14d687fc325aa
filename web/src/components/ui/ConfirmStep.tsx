import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * The step that asks before an action: `message` (which names the dialog), then `children` (what the action takes,
 * any error), a primary confirm button and a back button, both off while the action runs.
 */
export function ConfirmStep({
  id,
  message,
  children,
  confirmLabel,
  backLabel,
  pending,
  canConfirm,
  onConfirm,
  onBack,
}: {
  /** The message's id, which labels the dialog. */
  id: string;
  message: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  backLabel: string;
  pending: boolean;
  canConfirm: boolean;
  onConfirm(): void;
  onBack(): void;
}) {
  return (
    <div role="alertdialog" aria-labelledby={id} className="form">
      <p id={id}>{message}</p>
      {children}
      <div className="actions">
        <button type="button" className="primary" disabled={pending || !canConfirm} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" disabled={pending} onClick={onBack}>
          {backLabel}
        </button>
      </div>
    </div>
  );
}

/**
 * The step before a ConfirmStep: a form named `title` whose fieldset (legend `title`) holds `children`, a primary
 * submit button (off unless `canSubmit`) that calls `onSubmit`, and a cancel button.
 */
export function ChoiceStep({
  title,
  children,
  submitLabel,
  canSubmit,
  onSubmit,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  submitLabel: string;
  canSubmit: boolean;
  onSubmit(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  return (
    <form
      className="form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset>
        <legend>{title}</legend>
        {children}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={!canSubmit}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
