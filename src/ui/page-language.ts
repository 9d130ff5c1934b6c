/**
 * Gives an extension page the language and direction of the locale its strings come from, so a
 * second locale in `_locales` needs no change here.
 */
import browser from '../browser-api';
import { t } from './i18n';

export function setPageLanguage(doc: Document): void {
  doc.documentElement.lang = t('pageLanguage');
  doc.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') || 'ltr';
}
