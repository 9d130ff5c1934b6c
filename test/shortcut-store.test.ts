import { beforeEach, describe, expect, it, vi } from 'vitest';

/** An in-memory stand-in for the two APIs the store uses: the browser's commands and storage.local. */
const fake = vi.hoisted(() => {
  const state = { key: 'Alt+Shift+K' as string | undefined, stored: {} as Record<string, unknown>, writes: 0, broken: false };
  const api = {
    commands: {
      getAll: async () => [
        { name: '_execute_action', shortcut: 'Alt+Shift+B' },
        { name: 'open-card', shortcut: state.key },
      ],
    },
    storage: {
      local: {
        get: async (key: string) => {
          if (state.broken) throw new Error('storage is gone');
          return key in state.stored ? { [key]: state.stored[key] } : {};
        },
        set: async (items: Record<string, unknown>) => {
          state.writes += 1;
          Object.assign(state.stored, items);
        },
      },
    },
  };
  return { state, api };
});
vi.mock('../src/browser-api', () => ({ default: fake.api }));

const { keepShortcut, loadShortcut } = await import('../src/shortcut-store');

beforeEach(() => {
  Object.assign(fake.state, { key: 'Alt+Shift+K', stored: {}, writes: 0, broken: false });
});

describe('the stored open-card key', () => {
  it('is the open-card command’s, kept once and rewritten only when it changes', async () => {
    expect(await keepShortcut()).toBe('Alt+Shift+K');
    expect(await loadShortcut()).toBe('Alt+Shift+K');
    await keepShortcut();
    expect(fake.state.writes).toBe(1);
    fake.state.key = 'Ctrl+Shift+Comma';
    await keepShortcut();
    expect(fake.state.writes).toBe(2);
    expect(await loadShortcut()).toBe('Ctrl+Shift+Comma');
  });

  it('is null when the user cleared the key (the browser reports an empty string)', async () => {
    fake.state.key = '';
    expect(await keepShortcut()).toBeNull();
    expect(await loadShortcut()).toBeNull();
    expect(fake.state.writes).toBe(0); // nothing stored already means none
  });

  it('reads as null when nothing, something else, or nothing readable is stored', async () => {
    expect(await loadShortcut()).toBeNull();
    for (const junk of [42, { key: 'K' }, ['Alt+K'], 'x'.repeat(500)]) {
      fake.state.stored = { shortcut: junk };
      expect(await loadShortcut()).toBeNull();
    }
    fake.state.stored = { shortcut: 'Alt+Shift+K' };
    fake.state.broken = true;
    expect(await loadShortcut()).toBeNull();
  });
});
