/**
 * The inflected forms of a name written in Cyrillic. Russian and Ukrainian decline names:
 * a page says "Путина", "Зеленського", "Дональда Трампа" far more often than the nominative.
 * The endings below are the regular ones of both languages, by grammatical case (genitive,
 * dative, accusative, instrumental, locative); a multi-word name takes the same case in every
 * word. Forms the languages do not use are harmless: nothing on a page spells them.
 * Irregular alternations (Сибіга → Сибізі) are not derived.
 */

type Declension = { stem: (w: string) => string; endings: string[][] };

const CASES = 5;

/** Declension types, tried in order; the first whose pattern fits the word's ending applies. */
const TYPES: [RegExp, Declension][] = [
  // Adjectival surnames: Зеленський, Зеленский, Толстой.
  [/(?:[сцз]ь?кий|ый|ой)$/u, {
    stem: (w) => w.slice(0, -2),
    endings: [['ого'], ['ому'], ['ого'], ['им', 'ым'], ['ом', 'ому', 'ім']],
  }],
  // Сергей, Сергій, Андрій, Дмитрий.
  [/й$/u, {
    stem: (w) => w.slice(0, -1),
    endings: [['я'], ['ю', 'єві'], ['я'], ['ем', 'єм'], ['е', 'и', 'ї', 'і']],
  }],
  // Эммануэль, Еммануель.
  [/ь$/u, {
    stem: (w) => w.slice(0, -1),
    endings: [['я'], ['ю', 'еві'], ['я'], ['ем'], ['е', 'і']],
  }],
  // Юлия, Юлія.
  [/я$/u, {
    stem: (w) => w.slice(0, -1),
    endings: [['и', 'ї'], ['и', 'ї', 'е'], ['ю'], ['ей', 'ею', 'єю'], ['и', 'ї', 'е']],
  }],
  // Сибіга, Иванна, Джорджа, and feminine surnames in -ова, -ина.
  [/а$/u, {
    stem: (w) => w.slice(0, -1),
    endings: [['ы', 'и', 'ой'], ['е', 'і', 'ой'], ['у'], ['ой', 'ою', 'ей'], ['е', 'і', 'ой']],
  }],
  // Any other consonant: Трамп, Путин, Путін, Лавров, Владимир, Дональд.
  [/[бвгґджзклмнпрстфхцчшщ]$/u, {
    stem: (w) => w,
    endings: [['а'], ['у', 'ові'], ['а'], ['ом', 'ым', 'им'], ['е', 'і', 'ові', 'у']],
  }],
];

const CYRILLIC_NAME = /^[\p{Script=Cyrillic}\s'’-]+$/u;

function forms(word: string): string[][] | null {
  const lower = word.toLowerCase();
  for (const [pattern, { stem, endings }] of TYPES) {
    if (!pattern.test(lower)) continue;
    const base = stem(word);
    const upper = word === word.toUpperCase() && word.length > 1;
    return endings.map((list) => list.map((e) => base + (upper ? e.toUpperCase() : e)));
  }
  return null; // -о, -е, -і and the like: not declined (Рубіо, Мелоні, Свириденко)
}

/** The declined forms of a Cyrillic name, without the name itself; [] for any other alias. */
export function cyrillicForms(alias: string): string[] {
  if (!CYRILLIC_NAME.test(alias)) return [];
  const words = alias.split(/(\s+)/u);
  const out = new Set<string>();
  for (let c = 0; c < CASES; c++) {
    let combos = [''];
    for (const part of words) {
      const declined = /^\s*$/u.test(part) ? null : forms(part);
      const options = declined ? declined[c]! : [part];
      combos = combos.flatMap((prefix) => options.map((o) => prefix + o));
    }
    for (const form of combos) if (form !== alias) out.add(form);
  }
  return [...out];
}
