/**
 * The subset of SOQL that integrations like Gardien send:
 * SELECT fields | COUNT() FROM object [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n],
 * with =, !=, <>, <, <=, >, >=, LIKE, IN, NOT IN, AND, OR, NOT and parentheses.
 */
import { SfError } from './errors.js';

export type Literal = string | number | boolean | null;
export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { kind: 'in'; field: string; values: Literal[]; negated: boolean }
  | { kind: 'like'; field: string; pattern: string };

export interface SoqlQuery {
  fields: string[] | 'count';
  object: string;
  where?: Condition;
  orderBy: { field: string; descending: boolean; nullsLast: boolean }[];
  limit?: number;
  offset?: number;
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; at: number };

const SYMBOLS = ['!=', '<>', '<=', '>=', '=', '<', '>', '(', ')', ','];

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'") {
      let text = '';
      let j = i + 1;
      for (; j < soql.length && soql[j] !== "'"; j++) {
        if (soql[j] === '\\') {
          const next = soql[++j];
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : (next ?? '');
        } else text += soql[j];
      }
      if (j >= soql.length) throw malformed(soql, i, 'unterminated string literal');
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    const symbol = SYMBOLS.find((s) => soql.startsWith(s, i));
    if (symbol) { tokens.push({ kind: 'symbol', text: symbol, at: i }); i += symbol.length; continue; }
    const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?/.exec(soql.slice(i));
    if (date) { tokens.push({ kind: 'word', text: date[0], at: i }); i += date[0].length; continue; }
    const number = /^-?\d+(\.\d+)?(?!\w)/.exec(soql.slice(i));
    if (number) { tokens.push({ kind: 'number', text: number[0], at: i }); i += number[0].length; continue; }
    const word = /^[A-Za-z_][\w.]*/.exec(soql.slice(i));
    if (!word) throw malformed(soql, i, `unexpected token: '${c}'`);
    tokens.push({ kind: 'word', text: word[0], at: i });
    i += word[0].length;
  }
  return tokens;
}

function malformed(soql: string, at: number, what: string): SfError {
  return new SfError(400, 'MALFORMED_QUERY', `\n${soql}\n${' '.repeat(at)}^\nERROR at Row:1:Column:${at + 1}\n${what}`);
}

export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (text: string, t = peek()) => t?.kind === 'word' && t.text.toUpperCase() === text;
  const fail = (what?: string): never => {
    const t = peek();
    throw malformed(soql, t?.at ?? soql.length, what ?? (t ? `unexpected token: '${t.text}'` : 'unexpected end of query'));
  };
  const expectWord = (text: string) => (isWord(text) ? pos++ : fail());
  const expectSymbol = (text: string) => (peek()?.text === text && peek()?.kind === 'symbol' ? pos++ : fail());
  const fieldName = (): string => {
    const t = peek();
    if (t?.kind !== 'word') return fail();
    pos++;
    return t.text;
  };

  expectWord('SELECT');
  let fields: string[] | 'count';
  if (isWord('COUNT') && tokens[pos + 1]?.text === '(') {
    pos += 2;
    expectSymbol(')');
    fields = 'count';
  } else {
    fields = [fieldName()];
    while (peek()?.text === ',') { pos++; fields.push(fieldName()); }
  }
  expectWord('FROM');
  const object = fieldName();

  const literal = (): Literal => {
    const t = peek() ?? fail();
    pos++;
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word') {
      const upper = t.text.toUpperCase();
      if (upper === 'NULL') return null;
      if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
      if (/^\d{4}-\d{2}-\d{2}/.test(t.text)) return t.text;
    }
    pos--;
    return fail();
  };

  const predicate = (): Condition => {
    if (peek()?.text === '(') {
      pos++;
      const inner = disjunction();
      expectSymbol(')');
      return inner;
    }
    if (isWord('NOT')) { pos++; return { kind: 'not', item: predicate() }; }
    const field = fieldName();
    const t = peek() ?? fail();
    if (t.kind === 'symbol' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      pos++;
      const op = (t.text === '<>' ? '!=' : t.text) as '=' | '!=' | '<' | '<=' | '>' | '>=';
      return { kind: 'compare', field, op, value: literal() };
    }
    if (isWord('LIKE')) {
      pos++;
      const pattern = literal();
      if (typeof pattern !== 'string') fail('LIKE needs a string');
      return { kind: 'like', field, pattern: pattern as string };
    }
    const negated = isWord('NOT');
    if (negated) pos++;
    if (isWord('IN')) {
      pos++;
      expectSymbol('(');
      const values = [literal()];
      while (peek()?.text === ',') { pos++; values.push(literal()); }
      expectSymbol(')');
      return { kind: 'in', field, values, negated };
    }
    return fail();
  };
  const conjunction = (): Condition => {
    const items = [predicate()];
    while (isWord('AND')) { pos++; items.push(predicate()); }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  };
  function disjunction(): Condition {
    const items = [conjunction()];
    while (isWord('OR')) { pos++; items.push(conjunction()); }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  const query: SoqlQuery = { fields, object, orderBy: [] };
  if (isWord('WHERE')) { pos++; query.where = disjunction(); }
  if (isWord('ORDER')) {
    pos++;
    expectWord('BY');
    do {
      if (peek()?.text === ',') pos++;
      const field = fieldName();
      let descending = false;
      if (isWord('ASC') || isWord('DESC')) descending = tokens[pos++]!.text.toUpperCase() === 'DESC';
      let nullsLast = descending;
      if (isWord('NULLS')) {
        pos++;
        nullsLast = isWord('LAST') ? true : isWord('FIRST') ? false : fail();
        pos++;
      }
      query.orderBy.push({ field, descending, nullsLast });
    } while (peek()?.text === ',');
  }
  const count = () => {
    const t = peek();
    if (t?.kind !== 'number' || !/^\d+$/.test(t.text)) return fail();
    pos++;
    return Number(t.text);
  };
  if (isWord('LIMIT')) { pos++; query.limit = count(); }
  if (isWord('OFFSET')) { pos++; query.offset = count(); }
  if (pos < tokens.length) fail();
  return query;
}
