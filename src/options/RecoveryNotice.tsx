import { t } from '../ui/i18n';
import type { RejectedSettings } from './rejected-settings';

export interface Props {
  rejected: RejectedSettings;
  onDismiss: () => void;
}

/** Says that stored settings could not be read and were reset, and shows what was set aside. */
export function RecoveryNotice({ rejected, onDismiss }: Props) {
  const when = new Date(rejected.at);
  const stored = JSON.stringify(rejected.value, null, 2) ?? String(rejected.value);
  return (
    <section class="notice" role="alert" aria-labelledby="recovered-heading">
      <h2 id="recovered-heading">{t('optionsRecoveredHeading')}</h2>
      <p>{t('optionsRecovered', Number.isNaN(when.getTime()) ? rejected.at : when.toLocaleString())}</p>
      <details>
        <summary>{t('optionsRecoveredDetails')}</summary>
        <p>{rejected.problem}</p>
        <pre>{stored}</pre>
      </details>
      <button type="button" onClick={onDismiss}>
        {t('optionsRecoveredDismiss')}
      </button>
    </section>
  );
}
