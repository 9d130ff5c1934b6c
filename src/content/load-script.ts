/**
 * Loads the content script's lazily loaded files into its world of a web page, the way each
 * browser allows without exposing anything to the page:
 * - Chrome: `import()` of a web-accessible resource with a per-session URL
 *   (`use_dynamic_url`), so pages cannot probe for Backstory at a fixed address;
 * - Firefox: the background injects it with `scripting.executeScript` into this frame
 *   (`script:load`), through the host access the content script's registration needs anyway
 *   (docs/permissions.md), so nothing is web-accessible at all. (web-ext lint rejects
 *   `import()` of a computed URL, and Firefox resolves a literal one against the page.)
 * Each file hands its exports over under a registered symbol on the isolated world's global,
 * which the page cannot see. The build sets BACKSTORY_TARGET, so each bundle holds only its own
 * branch. It uses the browser's own API object: content.js does without the polyfill, whose
 * set-up would cost every page, and `browser` (Firefox) and `chrome` (Chrome) both answer these
 * calls with promises.
 */
import { CARD_MODULE, type CardModule } from './card-module';
import { SCAN_MODULE, type ScanModule } from './scan-module';

declare const BACKSTORY_TARGET: 'chrome' | 'firefox';

interface NativeApi {
  runtime: { getURL(path: string): string; sendMessage(message: unknown): Promise<unknown> };
}

async function loadScript<T>(file: 'card.js' | 'scan.js', key: symbol): Promise<T> {
  const global = globalThis as unknown as Record<symbol, T | undefined> & { browser?: NativeApi; chrome?: NativeApi };
  if (!global[key]) {
    if (BACKSTORY_TARGET === 'firefox') {
      const reply = (await global.browser!.runtime.sendMessage({ type: 'script:load', params: { file } })) as
        | { ok?: boolean; error?: string }
        | undefined;
      if (!reply?.ok) throw new Error(reply?.error ?? `No answer to script:load ${file}`);
    } else {
      await import(global.chrome!.runtime.getURL(file));
    }
  }
  const loaded = global[key];
  if (!loaded) throw new Error(`${file} could not be loaded`);
  return loaded;
}

/** The card (card.js), on the first hover or keyboard request (decision 005). */
export const loadCardModule = (): Promise<CardModule> => loadScript('card.js', CARD_MODULE);

/** The scanner (scan.js), where the sieve finds a candidate or a message needs it (decision 007). */
export const loadScanModule = (): Promise<ScanModule> => loadScript('scan.js', SCAN_MODULE);
