/**
 * Splits a paragraph of masked text (see mask-quotations.ts) into sentences. Good enough for
 * news prose: a sentence ends at . ! or ? followed by a capital or an opening quotation mark,
 * unless the period belongs to an initialism or a title ("U.S. Treasury", "J.D. Vance").
 */
import type { TextSpan } from './text-span';

const TITLES = new Set('Mr Mrs Ms Dr Jr Sr St Gen Sen Rep Gov Lt Col Prof No vs'.split(' '));

export function splitSentences(masked: string, paragraph: TextSpan): TextSpan[] {
  const sentences: TextSpan[] = [];
  let start = paragraph.start;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    if (!/[.!?]/.test(masked[i] ?? '')) continue;
    let end = i + 1;
    while (end < paragraph.end && /[”"’)]/.test(masked[end] ?? '')) end++;
    let next = end;
    while (next < paragraph.end && /\s/.test(masked[next] ?? '')) next++;
    if (next === end || next >= paragraph.end) continue;
    if (!/[\p{Lu}\p{N}“"]/u.test(masked[next] ?? '')) continue;
    if (masked[i] === '.' && endsAbbreviation(masked.slice(paragraph.start, i))) continue;
    sentences.push({ start, end });
    start = next;
  }
  sentences.push({ start, end: paragraph.end });
  return sentences;
}

function endsAbbreviation(before: string): boolean {
  const word = /[\p{L}.]*\p{L}$/u.exec(before)?.[0] ?? '';
  return /^(?:\p{L}\.)*\p{L}$/u.test(word) || TITLES.has(word);
}
