// @ts-check
/**
 * Functions the real-pages run evaluates inside the page's main world, the world page scripts
 * see. Each is self-contained (the drivers serialise its source), takes at most one
 * JSON-serialisable argument and returns JSON.
 */

/**
 * What the extension has painted: every range of every `backstory-*` highlight, in document
 * order, with its text and some text around it (for reviewing false positives).
 */
export function readMarks() {
  /** @param {Node} node */
  const label = (node) => {
    const el = node.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (node) : node.parentElement;
    if (!el) return '';
    // Attributes, not el.id or el.className: a form's named controls shadow those.
    const id = el.getAttribute('id') ? `#${el.getAttribute('id')}` : '';
    const cls = el.getAttribute('class')?.trim() ? `.${el.getAttribute('class')?.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
    return `${el.localName}${id}${cls}`;
  };
  /** @type {Range[]} */
  const ranges = [];
  /** @type {string[]} */
  const names = [];
  for (const [name, highlight] of CSS.highlights) {
    names.push(`${name}:${highlight.size}`);
    if (!name.startsWith('backstory')) continue;
    for (const r of highlight) if (r instanceof Range) ranges.push(r);
  }
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const marks = ranges.map((r) => {
    const before = r.startContainer.nodeType === Node.TEXT_NODE ? /** @type {Text} */ (r.startContainer).data.slice(0, r.startOffset) : '';
    const after = r.endContainer.nodeType === Node.TEXT_NODE ? /** @type {Text} */ (r.endContainer).data.slice(r.endOffset) : '';
    return {
      text: r.toString(),
      context: `${before.slice(-50)}[${r.toString()}]${after.slice(0, 50)}`.replace(/\s+/g, ' ').trim(),
      in: label(r.commonAncestorContainer),
    };
  });
  return { registered: CSS.highlights.has('backstory-mention'), names, marks };
}

/**
 * A cheap signature of the page's state, polled until it stops changing: the highlight
 * registry's contents, the number of elements (same-origin frames included), the document's
 * height, and how many of its (not lazy) images are still loading. The last two because an
 * image whose request the run refuses changes the layout when its failure lands (a broken
 * image and its alt text take room), and on a loaded machine that can come after a snapshot
 * taken too early, in one visit and not the other.
 */
export function settleSignature() {
  let ranges = '';
  for (const [name, highlight] of CSS.highlights) {
    ranges += `${name}:${highlight.size};`;
    if (!name.startsWith('backstory')) continue;
    for (const r of highlight) if (r instanceof Range) ranges += `${r.toString()}|`;
  }
  /** @param {Document} doc @returns {number} */
  const count = (doc) => {
    let n = doc.getElementsByTagName('*').length;
    for (const frame of doc.querySelectorAll('iframe, frame')) {
      try {
        const inner = /** @type {HTMLIFrameElement} */ (frame).contentDocument;
        if (inner) n += count(inner);
      } catch {
        // a cross-origin frame: not the run's to see
      }
    }
    return n;
  };
  let loading = 0;
  for (const img of document.images) if (!img.complete && img.loading !== 'lazy') loading++;
  return `${count(document)}/${document.documentElement?.scrollHeight ?? 0}/${loading}/${ranges}`;
}

/**
 * The page's DOM and layout. `nodes` has one line per node in tree order, through open shadow
 * roots and same-origin frames: depth, kind and a digest of the content (attributes of an
 * element, data of a text node). `boxes` has the bounding box of each element and each
 * non-blank text node (4 numbers each, in the order their lines appear in `nodes`), with
 * `boxAt` mapping a box's position in `boxes` to its line. Also the window's own property
 * names, because a content script must leave the page's global scope alone.
 * Returned as JSON text: a long list crosses the drivers' protocols much faster as one string.
 * @returns {string} a PageSnapshot
 */
export function snapshotPage() {
  /**
   * Runs of six or more digits, masked as the lists are (`withoutLongNumbers` in compare.mjs):
   * they are timestamps and cache-busters far more often than anything the extension could
   * cause. lemonde-1 writes a script whose `src` ends in the time in steps of 100 s, so two
   * visits a moment apart could differ in it.
   * @param {string} s
   */
  const masked = (s) => s.replace(/\d{6,}/g, '#');
  /** @param {string} s */
  const digest = (s) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i += 1) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0).toString(36);
  };
  /** @type {string[]} */
  const nodes = [];
  /** @type {number[]} */
  const boxes = [];
  /** @type {number[]} */
  const boxAt = [];
  const round = (/** @type {number} */ v) => Math.round(v * 100) / 100;
  const range = document.createRange();
  /** @param {Node} parent @param {number} depth */
  const walk = (parent, depth) => {
    for (let n = parent.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        const el = /** @type {Element} */ (n);
        const attrs = masked(el.getAttributeNames().sort().map((a) => `${a}=${el.getAttribute(a)}`).join('\u0000'));
        const id = el.getAttribute('id') ? `#${el.getAttribute('id')?.slice(0, 40)}` : '';
        const cls = el.getAttribute('class')?.trim() ? `.${el.getAttribute('class')?.trim().split(/\s+/).slice(0, 2).join('.').slice(0, 60)}` : '';
        nodes.push(`${depth} <${el.localName}${masked(id + cls)}> ${digest(attrs)}`);
        const r = el.getBoundingClientRect();
        boxAt.push(nodes.length - 1);
        boxes.push(round(r.x), round(r.y), round(r.width), round(r.height));
        if (el.shadowRoot) {
          nodes.push(`${depth + 1} #shadow-root`);
          walk(el.shadowRoot, depth + 2);
        }
        if (el instanceof HTMLTemplateElement) walk(el.content, depth + 1);
        if (el instanceof HTMLIFrameElement || el instanceof HTMLFrameElement || el instanceof HTMLObjectElement) {
          /** @type {Document | null} */
          let inner = null;
          try {
            inner = el.contentDocument;
          } catch {
            inner = null;
          }
          if (inner) {
            nodes.push(`${depth + 1} #document ${inner.URL.slice(0, 80)}`);
            walk(inner, depth + 2);
          }
        }
        walk(el, depth + 1);
      } else if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.COMMENT_NODE || n.nodeType === Node.CDATA_SECTION_NODE) {
        const data = /** @type {CharacterData} */ (n).data;
        const shown = masked(data);
        nodes.push(`${depth} ${n.nodeName} ${shown.length} ${digest(shown)} ${JSON.stringify(shown.trim().slice(0, 30))}`);
        if (n.nodeType === Node.TEXT_NODE && data.trim()) {
          // Text boxes too: a change inside a line (spacing, a font) may leave every element
          // box as it was.
          range.selectNodeContents(n);
          const r = range.getBoundingClientRect();
          boxAt.push(nodes.length - 1);
          boxes.push(round(r.x), round(r.y), round(r.width), round(r.height));
        }
      } else if (n.nodeType === Node.DOCUMENT_TYPE_NODE) {
        nodes.push(`${depth} <!doctype ${/** @type {DocumentType} */ (n).name}>`);
      } else {
        nodes.push(`${depth} ${n.nodeName}`);
      }
    }
  };
  walk(document, 0);
  const root = document.documentElement;
  // What the page's own markup refers to: when such a request happens is up to the browser
  // (lazy images, favicons), so the run does not count its timing against the extension.
  /** @type {Set<string>} */
  const resources = new Set();
  for (const el of document.querySelectorAll('[src], [href], [srcset], [poster], object[data]')) {
    const values = ['src', 'href', 'poster', 'data'].map((a) => el.getAttribute(a));
    for (const candidate of (el.getAttribute('srcset') ?? '').split(',')) values.push(candidate.trim().split(/\s+/)[0] ?? '');
    for (const v of values) {
      if (!v) continue;
      try {
        resources.add(new URL(v, document.baseURI).href);
      } catch {
        // not a URL
      }
    }
  }
  return JSON.stringify({
    url: location.href,
    nodes,
    boxes,
    boxAt,
    sheets: [document.styleSheets.length, document.adoptedStyleSheets.length],
    extent: [window.scrollX, window.scrollY, root?.scrollWidth ?? 0, root?.scrollHeight ?? 0],
    globals: Object.getOwnPropertyNames(window).sort(),
    resources: [...resources],
  });
}

