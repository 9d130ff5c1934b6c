import { t } from '../ui/i18n';

export interface Props {
  /** Hostnames where Backstory is off. */
  sites: string[];
  /** Turns Backstory back on for one of them. */
  onRemove: (site: string) => void;
}

/** The sites turned off from a card, each with a way to turn it back on. */
export function DisabledSites({ sites, onRemove }: Props) {
  return (
    <fieldset>
      <legend>{t('optionsSitesHeading')}</legend>
      {sites.length === 0 ? (
        <p class="muted">{t('optionsSitesNone')}</p>
      ) : (
        <ul class="sites">
          {sites.map((site) => {
            // The card in the reader offers "Turn off" too; the reader's host is Backstory's own.
            const name = site === location.hostname ? t('optionsSiteReader') : site;
            return (
              <li key={site}>
                <span>{name}</span>
                <button type="button" aria-label={t('optionsSiteRemoveLabel', name)} onClick={() => onRemove(site)}>
                  {t('optionsSiteRemove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
