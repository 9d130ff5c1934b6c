/**
 * Splits a span of text into sentences.
 *
 * `Intl.Segmenter` (ICU's sentence rules) does most of it well on this corpus: it keeps a
 * closing quotation mark with its sentence (“… fast.”), does not break inside “…” when the next
 * word is lower case, and treats dashes as punctuation inside a sentence. What it gets wrong
 * is an abbreviation followed by a capital: it breaks "U.S. | Treasury Secretary Scott Bessent",
 * "Vice President J.D. | Vance" and "Trump Warns: U.S. | May Walk Away". ICU's own fix, the
 * `-u-ss-standard` suppressions, is not applied by V8. So the segmenter's breaks are kept, except
 * those right after a title ("Mr.", "Gen."), after initials ("J.D."), or after an initialism
 * ("U.S.") when the next word is not one that usually opens a sentence.
 * test/core/corpus/split-sentences.test.ts holds the cases from the corpus.
 */
import type { TextSpan } from './text-span';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations that always precede a name, so a capital after them continues the sentence. */
const TITLES = new Set('Mr Mrs Ms Mx Dr Prof Gen Lt Col Capt Sgt Adm Sen Rep Gov Pres Amb Rev St Hon Messrs'.split(' '));

/** Initialisms (without their last period) that can end a sentence as well as qualify a noun. */
const PLACE_INITIALISMS = new Set(['U.S', 'U.S.A', 'U.K', 'U.N', 'E.U', 'U.A.E', 'D.C']);

/** Words that open sentences; after "U.S." they start a new one ("… the U.S. The talks …"). */
const SENTENCE_OPENERS = new Set(
  (
    'The A An This That These Those It Its He She They We I You His Her Their Our My There Here ' +
    'But And Or So Yet Still However Meanwhile In On At For As If When While After Before Despite ' +
    'Since Although Though Because With Without Now Then Later Earlier Also Some Many Most No'
  ).split(' '),
);

export function splitSentences(text: string, span: TextSpan): TextSpan[] {
  const sentences: TextSpan[] = [];
  for (const { index, segment } of segmenter.segment(text.slice(span.start, span.end))) {
    const start = span.start + index + (/^\s*/.exec(segment)?.[0].length ?? 0);
    const end = span.start + index + segment.trimEnd().length;
    if (start >= end) continue;
    const previous = sentences.at(-1);
    if (previous && continuesAfterAbbreviation(text.slice(previous.start, previous.end), text.slice(start, end))) {
      previous.end = end;
    } else {
      sentences.push({ start, end });
    }
  }
  return sentences;
}

function continuesAfterAbbreviation(before: string, after: string): boolean {
  const last = /(?:^|\s|\p{Pd}|\()([\p{L}.]*\p{L})\.$/u.exec(before)?.[1];
  if (last === undefined) return false;
  if (TITLES.has(last)) return true;
  const next = /^[\p{L}\p{N}’']+/u.exec(after)?.[0] ?? '';
  if (!/^\p{Lu}/u.test(next)) return false;
  // "U.S. Treasury", "U.K. officials": a place, unless a usual sentence opener follows.
  if (PLACE_INITIALISMS.has(last)) return !SENTENCE_OPENERS.has(next);
  // "J.D. Vance": the initials of a name.
  return /^(?:\p{Lu}\.)+\p{Lu}$/u.test(last);
}
