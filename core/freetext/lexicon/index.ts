/** Every lexicon the detector reads, one file per category. */
import { BELIEFS } from './beliefs.js';
import type { LexiconEntry } from './entry.js';
import { ETHNIC_ORIGIN } from './ethnic.js';
import { GENETIC_BIOMETRIC } from './genetic.js';
import { HEALTH } from './health.js';
import { IDENTITY_DOCUMENT } from './identity-document.js';
import { OFFENCES } from './offences.js';
import { POLITICAL } from './political.js';
import { SEX_LIFE, SEX_LIFE_USUAL } from './sex-life.js';
import { SUBJECTIVE, SUBJECTIVE_WEAK } from './subjective.js';
import { TRADE_UNION } from './union.js';

export const LEXICON: readonly LexiconEntry[] = [
  ...HEALTH, ...BELIEFS, ...POLITICAL, ...TRADE_UNION, ...SEX_LIFE, ...SEX_LIFE_USUAL, ...ETHNIC_ORIGIN,
  ...GENETIC_BIOMETRIC, ...OFFENCES, ...IDENTITY_DOCUMENT, ...SUBJECTIVE, ...SUBJECTIVE_WEAK,
];
