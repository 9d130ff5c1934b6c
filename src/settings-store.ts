/**
 * Where settings are kept: `storage.sync` (they follow the user across devices), falling back
 * to `storage.local` where sync is unavailable. Reading never throws: unreadable data resets to
 * defaults, the rejected data is kept aside in `storage.local` so nothing is silently lost, and
 * the reason is recorded for the settings page to show.
 */
import browser from './browser-api';
import { readSettings, type ReadSettings, type Settings } from './core/settings';
import { loadShortcut, shortcutChanged } from './shortcut-store';

const KEY = 'settings';
/** The last settings data that could not be read, with why and when. */
export const REJECTED_KEY = 'settingsRejected';

type Area = 'sync' | 'local';

async function getRaw(): Promise<{ area: Area; value: unknown }> {
  try {
    const found = await browser.storage.sync.get(KEY);
    return { area: 'sync', value: found[KEY] };
  } catch {
    const found = await browser.storage.local.get(KEY);
    return { area: 'local', value: found[KEY] };
  }
}

export async function loadSettings(): Promise<ReadSettings> {
  let raw: { area: Area; value: unknown };
  try {
    raw = await getRaw();
  } catch (error) {
    return { ...readSettings(undefined), problem: `Settings could not be read: ${String(error)}` };
  }
  const read = readSettings(raw.value);
  if (read.problem) {
    // Keep what was rejected, then store the repaired value so the notice shows once.
    await browser.storage.local
      .set({ [REJECTED_KEY]: { value: raw.value, problem: read.problem, at: new Date().toISOString() } })
      .catch(() => undefined);
    await saveSettings(read.settings).catch(() => undefined);
  }
  return read;
}

export async function saveSettings(settings: Settings): Promise<void> {
  try {
    await browser.storage.sync.set({ [KEY]: settings });
  } catch {
    await browser.storage.local.set({ [KEY]: settings });
  }
}

/** Applies a change to the current settings and stores the result. */
export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = change((await loadSettings()).settings);
  await saveSettings(next);
  return next;
}

type StorageChanges = Record<string, { newValue?: unknown }>;

/** Whether a storage.onChanged event is a change of the settings. */
const settingsChanged = (changes: StorageChanges, area: string): boolean =>
  (area === 'sync' || area === 'local') && KEY in changes;

/**
 * Listens to storage.onChanged until `signal` aborts, or the page holding it goes: Firefox logs
 * an error naming the extension for each such listener still held when its page unloads.
 */
export function onStorageChanged(listener: (changes: StorageChanges, area: string) => void, signal: AbortSignal): void {
  const add = () => browser.storage.onChanged.addListener(listener);
  const remove = () => browser.storage.onChanged.removeListener(listener);
  add();
  signal.addEventListener('abort', remove);
  // A service worker has no pages to hide. A page kept for going back comes back listening.
  if (typeof addEventListener !== 'function') return;
  addEventListener('pagehide', remove, { signal });
  addEventListener('pageshow', (e) => (e as PageTransitionEvent).persisted && add(), { signal });
}

/** Calls `onChange` with the new settings whenever they change, in any context. */
export function watchSettings(onChange: (settings: Settings) => void, signal: AbortSignal): void {
  onStorageChanged((changes, area) => {
    if (settingsChanged(changes, area)) onChange(readSettings(changes[KEY]!.newValue).settings);
  }, signal);
}

/** What a page that marks mentions reads: the settings, and the open-card key the background keeps. */
export interface Stored {
  settings: Settings;
  shortcut: string | null;
}

/** Reads the settings and the key together, so that nothing is left pending once a page is marked. */
export async function readStored(): Promise<Stored> {
  const [{ settings }, shortcut] = await Promise.all([loadSettings(), loadShortcut()]);
  return { settings, shortcut };
}

/**
 * Calls `onChange` whenever the settings or the key change, from one storage listener: Firefox
 * logs an error for each such listener when the context holding it unloads or is suspended
 * (docs/robustness.md).
 */
export function watchStored(onChange: () => void, signal: AbortSignal): void {
  onStorageChanged((changes, area) => {
    if (settingsChanged(changes, area) || shortcutChanged(changes, area)) onChange();
  }, signal);
}
