/**
 * The content script: small, because it runs on every page (docs/decisions/007). It reads the
 * page's text once and runs the sieve over it; only where the sieve points at a possible mention
 * does it load scan.js (the scanner, hover and cards) and hand it those text nodes. A page with
 * no candidate costs little more than reading its text, and is watched for text it adds later.
 * Messages for the page load scan.js too, which answers them.
 */
import sieveSource from 'backstory:sieve';
import { compileSieve } from '../core/match/sieve';
import { isReadable } from './document-kind';
import { canPaint } from './highlights';
import { loadScanModule } from './load-scan-module';
import type { ScanModule } from './scan-module';
import { sieveChanges, sievePage } from './sieve-page';

/** The extension API as the browser gives it: no polyfill here (see load-scan-module.ts). */
declare const chrome: {
  runtime: {
    onMessage: {
      addListener(listener: (message: unknown, sender: unknown, reply: (answer: unknown) => void) => boolean): void;
    };
  };
};

const isPageMessage = (m: unknown) =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' && (m as { type: string }).type.startsWith('content:');

function main(): void {
  if (!isReadable(document.contentType)) return;
  if (!canPaint(window)) {
    console.info('Backstory: this browser lacks the CSS Custom Highlight API; mentions stay unmarked.');
    return;
  }
  const re = compileSieve(sieveSource);
  const root = document.body ?? document.documentElement;
  const candidates = new Set<Node>();
  let whole = false;
  let loading: Promise<ScanModule> | null = null;

  // Until scan.js takes over with an observer of its own, changes are sieved here.
  const observer = new MutationObserver((records) => {
    const found = sieveChanges(records, re);
    if (found.length === 0) return;
    for (const n of found) candidates.add(n);
    void takeOver();
  });
  observer.observe(document.documentElement, { childList: true, characterData: true, subtree: true });

  const takeOver = (): Promise<ScanModule> =>
    (loading ??= loadScanModule().then((scan) => {
      for (const n of sieveChanges(observer.takeRecords(), re)) candidates.add(n);
      observer.disconnect();
      scan.start(whole ? null : candidates);
      return scan;
    }));

  chrome.runtime.onMessage.addListener((message, sender, reply) => {
    if (!isPageMessage(message)) return false;
    takeOver()
      .then((scan) => scan.dispatch(message, sender))
      .then(reply, (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }));
    return true;
  });

  void sievePage(root, re).then((result) => {
    for (const n of result.hits) candidates.add(n);
    whole ||= result.whole;
    if (whole || candidates.size > 0) void takeOver().catch((error: unknown) => console.error('Backstory could not load its scanner:', error));
  });
}

main();
