/**
 * Reads `data/entities.json`: the people, topics, places and organisations Backstory covers.
 */
import type { CaseRule, EntityEntry, EntityKind } from '../types';
import { CorpusError } from './corpus-error';
import { FieldReader, describeJson, isJsonObject, parseJsonFile, type JsonFile } from './json-fields';

const KINDS: readonly EntityKind[] = ['person', 'topic', 'place-or-organisation'];
const CASE_RULES: readonly CaseRule[] = ['proper', 'any'];
const FIELDS = ['id', 'kind', 'name', 'role', 'aliases', 'namesakes', 'contextAliases', 'caseRule', 'related'] as const;

/** The entries, and the line of any of their fields, for errors found later (never mentioned …). */
export interface ParsedEntities {
  entities: EntityEntry[];
  lineOf: (entityIndex: number, field?: keyof EntityEntry) => number;
}

export function parseEntities(path: string, json: string): ParsedEntities {
  const file = parseJsonFile(path, json);
  const { root } = file;
  if (!isJsonObject(root)) throw new CorpusError(`${path}: must hold an object, not ${describeJson(root)}`);
  // Annotated so that TypeScript treats its never-returning fail() as ending the branch.
  const top: FieldReader = new FieldReader(file, root, [], '');
  top.onlyFields(['schema', 'entities']);
  if (root.schema !== 1) top.fail(`field "schema" must be 1, not ${describeJson(root.schema)}`, 'schema');
  if (!Array.isArray(root.entities)) {
    top.fail(`field "entities" must be an array, not ${describeJson(root.entities)}`, 'entities');
  }
  if (root.entities.length === 0) {
    top.fail('lists no entities; the corpus needs at least one covered person or topic', 'entities');
  }

  const readers: FieldReader[] = [];
  const entities = root.entities.map((raw, i) => {
    const { entity, fields } = readEntity(file, raw, i);
    readers.push(fields);
    return entity;
  });
  checkUnique(entities, readers);
  checkRelated(entities, readers);
  return { entities, lineOf: (i, field) => readers[i]?.lineOf(field) ?? 1 };
}

function readEntity(file: JsonFile, raw: unknown, index: number): { entity: EntityEntry; fields: FieldReader } {
  const position = `entity #${index + 1}`;
  if (!isJsonObject(raw)) {
    const line = file.lines.line(['entities', index]);
    throw CorpusError.at(file.path, line, `${position} must be an object, not ${describeJson(raw)}`);
  }
  const named = typeof raw.id === 'string' ? `${position} ("${raw.id}")` : position;
  const fields: FieldReader = new FieldReader(file, raw, ['entities', index], named);
  fields.onlyFields(FIELDS);

  const id = fields.id('id');
  const kind = fields.text('kind');
  if (!KINDS.includes(kind as EntityKind)) {
    fields.fail(`field "kind" must be one of ${KINDS.join(', ')}, not "${kind}"`, 'kind');
  }
  const name = fields.text('name');
  const role = fields.text('role');
  if (/[\r\n]/.test(role)) fields.fail('field "role" must be one line', 'role');
  const aliases = fields.textList('aliases');
  const namesakes = fields.textList('namesakes');
  const contextAliases = fields.has('contextAliases') ? fields.textList('contextAliases') : [];
  const caseRule = fields.text('caseRule');
  if (!CASE_RULES.includes(caseRule as CaseRule)) {
    fields.fail(`field "caseRule" must be one of ${CASE_RULES.join(', ')}, not "${caseRule}"`, 'caseRule');
  }
  const related = fields.textList('related');

  // The display name is how the card titles the entity, so a page that prints it must match.
  if (!aliases.includes(name)) fields.fail(`lists its name "${name}" in "name" but not in "aliases"`, 'aliases');
  aliases.forEach((alias, i) => {
    if (aliases.indexOf(alias) !== i) fields.fail(`lists the alias "${alias}" twice`, ['aliases', i]);
  });
  contextAliases.forEach((alias, i) => {
    if (!aliases.includes(alias)) fields.fail(`lists "${alias}" in "contextAliases" but not in "aliases"`, ['contextAliases', i]);
    if (contextAliases.indexOf(alias) !== i) fields.fail(`lists "${alias}" in "contextAliases" twice`, ['contextAliases', i]);
  });
  // A namesake only matters because it contains an alias; one that does not is a typo.
  namesakes.forEach((namesake, i) => {
    if (!aliases.some((alias) => namesake.includes(alias))) {
      fields.fail(`has the namesake "${namesake}", which contains none of its aliases`, ['namesakes', i]);
    }
  });

  return {
    entity: { id, kind: kind as EntityKind, name, role, aliases, namesakes, contextAliases, caseRule: caseRule as CaseRule, related },
    fields,
  };
}

