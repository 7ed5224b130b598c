/** SOQL literals. Values are always escaped, never pasted: an email is user input. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

export function soqlIn(values: readonly string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}
