import type { SecretKey } from '../../../core/crypto.js';

/** The codec key of the recorded fixture histories (test-only, public on purpose: those runs hold only fictional people). */
export const REPLAY_KEY: SecretKey = { kid: 'replay', key: Buffer.alloc(32, 7) };
export const REPLAY_SECRET_KEY = `${REPLAY_KEY.kid}:${REPLAY_KEY.key.toString('base64')}`;
