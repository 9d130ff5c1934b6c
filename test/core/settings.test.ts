import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  isActiveOn,
  readSettings,
  withSite,
  type Settings,
} from '../../src/core/settings';

const valid: Settings = {
  ...DEFAULT_SETTINGS,
  paused: true,
  disabledSites: ['news.example.com'],
  density: 'all',
  showDelayMs: 600,
  hideDelayMs: 100,
  theme: 'dark',
  kinds: { person: true, topic: false, 'place-or-organisation': true },
};

describe('readSettings', () => {
  it('gives defaults, with no problem, when nothing is stored', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('keeps valid stored settings as they are', () => {
    expect(readSettings(structuredClone(valid))).toEqual({ settings: valid });
  });

  /** Stored data that cannot be used at all: everything resets, with a reason. */
  const unusable: [string, unknown, RegExp][] = [
    ['a string', 'paused', /were the text "paused"/],
    ['null', null, /were null/],
    ['a list', [1, 2], /were a list/],
    ['no version', { paused: true }, /no valid version/],
    ['a fractional version', { version: 0.5 }, /no valid version/],
    ['a future version', { ...valid, version: SETTINGS_VERSION + 1 }, /newer than this Backstory/],
  ];
  it.each(unusable)('resets %s to defaults with a notice', (_name, stored, why) => {
    const { settings, problem } = readSettings(stored);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problem).toMatch(why);
  });

  /** One bad field: only that field resets, and the notice names it. */
  const badFields: [keyof Settings, unknown][] = [
    ['paused', 'yes'],
    ['disabledSites', ['ok.example', 42]],
    ['disabledSites', ['https://with-scheme.example/']],
    ['density', 'some'],
    ['showDelayMs', -5],
    ['hideDelayMs', 1e9],
    ['showDelayMs', 1.5],
    ['theme', 'sepia'],
    ['kinds', { person: true }],
  ];
  it.each(badFields)('resets only a bad "%s" and names it', (key, value) => {
    const { settings, problem } = readSettings({ ...valid, [key]: value });
    expect(settings).toEqual({ ...valid, [key]: DEFAULT_SETTINGS[key] });
    expect(problem).toContain(`"${key}"`);
  });

  it('fills fields missing from older data with defaults, without complaint', () => {
    expect(readSettings({ version: 1, paused: true })).toEqual({ settings: { ...DEFAULT_SETTINGS, paused: true } });
  });

  it('ignores unknown fields', () => {
    expect(readSettings({ ...valid, colour: 'red' })).toEqual({ settings: valid });
  });

  it('never returns the shared defaults object', () => {
    const { settings } = readSettings(undefined);
    settings.disabledSites.push('x.example');
    expect(DEFAULT_SETTINGS.disabledSites).toEqual([]);
  });
});

describe('sites and pause', () => {
  it('is active unless paused or the site is off', () => {
    expect(isActiveOn(DEFAULT_SETTINGS, 'a.example')).toBe(true);
    expect(isActiveOn({ ...DEFAULT_SETTINGS, paused: true }, 'a.example')).toBe(false);
    const off = withSite(DEFAULT_SETTINGS, 'A.Example', false);
    expect(off.disabledSites).toEqual(['a.example']);
    expect(isActiveOn(off, 'a.example')).toBe(false);
    expect(isActiveOn(off, 'b.example')).toBe(true);
    expect(withSite(off, 'a.example', true).disabledSites).toEqual([]);
  });

  it('does not list a site twice', () => {
    const twice = withSite(withSite(DEFAULT_SETTINGS, 'a.example', false), 'a.example', false);
    expect(twice.disabledSites).toEqual(['a.example']);
  });
});
