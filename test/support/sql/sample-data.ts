/**
 * Real legacy databases nobody here wrote: Pagila (PostgreSQL) and Sakila (MySQL),
 * read from `GARDIEN_SAMPLE_DATA` (default `../shared/data` from the repository root)
 * and loaded into a fresh database per test file. Never copied into the repository.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlConfig } from '../../../connectors/sql/config.js';
import { type TemporaryDatabase, temporaryDatabase } from './temporary-database.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SAMPLE_DATA_DIR = path.resolve(REPO_ROOT, process.env.GARDIEN_SAMPLE_DATA ?? '../shared/data');

const SAMPLES = {
  pagila: { title: 'Pagila', files: ['pagila/pagila-schema.sql', 'pagila/pagila-data.sql'], clients: ['psql'] },
  sakila: { title: 'Sakila', files: ['sakila-mysql/1-sakila-schema.sql', 'sakila-mysql/2-sakila-data.sql'], clients: ['mariadb', 'mysql'] },
} as const;
export type SampleName = keyof typeof SAMPLES;

export interface SamplePresence {
  present: boolean;
  files: string[];
  client?: string;
  /** Why its suite does not run, printed plainly. */
  message?: string;
}

function onPath(binary: string): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Whether the sample and its command-line client are here; prints why not when they are not. */
export function samplePresence(name: SampleName): SamplePresence {
  const sample = SAMPLES[name];
  const files = sample.files.map((f) => path.join(SAMPLE_DATA_DIR, f));
  const missing = files.find((f) => !existsSync(f));
  const client = sample.clients.find(onPath);
  let message: string | undefined;
  if (missing) message = `${sample.title} not found at ${missing}: skipping its suite`;
  else if (!client) message = `${sample.title} needs the ${sample.clients.join(' or ')} client, not found on PATH: skipping its suite`;
  if (message) console.warn(message);
  return { present: !message, files, ...(client ? { client } : {}), ...(message ? { message } : {}) };
}

export interface SampleDatabase extends TemporaryDatabase {
  loadMs: number;
}

function pipeInto(command: string, args: string[], input: NodeJS.ReadableStream | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${errors.slice(0, 2000)}`))));
    if (typeof input === 'string') child.stdin.end(input);
    else input.pipe(child.stdin);
  });
}

/** Pagila in a fresh PostgreSQL database, with psql. */
export async function loadPagila(presence = samplePresence('pagila')): Promise<SampleDatabase> {
  const started = Date.now();
  const db = await temporaryDatabase('postgres', 'pagila');
  try {
    for (const file of presence.files) {
      await pipeInto(presence.client!, ['-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url], createReadStream(file));
    }
  } catch (error) {
    await db.drop();
    throw error;
  }
  return { ...db, loadMs: Date.now() - started };
}

/** Sakila in a fresh MariaDB/MySQL database; the scripts name their database `sakila`, renamed here in memory. */
export async function loadSakila(presence = samplePresence('sakila')): Promise<SampleDatabase> {
  const started = Date.now();
  const db = await temporaryDatabase('mysql', 'sakila');
  const url = new URL(db.url);
  try {
    const script = (await Promise.all(presence.files.map((f) => readFile(f, 'utf8'))))
      .join('\n')
      .replace(/^(DROP SCHEMA IF EXISTS|CREATE SCHEMA|USE) sakila;/gm, `$1 ${db.name};`)
      .replace(/\bsakila\./g, `${db.name}.`);
    const args = ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username)];
    if (url.password) args.push(`-p${decodeURIComponent(url.password)}`);
    await pipeInto(presence.client!, args, script);
  } catch (error) {
    await db.drop();
    throw error;
  }
  return { ...db, loadMs: Date.now() - started };
}

const PAYMENTS_LEGAL_HOLD = { basis: 'Payments are accounting records, kept 10 years (French Commercial Code, art. L123-22)', retainForDays: 3650 };

/**
 * What IT would register for the rental databases: customers found by email or by
 * the phone on their address; payments kept under a legal hold, so the rentals and
 * the customer they point at are anonymised rather than deleted.
 */
export function rentalConnectorConfig(url: string): SqlConfig {
  return {
    url,
    subjects: [{ table: 'customer', identity: { email: 'email', phone: 'address.phone' }, name: ['first_name', 'last_name'] }],
    erasure: { payment: { strategy: 'retain', legalHold: PAYMENTS_LEGAL_HOLD } },
  };
}
