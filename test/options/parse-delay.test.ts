import { describe, expect, it } from 'vitest';
import { DELAY_RANGE } from '../../src/core/settings';
import { parseDelay } from '../../src/options/DelayField';

describe('parseDelay', () => {
  it.each([
    ['400', 400],
    ['0', 0],
    [String(DELAY_RANGE.max), DELAY_RANGE.max],
    [' 650 ', 650],
    ['', null],
    ['  ', null],
    ['12.5', null],
    ['-1', null],
    [String(DELAY_RANGE.max + 1), null],
    ['1e3', 1000],
    ['abc', null],
  ])('"%s" → %s', (text, ms) => {
    expect(parseDelay(text)).toBe(ms);
  });
});
