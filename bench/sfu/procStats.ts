/**
 * CPU times read from /proc (Linux), in ms; NaN elsewhere.
 */
import fs from 'node:fs';

const CLOCK_TICKS_PER_S = 100; // USER_HZ, 100 on every Linux this runs on

/**
 * CPU time (user + system, ms) of the calling thread; NaN off Linux. `process.cpuUsage()` counts
 * the whole process, i.e. the server and the synthetic clients together.
 */
export function threadCpuMs(): number {
  try {
    // Fields 14 and 15 (utime, stime), counted after the parenthesised command name.
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return NaN;
  }
}

/**
 * Time this virtual machine's CPUs were taken by the host for others (the "steal" column of
 * /proc/stat, summed over CPUs). A join that is slow while steal rises was slowed by the
 * neighbours, not by the code measured.
 */
export function cpuStealMs(): number {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    return (Number(fields[8]) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return NaN;
  }
}
