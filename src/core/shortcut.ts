/**
 * Keyboard shortcuts as the browser reports a command's (e.g. "Alt+Shift+B", "Ctrl+Shift+Comma"),
 * matched against key events by physical key, so Alt combinations work on every layout.
 */

export interface Shortcut {
  alt: boolean;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  /** `KeyboardEvent.code` of the main key, e.g. `KeyB`, `Digit5`, `Comma`. */
  code: string;
}

const NAMED_CODES: Record<string, string> = {
  Comma: 'Comma',
  Period: 'Period',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Space: 'Space',
  Insert: 'Insert',
  Delete: 'Delete',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
};

/** Parses a shortcut string; null for an empty, unset or unreadable one. */
export function parseShortcut(text: string | null | undefined): Shortcut | null {
  if (!text) return null;
  const parts = text.split('+').map((p) => p.trim());
  const key = parts.pop();
  if (!key) return null;
  const s: Shortcut = { alt: false, ctrl: false, meta: false, shift: false, code: '' };
  for (const mod of parts) {
    if (mod === 'Alt') s.alt = true;
    else if (mod === 'Shift') s.shift = true;
    else if (mod === 'Ctrl' || mod === 'MacCtrl') s.ctrl = true;
    else if (mod === 'Command') s.meta = true;
    else return null;
  }
  if (/^[A-Z]$/.test(key)) s.code = `Key${key}`;
  else if (/^[0-9]$/.test(key)) s.code = `Digit${key}`;
  else if (/^F([1-9]|1[0-2])$/.test(key)) s.code = key;
  else if (NAMED_CODES[key]) s.code = NAMED_CODES[key];
  else return null;
  return s;
}

export function matchesShortcut(
  s: Shortcut,
  e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
): boolean {
  return e.code === s.code && e.altKey === s.alt && e.ctrlKey === s.ctrl && e.metaKey === s.meta && e.shiftKey === s.shift;
}
