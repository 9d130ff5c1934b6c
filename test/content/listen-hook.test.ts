import { afterEach, describe, expect, it, vi } from 'vitest';
import { LISTEN_HOOK, listenInPage } from '../../src/content/listen-hook';

describe('listenInPage', () => {
  const global = globalThis as unknown as Record<symbol, unknown>;
  afterEach(() => {
    delete global[LISTEN_HOOK];
  });

  it('starts the content script listening through the hook it left, by the same key', () => {
    const listen = vi.fn();
    global[LISTEN_HOOK] = listen;
    expect(listenInPage()).toBe(true);
    expect(listen).toHaveBeenCalledOnce();
  });

  it('says so where no content script left one (a page it does not run in)', () => {
    expect(listenInPage()).toBe(false);
  });

  it('uses nothing from its module, as it runs serialised in the page', () => {
    // scripting.executeScript sends the function's source alone.
    expect(listenInPage.toString()).not.toMatch(/LISTEN_HOOK|_listenHook|import/);
  });
});
