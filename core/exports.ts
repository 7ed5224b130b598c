import { timingSafeEqual } from 'node:crypto';
import { keyedHash } from './crypto.js';
import { GardienError } from './errors.js';
import { canonicalJson } from './report/canonical.js';
import type { ExportFileRef } from './report/report.js';
import type { RequestType } from './requests.js';
import { packageExportId, partExportId } from './storage/export-ids.js';
import type { ExportDoc, ExportStore } from './storage/exports.js';

/** One record as a connector reads it (structurally the SDK's SubjectRecord; core does not import connectors). */
export interface ExportRecord {
  ref: { object: string; id: string; matchedOn?: string };
  fields: Record<string, unknown>;
}

/**
 * What GDPR Art. 15(1) says must accompany the data, per object: purposes,
 * categories, recipients, retention, source — from the connector's
 * description (structurally the SDK's ObjectDescription; core does not import connectors).
 */
export interface ObjectNotice {
  name: string;
  label: string | null;
  categories: string[];
  purposes: string[];
  recipients: string[];
  retention: string | null;
  source: string | null;
}

export interface SystemNotice {
  objects: ObjectNotice[];
}

interface DescribedObjectLike {
  name: string;
  label?: string;
  fields: { category: string }[];
  purposes?: string[];
  recipients?: string[];
  retention?: string;
  source?: string;
  erasure?: { legalHold?: { basis: string; retainForDays?: number } };
}

export function systemNotice(description: { objects: readonly DescribedObjectLike[] }): SystemNotice {
  return {
    objects: description.objects.map((o) => ({
      name: o.name,
      label: o.label ?? null,
      categories: [...new Set(o.fields.map((f) => f.category))].sort(),
      purposes: o.purposes ?? [],
      recipients: o.recipients ?? [],
      retention: o.retention ?? (o.erasure?.legalHold ? `${o.erasure.legalHold.basis}${o.erasure.legalHold.retainForDays ? ` (${o.erasure.legalHold.retainForDays} days)` : ''}` : null),
      source: o.source ?? null,
    })),
  };
}

export function fileRef(doc: ExportDoc): ExportFileRef {
  return { id: doc._id, sha256: doc.sha256, bytes: doc.bytes };
}

/**
 * Writes one system's records as canonical JSON, streaming: the keys of the
 * envelope are already in sorted order with `records` last, and each record is
 * canonicalised on its own, so the whole file is canonical without holding it.
 */
export async function writeSystemExport(
  store: ExportStore,
  input: {
    requestId: string;
    connector: { id: string; kind: string; name: string };
    /** Art. 15 information about the system's objects; written first (keys stay in canonical order). */
    about?: SystemNotice;
    exportedAt: Date;
    records: AsyncIterable<ExportRecord>;
    onRecord?: (count: number) => void | Promise<void>;
  },
): Promise<{ file: ExportDoc; records: number }> {
  const writer = await store.create(partExportId(input.requestId, input.connector.id), {
    requestId: input.requestId,
    connectorId: input.connector.id,
    kind: 'part',
    contentType: 'application/json',
  });
  const about = input.about ? `"about":${canonicalJson(input.about)},` : '';
  await writer.write(`{${about}"connector":${canonicalJson(input.connector)},"exportedAt":${canonicalJson(input.exportedAt.toISOString())},"records":[`);
  let count = 0;
  for await (const record of input.records) {
    await writer.write(`${count > 0 ? ',' : ''}${canonicalJson({ object: record.ref.object, id: record.ref.id, matchedOn: record.ref.matchedOn ?? null, fields: record.fields })}`);
    count++;
    await input.onRecord?.(count);
  }
  await writer.write(']}');
  return { file: await writer.finish(), records: count };
}

/** The subject's download: every system's part, verbatim, in one canonical JSON document. */
export async function writeExportPackage(
  store: ExportStore,
  input: { requestId: string; type: RequestType; exportedAt: Date; partIds: readonly string[] },
): Promise<ExportDoc> {
  const writer = await store.create(packageExportId(input.requestId), {
    requestId: input.requestId,
    connectorId: null,
    kind: 'package',
    contentType: 'application/json',
  });
  await writer.write(`{"exportedAt":${canonicalJson(input.exportedAt.toISOString())},"requestId":${canonicalJson(input.requestId)},"systems":[`);
  for (const [i, id] of input.partIds.entries()) {
    if (i > 0) await writer.write(',');
    for await (const chunk of store.read(id)) await writer.write(chunk);
  }
  await writer.write(`],"type":${canonicalJson(input.type)}}`);
  return writer.finish();
}

/** A download link that failed; `expired` ones answer 410, the others 403. */
export class ExportLinkError extends GardienError {
  constructor(readonly reason: 'invalid' | 'expired') {
    super(reason === 'expired' ? 'LINK_EXPIRED' : 'LINK_INVALID', reason === 'expired' ? 'This download link has expired' : 'This download link is not valid');
  }
}

/** A link token that needs no storage: its expiry and an HMAC over export id and expiry. */
export function exportLinkToken(exportId: string, expiresAt: Date, secret: string): string {
  const expiry = expiresAt.getTime().toString(36);
  return `${expiry}.${keyedHash(`export-link:${exportId}:${expiry}`, Buffer.from(secret, 'utf8'))}`;
}

export function checkExportLink(exportId: string, token: string, secret: string, now = new Date()): { expiresAt: Date } {
  const [expiry, mac] = token.split('.');
  if (!expiry || !mac || !/^[0-9a-z]+$/.test(expiry)) throw new ExportLinkError('invalid');
  const expected = Buffer.from(keyedHash(`export-link:${exportId}:${expiry}`, Buffer.from(secret, 'utf8')), 'hex');
  const given = Buffer.from(mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ExportLinkError('invalid');
  const expiresAt = new Date(parseInt(expiry, 36));
  if (now.getTime() > expiresAt.getTime()) throw new ExportLinkError('expired');
  return { expiresAt };
}

export function exportDownloadUrl(publicUrl: string, exportId: string, token: string): string {
  return `${publicUrl}/exports/${encodeURIComponent(exportId)}?token=${encodeURIComponent(token)}`;
}
