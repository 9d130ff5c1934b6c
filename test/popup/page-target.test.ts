import { describe, expect, it } from 'vitest';
import { webHostname } from '../../src/popup/page-target';

describe('webHostname', () => {
  it('gives the host of a web page', () => {
    expect(webHostname('https://www.example.com/news/1?x=2')).toBe('www.example.com');
    expect(webHostname('http://127.0.0.1:8080/')).toBe('127.0.0.1');
  });

  it('gives none for other pages, or no address', () => {
    for (const url of ['chrome://extensions/', 'moz-extension://abc/reader.html', 'about:blank', 'file:///tmp/a.html', '', undefined]) {
      expect(webHostname(url)).toBeNull();
    }
  });
});
