import { describe, expect, it } from 'vitest';
import { JsonLines, positionIn } from '../../../src/core/corpus/json-lines';

const TEXT = `{
  "schema": 1,
  "entities": [
    {
      "id": "marco-rubio",
      "aliases": [
        "Marco Rubio",
        "Rubio"
      ],
      "escaped \\" key": { "nested": [1, {"deep": null}] }
    },
    { "id": "donald-trump", "aliases": ["Trump"] }
  ]
}
`;

describe('JsonLines', () => {
  const lines = new JsonLines(TEXT);

  it('gives the line of each member key and array element', () => {
    expect(lines.line([])).toBe(1);
    expect(lines.line(['schema'])).toBe(2);
    expect(lines.line(['entities'])).toBe(3);
    expect(lines.line(['entities', 0])).toBe(4);
    expect(lines.line(['entities', 0, 'id'])).toBe(5);
    expect(lines.line(['entities', 0, 'aliases', 1])).toBe(8);
    expect(lines.line(['entities', 0, 'escaped " key', 'nested', 1, 'deep'])).toBe(10);
    expect(lines.line(['entities', 1, 'aliases', 0])).toBe(12);
  });

  it('falls back to the nearest ancestor for a path that is not in the text', () => {
    expect(lines.line(['entities', 1, 'role'])).toBe(12);
    expect(lines.line(['entities', 7])).toBe(3);
  });

  it('notices a key written twice in one object', () => {
    const twice = new JsonLines('{\n  "a": 1,\n  "b": {"a": 2},\n  "a": 3\n}');
    expect(twice.repeatedKeys).toEqual([{ path: ['a'], firstLine: 2, line: 4 }]);
    expect(lines.repeatedKeys).toEqual([]);
  });

  it('gives the line of any offset', () => {
    expect(lines.lineOf(0)).toBe(1);
    expect(lines.lineOf(TEXT.indexOf('"Rubio"'))).toBe(8);
    expect(lines.lineOf(TEXT.length)).toBe(TEXT.split('\n').length);
  });
});

describe('positionIn', () => {
  it('gives 1-based line and column, in text that need not be valid JSON', () => {
    expect(positionIn('{\n  "a": ,\n}', 9)).toEqual({ line: 2, column: 8 });
    expect(positionIn('x', 0)).toEqual({ line: 1, column: 1 });
  });
});
