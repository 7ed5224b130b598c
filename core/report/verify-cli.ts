import { readFile } from 'node:fs/promises';
import { decodeProtectedHeader, exportJWK, importSPKI, type JWK } from 'jose';
import type { Jwks } from './keys.js';
import { ReportVerificationError, verifyReportFile } from './verify.js';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const USAGE = 'usage: gardien report verify <file> [--jwks <url|file>] [--key <file>]';

/**
 * `gardien report verify <file> [--jwks url|file] [--key file]`: 0 when the
 * report is valid, 1 when it is not (saying what failed), 2 on bad usage.
 * Without --jwks or --key, the JWKS is fetched from the report's issuer.
 */
export async function runReportVerify(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    io.stderr(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(parsed.file, 'utf8');
  } catch (error) {
    io.stderr(`cannot read ${parsed.file}: ${(error as Error).message}`);
    return 2;
  }
  try {
    const jwks = await loadKeys(parsed, text);
    const verified = await verifyReportFile(text, jwks);
    const { report } = verified;
    io.stdout(`valid, signed by kid ${verified.kid} at ${verified.issuedAt}`);
    io.stdout(`report ${report.reportId}: ${report.request.type} request ${report.request.id}, ${report.request.status}, ${report.systems.length} system(s)`);
    return 0;
  } catch (error) {
    const reason = error instanceof ReportVerificationError ? error.message : `cannot verify: ${(error as Error).message}`;
    io.stderr(`INVALID: ${reason}`);
    return 1;
  }
}

interface VerifyArgs {
  file: string;
  jwks?: string;
  key?: string;
}

function parseArgs(args: readonly string[]): VerifyArgs | { error: string } {
  const out: Partial<VerifyArgs> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--jwks' || arg === '--key') {
      const value = args[++i];
      if (!value) return { error: `${arg} needs a value` };
      out[arg === '--jwks' ? 'jwks' : 'key'] = value;
    } else if (arg.startsWith('--')) {
      return { error: `unknown option ${arg}` };
    } else if (out.file) {
      return { error: `unexpected argument ${arg}` };
    } else {
      out.file = arg;
    }
  }
  if (!out.file) return { error: 'which report file?' };
  return out as VerifyArgs;
}

async function loadKeys(args: VerifyArgs, reportText: string): Promise<Jwks> {
  if (args.key) return { keys: [await readKeyFile(args.key, headerKid(reportText))] };
  const source = args.jwks ?? issuerJwksUrl(reportText);
  const body = /^https?:\/\//.test(source) ? await fetchText(source) : await readFile(source, 'utf8');
  const jwks = JSON.parse(body) as Jwks;
  if (!Array.isArray(jwks.keys)) throw new Error(`${source} is not a JWKS (no "keys" array)`);
  return jwks;
}

/** A public key as a JWK (JSON) or PEM (SPKI); without a kid it is taken for the report's key. */
async function readKeyFile(file: string, kid: string | undefined): Promise<JWK> {
  const text = (await readFile(file, 'utf8')).trim();
  const jwk = text.startsWith('-----BEGIN') ? await exportJWK(await importSPKI(text, 'EdDSA', { extractable: true })) : (JSON.parse(text) as JWK);
  if ('d' in jwk) throw new Error(`${file} holds a private key; give the public key`);
  return { ...jwk, kid: jwk.kid ?? kid };
}

function jwsOf(reportText: string): string {
  const trimmed = reportText.trim();
  return trimmed.startsWith('{') ? String((JSON.parse(trimmed) as { jws?: unknown }).jws ?? '') : trimmed;
}

function headerKid(reportText: string): string | undefined {
  try {
    return decodeProtectedHeader(jwsOf(reportText)).kid;
  } catch {
    return undefined;
  }
}

/** The report's own (unverified) issuer tells where its JWKS is published. */
function issuerJwksUrl(reportText: string): string {
  try {
    const payload = jwsOf(reportText).split('.')[1] ?? '';
    const issuer = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { issuer?: unknown }).issuer;
    if (typeof issuer === 'string' && /^https?:\/\//.test(issuer)) return `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
  } catch {
    // fall through to the message below
  }
  throw new Error('no --jwks or --key given and the file names no issuer to fetch the JWKS from');
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}
