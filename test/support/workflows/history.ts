import type { Payload } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import type { AesGcmPayloadCodec } from '../../../workflows/runtime/codec.js';

/** Every string and byte array in a fetched history, plus its payloads (undecoded). */
export function historyContents(history: unknown): { texts: string[]; bytes: Buffer[]; payloads: Payload[] } {
  const texts: string[] = [];
  const bytes: Buffer[] = [];
  const payloads: Payload[] = [];
  const walk = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string') texts.push(value);
    else if (value instanceof Uint8Array) bytes.push(Buffer.from(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.data instanceof Uint8Array && typeof record.metadata === 'object') payloads.push(record as Payload);
      for (const item of Object.values(record)) walk(item);
    }
  };
  walk(history);
  return { texts, bytes, payloads };
}

/**
 * Where any of `needles` occurs in the histories of `handles`: in their raw
 * strings and bytes, and in their payloads once decrypted by the codec.
 */
export async function personalDataIn(handles: WorkflowHandle[], needles: string[], codec: AesGcmPayloadCodec): Promise<string[]> {
  const found: string[] = [];
  for (const handle of handles) {
    const { texts, bytes, payloads } = historyContents(await handle.fetchHistory());
    const decoded = (await codec.decode(payloads)).map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'));
    for (const needle of needles) {
      const lower = needle.toLowerCase();
      if (texts.some((t) => t.toLowerCase().includes(lower))) found.push(`${handle.workflowId}: "${needle}" in a raw string`);
      if (bytes.some((b) => b.toString('utf8').toLowerCase().includes(lower) || b.toString('latin1').toLowerCase().includes(lower))) found.push(`${handle.workflowId}: "${needle}" in raw bytes`);
      if (decoded.some((d) => d.toLowerCase().includes(lower))) found.push(`${handle.workflowId}: "${needle}" in a decoded payload`);
    }
  }
  return found;
}
