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

export interface Paragraph extends Span {
  text: string;
}

/** The non-blank lines of an article, with their offsets in the raw text. */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) out.push({ text: line, start, end: start + line.length });
    start += line.length + 1;
  }
  return out;
}

export interface Piece {
  text: string;
  /** Whether this piece is inside the span the address names. */
  marked: boolean;
}

/**
 * A paragraph cut where `span` begins and ends. A span across paragraphs marks its part of
 * each; a paragraph outside it is one unmarked piece.
 */
export function paragraphPieces(paragraph: Paragraph, span: Span | null): Piece[] {
  if (!span || span.end <= paragraph.start || span.start >= paragraph.end) return [{ text: paragraph.text, marked: false }];
  const from = Math.max(0, span.start - paragraph.start);
  const to = Math.min(paragraph.text.length, span.end - paragraph.start);
  return [
    { text: paragraph.text.slice(0, from), marked: false },
    { text: paragraph.text.slice(from, to), marked: true },
    { text: paragraph.text.slice(to), marked: false },
  ].filter((p) => p.text.length > 0);
}
