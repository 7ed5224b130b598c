import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** A sealed secret: AES-256-GCM, the key id lets keys rotate. */
export interface SealedSecret {
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export interface SecretKey {
  kid: string;
  /** 32 bytes. */
  key: Buffer;
}

export function seal(plaintext: string, key: SecretKey): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { kid: key.kid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function unseal(sealed: SealedSecret, keys: readonly SecretKey[]): string {
  const key = keys.find((k) => k.kid === sealed.kid);
  if (!key) throw new Error(`No key with id ${sealed.kid} to decrypt a secret`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}

/** Keyed hash for identities in audit entries: comparable, not reversible without the key. */
export function keyedHash(value: string, key: Buffer): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
