import { useEffect, useState } from 'preact/hooks';
import type { CorpusIndex } from '../core/types';
import { loadCorpus } from './load-corpus';

export type CorpusState =
  | { status: 'loading' }
  | { status: 'ready'; index: CorpusIndex }
  | { status: 'error'; message: string };

/** The corpus index for an extension page, loaded once on mount. */
export function useCorpus(): CorpusState {
  const [state, setState] = useState<CorpusState>({ status: 'loading' });
  useEffect(() => {
    loadCorpus().then(
      (index) => setState({ status: 'ready', index }),
      (error: unknown) => setState({ status: 'error', message: String(error) }),
    );
  }, []);
  return state;
}
