/** DOCX letters and reports: a fragment per paragraph, read with mammoth. Never rewritten: erasure is delete, quarantine or a person's task. */
import mammoth from 'mammoth';
import { type DocumentFormat, type Fragment, UnreadableDocument } from './fragment.js';
import { archiveLimits, checkArchive } from './zip.js';

export const docxFormat: DocumentFormat = {
  async read(bytes, context) {
    await checkArchive(bytes, archiveLimits(context.maxFileBytes));
    let text: string;
    try {
      text = (await mammoth.extractRawText({ buffer: bytes })).value;
    } catch (error) {
      throw new UnreadableDocument('malformed', `not a readable DOCX document: ${(error as Error).message}`);
    }
    const fragments: Fragment[] = [];
    text.split(/\n\n/).forEach((paragraph, i) => {
      const clean = paragraph.trim();
      if (clean) fragments.push({ location: { kind: 'paragraph', paragraph: i + 1 }, text: clean, content: clean });
    });
    return fragments;
  },
};
