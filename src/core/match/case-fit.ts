/**
 * How the matcher takes the case of a proper name's words (matcher.ts), shared with the sieve,
 * which checks a namesake's case the same way (sieve.ts).
 */

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Whether `t`, a word of text, is word `w` of a proper name as written, in capitals or capitalised. */
export function casedLike(t: string, w: string): boolean {
  const upper = w.toUpperCase();
  return (
    t === w ||
    t === upper ||
    t === capitalised(w) ||
    // An acronym may be printed as a word: "NATO", "Nato".
    (w === upper && t === capitalised(w.toLowerCase()))
  );
}
