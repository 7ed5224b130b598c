/**
 * JSON exports: a record is the innermost object that holds an identifier
 * (in a value or a list of values); objects nested in it that hold someone's
 * identifiers are records of their own. Redaction sets the record's values to
 * null in the source text and keeps every other character, so big numbers,
 * key order and formatting elsewhere survive.
 */
import { type Node, parseTree, type ParseError } from 'jsonc-parser';
import { type DocumentFormat, type Fragment, type ReadContext, RedactionRefused, UnreadableDocument } from './fragment.js';
import { decode, encode } from './text.js';

const NAME_KEY = /^(?:full_?name|name|nom|pr[ée]nom|first_?name|last_?name|surname|given_?name|display_?name|contact_?name)$/i;

interface JsonRecord {
  fragment: Fragment;
  /** Scalar nodes the record owns: what redaction sets to null. */
  leaves: Node[];
}

const isScalar = (node: Node) => node.type === 'string' || node.type === 'number' || node.type === 'boolean';

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const hasIdentifierIn = (node: Node, context: ReadContext) => isScalar(node) && context.hasIdentifier(String(node.value));

function propertiesOf(node: Node): { key: string; value: Node }[] {
  return (node.children ?? []).flatMap((p) => (p.children?.length === 2 ? [{ key: String(p.children[0]!.value), value: p.children[1]! }] : []));
}

/** An object is a record when one of its values, or a value in one of its lists, is an identifier. */
function ownsIdentifier(node: Node, context: ReadContext): boolean {
  return propertiesOf(node).some(({ value }) => hasIdentifierIn(value, context) || (value.type === 'array' && (value.children ?? []).some((c) => hasIdentifierIn(c, context))));
}

/** Every record under `node`, outside any enclosing record. */
function collect(node: Node, path: string, context: ReadContext, records: JsonRecord[]): void {
  if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => {
      if (hasIdentifierIn(child, context)) records.push({ fragment: { location: { kind: 'json', path: childPath(path, i) }, text: String(child.value), content: child.value }, leaves: [child] });
      else collect(child, childPath(path, i), context, records);
    });
  } else if (node.type === 'object') {
    if (!ownsIdentifier(node, context)) {
      for (const { key, value } of propertiesOf(node)) collect(value, childPath(path, key), context, records);
      return;
    }
    const leaves: Node[] = [];
    const names = propertiesOf(node).flatMap(({ key, value }) => (value.type === 'string' && NAME_KEY.test(key) ? [String(value.value)] : []));
    const content = owned(node, path, context, records, leaves);
    records.push({ fragment: { location: { kind: 'json', path }, text: leaves.map((l) => String(l.value)).join(' , '), content, names }, leaves });
  }
}

/** The part of a record's value that is its own: nested objects owning identifiers become records of their own. */
function owned(node: Node, path: string, context: ReadContext, records: JsonRecord[], leaves: Node[]): unknown {
  if (node.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const { key, value } of propertiesOf(node)) {
      if (value.type === 'object' && ownsIdentifier(value, context)) collect(value, childPath(path, key), context, records);
      else out[key] = owned(value, childPath(path, key), context, records, leaves);
    }
    return out;
  }
  if (node.type === 'array') {
    const out: unknown[] = [];
    (node.children ?? []).forEach((child, i) => {
      if (child.type === 'object' && ownsIdentifier(child, context)) collect(child, childPath(path, i), context, records);
      else out.push(owned(child, childPath(path, i), context, records, leaves));
    });
    return out;
  }
  if (isScalar(node)) leaves.push(node);
  return node.value ?? null;
}

function recordsOf(text: string, context: ReadContext): JsonRecord[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!root || errors.length > 0) throw new UnreadableDocument('malformed', `not valid JSON (error at character ${errors[0]?.offset ?? 0})`);
  const records: JsonRecord[] = [];
  if (isScalar(root) && context.hasIdentifier(String(root.value))) records.push({ fragment: { location: { kind: 'json', path: '$' }, text: String(root.value), content: root.value }, leaves: [root] });
  else collect(root, '$', context, records);
  return records;
}

export const jsonFormat: DocumentFormat = {
  async read(bytes, context) {
    return recordsOf(decode(bytes).text, context).map((r) => r.fragment);
  },

  async redact(bytes, targets, _names, context) {
    const decoded = decode(bytes);
    const wanted = new Set(targets.flatMap((t) => (t.location.kind === 'json' ? [t.location.path] : [])));
    const leaves = recordsOf(decoded.text, context)
      .filter((r) => r.fragment.location.kind === 'json' && wanted.has(r.fragment.location.path))
      .flatMap((r) => r.leaves)
      .sort((a, b) => b.offset - a.offset);
    if (leaves.length === 0) throw new RedactionRefused('the records to redact are no longer in the file');
    let text = decoded.text;
    for (const leaf of leaves) text = `${text.slice(0, leaf.offset)}null${text.slice(leaf.offset + leaf.length)}`;
    return encode({ ...decoded, text });
  },
};
