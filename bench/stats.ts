/** Figures for benchmarks: percentiles over samples in milliseconds, printed in aligned rows. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export interface Spread {
  median: number;
  p99: number;
}

export function spread(samples: readonly number[]): Spread {
  return { median: percentile(samples, 50), p99: percentile(samples, 99) };
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function printTable(title: string, rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  process.stdout.write(`\n${title}\n`);
  for (const row of rows) process.stdout.write(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
