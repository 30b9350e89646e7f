import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * CPU milliseconds (user + system) used so far by a process and all its living descendants,
 * read from Linux's /proc, so a benchmark can say where the time of a run went across
 * processes (the sender, the SMTP sink, Postgres's backends). Undefined where /proc is
 * missing (macOS), so callers print the figure only when there is one.
 */
export function processTreeCpuMs(rootPid: number): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux build Node runs on
  const parentOf = new Map<number, number>();
  const ticksOf = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we read
    }
    // The command name is in parentheses and may hold spaces: the fields start after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    parentOf.set(pid, Number(fields[1]));
    // utime, stime, and the reaped children's cutime, cstime (fields 14–17 of stat(5)).
    ticksOf.set(pid, Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
  }
  if (!ticksOf.has(rootPid)) return undefined;
  let ticks = 0;
  for (const [pid, own] of ticksOf) {
    for (let at: number | undefined = pid; at !== undefined && at > 0; at = parentOf.get(at)) {
      if (at === rootPid) {
        ticks += own;
        break;
      }
    }
  }
  return (ticks / ticksPerSecond) * 1000;
}

/** The machine's load, for the line that says under which conditions a figure was taken. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ');
}
