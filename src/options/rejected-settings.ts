/**
 * The last stored settings that could not be read, kept by src/settings-store.ts in
 * `storage.local` when it reset them to the defaults, so the settings page can say so and show
 * what was set aside.
 */
import browser from '../browser-api';
import { onStorageChanged, REJECTED_KEY } from '../settings-store';

export interface RejectedSettings {
  /** The unreadable data, as it was stored. */
  value: unknown;
  /** Why it could not be used (English, from src/core/settings.ts). */
  problem: string;
  /** When it was set aside (ISO 8601). */
  at: string;
}

function asRejected(v: unknown): RejectedSettings | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  return typeof r.problem === 'string' && typeof r.at === 'string' ? { value: r.value, problem: r.problem, at: r.at } : null;
}

export async function readRejected(): Promise<RejectedSettings | null> {
  return asRejected((await browser.storage.local.get(REJECTED_KEY))[REJECTED_KEY]);
}

/** Forgets the set-aside data once the user has seen the notice. */
export function dismissRejected(): Promise<void> {
  return browser.storage.local.remove(REJECTED_KEY);
}

/** Calls `onChange` whenever the set-aside record changes, in any context. */
export function watchRejected(onChange: (rejected: RejectedSettings | null) => void, signal: AbortSignal): void {
  onStorageChanged((changes, area) => {
    if (area === 'local' && REJECTED_KEY in changes) onChange(asRejected(changes[REJECTED_KEY]!.newValue));
  }, signal);
}
