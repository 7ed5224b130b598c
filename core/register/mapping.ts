/** One mapping of a connector's object (or some of its fields) to a processing, checked against what the system describes. */
import type { Actor } from '../actor.js';
import type { FieldProblem } from '../errors.js';
import type { ProcessingMapping, ProcessingVersion } from './model.js';
import { mappingKey } from './store.js';
import type { MappingInput, SystemSnapshot } from './systems.js';

/** The mapping to store, or the problems (each path prefixed with `at`) that keep it from being stored. */
export function prepareMapping(
  actor: Actor,
  system: SystemSnapshot,
  input: Omit<MappingInput, 'connector'>,
  processing: ProcessingVersion | null,
  at: string,
): { problems: FieldProblem[]; mapping: ProcessingMapping | null } {
  const problems: FieldProblem[] = [];
  if (!processing) problems.push({ path: `${at}processing`, message: `no processing "${input.processing}"` });
  else if (processing.status !== 'active') problems.push({ path: `${at}processing`, message: 'archived' });
  const object = system.objects?.find((o) => o.name === input.object);
  const holds = system.objects ? ` (it holds ${system.objects.map((o) => o.name).join(', ')})` : '';
  if (!object) problems.push({ path: `${at}object`, message: `${system.name} holds no object "${input.object}"${holds}` });
  const fields = input.fields?.length ? [...new Set(input.fields)].sort() : null;
  (fields ?? []).forEach((f, i) => {
    if (object && !object.fields.some((d) => d.name === f)) problems.push({ path: `${at}fields.${i}`, message: `${input.object} has no field "${f}"` });
  });
  if (problems.length > 0 || !processing) return { problems, mapping: null };
  const mapping: ProcessingMapping = {
    _id: mappingKey(system.connectorId, input.object, processing.id),
    connectorId: system.connectorId,
    object: input.object,
    fields,
    processingId: processing.id,
    at: new Date(),
    by: { sub: actor.sub, role: actor.role },
  };
  return { problems, mapping };
}
