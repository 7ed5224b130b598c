/** PDFs, through their text layer (unpdf): a fragment per line of each page. Never rewritten. */
import { extractText, getDocumentProxy } from 'unpdf';
import { type DocumentFormat, type Fragment, UnreadableDocument } from './fragment.js';

export const pdfFormat: DocumentFormat = {
  async read(bytes) {
    let pages: string[];
    try {
      // A copy: pdf.js may take ownership of the buffer it is given.
      const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
      try {
        pages = (await extractText(pdf, { mergePages: false })).text;
      } finally {
        await pdf.destroy();
      }
    } catch (error) {
      throw new UnreadableDocument('malformed', `not a readable PDF: ${(error as Error).message}`);
    }
    if (pages.length > 0 && pages.every((page) => page.trim() === '')) {
      throw new UnreadableDocument('unsupported', 'the PDF has no text layer (a scan?): it cannot be searched, check it by hand');
    }
    const fragments: Fragment[] = [];
    pages.forEach((page, p) => {
      page.split('\n').forEach((line, l) => {
        if (line.trim()) fragments.push({ location: { kind: 'page', page: p + 1, line: l + 1 }, text: line, content: line });
      });
    });
    return fragments;
  },
};
