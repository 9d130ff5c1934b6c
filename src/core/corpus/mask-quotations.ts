/**
 * Blanks out quoted words so that attribution reads only the narrator's sentences: a "said"
 * or a name inside a quotation says nothing about who is speaking it.
 */
import type { Quotation } from './find-quotations';

/** Not a letter, digit or punctuation, so no word or sentence pattern can match it. */
export const MASK = '\uE000';

/**
 * Same length as `text`, so offsets carry over. The marks stay, and so does a sentence-final
 * . ! or ? just inside the closing mark (with any ’ of a nested quote after it), since it also
 * ends the narrator's sentence.
 */
export function maskQuotations(text: string, quotations: readonly Quotation[]): string {
  const chars = text.split('');
  for (const { open, close } of quotations) {
    const ending = /[.!?][’']*$/.exec(text.slice(open + 1, close))?.[0].length ?? 0;
    for (let i = open + 1; i < close - ending; i++) chars[i] = MASK;
  }
  return chars.join('');
}
