import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { loadSettings, watchSettings } from '../settings-store';

export interface SettingsState {
  /** The current settings; the defaults until storage answers. */
  settings: Settings;
  /** Whether storage has answered. */
  loaded: boolean;
}

/** The user's settings for an extension page, kept current as they change in any context. */
export function useSettings(): SettingsState {
  const [state, setState] = useState<SettingsState>({ settings: DEFAULT_SETTINGS, loaded: false });
  useEffect(() => {
    const controller = new AbortController();
    watchSettings((settings) => setState({ settings, loaded: true }), controller.signal);
    void loadSettings().then(({ settings }) => {
      if (!controller.signal.aborted) setState({ settings, loaded: true });
    });
    return () => controller.abort();
  }, []);
  return state;
}
