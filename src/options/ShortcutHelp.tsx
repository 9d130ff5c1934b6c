import { useEffect, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import { keepShortcut } from '../shortcut-store';
import { openShortcutSettings } from './shortcut';

/** The open-card key as the browser has it now, and how to change it in each browser. */
export function ShortcutHelp() {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    // Keeping it also brings pages the new key where the browser did not say it changed.
    const refresh = () => void keepShortcut().then(setShortcut, () => setShortcut(null));
    refresh();
    // The key is changed on a browser page; show the new one on coming back. Not on going: a
    // question still open when the page closes is an error Firefox files against Backstory.
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  return (
    <fieldset>
      <legend>{t('optionsShortcutHeading')}</legend>
      <p>
        {shortcut === undefined ? t('cardLoading') : shortcut ? (
          <>
            {t('optionsShortcutCurrent')} <kbd>{shortcut}</kbd>
          </>
        ) : (
          t('optionsShortcutNone')
        )}
      </p>
      <p class="muted">{t('optionsShortcutWhat')}</p>
      <ul>
        <li>
          {t('optionsShortcutChrome')} <code>chrome://extensions/shortcuts</code>
        </li>
        <li>
          {t('optionsShortcutFirefox')} <code>about:addons</code>
          {t('optionsShortcutFirefoxSteps')}
        </li>
      </ul>
      <button type="button" onClick={() => void openShortcutSettings()}>
        {t('optionsShortcutChange')}
      </button>
    </fieldset>
  );
}
