/**
 * The corpus and its prebuilt search index (search-index.json, written by build.mjs), fetched
 * together from the extension's own files and parsed into a searcher.
 */
import browser from '../browser-api';
import { createSearcher, type CorpusSearch, type SearchIndexFile } from '../core/search';
import type { CorpusIndex } from '../core/types';
import { loadCorpus } from './load-corpus';

export interface SearchData {
  index: CorpusIndex;
  searcher: CorpusSearch;
}

export async function loadSearch(): Promise<SearchData> {
  const [index, file] = await Promise.all([loadCorpus(), fetchSearchIndex()]);
  return { index, searcher: createSearcher(index, file) };
}

async function fetchSearchIndex(): Promise<SearchIndexFile> {
  const response = await fetch(browser.runtime.getURL('search-index.json'));
  if (!response.ok) throw new Error(`search-index.json: HTTP ${response.status}`);
  return (await response.json()) as SearchIndexFile;
}
