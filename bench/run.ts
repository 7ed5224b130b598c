/** `npm run bench`: every benchmark in turn, printing its figures. `npm run bench -- lookup` runs one. */
const BENCHES: Record<string, () => Promise<{ run: () => Promise<unknown> }>> = {
  lookup: () => import('./lookup.bench.js'),
  fileshare: () => import('./fileshare.bench.js'),
  erasure: () => import('./erasure.bench.js'),
  detect: () => import('./detect.bench.js'),
  hostile: () => import('./hostile.bench.js'),
};

const wanted = process.argv.slice(2);
for (const [name, load] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stdout.write(`\n=== ${name} ===\n`);
  await (await load()).run();
}
