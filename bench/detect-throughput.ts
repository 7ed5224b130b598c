/** Throughput of the free-text detector on one core: a mix of note sizes built from the labelled notes, timed warm. */
import { detectSensitive } from '../core/freetext/detect.js';
import { ms, percentile } from './stats.js';

/** A repeatable mix: most CRM notes are a line, some a paragraph, a few a pasted email or a long history. */
const MIX = [
  { share: 0.5, notes: 1 },
  { share: 0.3, notes: 5 },
  { share: 0.15, notes: 30 },
  { share: 0.05, notes: 150 },
] as const;

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

export function buildWorkload(texts: readonly string[], documents: number, seed = 7): string[] {
  const next = random(seed);
  const workload: string[] = [];
  for (const { share, notes } of MIX) {
    for (let d = 0; d < Math.round(documents * share); d++) {
      const parts: string[] = [];
      for (let n = 0; n < notes; n++) parts.push(texts[Math.floor(next() * texts.length)]!);
      workload.push(parts.join(notes > 1 ? '. ' : ''));
    }
  }
  return workload;
}

/** The same notes with every longer word given a random ending: far more different words (hundreds of thousands) than the detector remembers. */
export function unseenVocabulary(workload: readonly string[], seed = 11): string[] {
  const next = random(seed);
  const letter = () => String.fromCharCode(97 + Math.floor(next() * 26));
  return workload.map((text) => text.replace(/\p{L}{4,}/gu, (word) => word + letter() + letter() + letter()));
}

export interface Throughput {
  megabytesPerSecondCpu: number;
  megabytesPerSecondWall: number;
  megabytes: number;
  passes: number;
}

/** Warm passes first, then timed passes until at least `seconds` of CPU time. */
export function measureThroughput(workload: readonly string[], seconds = 3): Throughput {
  const bytes = workload.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  for (let pass = 0; pass < 2; pass++) for (const text of workload) detectSensitive(text);
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let passes = 0;
  let cpu = 0;
  do {
    for (const text of workload) detectSensitive(text);
    passes++;
    const used = process.cpuUsage(cpuStart);
    cpu = (used.user + used.system) / 1e6;
  } while (cpu < seconds);
  const wall = (performance.now() - wallStart) / 1000;
  const megabytes = (bytes * passes) / 1e6;
  return { megabytesPerSecondCpu: megabytes / cpu, megabytesPerSecondWall: megabytes / wall, megabytes, passes };
}

/** Latency of one note of about `size` bytes, as a form checking a note before saving it would see. */
export function noteLatency(texts: readonly string[], size: number, samples = 2000): { median: string; p99: string } {
  const next = random(3);
  const notes: string[] = [];
  for (let i = 0; i < samples; i++) {
    let note = '';
    while (Buffer.byteLength(note) < size) note += `${texts[Math.floor(next() * texts.length)]!}. `;
    notes.push(note);
  }
  for (const note of notes.slice(0, 200)) detectSensitive(note);
  const times = notes.map((note) => {
    const started = performance.now();
    detectSensitive(note);
    return performance.now() - started;
  });
  return { median: ms(percentile(times, 50)), p99: ms(percentile(times, 99)) };
}
