import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../../test/support/workflows/harness.js';
import { RestrictionMarks } from './restrictions.js';

const SINCE = new Date('2026-06-15T12:00:00Z');

describe("Gardien's restriction marks (FerretDB)", () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  let marks: RestrictionMarks;

  beforeAll(async () => {
    storage = await openTestStorage();
    marks = new RestrictionMarks(storage, { kid: 'k1', key: randomBytes(32) });
  });
  afterAll(() => storage?.drop());

  it('finds a restriction by any identifier it marked, and by no other', async () => {
    await marks.mark({ email: 'james.whitfield@example.co.uk', phone: '+447911123456' }, 'req_attested', SINCE);
    expect(await marks.find({ phone: '+447911123456' })).toEqual({ requestId: 'req_attested', since: SINCE });
    expect(await marks.find({ phone: '+447400123456' })).toBeNull();
  });

  it('lifts every mark of a restriction when the lift proves one of its identifiers, and leaves other people’s', async () => {
    await marks.mark({ email: 'camille.durand@example.fr' }, 'req_camille', SINCE);
    await marks.lift({ email: 'james.whitfield@example.co.uk' });
    expect(await marks.find({ email: 'james.whitfield@example.co.uk' })).toBeNull();
    expect(await marks.find({ phone: '+447911123456' })).toBeNull();
    expect(await marks.find({ email: 'camille.durand@example.fr' })).toEqual({ requestId: 'req_camille', since: SINCE });
  });
});
