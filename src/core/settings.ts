/**
 * The user's settings: their shape, defaults, and how stored data of any age or state becomes a
 * valid current value. Pure: the storage glue lives in src/settings-store.ts.
 *
 * Stored settings carry a `version`. Each older version has a migration to the next; anything
 * that cannot be read (wrong types, a future version, a foreign object) resets to the defaults
 * and reports why, so the UI can say so. Nothing here throws.
 */
import type { EntityKind } from './types';

export const SETTINGS_VERSION = 1;

export type Density = 'first' | 'all' | 'none';
export type Theme = 'auto' | 'light' | 'dark';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Backstory does nothing anywhere while paused. */
  paused: boolean;
  /** Hostnames where Backstory is off, e.g. `www.example.com`. */
  disabledSites: string[];
  /** Which mentions are marked: the first of each entity, all, or none. Hover works on all. */
  density: Density;
  /** Rest time on a mention before its card opens, in ms. */
  showDelayMs: number;
  /** Grace time after the pointer leaves, before the card closes, in ms. */
  hideDelayMs: number;
  theme: Theme;
  /** Which kinds of entity are marked and hoverable. */
  kinds: Record<EntityKind, boolean>;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  paused: false,
  disabledSites: [],
  density: 'first',
  showDelayMs: 400,
  hideDelayMs: 300,
  theme: 'auto',
  kinds: { person: true, topic: true, 'place-or-organisation': true },
};

/** Bounds for the delays, so a typo cannot make cards instant or never close. */
export const DELAY_RANGE = { min: 0, max: 3000 } as const;

export interface ReadSettings {
  settings: Settings;
  /** Why stored data was not used as it was, for a notice; absent when all was well. */
  problem?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Older stored shapes, keyed by the version they upgrade from. Version 1 is the first, so
 * there is nothing to migrate yet; a change to `Settings` adds `1: (old) => ({ …, version: 2 })`.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** Turns whatever storage holds into valid settings. `undefined` (nothing stored) is no problem. */
export function readSettings(stored: unknown): ReadSettings {
  if (stored === undefined) return { settings: structuredClone(DEFAULT_SETTINGS) };
  if (!isRecord(stored)) return reset(`stored settings were ${describe(stored)}, not an object`);

  let data = stored;
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    return reset('stored settings had no valid version');
  }
  let version: number = data.version;
  if (version > SETTINGS_VERSION) {
    return reset(`stored settings are version ${version}, newer than this Backstory (version ${SETTINGS_VERSION})`);
  }
  while (version < SETTINGS_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) return reset(`no migration from settings version ${version}`);
    data = migrate(data);
    version = data.version as number;
  }

  const problems: string[] = [];
  const settings = structuredClone(DEFAULT_SETTINGS);
  const field = <K extends keyof Settings>(key: K, ok: (v: unknown) => v is Settings[K]) => {
    if (!(key in data)) return;
    if (ok(data[key])) settings[key] = data[key];
    else problems.push(`"${key}" was ${describe(data[key])}`);
  };
  field('paused', (v): v is boolean => typeof v === 'boolean');
  field('disabledSites', (v): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && isHostname(s)));
  field('density', (v): v is Density => v === 'first' || v === 'all' || v === 'none');
  field('showDelayMs', isDelay);
  field('hideDelayMs', isDelay);
  field('theme', (v): v is Theme => v === 'auto' || v === 'light' || v === 'dark');
  field('kinds', (v): v is Settings['kinds'] =>
    isRecord(v) && Object.keys(DEFAULT_SETTINGS.kinds).every((k) => typeof v[k] === 'boolean'),
  );
  settings.disabledSites = [...new Set(settings.disabledSites)];
  return problems.length
    ? { settings, problem: `Some settings could not be read and were reset: ${problems.join('; ')}` }
    : { settings };
}

function reset(why: string): ReadSettings {
  return { settings: structuredClone(DEFAULT_SETTINGS), problem: `Settings were reset to defaults: ${why}.` };
}

function isDelay(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= DELAY_RANGE.min && v <= DELAY_RANGE.max;
}

/** A plausible hostname: what `location.hostname` gives, lower case, no scheme or path. */
export function isHostname(s: string): boolean {
  return s.length > 0 && s.length <= 253 && /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(s);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Whether Backstory should run on a page of `hostname` under `settings`. */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  return !settings.paused && !settings.disabledSites.includes(hostname.toLowerCase());
}

/** Settings with `hostname` turned off (or back on). */
export function withSite(settings: Settings, hostname: string, enabled: boolean): Settings {
  const host = hostname.toLowerCase();
  const others = settings.disabledSites.filter((s) => s !== host);
  return { ...settings, disabledSites: enabled ? others : [...others, host] };
}
