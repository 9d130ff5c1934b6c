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

/**
 * The shape the build writes: checked on the first entity and quote, which is enough to tell a
 * stale or foreign file (an index from before backgrounds and grouped quotes) from the real one.
 */
function isIndex(v: unknown): v is CorpusIndex {
  if (!isObject(v) || v.schema !== 1) return false;
  const { entities, articles, quotes } = v;
  if (!Array.isArray(entities) || !Array.isArray(articles) || !Array.isArray(quotes)) return false;
  const [entity] = entities as unknown[];
  const [quote] = quotes as unknown[];
  return (
    (entity === undefined || (isObject(entity) && Array.isArray(entity.background))) &&
    (quote === undefined || (isObject(quote) && Array.isArray(quote.sources)))
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
