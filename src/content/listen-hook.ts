/**
 * How a sender wakes a content script that is not listening. On a page where the sieve finds no
 * one, content.js leaves the extension API alone: its first use costs every page about half a
 * millisecond (docs/performance.md). It leaves a function under a registered symbol on its
 * isolated world's global instead, which the page cannot see. A sender whose message finds no
 * listener runs `listenInPage` in that world (`scripting.executeScript`, messages.ts) with
 * LISTEN_KEY, then sends again.
 */
export const LISTEN_KEY = 'backstory.listen';
export const LISTEN_HOOK = Symbol.for(LISTEN_KEY);

/**
 * Runs in the tab's isolated world, serialised by `scripting.executeScript`, so it can use no
 * import: the key (LISTEN_KEY) comes as its argument. Whether a content script was there to
 * start listening.
 */
export function listenInPage(key: string): boolean {
  const listen = (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(key)];
  if (typeof listen !== 'function') return false;
  listen();
  return true;
}

/**
 * Runs in a frame's isolated world, serialised as `listenInPage` is: whether content.js runs
 * there (it left the hook), whether the frame is a web page, and its host. The background asks
 * it of open tabs before it runs content.js in them (src/background/content-script.ts).
 */
export function frameState(key: string): { running: boolean; web: boolean; hostname: string } {
  return {
    running: typeof (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(key)] === 'function',
    web: location.protocol === 'http:' || location.protocol === 'https:',
    hostname: location.hostname,
  };
}
