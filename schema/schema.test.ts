import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schema } from './index.js';
import { SCHEMA_FILE, printedSchema } from './print.js';

describe('the GraphQL schema', () => {
  it('matches the committed schema.graphql (run `npm run schema:print` after an intended change)', () => {
    expect(printedSchema()).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('names the roles allowed on every query and mutation (least privilege)', () => {
    const undeclared: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        const scopes = (field.extensions?.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes;
        if (!scopes || (typeof scopes === 'object' && Object.keys(scopes).length === 0)) undeclared.push(`${root!.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('keeps looked-up people to the dpo and connectors to the dpo and it, whichever field leads to them', () => {
    const typeScopes = (name: string) => (schema.getType(name)?.extensions?.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes;
    expect(typeScopes('SubjectView')).toEqual({ dpo: true });
    expect(typeScopes('Connector')).toEqual({ dpo: true, it: true });
  });
});
