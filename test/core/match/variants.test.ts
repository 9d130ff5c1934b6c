import { describe, expect, it } from 'vitest';
import { cyrillicForms } from '../../../src/core/match/cyrillic-forms';
import { plurals, topicVariants } from '../../../src/core/match/topic-variants';

/** Each case: a topic alias, spellings that must be among its variants, and some that must not. */
const topics: [string, string[], string[]][] = [
  ['cease-fire', ['cease-fire', 'ceasefire', 'cease fire', 'ceasefires', 'cease fires'], []],
  ['peace talks', ['peace talks', 'peacetalks'], ['peace talkses']],
  ['labour', ['labor', 'labours', 'labors'], []],
  ['humor', ['humour'], []],
  ['militarisation', ['militarization', 'militarisations'], []],
  ['analyse', ['analyze'], []],
  ['centre', ['center', 'centres', 'centers'], []],
  ['defence', ['defense', 'defences', 'defenses'], []],
  ['catalogue', ['catalog'], []],
  ['travelled', ['traveled'], []],
  ['judgement', ['judgment'], []],
  ['programme', ['program', 'programmes', 'programs'], []],
  ['paediatrics', ['pediatrics'], []],
  ['manoeuvre', ['maneuvre'], []],
  ['NATO membership', ['nato membership', 'nato memberships'], []],
  ['Ceasefire', ['ceasefire', 'ceasefires'], []],
];

const pluralCases: [string, string[]][] = [
  ['ceasefire', ['ceasefires']],
  ['crisis', ['crises']],
  ['tax', ['taxes']],
  ['press', ['presses']],
  ['virus', ['viruses']],
  ['policy', ['policies']],
  ['day', ['days']],
  ['sanctions', []],
  ['Trump', []],
];

/** Each case: a Cyrillic name and forms it must produce. */
const names: [string, string[]][] = [
  ['Путін', ['Путіна', 'Путіну', 'Путіним', 'Путінові', 'Путіні']],
  ['Путин', ['Путина', 'Путину', 'Путиным', 'Путине']],
  ['Трамп', ['Трампа', 'Трампу', 'Трампом', 'Трампові', 'Трампі']],
  ['Зеленський', ['Зеленського', 'Зеленському', 'Зеленським', 'Зеленськім']],
  ['Зеленский', ['Зеленского', 'Зеленскому', 'Зеленским', 'Зеленском']],
  ['Сергей Лавров', ['Сергея Лаврова', 'Сергею Лаврову', 'Сергеем Лавровым']],
  ['Сергій Лавров', ['Сергія Лаврова', 'Сергієм Лавровим']],
  ['Эммануэль Макрон', ['Эммануэля Макрона', 'Эммануэлем Макроном']],
  ['Юлія Свириденко', ['Юлії Свириденко', 'Юлію Свириденко', 'Юлією Свириденко']],
  ['Андрій Сибіга', ['Андрія Сибіги', 'Андрієм Сибігою']],
  ['ТРАМП', ['ТРАМПА']],
];

describe('topicVariants', () => {
  it.each(topics)('%s', (alias, wanted, unwanted) => {
    const variants = topicVariants(alias);
    expect(variants[0]).toBe(alias);
    for (const w of wanted) expect(variants).toContain(w);
    for (const u of unwanted) expect(variants).not.toContain(u);
  });
});

describe('plurals', () => {
  it.each(pluralCases)('%s', (word, expected) => {
    expect(plurals(word)).toEqual(expected);
  });
});

describe('cyrillicForms', () => {
  it.each(names)('%s', (name, wanted) => {
    const forms = cyrillicForms(name);
    for (const w of wanted) expect(forms).toContain(w);
    expect(forms).not.toContain(name);
  });

  it.each(['Рубіо', 'Мелоні', 'Свириденко', 'Климпуш-Цинцадзе', 'Marco Rubio'])('leaves %s alone', (name) => {
    expect(cyrillicForms(name)).toEqual([]);
  });
});
