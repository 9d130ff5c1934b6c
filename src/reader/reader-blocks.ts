/**
 * An article as the reader lays it out: the corpus pipeline's own labels (clean-article) decide
 * what is the article's text and what is site furniture, and the span the address names is
 * cut out for marking. Pure, and offsets stay those of the raw text.
 */
import { cleanArticle, subtract, type Block } from '../core/corpus/clean-article';
import type { Span } from './reader-address';

export type ReaderBlockKind = 'paragraph' | 'heading' | 'takeaway' | 'opinion';

/** A run of the article's text, marked where it is inside the addressed span. */
export interface Piece extends Span {
  text: string;
  marked: boolean;
}

export interface ReaderBlock {
  kind: ReaderBlockKind;
  /** Where the line starts in the raw text, a stable key. */
  start: number;
  pieces: Piece[];
}

const KIND: Partial<Record<Block['kind'], ReaderBlockKind>> = {
  prose: 'paragraph',
  heading: 'heading',
  takeaway: 'takeaway',
  opinion: 'opinion',
};

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * The blocks to show: the article's paragraphs, headings, takeaways and opinion, without the
 * headline (the page shows it as its title), site chrome and citation markers. A line the
 * addressed span touches is always shown, so a link never points at nothing.
 */
export function readerBlocks(text: string, span: Span | null): ReaderBlock[] {
  const out: ReaderBlock[] = [];
  for (const block of cleanArticle(text)) {
    const touched = span !== null && overlaps(block, span);
    const kind = KIND[block.kind] ?? (touched ? 'paragraph' : null);
    if (!kind) continue;
    // A takeaway's list marker ("- ") becomes the list's own bullet.
    const marker = block.kind === 'takeaway' ? (/^[-•*]\s+/.exec(text.slice(block.start, block.end))?.[0].length ?? 0) : 0;
    const line = { start: block.start + marker, end: block.end };
    const visible = touched ? [line] : subtract(line, block.cuts);
    out.push({ kind, start: block.start, pieces: visible.flatMap((part) => markSpan(text, part, span)) });
  }
  return out;
}

/** `part` of `text`, cut where `span` begins and ends. */
export function markSpan(text: string, part: Span, span: Span | null): Piece[] {
  const bounds = [part.start, part.end];
  if (span && overlaps(part, span)) bounds.push(Math.max(part.start, span.start), Math.min(part.end, span.end));
  const cuts = [...new Set(bounds)].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    pieces.push({ start, end, text: text.slice(start, end), marked: span !== null && start >= span.start && end <= span.end });
  }
  return pieces;
}