/**
 * @typedef {object} PageSnapshot
 * @property {string} url
 * @property {string[]} nodes
 * @property {number[]} boxes
 * @property {number[]} boxAt
 * @property {number[]} sheets  style sheets and adopted style sheets of the document
 * @property {number[]} extent  scroll position and scroll size of the document
 * @property {string[]} globals
 * @property {string[]} resources  URLs the page's markup refers to
 */

/**
 * The painted mentions (first few, in document order) as paths the run can find again in a
 * page without the extension: child indices from the document to each range's start and end.
 * @returns {{ start: number[], startOffset: number, end: number[], endOffset: number, text: string }[]}
 */
export function markTargets() {
  /** @type {Range[]} */
  const ranges = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('backstory')) continue;
    for (const r of highlight) if (r instanceof Range && !r.collapsed && r.startContainer.ownerDocument === document) ranges.push(r);
  }
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  /** @param {Node} node */
  const pathOf = (node) => {
    /** @type {number[]} */
    const path = [];
    for (let n = node; n.parentNode; n = n.parentNode) path.unshift([...n.parentNode.childNodes].indexOf(/** @type {ChildNode} */ (n)));
    return path;
  };
  return ranges.slice(0, 8).map((r) => ({ start: pathOf(r.startContainer), startOffset: r.startOffset, end: pathOf(r.endContainer), endOffset: r.endOffset, text: r.toString() }));
}

