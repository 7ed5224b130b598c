/** The small pieces: Salesforce ids, SOQL literals, Retry-After, config and secrets validation. */
import { describe, expect, it } from 'vitest';
import { salesforceConfigSchema, salesforceSecretsSchema } from './config.js';
import { objectOfId, toLongId } from './ids.js';
import { parseRetryAfter } from './retry-after.js';
import { soqlIn, soqlString } from './soql.js';

describe('Salesforce ids', () => {
  it('adds the case-safe suffix to a 15-character id, and restores the case of an 18-character one', () => {
    const long = toLongId('0035g00000AbCdE')!;
    expect(long).toHaveLength(18);
    expect(long.slice(0, 15)).toBe('0035g00000AbCdE');
    expect(toLongId(long)).toBe(long);
    expect(toLongId(long.toLowerCase())).toBe(long);
    expect(toLongId('0035g00000abcde')).not.toBe(long);
  });

  it('rejects what is not an id and routes ids to their object by key prefix', () => {
    for (const text of ['', 'camille@example.fr', '003-5g00000AbCdE', '0035g00000AbCdE1']) expect(toLongId(text)).toBeUndefined();
    expect(objectOfId('00Q5g0000000001EAA')).toBe('Lead');
    expect(objectOfId('0PK5g0000000001GAA')).toBe('Individual');
    expect(objectOfId('a015g0000000001AAA')).toBeUndefined();
  });
});

describe('SOQL literals', () => {
  it('escapes quotes, backslashes and line breaks so input cannot change the query', () => {
    expect(soqlString("o'brien@example.ie")).toBe("'o\\'brien@example.ie'");
    expect(soqlString("x\\' OR Id != null")).toBe("'x\\\\\\' OR Id != null'");
    expect(soqlString('a\nb')).toBe("'a\\nb'");
    expect(soqlIn(['a', "b'"])).toBe("('a', 'b\\'')");
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('Salesforce config and secrets', () => {
  it('defaults to login.salesforce.com, API 60.0 and anonymisation', () => {
    expect(salesforceConfigSchema.parse({})).toEqual({
      loginUrl: 'https://login.salesforce.com', apiVersion: '60.0', objects: {}, erasure: { strategy: 'anonymise' }, queryBatchSize: 2000,
    });
  });

  it('refuses unknown objects, bad categories and retention without a basis', () => {
    const result = salesforceConfigSchema.safeParse({
      objects: { Opportunity: {}, Contact: { categories: { Email: 'gossip' } }, Case: { erasure: { strategy: 'retain' } } },
    });
    expect(result.success).toBe(false);
    const problems = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^objects: .*"Opportunity"/),
      expect.stringMatching(/^objects\.Contact\.categories\.Email: /),
      'objects.Case.erasure.legalHold: an object kept under "retain" needs a legalHold with the basis for keeping it',
    ]));
  });

  it('accepts client credentials or a username and password, and says what is missing otherwise', () => {
    expect(salesforceSecretsSchema.safeParse({ clientId: 'a', clientSecret: 'b' }).success).toBe(true);
    expect(salesforceSecretsSchema.safeParse({ username: 'u', password: 'p', securityToken: 't' }).success).toBe(true);
    const problems = (input: object) => salesforceSecretsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({})).toEqual(['clientId: give clientId and clientSecret (client credentials flow) or username and password']);
    expect(problems({ username: 'u' })).toEqual(['password: a username needs its password']);
    expect(problems({ username: 'u', password: 'p', clientId: 'a' })).toEqual(['clientSecret: clientId and clientSecret go together']);
    expect(problems({ apiKey: 'x', clientId: 'a', clientSecret: 'b' })?.[0]).toMatch(/apiKey/);
  });
});
