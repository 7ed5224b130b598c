import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnsubscribeLinks } from './unsubscribe.js';

const target = { personId: 'cp_0123456789abcdef0123456789abcdef', purpose: 'newsletter', channel: 'email', language: 'fr' as const };
const key = (kid: string) => ({ kid, key: randomBytes(32) });

describe('unsubscribe links', () => {
  it('stand for their person, purpose and channel, and show none of them', () => {
    const links = new UnsubscribeLinks([key('k1')], 'https://gardien.example');
    const { url, listUnsubscribe, listUnsubscribePost } = links.link(target);
    const token = url.split('/').at(-1)!;
    expect(url).toBe(`https://gardien.example/unsubscribe/${token}`);
    expect({ listUnsubscribe, listUnsubscribePost }).toEqual({ listUnsubscribe: `<${url}>`, listUnsubscribePost: 'List-Unsubscribe=One-Click' });
    expect(links.read(token)).toEqual(target);
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toMatch(/newsletter|email|cp_/);
  });

  it('are the same for the same person, purpose and channel, and differ otherwise', () => {
    const links = new UnsubscribeLinks([key('k1')], 'https://gardien.example');
    expect(links.token(target)).toBe(links.token({ ...target }));
    expect(links.token(target)).not.toBe(links.token({ ...target, channel: 'sms' }));
  });

  it('refuse every altered spelling, including spare bits of the last character', () => {
    const links = new UnsubscribeLinks([key('k1')], 'https://gardien.example');
    const token = links.token(target);
    for (let i = 0; i < token.length; i++) {
      for (const c of ['A', 'Q', 'g', 'w', '-']) {
        if (c === token[i]) continue;
        expect(links.read(token.slice(0, i) + c + token.slice(i + 1))).toBeNull();
      }
    }
    expect(links.read(token.slice(0, -1))).toBeNull();
    expect(links.read(`${token}A`)).toBeNull();
  });

  it('still open after a key rotation while the old key is kept, and not once it is dropped', () => {
    const [oldKey, newKey] = [key('old'), key('new')];
    const token = new UnsubscribeLinks([oldKey], 'https://g.example').token(target);
    expect(new UnsubscribeLinks([newKey, oldKey], 'https://g.example').read(token)).toEqual(target);
    expect(new UnsubscribeLinks([newKey], 'https://g.example').read(token)).toBeNull();
  });
});
