import { readFile } from 'node:fs/promises';
import { decodeProtectedHeader, exportJWK, importSPKI, type JWK } from 'jose';
import type { Jwks } from './keys.js';
import { ReportVerificationError, verifyReportFile } from './verify.js';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const USAGE = 'usage: gardien report verify <file> (--jwks <url|file> | --key <file> | --issuer <url>)';

const NO_TRUST =
  'say which keys to trust: --jwks <url|file> or --key <file> of the company that signed it, or --issuer <url> to fetch its JWKS from that issuer only ' +
  '(the report names its own issuer, and a forged report would name the forger\'s server)';

/**
 * `gardien report verify <file> (--jwks url|file | --key file | --issuer url)`:
 * 0 when the report is valid, 1 when it is not (saying what failed), 2 on bad
 * usage. The keys never come from the report itself: a forger controls that.
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
    const { jwks, trusted } = await loadKeys(parsed, text);
    const verified = await verifyReportFile(text, jwks);
    const { report } = verified;
    io.stdout(`valid, signed by kid ${verified.kid} at ${verified.issuedAt}`);
    io.stdout(`issuer ${report.issuer}; keys trusted from ${trusted}`);
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
  issuer?: string;
}

const OPTIONS = { '--jwks': 'jwks', '--key': 'key', '--issuer': 'issuer' } as const;

function parseArgs(args: readonly string[]): VerifyArgs | { error: string } {
  const out: Partial<VerifyArgs> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg in OPTIONS) {
      const value = args[++i];
      if (!value) return { error: `${arg} needs a value` };
      out[OPTIONS[arg as keyof typeof OPTIONS]] = value;
    } else if (arg.startsWith('--')) {
      return { error: `unknown option ${arg}` };
    } else if (out.file) {
      return { error: `unexpected argument ${arg}` };
    } else {
      out.file = arg;
    }
  }
  if (!out.file) return { error: 'which report file?' };
  if (!out.jwks && !out.key && !out.issuer) return { error: NO_TRUST };
  if (out.issuer && !/^https?:\/\//.test(out.issuer)) return { error: '--issuer must be the http(s) URL the company publishes reports from' };
  return out as VerifyArgs;
}

/** The keys to check against, and where they came from; the report's own issuer is trusted only when it is the pinned one. */
async function loadKeys(args: VerifyArgs, reportText: string): Promise<{ jwks: Jwks; trusted: string }> {
  if (args.issuer) {
    const named = claimedIssuer(reportText);
    if (sameIssuer(named, args.issuer) === false) throw new ReportVerificationError(`the report names issuer ${named ?? '(none)'}, not the trusted ${args.issuer}`);
  }
  if (args.key) return { jwks: { keys: [await readKeyFile(args.key, headerKid(reportText))] }, trusted: `key file ${args.key}` };
  const source = args.jwks ?? `${args.issuer!.replace(/\/+$/, '')}/.well-known/jwks.json`;
  const body = /^https?:\/\//.test(source) ? await fetchText(source) : await readFile(source, 'utf8');
  const jwks = JSON.parse(body) as Jwks;
  if (!Array.isArray(jwks.keys)) throw new Error(`${source} is not a JWKS (no "keys" array)`);
  return { jwks, trusted: args.jwks ? `JWKS ${source}` : `pinned issuer ${args.issuer} (${source})` };
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

/** The issuer the report claims (unverified until its signature is checked). */
function claimedIssuer(reportText: string): string | null {
  try {
    const payload = jwsOf(reportText).split('.')[1] ?? '';
    const issuer = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { issuer?: unknown }).issuer;
    return typeof issuer === 'string' ? issuer : null;
  } catch {
    return null;
  }
}

/** Same scheme, host, port and path, a trailing slash aside; false when the report names another or none. */
function sameIssuer(named: string | null, pinned: string): boolean {
  if (!named) return false;
  const canonical = (url: string) => {
    try {
      const parsed = new URL(url);
      return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
    } catch {
      return null;
    }
  };
  return canonical(named) !== null && canonical(named) === canonical(pinned);
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}
