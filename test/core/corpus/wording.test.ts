import { describe, expect, it } from 'vitest';
import { containment, contentWords, isContiguous, isSubsequence, overlap, wordTokens } from '../../../src/core/corpus/wording';

describe('wordTokens', () => {
  it('folds case, apostrophes, contractions, British spellings and common endings', () => {
    expect(wordTokens('We’re NOT continuing this endeavour')).toEqual(wordTokens('we are not continue this endeavor'));
    expect(wordTokens('moving on')).toEqual(wordTokens('move on'));
    expect(wordTokens('priorities, parties, stopped')).toEqual(wordTokens('priority party stop'));
    // "I" itself is a single letter, which carries nothing and is dropped.
    expect(wordTokens('It isn’t, we’ll, they’ve, I’d, I’m')).toEqual(['it', 'is', 'not', 'we', 'will', 'they', 'have', 'would', 'am']);
  });

  it('keeps numbers and drops single letters', () => {
    expect(wordTokens('U.S. 30-day 87 days')).toEqual(['30', 'day', '87', 'day']);
  });
});

describe('contentWords', () => {
  it('leaves out function words', () => {
    expect([...contentWords(wordTokens('It’s not our war, we have other priorities'))]).toEqual(['war', 'other', 'priority']);
  });
});

describe('comparing wordings', () => {
  const within = wordTokens('within days');
  it('finds a fragment in order, with small gaps only', () => {
    expect(isSubsequence(within, wordTokens('within a matter of days'), 3)).toBe(true);
    expect(isSubsequence(within, wordTokens('within the coming weeks and then after many days'), 3)).toBe(false);
    expect(isSubsequence(within, wordTokens('days within'), 3)).toBe(false);
    expect(isSubsequence([], within, 3)).toBe(false);
    expect(isContiguous(within, wordTokens('very quickly—within days—if'))).toBe(true);
    expect(isContiguous(within, wordTokens('within a matter of days'))).toBe(false);
  });

  it('measures shared content words against the smaller side, or both', () => {
    const a = contentWords(wordTokens('other priorities to focus on'));
    const b = contentWords(wordTokens('We have other priorities to focus on right now, Rubio said'));
    expect(containment(a, b)).toEqual({ shared: 3, ratio: 1 });
    expect(overlap(a, b)).toBeCloseTo(3 / b.size);
    expect(containment(new Set(), b)).toEqual({ shared: 0, ratio: 0 });
    expect(overlap(new Set(), new Set())).toBe(0);
  });
});
