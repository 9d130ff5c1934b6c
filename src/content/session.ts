/**
 * Backstory running on one page: scanning, painting, hover and keyboard cards. A session lives
 * while Backstory is active here; pausing or turning the site off ends it, which removes every
 * highlight, listener and the card's host. Settings that do not change what is scanned apply
 * to the running session at once.
 */
import browser from '../browser-api';
import type { CardData } from '../core/card';
import { themeForBackgrounds } from '../core/luminance';
import { isActiveOn, withSite, type Settings } from '../core/settings';
import { matchesShortcut, parseShortcut } from '../core/shortcut';
import { send, type PageMention } from '../messages';
import { updateSettings, type Stored } from '../settings-store';
import type { CardState, Props as CardProps, ReaderSpan } from '../ui/EntityCard';
import { bundledMatcher } from './bundled-entities';
import type { Anchor } from './card-host';
import type { Mention } from './find-mentions';
import { createPainter } from './highlights';
import { MentionIndex, type Hit } from './hit-test';
import { watchHover } from './hover';
import { findKeyboardTarget } from './keyboard-target';
import { LazyCard, type CardLoader } from './lazy-card';
import { Marks, pageOrder } from './marks';
import { Scanner } from './scanner';

export interface Session {
  /** Applies settings that do not need a re-scan (density, delays, theme), and the key. */
  update(stored: Stored): void;
  openFromKeyboard(selectionText?: string): boolean;
  /** The covered entities on the page, in order of first mention. */
  mentions(): PageMention[];
  /** Scrolls to an entity's `occurrence`-th mention (0-based) and opens its card. */
  reveal(entityId: string, occurrence: number): boolean;
  stop(): void;
}


function readerHref(q: ReaderSpan): string {
  const params = new URLSearchParams({ article: q.articleId, start: `${q.start}`, end: `${q.end}` });
  return browser.runtime.getURL(`reader.html?${params}`);
}

/** A line box of the mention that stays current as the page scrolls: the one nearest `near`. */
function mentionAnchor(mention: Mention, near: DOMRect): Anchor {
  const line = [...mention.range.getClientRects()].findIndex((r) => r.top === near.top && r.left === near.left);
  return {
    rect: () => mention.range.getClientRects()[Math.max(0, line)] ?? mention.range.getBoundingClientRect(),
    contextElement: mention.nodes[0]!.parentElement!,
  };
}

export interface SessionOptions {
  /** Whether the card offers "Turn off on this site": not on Backstory's own pages. */
  siteControls?: boolean;
  /** Text nodes the first scan may keep to, with their blocks (see Scanner.start). */
  scope?: readonly Text[] | undefined;
  /** The open-card command's key (src/shortcut-store.ts), caught on the page too. */
  shortcut?: string | null;
}

/**
 * Starts Backstory on `doc`. `loadCard` brings in the card's code: on web pages lazily
 * (load-script.ts); extension pages that bundle the card pass it directly.
 */
