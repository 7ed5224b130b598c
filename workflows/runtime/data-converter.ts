import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import type { SecretKey } from '../../core/crypto.js';
import { AesGcmPayloadCodec } from './codec.js';

export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

/** The one data converter of client and worker: encrypted payloads and encrypted failure messages. */
export function createDataConverter(secretKeys: readonly SecretKey[]): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(secretKeys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
