import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '../browser-api';
import { withSite, type Density, type Settings, type Theme } from '../core/settings';
import type { EntityKind } from '../core/types';
import { updateSettings } from '../settings-store';
import { t } from '../ui/i18n';
import { usePageTheme } from '../ui/page-theme';
import { useSettings } from '../ui/use-settings';
import { DelayField } from './DelayField';
import { DisabledSites } from './DisabledSites';
import { RadioGroup } from './RadioGroup';
import { RecoveryNotice } from './RecoveryNotice';
import { dismissRejected, readRejected, watchRejected, type RejectedSettings } from './rejected-settings';
import { ShortcutHelp } from './ShortcutHelp';

const KINDS: { kind: EntityKind; label: () => string }[] = [
  { kind: 'person', label: () => t('optionsKindPeople') },
  { kind: 'topic', label: () => t('optionsKindTopics') },
  { kind: 'place-or-organisation', label: () => t('optionsKindPlaces') },
];

/**
 * The settings page. Every change is stored at once; open tabs watch storage and apply it
 * without a reload. Settings that could not be read are reported here, with what was set aside.
 */
export function Options() {
  const { settings, loaded } = useSettings();
  usePageTheme(settings.theme);
  const rejected = useRejected(loaded);
  const [saved, setSaved] = useState(false);
  const queue = useRef(Promise.resolve());

  // One change at a time, each on top of the last, so quick changes are never lost.
  const change = (fn: (s: Settings) => Settings) => {
    setSaved(false);
    queue.current = queue.current.then(() => updateSettings(fn)).then(
      () => setSaved(true),
      (error: unknown) => console.error('Backstory: settings not saved', error),
    );
  };

  return (
    <div class="options">
      <h1>{t('optionsHeading')}</h1>
      <p>{t('optionsIntro')}</p>
      {rejected && <RecoveryNotice rejected={rejected} onDismiss={() => void dismissRejected()} />}
      <form onSubmit={(e) => e.preventDefault()} aria-busy={loaded ? 'false' : 'true'}>
        <fieldset>
          <legend>{t('optionsPauseHeading')}</legend>
          <label class="choice">
            <input
              id="pause"
              type="checkbox"
              checked={settings.paused}
              onChange={(e) => {
                const paused = e.currentTarget.checked;
                change((s) => ({ ...s, paused }));
              }}
            />
            <span>
              {t('optionsPause')}
              <span class="hint">{t('optionsPauseHint')}</span>
            </span>
          </label>
        </fieldset>

        <DisabledSites sites={settings.disabledSites} onRemove={(site) => change((s) => withSite(s, site, true))} />

        <RadioGroup<Density>
          legend={t('optionsDensityHeading')}
          name="density"
          value={settings.density}
          onChange={(density) => change((s) => ({ ...s, density }))}
          options={[
            { value: 'first', label: t('optionsDensityFirst'), hint: t('optionsDensityFirstHint') },
            { value: 'all', label: t('optionsDensityAll') },
            { value: 'none', label: t('optionsDensityNone'), hint: t('optionsDensityNoneHint') },
          ]}
        />

        <fieldset>
          <legend>{t('optionsKindsHeading')}</legend>
          {KINDS.map(({ kind, label }) => (
            <label key={kind} class="choice">
              <input
                type="checkbox"
                checked={settings.kinds[kind]}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  change((s) => ({ ...s, kinds: { ...s.kinds, [kind]: on } }));
                }}
              />
              <span>{label()}</span>
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('optionsDelaysHeading')}</legend>
          <p class="muted">{t('optionsDelaysHint')}</p>
          <div class="delays">
            <DelayField
              id="show-delay"
              label={t('optionsShowDelay')}
              value={settings.showDelayMs}
              onChange={(ms) => change((s) => ({ ...s, showDelayMs: ms }))}
            />
            <DelayField
              id="hide-delay"
              label={t('optionsHideDelay')}
              value={settings.hideDelayMs}
              onChange={(ms) => change((s) => ({ ...s, hideDelayMs: ms }))}
            />
          </div>
        </fieldset>

        <RadioGroup<Theme>
          legend={t('optionsThemeHeading')}
          name="theme"
          value={settings.theme}
          onChange={(theme) => change((s) => ({ ...s, theme }))}
          options={[
            { value: 'auto', label: t('optionsThemeAuto'), hint: t('optionsThemeAutoHint') },
            { value: 'light', label: t('optionsThemeLight') },
            { value: 'dark', label: t('optionsThemeDark') },
          ]}
        />

        <ShortcutHelp />
      </form>
      <p class="muted saved" role="status">
        {saved ? t('optionsSaved') : ''}
      </p>
      <p class="muted">{t('optionsVersion', browser.runtime.getManifest().version)}</p>
    </div>
  );
}

/** The set-aside settings record, read once the settings have loaded (loading may create it). */
function useRejected(loaded: boolean): RejectedSettings | null {
  const [rejected, setRejected] = useState<RejectedSettings | null>(null);
  useEffect(() => {
    if (!loaded) return;
    const controller = new AbortController();
    watchRejected(setRejected, controller.signal);
    void readRejected().then((r) => !controller.signal.aborted && setRejected(r));
    return () => controller.abort();
  }, [loaded]);
  return rejected;
}