export function startSession(
  doc: Document,
  initial: Settings,
  loadCard: CardLoader,
  options: SessionOptions = {},
): Session {
  const { siteControls = true, scope } = options;
  const win = doc.defaultView!;
  const controller = new AbortController();
  const { signal } = controller;
  let settings = initial;
  const matcher = bundledMatcher((kind) => settings.kinds[kind]);
  const marks = new Marks(createPainter(win), settings.density);
  const index = new MentionIndex();
  const host = new LazyCard(doc, signal, loadCard);
  const cards = new Map<string, Promise<CardData>>();
  let open: { entityId: string; anchor: Anchor; pinned: boolean; sticky: boolean } | null = null;

  const cardData = (entityId: string) => {
    let data = cards.get(entityId);
    if (!data) {
      data = send('card:get', { entityId });
      data.catch(() => cards.delete(entityId)); // let a later hover try again
      cards.set(entityId, data);
    }
    return data;
  };

  const theme = (): 'light' | 'dark' => {
    if (settings.theme !== 'auto') return settings.theme;
    const layers = [doc.body, doc.documentElement].filter(Boolean).map((el) => win.getComputedStyle(el!).backgroundColor);
    return themeForBackgrounds(layers) ?? (win.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  };

  const view = (state: CardState): CardProps => ({
    state,
    readerHref,
    onClose: close,
    onOpenQuote: (q: ReaderSpan) => void send('reader:open', { articleId: q.articleId, start: q.start, end: q.end }),
    pinned: open?.pinned ?? false,
    onTogglePin: () => {
      if (!open) return;
      open.pinned = !open.pinned;
      render();
    },
    ...(siteControls && {
      site: win.location.hostname,
      onTurnOffSite: () => void updateSettings((s) => withSite(s, win.location.hostname, false)),
    }),
    onPause: () => void updateSettings((s) => ({ ...s, paused: true })),
    // A related person or topic opens in place of this card, at the same anchor.
    onOpenEntity: (entityId: string) => {
      if (open) show(entityId, open.anchor, true);
    },
  });

  let state: CardState = { status: 'loading' };
  const render = () => host.update(view(state));

  const show = (entityId: string, anchor: Anchor, focus: boolean) => {
    open = { entityId, anchor, pinned: false, sticky: focus };
    const data = cardData(entityId);
    state = { status: 'loading' };
    // The card's module may still be loading; once shown, render whatever state is current.
    void host.show(view(state), anchor, { theme: theme(), focus }).then(render, () => undefined);
    data.then(
      (card) => ({ status: 'ready', card }) as const,
      (error: unknown) => ({ status: 'error', message: error instanceof Error ? error.message : String(error) }) as const,
    ).then((next) => {
      if (open?.entityId !== entityId || open.anchor !== anchor) return;
      state = next;
      render();
    });
  };

  function close() {
    open = null;
    host.hide();
  }

  const hover = watchHover({
    doc,
    hitTest: (x, y) => index.hitTest(doc, x, y),
    inCard: (e) => host.contains(e),
    isOpen: () => host.isOpen,
    isPinned: () => !!open && (open.pinned || open.sticky),
    prepare: ({ mention }) => {
      void cardData(mention.entityId).catch(() => undefined);
      void host.preload().catch(() => undefined);
    },
    show: ({ mention, rect }: Hit) => show(mention.entityId, mentionAnchor(mention, rect), false),
    hide: close,
    delays: () => ({ showMs: settings.showDelayMs, hideMs: settings.hideDelayMs }),
    signal,
  });

  const scanner = new Scanner({
    doc,
    matcher,
    ownHost: () => host.element,
    onAdd: (m) => {
      marks.add(m);
      index.add(m);
    },
    onRemove: (m) => {
      marks.delete(m);
      index.delete(m);
    },
    signal,
  });
  void scanner.start(scope);

  const openFromKeyboard = (selectionText?: string): boolean => {
    const target = findKeyboardTarget(doc, scanner.mentions, matcher, selectionText);
    if (!target) return false;
    if (target.kind === 'mention') {
      const rect = target.mention.range.getClientRects()[0] ?? target.mention.range.getBoundingClientRect();
      hover.shown({ mention: target.mention, rect });
      show(target.mention.entityId, mentionAnchor(target.mention, rect), true);
    } else {
      hover.close();
      show(target.entityId, { rect: () => target.rect, contextElement: target.near }, true);
    }
    return true;
  };

  // The browser delivers the command itself wherever it can; this catches the same keys when
  // the page has focus in a browser that passes them through (and honours a remapped key).
  let shortcut = parseShortcut(options.shortcut);
  doc.addEventListener(
    'keydown',
    (e) => {
      if (!shortcut || !e.isTrusted || !matchesShortcut(shortcut, e)) return;
      e.preventDefault();
      openFromKeyboard();
    },
    { capture: true, signal },
  );

  signal.addEventListener('abort', () => marks.clear());

  /** Mentions in document order. */
  const ordered = () =>
    [...scanner.mentions].sort(pageOrder);

  const reveal = (entityId: string, occurrence: number): boolean => {
    const mention = ordered().filter((m) => m.entityId === entityId)[occurrence];
    if (!mention) return false;
    mention.nodes[0]!.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    const rect = mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect();
    hover.shown({ mention, rect });
    show(mention.entityId, mentionAnchor(mention, rect), true);
    return true;
  };

  return {
    mentions() {
      const found = new Map<string, PageMention>();
      for (const m of ordered()) {
        const seen = found.get(m.entityId);
        if (seen) seen.count += 1;
        else found.set(m.entityId, { entityId: m.entityId, count: 1, text: m.range.toString() });
      }
      return [...found.values()];
    },
    reveal,
    update(next) {
      settings = next.settings;
      marks.setDensity(settings.density);
      shortcut = parseShortcut(next.shortcut);
    },
    openFromKeyboard,
    stop: () => controller.abort(),
  };
}

/**
 * One session on a page, kept in step with what is stored: started where Backstory is active on
 * `hostname`, updated as the settings and the key change, started afresh when the kinds to mark
 * change (they need a re-scan), and stopped where Backstory is off. `start` starts one.
 */
export function keepSession(hostname: string, start: (stored: Stored) => Session) {
  let session: Session | null = null;
  let kinds = '';
  const stop = () => {
    session?.stop();
    session = null;
  };
  return {
    apply(stored: Stored): void {
      const active = isActiveOn(stored.settings, hostname);
      const nextKinds = JSON.stringify(stored.settings.kinds);
      if (!active || nextKinds !== kinds) stop();
      if (!active) return;
      if (session) session.update(stored);
      else {
        kinds = nextKinds;
        session = start(stored);
      }
    },
    get current(): Session | null {
      return session;
    },
    stop,
  };
}

