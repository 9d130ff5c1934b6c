/**
 * The usual written variants of a topic's name: British and American spellings, the plural,
 * and the words written apart or together ("cease fire", "ceasefire"; "cease-fire" needs no
 * variant, because normalising drops a hyphen between letters). Synonyms ("truce") are not
 * derived: the corpus lists them as aliases.
 */

/** [British, American] spelling rules, each usable in both directions. */
const SPELLINGS: [RegExp, string, RegExp, string][] = [
  // labour/labor, behaviour/behavior, honourable/honorable
  [/^([a-z]{2,})our(s|ed|ing|er|ers|able|ably|ful|less|ite|ites)?$/, '$1or$2', /^([a-z]{3,})or(s|ed|ing|er|ers|able|ably|ful|less|ite|ites)?$/, '$1our$2'],
  // militarisation/militarization, recognise/recognize
  [/^([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2', /^([a-z]{3,})iz(e|es|ed|ing|ation|ations|er|ers)$/, '$1is$2'],
  // analyse/analyze, paralysed/paralyzed
  [/^([a-z]{2,})ys(e|es|ed|ing)$/, '$1yz$2', /^([a-z]{2,})yz(e|es|ed|ing)$/, '$1ys$2'],
  // centre/center, theatre/theater, fibre/fiber
  [/^([a-z]{2,}[tb])re(s|d)?$/, '$1er$2', /^([a-z]{2,}[tb])er(s|ed)?$/, '$1re$2'],
  // defence/defense, offence/offense, licence/license, pretence/pretense
  [/^(def|off|lic|pret)ence(s)?$/, '$1ense$2', /^(def|off|lic|pret)ense(s)?$/, '$1ence$2'],
  // catalogue/catalog, dialogue/dialog, analogue/analog
  [/^([a-z]*(?:alog|olog|agog))ue(s)?$/, '$1$2', /^([a-z]*(?:alog|olog|agog))(s)?$/, '$1ue$2'],
  // travelled/traveled, cancelling/canceling, counsellor/counselor
  [/^([a-z]{2,}[aeiou])ll(ed|ing|er|ers|or|ors)$/, '$1l$2', /^([a-z]{2,}[^aeiou][aeiou])l(ed|ing|er|ers|or|ors)$/, '$1ll$2'],
  // judgement/judgment, acknowledgement/acknowledgment
  [/^([a-z]+dg)ement(s)?$/, '$1ment$2', /^([a-z]+dg)ment(s)?$/, '$1ement$2'],
  // programme/program
  [/^([a-z]+gram)me(s)?$/, '$1$2', /^([a-z]+gram)(s)?$/, '$1me$2'],
];

/** British-only digraphs that American spelling writes as a plain "e": paediatric, manoeuvre. */
const DIGRAPHS = /(?<=[a-z])(ae|oe)(?=[a-z])/g;

/** Bounds the variants of one word, whatever the rules do. */
const MAX_PER_WORD = 12;

const known = new Map<string, string[]>();

function spellings(word: string): string[] {
  let cached = known.get(word);
  if (!cached) known.set(word, (cached = derive(word)));
  return cached;
}

function derive(word: string): string[] {
  const found = new Set([word]);
  const queue = [word];
  while (queue.length > 0 && found.size < MAX_PER_WORD) {
    const w = queue.shift()!;
    const next = [w.replace(DIGRAPHS, 'e')];
    for (const [british, american, americanForm, britishForm] of SPELLINGS) {
      if (british.test(w)) next.push(w.replace(british, american));
      if (americanForm.test(w)) next.push(w.replace(americanForm, britishForm));
    }
    for (const v of next) {
      if (!found.has(v) && found.size < MAX_PER_WORD) {
        found.add(v);
        queue.push(v);
      }
    }
  }
  return [...found];
}

/** The plural forms of an English noun; none when it already looks plural. */
export function plurals(word: string): string[] {
  if (!/[a-z]$/.test(word) || word !== word.toLowerCase()) return [];
  if (/is$/.test(word)) return [word.replace(/is$/, 'es')]; // crisis → crises
  if (/(?:ss|us|[sxz]|ch|sh)$/.test(word)) return /[^s]s$/.test(word) && !/us$/.test(word) ? [] : [`${word}es`];
  if (/[^aeiou]y$/.test(word)) return [word.replace(/y$/, 'ies')];
  return [`${word}s`];
}

/**
 * Every spelling of a topic alias to match, the alias itself first. Topics match in any case,
 * so the variants are derived from the alias in lower case.
 */
export function topicVariants(alias: string): string[] {
  const words = alias.toLowerCase().split(/[\s\-\u2010\u2011]+/u).filter(Boolean);
  if (words.length === 0) return [alias];
  let combos: string[][] = [[]];
  for (const word of words) {
    const options = spellings(word);
    combos = combos.flatMap((c) => options.map((o) => [...c, o])).slice(0, 64);
  }
  const withPlurals = combos.flatMap((c) => {
    const last = c[c.length - 1]!;
    return [c, ...plurals(last).map((p) => [...c.slice(0, -1), p])];
  });
  const out = new Set([alias]);
  for (const c of withPlurals) {
    out.add(c.join(' '));
    // Two words may also be written as one compound ("cease fire", "ceasefire").
    if (c.length === 2) out.add(c.join(''));
  }
  return [...out];
}