/**
 * Scrolls the mention at `target` (from markTargets) into the middle of the viewport and
 * returns the centre of its first line box, or null when the path no longer leads to it or
 * the pointer cannot reach it there (off screen, or covered by another element).
 * @param {{ start: number[], startOffset: number, end: number[], endOffset: number, text: string }} target
 */
export function aimAt(target) {
  /** @param {number[]} path */
  const nodeAt = (path) => {
    /** @type {Node | undefined} */
    let n = document;
    for (const i of path) n = n?.childNodes[i];
    return n ?? null;
  };
  const start = nodeAt(target.start);
  const end = nodeAt(target.end);
  if (!start || !end) return null;
  const range = document.createRange();
  try {
    range.setStart(start, target.startOffset);
    range.setEnd(end, target.endOffset);
  } catch {
    return null;
  }
  if (range.toString() !== target.text) return null;
  (start.parentElement ?? document.documentElement).scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
  let line = [...range.getClientRects()].find((r) => r.width > 0 && r.height > 0);
  if (!line) return null;
  if (line.top < 0 || line.bottom > innerHeight) {
    // A parent taller than the viewport: centre the mention itself.
    window.scrollBy({ top: line.top + line.height / 2 - innerHeight / 2, behavior: 'instant' });
    line = [...range.getClientRects()].find((r) => r.width > 0 && r.height > 0);
    if (!line) return null;
  }
  const x = line.left + Math.min(line.width / 2, 8);
  const y = line.top + line.height / 2;
  if (x < 1 || y < 1 || x > innerWidth - 1 || y > innerHeight - 1) return null;
  const hit = document.elementFromPoint(x, y);
  if (!hit || !(hit === start.parentElement || hit.contains(start))) return null;
  return { x, y };
}

/** Whether Backstory's card host exists and is open, and how many hosts there are. */
export function cardState() {
  const hosts = document.querySelectorAll('backstory-card');
  const host = hosts[0];
  return {
    hosts: hosts.length,
    open: host ? host.matches(':popover-open') : false,
    parent: host?.parentElement?.localName ?? null,
    shadowReadable: host ? host.shadowRoot !== null : false,
  };
}
