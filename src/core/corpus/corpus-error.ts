/**
 * A mistake in the corpus files. The message is for whoever edits `data/`: it starts with the
 * file (and, where one can be named, the line) and says what to change there, so the build can
 * stop with it as it stands.
 */
export class CorpusError extends Error {
  override name = 'CorpusError';

  /** `data/entities.json: line 57: <problem>`; without a line, `data/entities.json: <problem>`. */
  static at(file: string, line: number | null, problem: string): CorpusError {
    return new CorpusError(line === null ? `${file}: ${problem}` : `${file}: line ${line}: ${problem}`);
  }
}
