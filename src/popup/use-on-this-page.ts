import { useEffect, useState } from 'preact/hooks';
import type { PageMention } from '../messages';
import { pageMentions, targetTabId } from './page-target';

export type OnThisPage =
  | { status: 'loading' }
  /** No page to ask, or its content script does not answer (a browser page, a PDF, a store). */
  | { status: 'unavailable' }
  | { status: 'ready'; tabId: number; mentions: PageMention[] }
  /** Backstory is paused: pages are not read, so there is nothing to ask. */
  | { status: 'paused' };

/** What Backstory found on the page the popup is about, asked once on open. */
export function useOnThisPage(): OnThisPage {
  const [state, setState] = useState<OnThisPage>({ status: 'loading' });
  useEffect(() => {
    (async () => {
      const tabId = await targetTabId();
      if (tabId === null) return setState({ status: 'unavailable' });
      setState({ status: 'ready', tabId, mentions: await pageMentions(tabId) });
    })().catch(() => setState({ status: 'unavailable' }));
  }, []);
  return state;
}
