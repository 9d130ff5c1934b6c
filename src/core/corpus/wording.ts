/**
 * Compares wordings: the same remark as two outlets quote it, or two sentences that say the same
 * thing. Words are compared after folding case, apostrophes, contractions ("we’re" = "we are"),
 * British spellings ("endeavour" = "endeavor") and common endings ("moving" = "move"), so only a
 * real difference in wording counts.
 */

/** Function words and fillers: they carry no content of their own. */
const STOPWORDS = new Set(
  (
    'a an the and or but if then so of to in on at for with by from as into onto over up out about ' +
    'than too only that this these those it its is are was were be been being am will would can ' +
    'could should shall may might must do does did done have has had we our ours us you your they ' +
    'their them he his him she her i me my not no just going go get got there here what which who ' +
    'whom whose when where whether why how very really well now even also all any some one say said ' +
    'think because while'
  ).split(' '),
);

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'d\b/g, ' would'],
  [/'m\b/g, ' am'],
  [/'s\b/g, ' is'],
];

/** The words of a text, folded and stemmed, in order. */
export function wordTokens(text: string): string[] {
  let folded = text.normalize('NFKC').toLowerCase().replace(/[’‘ʼ`]/g, "'");
  for (const [pattern, expansion] of CONTRACTIONS) folded = folded.replace(pattern, expansion);
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 || /\d/.test(w)).map(stem);
}

/** The tokens that carry content. */
export function contentWords(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((t) => !STOPWORDS.has(t)));
}

function stem(word: string): string {
  if (STOPWORDS.has(word) || word.length <= 3) return word;
  let w = word.replace(/our$/, 'or').replace(/ours$/, 'ors');
  if (/ies$/.test(w)) w = `${w.slice(0, -3)}y`;
  else if (/(?:ing|ed)$/.test(w) && w.length > 5) w = w.replace(/(?:ing|ed)$/, '');
  else if (/[^s]s$/.test(w)) w = w.slice(0, -1);
  if (/(\p{L})\1$/u.test(w) && w.length > 4) w = w.slice(0, -1); // stopped → stopp → stop
  return w.replace(/e$/, '');
}

/**
 * Whether `short` appears in `long` in order, with at most `maxGap` other tokens between two
 * of its tokens: "within days" in "within a matter of days".
 */
export function isSubsequence(short: readonly string[], long: readonly string[], maxGap: number): boolean {
  if (short.length === 0) return false;
  for (let first = long.indexOf(short[0]!); first >= 0; first = long.indexOf(short[0]!, first + 1)) {
    let at = first;
    let matched = 1;
    for (; matched < short.length; matched++) {
      const next = long.indexOf(short[matched]!, at + 1);
      if (next < 0 || next - at - 1 > maxGap) break;
      at = next;
    }
    if (matched === short.length) return true;
  }
  return false;
}

/** Whether `short` appears in `long` word for word. */
export function isContiguous(short: readonly string[], long: readonly string[]): boolean {
  return isSubsequence(short, long, 0);
}

/** Shared content words over the content words of the smaller side: 1 when one contains the other. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): { shared: number; ratio: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return { shared, ratio: small.size === 0 ? 0 : shared / small.size };
}

/** Shared content words over all content words of both (Jaccard). */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
