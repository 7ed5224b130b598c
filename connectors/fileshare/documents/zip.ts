/**
 * XLSX and DOCX are zip archives: their directory is checked before any
 * parser inflates them, so a zip bomb or an entry with an absolute or parent
 * path is refused with a reason instead of exhausting the worker.
 */
import yauzl from 'yauzl';
import { UnreadableDocument } from './fragment.js';

export interface ArchiveLimits {
  /** Total inflated size allowed for one document. */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Inflated/compressed ratio above which an entry is a bomb (ordinary XML compresses ~10–30×). */
  maxRatio: number;
}

export function archiveLimits(maxFileBytes: number): ArchiveLimits {
  return { maxUncompressedBytes: Math.max(maxFileBytes * 10, 50 * 1024 * 1024), maxEntries: 5000, maxRatio: 200 };
}

/** The archive's entry names once its directory passes the limits; throws UnreadableDocument otherwise. */
export async function checkArchive(bytes: Buffer, limits: ArchiveLimits): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    throw new UnreadableDocument('malformed', `not a readable zip archive: ${(error as Error).message}`);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new UnreadableDocument('archive_bomb', `the archive holds ${zip.entryCount} entries (more than ${limits.maxEntries})`);
  }
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    let total = 0;
    const refuse = (error: UnreadableDocument) => {
      zip.close();
      reject(error);
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..')) {
        return refuse(new UnreadableDocument('unsafe_archive', 'the archive holds an entry with an absolute or parent path'));
      }
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (total > limits.maxUncompressedBytes || (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)) {
        return refuse(new UnreadableDocument('archive_bomb', `the archive inflates to more than ${Math.round(total / 1024 / 1024)} MB (ratio ${Math.round(ratio)}:1): refused as a zip bomb`));
      }
      names.push(name);
      zip.readEntry();
    });
    zip.on('error', (error: Error) => {
      const unsafe = /invalid relative path|absolute path/i.test(error.message);
      refuse(new UnreadableDocument(unsafe ? 'unsafe_archive' : 'malformed', unsafe ? 'the archive holds an entry with an absolute or parent path' : `not a readable zip archive: ${error.message}`));
    });
    zip.on('end', () => {
      zip.close();
      resolve(names);
    });
    zip.readEntry();
  });
}
