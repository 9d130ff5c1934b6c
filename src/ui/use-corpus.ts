import type { CorpusIndex } from '../core/types';
import { loadCorpus } from './load-corpus';
import { useLoad, type Loaded } from './use-load';

/** The corpus index for an extension page, loaded once on mount. */
export function useCorpus(): Loaded<CorpusIndex> {
  return useLoad(loadCorpus);
}
