/**
 * Courtesy titles that belong to the mention of the name after them: "Mr. Putin", "Mme Meloni",
 * "пан Зеленський". Offices ("President", "Secretary of State") are not honorifics: they are
 * words of the sentence, and the same office is held by different people over time.
 */
import { isWordChar } from './normalise';

/** Written capitalised; a page may also print them in capitals ("MR. PUTIN"). */
const TITLES = [
  'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Sir', 'Dame', 'Lord', 'Lady', 'Rev',
  'Mme', 'Mlle', 'Herr', 'Frau', 'Sig', 'Sig.ra', 'Signor', 'Signora', 'Sr', 'Sra', 'Srta',
  'Señor', 'Señora',
];
/** Written in lower case inside a sentence, capitalised at its start. */
const LOWER_TITLES = ['пан', 'пані', 'господин', 'госпожа', 'г-н', 'г-жа'];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const FORMS = new Set<string>();
for (const t of TITLES) FORMS.add(t).add(t.toUpperCase());
for (const t of LOWER_TITLES) FORMS.add(t).add(capitalise(t)).add(t.toUpperCase());
/** A one-letter title (French "M.") needs its full stop; longer ones may go without. */
const NEEDS_STOP = new Set(['M']);

const SPACE = /\s/;
const isTitleChar = (c: string) => c === '.' || c === '-' || isWordChar(c);

/**
 * Where the honorific right before `start` begins ("Mr. " in "Mr. Putin"), or `start` when
 * there is none. Reads back at most a few characters.
 */
export function honorificStart(text: string, start: number): number {
  let j = start;
  while (j > 0 && start - j < 3 && SPACE.test(text[j - 1]!)) j--;
  if (j === start || j === 0) return start;
  const stop = text[j - 1] === '.';
  const end = stop ? j - 1 : j;
  let k = end;
  while (k > 0 && end - k < 8 && isTitleChar(text[k - 1]!)) k--;
  if (k > 0 && (isWordChar(text[k - 1]) || text[k - 1] === '.')) return start;
  const title = text.slice(k, end);
  if (!FORMS.has(title) && !(stop && NEEDS_STOP.has(title))) return start;
  return k;
}
