import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LISTEN_HOOK, LISTEN_KEY, listenInPage } from '../../src/content/listen-hook';

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
