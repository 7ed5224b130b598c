import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../test/support/workflows/harness.js';
import { ValidationError } from './errors.js';
import { VerificationService } from './verification.js';

describe('email-code verification (FerretDB)', () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  let clock = new Date('2025-05-01T08:00:00Z');
  let service: VerificationService;
  beforeAll(async () => {
    storage = await openTestStorage();
    service = new VerificationService(storage, { ttlMs: 30 * 60_000, maxAttempts: 3, secretKeys: [{ kid: 'k', key: randomBytes(32) }], now: () => clock });
  });
  afterAll(async () => storage?.drop());

  const wrongFor = (code: string) => (code === '111111' ? '222222' : '111111');

  it('stores only a keyed hash of the code', async () => {
    const { code } = await service.issue('req_hash');
    const doc = await service.status('req_hash');
    expect(JSON.stringify(doc)).not.toContain(code);
    expect(doc!.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the right code once, and again harmlessly', async () => {
    clock = new Date('2025-05-01T08:00:00Z');
    const { code } = await service.issue('req_ok');
    const first = await service.check('req_ok', ` ${code} `);
    expect(first.verifiedAt).toEqual(clock);
    expect(await service.check('req_ok', code)).toEqual(first);
    await expect(service.check('req_ok', wrongFor(code))).rejects.toThrow('This request is already verified');
  });

  it('refuses a wrong code with the attempts left, then refuses every code once they are used up', async () => {
    const { code } = await service.issue('req_wrong');
    await expect(service.check('req_wrong', wrongFor(code))).rejects.toThrow('Wrong code; 2 attempts left');
    await expect(service.check('req_wrong', wrongFor(code))).rejects.toThrow('Wrong code; 1 attempt left');
    await expect(service.check('req_wrong', wrongFor(code))).rejects.toThrow('Wrong code; no attempts left');
    await expect(service.check('req_wrong', code)).rejects.toThrow('Too many wrong codes; this code no longer works');
    expect((await service.status('req_wrong'))!.verifiedAt).toBeNull();
  });

  it('refuses an expired code and one that is not six digits, changing nothing', async () => {
    clock = new Date('2025-05-01T08:00:00Z');
    const { code } = await service.issue('req_late');
    const refused = service.check('req_late', 'abc');
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toThrow('The code is the 6 digits from the email');
    clock = new Date('2025-05-01T08:30:01Z');
    await expect(service.check('req_late', code)).rejects.toThrow('The code has expired');
    expect(await service.status('req_late')).toMatchObject({ attempts: 0, verifiedAt: null });
    await expect(service.check('req_none', code)).rejects.toThrow('No verification code was sent for this request');
  });
});
