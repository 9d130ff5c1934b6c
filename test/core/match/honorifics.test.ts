import { describe, expect, it } from 'vitest';
import { honorificStart } from '../../../src/core/match/honorifics';

/** Each case: text ending right before a name, and the title found there ("" for none). */
const cases: [string, string][] = [
  ['Mr. ', 'Mr. '],
  ['said Mrs ', 'Mrs '],
  ['MR. ', 'MR. '],
  ['selon M. ', 'M. '],
  ['selon M ', ''],
  ['Mme ', 'Mme '],
  ['la Sig.ra ', 'Sig.ra '],
  ['пан ', 'пан '],
  ['Пані ', 'Пані '],
  ['Г-н ', 'Г-н '],
  ['President ', ''],
  ['Hmr. ', ''],
  ['U.S.Mr. ', ''],
  ['mr. ', ''],
  ['Mr.', ''],
  ['', ''],
];

describe('honorificStart', () => {
  it.each(cases)('%j', (before, title) => {
    const text = `${before}Putin`;
    const start = before.length;
    expect(text.slice(honorificStart(text, start), start)).toBe(title);
  });
});
