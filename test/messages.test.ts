import { describe, expect, it } from 'vitest';
import { isEnvelope } from '../src/messages';

/** Each case: a message as it might arrive, and whether the background should accept it. */
const cases: [string, unknown, boolean][] = [
  ['a card request', { type: 'card:get', params: { entityId: 'marco-rubio' } }, true],
  ['a reader request', { type: 'reader:open', params: { articleId: 'a', start: 3, end: 9 } }, true],
  ['an unknown type', { type: 'card:delete', params: { entityId: 'x' } }, false],
  ['an inherited key as type', { type: 'toString', params: {} }, false],
  ['missing params', { type: 'card:get' }, false],
  ['an empty id', { type: 'card:get', params: { entityId: '' } }, false],
  ['a non-string id', { type: 'card:get', params: { entityId: 7 } }, false],
  ['a reversed span', { type: 'reader:open', params: { articleId: 'a', start: 9, end: 3 } }, false],
  ['a fractional offset', { type: 'reader:open', params: { articleId: 'a', start: 1.5, end: 3 } }, false],
  ['a negative offset', { type: 'reader:open', params: { articleId: 'a', start: -1, end: 3 } }, false],
  ['null', null, false],
  ['a string', 'card:get', false],
  ['an array', [{ type: 'card:get' }], false],
];

describe('isEnvelope', () => {
  it.each(cases)('%s', (_name, message, accepted) => {
    expect(isEnvelope(message)).toBe(accepted);
  });
});
