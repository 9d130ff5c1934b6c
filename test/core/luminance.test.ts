import { describe, expect, it } from 'vitest';
import { parseRgb, relativeLuminance, themeForBackgrounds } from '../../src/core/luminance';

describe('parseRgb', () => {
  it.each([
    ['rgb(255, 255, 255)', { r: 255, g: 255, b: 255, a: 1 }],
    ['rgba(0, 0, 0, 0)', { r: 0, g: 0, b: 0, a: 0 }],
    ['rgb(10 20 30 / 50%)', { r: 10, g: 20, b: 30, a: 0.5 }],
    ['rgba(1, 2, 3, 0.25)', { r: 1, g: 2, b: 3, a: 0.25 }],
  ])('%s', (css, expected) => {
    expect(parseRgb(css)).toEqual(expected);
  });
  it.each(['transparent', 'color(srgb 1 1 1)', '', 'rgb(1,2)'])('gives null for %j', (css) => {
    expect(parseRgb(css)).toBeNull();
  });
});

describe('relativeLuminance', () => {
  it('is 0 for black and 1 for white', () => {
    expect(relativeLuminance({ r: 0, g: 0, b: 0, a: 1 })).toBe(0);
    expect(relativeLuminance({ r: 255, g: 255, b: 255, a: 1 })).toBeCloseTo(1);
  });
});

describe('themeForBackgrounds', () => {
  it.each<[string[], 'light' | 'dark' | null]>([
    [['rgb(255, 255, 255)'], 'light'],
    [['rgb(18, 18, 18)'], 'dark'],
    [['rgba(0, 0, 0, 0)', 'rgb(32, 33, 36)'], 'dark'],
    [['rgba(0, 0, 0, 0.1)', 'rgb(250, 250, 250)'], 'light'],
    [['rgb(0, 90, 160)'], 'dark'],
    [['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)'], null],
    [[], null],
  ])('%j → %s', (colours, theme) => {
    expect(themeForBackgrounds(colours)).toBe(theme);
  });
});
