/**
 * Finds the double-quoted passages of a paragraph. Single quotes are left alone: ‘…’ only
 * nests inside a double quotation here, and ’ is far more often an apostrophe.
 */
import type { TextSpan } from './text-span';

/** Offsets of the opening and the closing quotation mark themselves. */
export interface Quotation {
  open: number;
  /** The closing mark; for a truncated quotation, the end of its words. */
  close: number;
  /** The text cuts the quotation off before its closing mark (an embedded tweet's "…"). */
  truncated?: true;
}

const OPENING = '“';
const CLOSING = '”';
const STRAIGHT = '"';

/**
 * Collected text mixes typographic and straight marks, even within one quotation
 * ("There is a lot to do,” she wrote), so a straight mark closes whatever is open.
 * A quotation still open at the end of its paragraph is dropped rather than guessed at, unless
 * the caller knows the text was cut off there (`cutOff`): then it ends with the paragraph.
 */
export function findQuotations(text: string, paragraph: TextSpan, cutOff = false): Quotation[] {
  const found: Quotation[] = [];
  let open = -1;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const char = text[i];
    if (open < 0) {
      if (char === OPENING || char === STRAIGHT) open = i;
    } else if (char === CLOSING || char === STRAIGHT) {
      found.push({ open, close: i });
      open = -1;
    } else if (char === OPENING) {
      // An opening mark inside an open quotation means the earlier one was never closed.
      open = i;
    }
  }
  if (open >= 0 && cutOff) found.push({ open, close: paragraph.end, truncated: true });
  return found;
}

/**
 * The quoted words: inside the marks, without the comma that only joins them to "he said".
 * A fragment woven into the narrator's sentence (remains “difficult.”) also loses the period,
 * which ends the narrator's sentence rather than the speaker's.
 */
export function quotedWords(text: string, quotation: Quotation): TextSpan | null {
  let start = quotation.open + 1;
  let end = quotation.close;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  const trailing = /\p{Ll}/u.test(text[start] ?? '') ? /[\s,;:.]/ : /[\s,;:]/;
  while (end > start && trailing.test(text[end - 1] ?? '')) end--;
  return start < end ? { start, end } : null;
}
