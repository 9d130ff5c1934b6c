/** The reader's address and paragraphs: pure, so links can be tested without a browser. */

export interface Span {
  start: number;
  end: number;
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
