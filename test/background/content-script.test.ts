import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScript } from '../../src/core/content-script';

/**
 * An in-memory stand-in for what the module uses: storage.sync (the settings), the scripting
 * API's registrations and injections, and tabs with their frames.
 */
const fake = vi.hoisted(() => {
  type Frame = { frameId: number; running: boolean; web: boolean; hostname: string };
  const state = {
    settings: undefined as unknown,
    registered: [] as ContentScript[],
    refuse: null as RegExp | null,
    tabs: [] as { id: number; frames: Frame[] }[],
    calls: [] as string[],
    injected: [] as { tabId: number; frameIds: number[]; what: string }[],
  };
  const check = (scripts: ContentScript[]) => {
    if (state.refuse && scripts.some((s) => s.excludeMatches.some((p) => state.refuse!.test(p)))) throw new Error('Invalid url pattern');
  };
  const api = {
    storage: {
      sync: { get: async () => ({ settings: state.settings }), set: async () => undefined },
      local: { get: async () => ({}), set: async () => undefined },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => state.registered.filter((s) => ids.includes(s.id)),
      registerContentScripts: async (scripts: ContentScript[]) => {
        state.calls.push('register');
        check(scripts);
        if (scripts.some((s) => state.registered.some((r) => r.id === s.id))) throw new Error('Duplicate script ID');
        state.registered.push(...structuredClone(scripts));
      },
      updateContentScripts: async (scripts: ContentScript[]) => {
        state.calls.push('update');
        check(scripts);
        state.registered = state.registered.map((r) => structuredClone(scripts.find((s) => s.id === r.id) ?? r));
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        state.calls.push('unregister');
        state.registered = state.registered.filter((s) => !ids.includes(s.id));
      },
      executeScript: async ({ target, files, func }: { target: { tabId: number; frameIds?: number[] }; files?: string[]; func?: unknown }) => {
        const tab = state.tabs.find((t) => t.id === target.tabId);
        if (!tab) throw new Error('No tab');
        if (func) return tab.frames.map(({ frameId, ...result }) => ({ frameId, result }));
        state.injected.push({ tabId: tab.id, frameIds: target.frameIds!, what: files!.join() });
        return [];
      },
      insertCSS: async ({ target, files }: { target: { tabId: number; frameIds: number[] }; files: string[] }) => {
        state.injected.push({ tabId: target.tabId, frameIds: target.frameIds, what: files.join() });
      },
    },
    tabs: { query: async () => state.tabs.map(({ id }) => ({ id })) },
  };
  return { state, api };
});
vi.mock('../../src/browser-api', () => ({ default: fake.api }));

const { followSettings, keepContentScript, reachOpenTabs } = await import('../../src/background/content-script');
const { DEFAULT_SETTINGS } = await import('../../src/core/settings');

beforeEach(() => {
  Object.assign(fake.state, { settings: undefined, registered: [], refuse: null, tabs: [], calls: [], injected: [] });
});

