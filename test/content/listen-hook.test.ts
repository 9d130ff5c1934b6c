import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameState, LISTEN_HOOK, LISTEN_KEY, listenInPage } from '../../src/content/listen-hook';

describe('listenInPage', () => {
  const global = globalThis as unknown as Record<symbol, unknown>;
  afterEach(() => {
    delete global[LISTEN_HOOK];
  });

  it('starts the content script listening through the hook it left, named by the key it is given', () => {
    const listen = vi.fn();
    global[LISTEN_HOOK] = listen;
    expect(listenInPage(LISTEN_KEY)).toBe(true);
    expect(listen).toHaveBeenCalledOnce();
    expect(listenInPage('another.key')).toBe(false);
    expect(listen).toHaveBeenCalledOnce();
  });

  it('says so where no content script left one (a page it does not run in)', () => {
    expect(listenInPage(LISTEN_KEY)).toBe(false);
  });

  it('uses nothing from its module, as it runs serialised in the page', () => {
    // scripting.executeScript sends the function's source alone, and its arguments.
    expect(listenInPage.toString()).not.toMatch(/LISTEN_HOOK|LISTEN_KEY|backstory\.listen|import/);
  });

  it('is woken by the same key in the real-pages harness, which node runs as plain JavaScript', () => {
    // test/pages/launch.mjs cannot import this module; a drift would fail that run, this says where.
    const harness = readFileSync(new URL('../pages/launch.mjs', import.meta.url), 'utf8');
    expect(harness).toContain(`const LISTEN_KEY = '${LISTEN_KEY}';`);
  });
});

describe('frameState', () => {
  const global = globalThis as unknown as Record<symbol, unknown>;
  afterEach(() => {
    delete global[LISTEN_HOOK];
    vi.unstubAllGlobals();
  });

  it('says whether content.js runs in the frame, whether it is a web page, and its host', () => {
    vi.stubGlobal('location', { protocol: 'https:', hostname: 'news.example' });
    expect(frameState(LISTEN_KEY)).toEqual({ running: false, web: true, hostname: 'news.example' });
    global[LISTEN_HOOK] = () => undefined;
    expect(frameState(LISTEN_KEY)).toEqual({ running: true, web: true, hostname: 'news.example' });
    vi.stubGlobal('location', { protocol: 'about:', hostname: '' });
    expect(frameState(LISTEN_KEY)).toMatchObject({ web: false });
  });

  it('uses nothing from its module, as it runs serialised in the page', () => {
    expect(frameState.toString()).not.toMatch(/LISTEN_HOOK|LISTEN_KEY|backstory\.listen|import/);
  });
});

