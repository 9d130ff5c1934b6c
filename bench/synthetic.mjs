// @ts-check
/**
 * Generated material for the benchmark, the same on every run (a seeded generator): news-like
 * prose that names the covered people and topics, as HTML pages of a chosen size of visible
 * text, and as corpus articles (text + metadata) for the corpus pipeline and the popup search.
 * Nothing here is measured; it only makes inputs.
 */

/** A small, fast, seeded generator (mulberry32), so every run reads the same text. */
export function random(seed = 1) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** @template T @param {readonly T[]} list @returns {T} */
  const pick = (list) => /** @type {T} */ (list[Math.floor(next() * list.length)]);
  /** @param {number} lo @param {number} hi */
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, pick, int };
}

const WORDS = `government officials week statement negotiations proposal members analysts region
  economy markets border security energy prices report council committee meeting leaders decision
  support budget vote pressure agreement talks plan policy military forces strategy aid response
  spokesperson ministry capital allies partners schedule question answer progress delay evidence
  diplomats sources interview campaign election reform industry workers families cities farmers`
  .trim()
  .split(/\s+/);
const VERBS = `said announced warned argued confirmed suggested insisted noted acknowledged reported`.split(' ');
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const OUTLETS = ['Harbor Ledger', 'Northern Dispatch', 'Capital Wire', 'Evening Courier', 'Metro Bulletin', 'Coastal Times'];

/** @typedef {{ id: string, kind: string, name: string, aliases: string[] }} CorpusEntity */

