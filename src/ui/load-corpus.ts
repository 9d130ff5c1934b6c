/**
 * Extension pages read the bundled index directly: it is a file of the extension itself, so
 * this is no network request, and the page needs no round trip through the background.
 */
import browser from '../browser-api';
import type { CorpusIndex } from '../core/types';

export async function loadCorpus(): Promise<CorpusIndex> {
  const response = await fetch(browser.runtime.getURL('index.json'));
  if (!response.ok) throw new Error(`index.json: HTTP ${response.status}`);
  const data = (await response.json()) as CorpusIndex;
  if (data?.schema !== 1) throw new Error('index.json is not a Backstory corpus index (schema 1)');
  return data;
}