describe('keepContentScript', () => {
  it('registers the content script on every web page at first, and says it now runs on more pages', async () => {
    expect((await keepContentScript()).widened).toBe(true);
    expect(fake.state.registered).toEqual([expect.objectContaining({ js: ['content.js'], matches: ['http://*/*', 'https://*/*'], excludeMatches: [] })]);
    expect((await keepContentScript()).widened).toBe(false);
    expect(fake.state.calls).toEqual(['register']);
  });

  it('removes it while paused, and brings it back on resume', async () => {
    await keepContentScript();
    fake.state.settings = { ...DEFAULT_SETTINGS, paused: true };
    expect((await keepContentScript()).widened).toBe(false);
    expect(fake.state.registered).toEqual([]);
    fake.state.settings = DEFAULT_SETTINGS;
    expect((await keepContentScript()).widened).toBe(true);
    expect(fake.state.calls).toEqual(['register', 'unregister', 'register']);
  });

  it('updates the sites left out; only a site turned back on widens it', async () => {
    await keepContentScript();
    fake.state.settings = { ...DEFAULT_SETTINGS, disabledSites: ['a.example', 'b.example'] };
    expect((await keepContentScript()).widened).toBe(false);
    expect(fake.state.registered[0]?.excludeMatches).toEqual(['*://a.example/*', '*://b.example/*']);
    fake.state.settings = { ...DEFAULT_SETTINGS, disabledSites: ['b.example'] };
    expect((await keepContentScript()).widened).toBe(true);
    expect(fake.state.registered[0]?.excludeMatches).toEqual(['*://b.example/*']);
    expect(fake.state.calls).toEqual(['register', 'update', 'update']);
  });

  it('registers once when asked twice at the same time (start-up and a settings change)', async () => {
    await Promise.all([keepContentScript(), keepContentScript()]);
    expect(fake.state.calls).toEqual(['register']);
  });

  it('runs everywhere when the browser refuses a site’s pattern, leaving that site to the page’s own check', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake.state.refuse = /odd/;
    fake.state.settings = { ...DEFAULT_SETTINGS, disabledSites: ['odd.example'] };
    expect((await keepContentScript()).widened).toBe(true);
    expect(fake.state.registered[0]?.excludeMatches).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('follows corrupt stored settings as their repaired defaults', async () => {
    fake.state.settings = 'garbage';
    await keepContentScript();
    expect(fake.state.registered).toHaveLength(1);
  });
});

describe('reachOpenTabs', () => {
  it('runs content.css and content.js in the web frames that lack them and that the settings allow', async () => {
    const settings = { ...DEFAULT_SETTINGS, disabledSites: ['off.example'] };
    fake.state.tabs = [
      {
        id: 1,
        frames: [
          { frameId: 0, running: false, web: true, hostname: 'news.example' },
          { frameId: 4, running: true, web: true, hostname: 'news.example' },
          { frameId: 5, running: false, web: true, hostname: 'off.example' },
          { frameId: 6, running: false, web: false, hostname: '' },
          { frameId: 7, running: false, web: true, hostname: 'video.example' },
        ],
      },
      { id: 2, frames: [{ frameId: 0, running: true, web: true, hostname: 'news.example' }] },
    ];
    await reachOpenTabs(settings);
    expect(fake.state.injected).toEqual([
      { tabId: 1, frameIds: [0, 7], what: 'content.css' },
      { tabId: 1, frameIds: [0, 7], what: 'content.js' },
    ]);
  });

  it('passes over a tab that went or refuses scripts', async () => {
    fake.state.tabs = [{ id: 3, frames: [{ frameId: 0, running: false, web: true, hostname: 'x.example' }] }];
    const query = fake.api.tabs.query;
    fake.api.tabs.query = async () => [{ id: 99 }, { id: 3 }];
    await reachOpenTabs(DEFAULT_SETTINGS);
    fake.api.tabs.query = query;
    expect(fake.state.injected.map((i) => i.tabId)).toEqual([3, 3]);
  });
});

describe('followSettings', () => {
  it('reaches open tabs only when the content script now runs on more pages', async () => {
    fake.state.tabs = [{ id: 1, frames: [{ frameId: 0, running: false, web: true, hostname: 'a.example' }] }];
    await followSettings();
    expect(fake.state.injected).toHaveLength(2);
    await followSettings();
    expect(fake.state.injected).toHaveLength(2);
  });

  it('reaches them by the settings it registered by, read once', async () => {
    fake.state.settings = { ...DEFAULT_SETTINGS, disabledSites: ['a.example'] };
    fake.state.tabs = [
      { id: 1, frames: [{ frameId: 0, running: false, web: true, hostname: 'a.example' }] },
      { id: 2, frames: [{ frameId: 0, running: false, web: true, hostname: 'b.example' }] },
    ];
    const read = vi.spyOn(fake.api.storage.sync, 'get');
    await followSettings();
    expect(read).toHaveBeenCalledOnce();
    expect(fake.state.injected.map((i) => i.tabId)).toEqual([2, 2]);
    read.mockRestore();
  });

  it('logs a failure and never rejects', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const get = fake.api.scripting.getRegisteredContentScripts;
    fake.api.scripting.getRegisteredContentScripts = async () => {
      throw new Error('scripting is gone');
    };
    await expect(followSettings()).resolves.toBeUndefined();
    fake.api.scripting.getRegisteredContentScripts = get;
    expect(error).toHaveBeenCalledWith(expect.stringContaining('could not register'), expect.any(Error));
    error.mockRestore();
  });
});
