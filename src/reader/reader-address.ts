/** The reader's address and paragraphs: pure, so links can be tested without a browser. */

export interface Span {
  start: number;
  end: number;
}

/**
 * The reader's address for an article, scrolled to and marking `span` if given:
 * `reader.html?article=ID&start=N&end=M`. Relative to the extension's root.
 */
export function readerPath(articleId: string, span?: Span | null): string {
  const params = new URLSearchParams({ article: articleId });
  if (span) {
    params.set('start', String(span.start));
    params.set('end', String(span.end));
  }
  return `reader.html?${params}`;
}

export function parseReaderAddress(search: string): { articleId: string | null; span: Span | null } {
  const q = new URLSearchParams(search);
  const start = Number(q.get('start'));
  const end = Number(q.get('end'));
  const valid = q.has('start') && q.has('end') && Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start < end;
  return { articleId: q.get('article'), span: valid ? { start, end } : null };
}
