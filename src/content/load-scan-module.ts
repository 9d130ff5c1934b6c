/**
 * Loads scan.js into the content script's world, as load-card-module.ts loads card.js (Chrome:
 * `import()` of a web-accessible resource at a per-session address; Firefox: the background
 * injects it), but with the browser's own API object: the content script does without the
 * polyfill, whose set-up would cost every page. `browser` (Firefox) and `chrome` (Chrome) both
 * answer these two calls with promises.
 */
import { SCAN_MODULE, type ScanModule } from './scan-module';

declare const BACKSTORY_TARGET: 'chrome' | 'firefox';

interface NativeApi {
  runtime: { getURL(path: string): string; sendMessage(message: unknown): Promise<unknown> };
}

export async function loadScanModule(): Promise<ScanModule> {
  const global = globalThis as unknown as Record<symbol, ScanModule | undefined> & { browser?: NativeApi; chrome?: NativeApi };
  if (!global[SCAN_MODULE]) {
    if (BACKSTORY_TARGET === 'firefox') {
      const reply = (await global.browser!.runtime.sendMessage({ type: 'scan:load', params: {} })) as { ok?: boolean; error?: string } | undefined;
      if (!reply?.ok) throw new Error(reply?.error ?? 'No answer to scan:load');
    } else {
      await import(global.chrome!.runtime.getURL('scan.js'));
    }
  }
  const loaded = global[SCAN_MODULE];
  if (!loaded) throw new Error('The scanner could not be loaded');
  return loaded;
}
