/**
 * Loads the corpus index the build bundled as `index.json`, once per background lifetime.
 * A missing or malformed index becomes a clear error for whoever asked, not a crash.
 */
import browser from '../browser-api';
import type { CorpusIndex } from '../core/types';

let loading: Promise<CorpusIndex> | null = null;

export function loadIndex(): Promise<CorpusIndex> {
  loading ??= fetchIndex().catch((error: unknown) => {
    loading = null; // let a later request try again
    throw error;
  });
  return loading;
}

async function fetchIndex(): Promise<CorpusIndex> {
  const response = await fetch(browser.runtime.getURL('index.json'));
  if (!response.ok) throw new Error(`index.json: HTTP ${response.status}`);
  const data: unknown = await response.json();
  if (!isIndex(data)) throw new Error('index.json is not a Backstory corpus index (schema 1)');
  return data;
}

function isIndex(v: unknown): v is CorpusIndex {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.schema === 1 && Array.isArray(o.entities) && Array.isArray(o.articles) && Array.isArray(o.quotes);
}
