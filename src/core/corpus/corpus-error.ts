/**
 * A mistake in the corpus files. The message is for whoever edits `data/`: it starts with the
 * file and says what to change there, so the build can stop with it as it stands.
 */
export class CorpusError extends Error {
  override name = 'CorpusError';
}