/** Latin-script aliases only: the generated prose is English. */
const latin = (/** @type {string} */ a) => /^[A-Za-z][A-Za-z .'-]*$/.test(a);

/**
 * The names prose can use: for people the full name and the surname, for topics their aliases.
 * @param {CorpusEntity[]} entities
 */
function namesOf(entities) {
  return entities.map((e) => {
    const aliases = e.aliases.filter(latin);
    const full = latin(e.name) ? e.name : (aliases[0] ?? e.name);
    return { id: e.id, kind: e.kind, full, short: aliases.at(-1) ?? full, any: aliases.length ? aliases : [full] };
  });
}

/**
 * A sentence of filler prose of about `words` words.
 * @param {ReturnType<typeof random>} r @param {number} words
 */
function filler(r, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(r.pick(WORDS));
  const s = out.join(' ');
  return `The ${s.charAt(0).toLowerCase()}${s.slice(1)}.`;
}

/**
 * HTML of a news-like page with about `bytes` of visible text: paragraphs of prose in which
 * roughly one sentence in four names a covered entity, with some inline markup (links,
 * emphasis), headings, a list and a table, like an article page.
 * @param {CorpusEntity[]} entities @param {number} bytes @param {number} [seed]
 */
export function syntheticPage(entities, bytes, seed = 7) {
  const r = random(seed);
  const names = namesOf(entities);
  const parts = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Synthetic page</title></head><body><article>'];
  let visible = 0;
  let paragraph = 0;
  while (visible < bytes) {
    const sentences = [];
    for (let s = 0; s < 4; s++) {
      if (r.next() < 0.25) {
        const n = r.pick(names);
        const name = n.kind === 'person' ? r.pick([n.full, n.short]) : r.pick(n.any);
        sentences.push(`On ${r.pick(DAYS)}, <a href="#p${paragraph}">${name}</a> ${r.pick(VERBS)} that the ${r.pick(WORDS)} would ${r.pick(['continue', 'change', 'wait', 'resume'])} soon.`);
      } else {
        sentences.push(filler(r, r.int(8, 20)).replace(/ (\w+) /, ' <em>$1</em> '));
      }
    }
    const html = paragraph % 12 === 11 ? `<h2>${filler(r, 4).slice(0, -1)}</h2>` : `<p>${sentences.join(' ')}</p>`;
    parts.push(html);
    visible += html.replace(/<[^>]+>/g, '').length;
    paragraph += 1;
  }
  parts.push('</article></body></html>');
  return parts.join('\n');
}

/**
 * A corpus of `count` generated articles over the given entities (data/entities.json), in the
 * shape the corpus pipeline reads (src/core/corpus/build-index.ts `CorpusFiles`): each article
 * has a crumb line with its outlet, a headline, prose naming several entities, and quotations
 * attributed to people (“…,” Surname said.) or to no one.
 * @param {{ schema: number, entities: CorpusEntity[] }} entitiesFile @param {number} count
 * @param {number} [seed]
 */
export function syntheticCorpus(entitiesFile, count, seed = 11) {
  const r = random(seed);
  const names = namesOf(entitiesFile.entities);
  const people = names.filter((n) => n.kind === 'person');
  /** @type {{ metaPath: string, metaJson: string, textPath: string, text: string }[]} */
  const articles = [];
  for (let i = 0; i < count; i++) {
    const outlet = OUTLETS[i % OUTLETS.length];
    // Every entity is named, as the subject of a sentence, in every run of articles as long as
    // the entity list, so any corpus size gives each one its background.
    const lead = /** @type {(typeof names)[number]} */ (names[i % names.length]);
    const second = /** @type {(typeof names)[number]} */ (names[(i * 7 + 3) % names.length]);
    const speaker = /** @type {(typeof people)[number]} */ (people[i % people.length]);
    const title = `${lead.full.charAt(0).toUpperCase()}${lead.full.slice(1)} Talks Continue as ${r.pick(['Officials', 'Allies', 'Markets', 'Leaders'])} Watch ${r.pick(['Closely', 'Nervously', 'Again'])} ${i}`;
    const lines = [`- ${outlet}`, title];
    const paragraphs = r.int(5, 8);
    for (let p = 0; p < paragraphs; p++) {
      const sentences = [];
      if (p === 0) sentences.push(`${lead.full.charAt(0).toUpperCase()}${lead.full.slice(1)} was discussed by officials in the capital on ${r.pick(DAYS)} as the ${r.pick(WORDS)} ${r.pick(WORDS)} continued.`);
      if (p === 1) sentences.push(`${second.full.charAt(0).toUpperCase()}${second.full.slice(1)} remained central to the ${r.pick(WORDS)} ${r.pick(WORDS)} over the ${r.pick(WORDS)} this week.`);
      if (p === 2) {
        const words = Array.from({ length: r.int(6, 14) }, () => r.pick(WORDS)).join(' ');
        sentences.push(`“We will not accept ${words},” ${speaker.short} said.`);
      }
      if (p === 3) {
        const words = Array.from({ length: r.int(5, 10) }, () => r.pick(WORDS)).join(' ');
        sentences.push(`${r.pick(people).full} ${r.pick(VERBS)} that the ${r.pick(WORDS)} must see “${words}” before ${r.pick(DAYS)}.`);
      }
      const extra = r.int(2, 4);
      for (let s = 0; s < extra; s++) {
        const n = r.pick(names);
        sentences.push(r.next() < 0.4 ? `${n.full.charAt(0).toUpperCase()}${n.full.slice(1)} ${r.pick(VERBS)} new ${r.pick(WORDS)} on ${r.pick(DAYS)} amid ${r.pick(WORDS)} ${r.pick(WORDS)}.` : filler(r, r.int(10, 22)));
      }
      lines.push(sentences.join(' '));
    }
    const name = `${String(i).padStart(6, '0')}_synthetic`;
    const meta = {
      id: `synthetic-${i}`,
      file: `${name}.txt`,
      title,
      outlet,
      published: `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      language: 'en',
      unknown: {},
    };
    articles.push({
      metaPath: `synthetic/articles/${name}.json`,
      metaJson: JSON.stringify(meta, null, 2),
      textPath: `synthetic/articles/${name}.txt`,
      text: `${lines.join('\n')}\n`,
    });
  }
  return { entities: { path: 'data/entities.json', json: JSON.stringify(entitiesFile) }, articles };
}
