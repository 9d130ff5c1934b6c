import { describe, expect, it } from 'vitest';
import { isReadable } from '../../src/content/document-kind';

describe('isReadable', () => {
  it.each(['text/html', 'text/plain', 'application/xhtml+xml', 'application/xml', 'text/xml'])('reads %s', (type) => {
    expect(isReadable(type)).toBe(true);
  });

  it.each(['application/pdf', 'image/png', 'image/svg+xml', 'video/mp4', 'audio/mpeg', 'application/json', ''])('stays out of %s', (type) => {
    expect(isReadable(type)).toBe(false);
  });
});
