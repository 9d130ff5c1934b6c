import { render, type ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Scheme } from './page-theme';

export interface Props {
  /** Style sheets for inside the shadow root, as text, in order. */
  css: string[];
  /** Goes on the container as `data-theme`, where the card's CSS reads it. */
  theme: Scheme;
  /** What to render inside. */
  children: ComponentChildren;
  /** A selector inside the frame for the element to focus once it first renders. */
  autoFocus?: string;
}

/**
 * Renders its children inside an open shadow root, so a component styled for the card's shadow
 * root on web pages (src/ui/card.css) looks the same on an extension page and its rules do not
 * leak into the page around it.
 */
export function ShadowFrame({ css, theme, children, autoFocus }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement | null>(null);
  useLayoutEffect(() => {
    const first = !container.current;
    if (!container.current) {
      const root = host.current!.attachShadow({ mode: 'open' });
      for (const text of css) {
        const style = document.createElement('style');
        style.textContent = text;
        root.append(style);
      }
      container.current = document.createElement('div');
      root.append(container.current);
    }
    container.current.dataset.theme = theme;
    render(children, container.current);
    if (first && autoFocus) container.current.querySelector<HTMLElement>(autoFocus)?.focus();
  });
  useLayoutEffect(
    () => () => {
      if (container.current) render(null, container.current);
    },
    [],
  );
  return <div ref={host} class="shadow-frame" />;
}
