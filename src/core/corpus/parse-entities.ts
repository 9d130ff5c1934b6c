/**
 * Reads `data/entities.json`: the people (and later topics) Backstory covers.
 */
import type { CaseRule, Entity, EntityKind } from '../types';
import { CorpusError } from './corpus-error';
import { FieldReader, describeJson, isJsonObject, parseJson } from './json-fields';

const KINDS: readonly EntityKind[] = ['person', 'topic', 'place-or-organisation'];
const CASE_RULES: readonly CaseRule[] = ['proper', 'any'];
const FIELDS = ['id', 'kind', 'name', 'role', 'aliases', 'namesakes', 'caseRule'] as const;

export function parseEntities(path: string, json: string): Entity[] {
  const root = parseJson(path, json);
  if (!isJsonObject(root)) throw new CorpusError(`${path}: must hold an object, not ${describeJson(root)}`);
  // Annotated so that TypeScript treats its never-returning fail() as ending the branch.
  const top: FieldReader = new FieldReader(root, path, '');
  top.onlyFields(['schema', 'entities']);
  if (root.schema !== 1) top.fail(`field "schema" must be 1, not ${describeJson(root.schema)}`);
  if (!Array.isArray(root.entities)) {
    top.fail(`field "entities" must be an array, not ${describeJson(root.entities)}`);
  }
  if (root.entities.length === 0) {
    top.fail('lists no entities; the corpus needs at least one covered person or topic');
  }

  const entities = root.entities.map((raw, i) => readEntity(path, raw, i));
  checkUnique(path, entities);
  return entities;
}

function readEntity(path: string, raw: unknown, index: number): Entity {
  const position = `entity #${index + 1}`;
  if (!isJsonObject(raw)) {
    throw new CorpusError(`${path}: ${position} must be an object, not ${describeJson(raw)}`);
  }
  const named = typeof raw.id === 'string' ? `${position} ("${raw.id}")` : position;
  const fields: FieldReader = new FieldReader(raw, path, named);
  fields.onlyFields(FIELDS);

  const id = fields.id('id');
  const kind = fields.text('kind');
  if (!KINDS.includes(kind as EntityKind)) {
    fields.fail(`field "kind" must be one of ${KINDS.join(', ')}, not "${kind}"`);
  }
  const name = fields.text('name');
  const role = fields.text('role');
  if (/[\r\n]/.test(role)) fields.fail('field "role" must be one line');
  const aliases = fields.textList('aliases');
  const namesakes = fields.textList('namesakes');
  const caseRule = fields.text('caseRule');
  if (!CASE_RULES.includes(caseRule as CaseRule)) {
    fields.fail(`field "caseRule" must be one of ${CASE_RULES.join(', ')}, not "${caseRule}"`);
  }

  // The display name is how the card titles the entity, so a page that prints it must match.
  if (!aliases.includes(name)) fields.fail(`lists its name "${name}" in "name" but not in "aliases"`);
  const repeated = aliases.find((alias, i) => aliases.indexOf(alias) !== i);
  if (repeated !== undefined) fields.fail(`lists the alias "${repeated}" twice`);
  // A namesake only matters because it contains an alias; one that does not is a typo.
  for (const namesake of namesakes) {
    if (!aliases.some((alias) => namesake.includes(alias))) {
      fields.fail(`has the namesake "${namesake}", which contains none of its aliases`);
    }
  }

  return { id, kind: kind as EntityKind, name, role, aliases, namesakes, caseRule: caseRule as CaseRule };
}

/** Every page mention must lead to exactly one entity. */
function checkUnique(path: string, entities: readonly Entity[]): void {
  const ids = new Set<string>();
  const aliasOwner = new Map<string, string>();
  for (const entity of entities) {
    if (ids.has(entity.id)) throw new CorpusError(`${path}: two entities have the id "${entity.id}"`);
    ids.add(entity.id);
    for (const alias of entity.aliases) {
      const owner = aliasOwner.get(alias);
      if (owner !== undefined) {
        throw new CorpusError(
          `${path}: the alias "${alias}" is claimed by both "${owner}" and "${entity.id}"; ` +
            'an alias must name one entity only',
        );
      }
      aliasOwner.set(alias, entity.id);
    }
  }
  for (const entity of entities) {
    for (const namesake of entity.namesakes) {
      const owner = aliasOwner.get(namesake);
      if (owner !== undefined) {
        throw new CorpusError(
          `${path}: "${namesake}" is an alias of "${owner}" but a namesake of "${entity.id}"; ` +
            `pages would never link it to "${owner}"`,
        );
      }
    }
  }
}
