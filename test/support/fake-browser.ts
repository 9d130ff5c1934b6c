/**
 * Stands in for webextension-polyfill in node unit tests (vitest aliases it). It answers only
 * what pure-ish UI code asks of the API: messages from the real en locale file, and URLs.
 * Anything else throws, so a test never passes by silently talking to nothing.
 */
import messages from '../../src/_locales/en/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = (messages as Record<string, Entry>)[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
  });
}

const unsupported = (what: string) => () => {
  throw new Error(`fake browser: ${what} is not available in unit tests`);
};

export default {
  i18n: { getMessage },
  runtime: {
    id: 'backstory-test',
    getURL: (p: string) => `chrome-extension://backstory-test/${p.replace(/^\//, '')}`,
    sendMessage: unsupported('runtime.sendMessage'),
    getManifest: () => ({ version: '0.0.0-test' }),
  },
};
