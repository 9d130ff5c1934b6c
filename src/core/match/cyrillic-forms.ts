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

/**
 * Declension types, tried in order; the first whose pattern fits the word's ending applies.
 * Each case lists the Russian ending first, then the Ukrainian one where it differs.
 */
const TYPES: [RegExp, Declension][] = [
  // Adjectival surnames: Зеленский, Зеленський, Толстой.
  [/(?:[сцз]ь?кий|ый|ой)$/, {
    stem: (w) => w.slice(0, -2),
    endings: [['ого'], ['ому'], ['ого'], ['им', 'им', 'ым'], ['ом', 'ому', 'ім']],
  }],
  // Сергей, Сергій, Андрій, Дмитрий.
  [/й$/, {
    stem: (w) => w.slice(0, -1),
    endings: [['я'], ['ю', 'єві'], ['я'], ['ем', 'єм'], ['е', 'ї', 'и', 'і']],
  }],
  // Эммануэль, Еммануель, Кремль.
  [/ь$/, {
    stem: (w) => w.slice(0, -1),
    endings: [['я'], ['ю', 'еві'], ['я'], ['ем'], ['е', 'і']],
  }],
  // Юлия, Юлія.
  [/я$/, {
    stem: (w) => w.slice(0, -1),
    endings: [['и', 'ї'], ['и', 'ї'], ['ю'], ['ей', 'єю'], ['и', 'ї']],
  }],
  // Иванна, Сибига, Сибіга, Джорджа; Russian feminine surnames in -ова, -ина take -ой.
  [/а$/, {
    stem: (w) => w.slice(0, -1),
    endings: [['ы', 'и', 'ой'], ['е', 'і', 'ой'], ['у'], ['ой', 'ою'], ['е', 'і', 'ой']],
  }],
  // Possessive-type surnames: Путин, Путін, Лавров, Песков.
  [/(?:ов|ев|ёв|ин|ын|ів|ін|їн)$/, {
    stem: (w) => w,
    endings: [['а'], ['у', 'ові'], ['а'], ['ым', 'им'], ['е', 'і']],
  }],
  // Any other consonant: Трамп, Владимир, Дональд, Макрон.
  [/[бвгґджзклмнпрстфхцчшщ]$/, {
    stem: (w) => w,
    endings: [['а'], ['у', 'ові'], ['а'], ['ом'], ['е', 'і']],
  }],
];

const CYRILLIC_NAME = /^[\u0400-\u052f\s'’-]+$/;

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

/**
 * The declined forms of a Cyrillic name, without the name itself; [] for any other alias. In a
 * name of several words, the n-th ending of each word's list goes with the n-th of the others
 * (the lists run Russian then Ukrainian, most usual first), so the forms stay few: the content
 * script compiles them on every page.
 */
export function cyrillicForms(alias: string): string[] {
  if (!CYRILLIC_NAME.test(alias)) return [];
  const parts = alias.split(/(\s+)/);
  const declined = parts.map((part) => (/^\s*$/.test(part) ? null : forms(part)));
  const out = new Set<string>();
  for (let c = 0; c < CASES; c++) {
    const width = Math.max(...declined.map((d) => d?.[c]!.length ?? 1));
    for (let i = 0; i < width; i++) {
      const form = parts.map((part, w) => {
        const list = declined[w]?.[c];
        return list ? list[Math.min(i, list.length - 1)]! : part;
      }).join('');
      if (form !== alias) out.add(form);
    }
  }
  return [...out];
}