/**
 * The form under which the matcher may confuse two spellings: pages differ in case, apostrophes,
 * hyphens and spacing ("Cease-fire", "ceasefire", "cease fire" are told apart only by these).
 */
export function aliasKey(alias: string): string {
  return alias
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘ʼ`]/g, "'")
    .replace(/[\s\-‐‑‒–—]+/g, ' ')
    .trim();
}

/** Every page mention must lead to exactly one entity. */
function checkUnique(entities: readonly EntityEntry[], readers: readonly FieldReader[]): void {
  const idAt = new Map<string, number>();
  const aliasOwner = new Map<string, { entity: number; alias: number }>();
  entities.forEach((entity, e) => {
    const fields = readers[e]!;
    const earlier = idAt.get(entity.id);
    if (earlier !== undefined) {
      const line = readers[earlier]!.lineOf('id');
      fields.fail(`has the id "${entity.id}" of entity #${earlier + 1} (line ${line}); ids must be unique`, 'id');
    }
    idAt.set(entity.id, e);
    entity.aliases.forEach((alias, a) => {
      const owner = aliasOwner.get(aliasKey(alias));
      if (owner !== undefined && owner.entity !== e) {
        const other = entities[owner.entity]!;
        const otherAlias = other.aliases[owner.alias]!;
        const same = otherAlias === alias ? '' : ` as "${otherAlias}"`;
        fields.fail(
          `lists the alias "${alias}", which "${other.id}" also claims${same} ` +
            `(line ${readers[owner.entity]!.lineOf(['aliases', owner.alias])}); ` +
            'an alias must name one entity only: remove it from one of them',
          ['aliases', a],
        );
      }
      if (owner === undefined) aliasOwner.set(aliasKey(alias), { entity: e, alias: a });
    });
  });
  entities.forEach((entity, e) => {
    entity.namesakes.forEach((namesake, n) => {
      const owner = aliasOwner.get(aliasKey(namesake));
      if (owner !== undefined) {
        const other = entities[owner.entity]!;
        readers[e]!.fail(
          `has the namesake "${namesake}", which is an alias of "${other.id}"; pages would never link it to ` +
            `"${other.id}": remove one of them`,
          ['namesakes', n],
        );
      }
    });
  });
}

function checkRelated(entities: readonly EntityEntry[], readers: readonly FieldReader[]): void {
  const ids = entities.map((e) => e.id);
  entities.forEach((entity, e) => {
    entity.related.forEach((id, r) => {
      const fields = readers[e]!;
      const at = ['related', r];
      if (id === entity.id) fields.fail('lists itself in "related"', at);
      if (entity.related.indexOf(id) !== r) fields.fail(`lists "${id}" twice in "related"`, at);
      if (!ids.includes(id)) {
        const guess = closest(id, ids);
        fields.fail(
          `field "related" names "${id}", which is no entity id in this file` +
            (guess ? `; did you mean "${guess}"?` : '; write the id of an entity listed here'),
          at,
        );
      }
    });
  });
}

/** The id nearest to a mistyped one, if it is near enough to be the likely intent. */
function closest(wanted: string, ids: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 4)) + 1;
  for (const id of ids) {
    const distance = editDistance(wanted, id);
    if (distance < bestDistance) [best, bestDistance] = [id, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(next[j - 1]! + 1, row[j]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
