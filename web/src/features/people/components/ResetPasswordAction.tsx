import { useState } from 'react';
import type { PersonDetail } from '@mw/shared';
import { ConfirmStep } from '../../../components/ui/ConfirmStep';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { useResetPassword } from '../hooks/usePeople';

/**
 * An admin's "reset password", asked once more before it runs. The server makes a temporary password and returns it
 * this one time: it is shown here until the admin leaves the person, and never fetched again.
 */
export function ResetPasswordAction({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const reset = useResetPassword();
  const [asking, setAsking] = useState(false);
  const temporary = reset.data?.temporaryPassword;
  return (
    <div className="form" data-testid="reset-password">
      {asking ? (
        <ConfirmStep
          id={`reset-password-${person.id}`}
          message={t('people.resetPasswordConfirm', { name: person.name })}
          confirmLabel={t('people.resetPassword')}
          backLabel={t('common.cancel')}
          pending={reset.isPending}
          canConfirm
          onConfirm={() => reset.mutate(person.id, { onSuccess: () => setAsking(false) })}
          onBack={() => setAsking(false)}
        >
          {reset.isError && <ErrorMessage error={reset.error} />}
        </ConfirmStep>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setAsking(true)}>
            {t('people.resetPassword')}
          </button>
        </div>
      )}
      {temporary && (
        <p role="status">
          {t('people.temporaryPassword')} <code data-testid="temporary-password">{temporary}</code>
        </p>
      )}
    </div>
  );
}
