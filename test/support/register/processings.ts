/** Test-only: processing versions and mappings built in memory, as the store would hold them. */
import { mappingKey } from '../../../core/register/store.js';
import { templateNamed } from '../../../core/register/templates.js';
import { versionKey, type ProcessingContent, type ProcessingMapping, type ProcessingVersion } from '../../../core/register/model.js';

const at = new Date('2025-01-15T09:00:00Z');

export function versionOf(id: string, content: ProcessingContent, overrides: Partial<ProcessingVersion> = {}): ProcessingVersion {
  return { ...structuredClone(content), _id: versionKey(id, 1), id, version: 1, status: 'active', createdAt: at, at, by: { sub: 'dpo@test', role: 'dpo' }, change: 'created', ...overrides };
}

export function fromTemplate(id: string, key: string, overrides: Partial<ProcessingVersion> = {}): ProcessingVersion {
  const template = templateNamed(key);
  if (!template) throw new Error(`no template ${key}`);
  return versionOf(id, template.content, { template: key, ...overrides });
}

export function mapped(connectorId: string, object: string, processingId: string, fields: string[] | null = null): ProcessingMapping {
  return { _id: mappingKey(connectorId, object, processingId), connectorId, object, fields, processingId, at, by: { sub: 'it@test', role: 'it' } };
}
