/** CPU time of this process and everything it started (the servers, the worker), from /proc, by process. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuSeconds: number;
}

function stat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; the fields after it are plain.
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), comm, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** CPU seconds (user + system) of `root` and its descendants, keyed by pid, with their names. */
export function cpuOfTree(root: number): Map<number, { comm: string; cpuSeconds: number }> {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => stat(Number(d)) ?? []);
  const children = new Map<number, ProcStat[]>();
  for (const p of all) {
    const siblings = children.get(p.ppid) ?? [];
    siblings.push(p);
    children.set(p.ppid, siblings);
  }
  const tree = new Map<number, { comm: string; cpuSeconds: number }>();
  const visit = (p: ProcStat | undefined) => {
    if (!p) return;
    tree.set(p.pid, { comm: p.comm, cpuSeconds: p.cpuSeconds });
    for (const child of children.get(p.pid) ?? []) visit(child);
  };
  visit(all.find((p) => p.pid === root));
  return tree;
}

/** CPU seconds spent between two snapshots, summed per label (`label` names each process; undefined leaves it out). */
export function cpuSpent(
  before: ReadonlyMap<number, { cpuSeconds: number }>,
  after: ReadonlyMap<number, { comm: string; cpuSeconds: number }>,
  label: (pid: number, comm: string) => string | undefined,
): Map<string, number> {
  const spent = new Map<string, number>();
  for (const [pid, p] of after) {
    const name = label(pid, p.comm);
    if (name) spent.set(name, (spent.get(name) ?? 0) + p.cpuSeconds - (before.get(pid)?.cpuSeconds ?? 0));
  }
  return spent;
}
