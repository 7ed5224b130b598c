/** What a table's header row says about its columns: which hold names, which hold contact details. */
const NAME_COLUMN = /^(?:full[ _-]?name|name|nom|nom complet|pr[ée]nom|first[ _-]?name|last[ _-]?name|surname|given[ _-]?name|contact|contact name|attendee|participant|client|customer|vorname|nachname|nome|cognome)$/i;
const CONTACT_COLUMN = /(mail|phone|t[ée]l|mobile|portable|fax)/i;

export interface Header {
  labels: string[];
  nameColumns: number[];
}

/** A first row is a header when it holds labels rather than someone's details. */
export function headerOf(firstRow: readonly string[]): Header | undefined {
  const labels = firstRow.map((cell) => cell.trim());
  if (labels.every((l) => l === '') || labels.some((l) => l.includes('@') || /\d{6,}/.test(l.replace(/\D/g, '')))) return undefined;
  const nameColumns = labels.flatMap((label, i) => (NAME_COLUMN.test(label) && !CONTACT_COLUMN.test(label) ? [i] : []));
  return { labels, nameColumns };
}

/** A row as column label → value (labels made unique), or the bare cells when the table has no header. */
export function rowContent(header: Header | undefined, cells: readonly unknown[]): unknown {
  if (!header) return [...cells];
  const content: Record<string, unknown> = {};
  cells.forEach((value, i) => {
    let label = header.labels[i] || `column ${i + 1}`;
    while (label in content) label = `${label} (${i + 1})`;
    content[label] = value;
  });
  return content;
}

/** The name written in the row's name columns, e.g. First name + Last name. */
export function rowName(header: Header | undefined, cells: readonly string[]): string[] {
  if (!header || header.nameColumns.length === 0) return [];
  const name = header.nameColumns.map((i) => cells[i]?.trim() ?? '').filter(Boolean).join(' ');
  return name ? [name] : [];
}
