// Child processes under test: `serve` (the real headless ACS) and the bare node:http server,
// started the way a user starts them, plus what /proc says about them (RSS, CPU time).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface Child {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** SIGTERM, then the exit code (SIGKILL after 20 s). */
  stop(): Promise<number | null>;
}

export interface ServeChild extends Child {
  cwmpUrl: string;
  apiUrl: string;
  token: string;
}

function startChild(args: string[], ready: (out: string) => boolean, what: string, nodeArgs: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const append = (c: Buffer): void => {
    // Keep the start (URLs) and the end (errors), not megabytes of 503 warnings.
    out = out.length < 200_000 ? out + c.toString() : out.slice(0, 100_000) + c.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not start within 30 s:\n${out}`));
    }, 30_000);
    const poll = setInterval(() => {
      if (!ready(out)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ child, pid: child.pid ?? 0, output: () => out, stop });
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${out}`));
    });
  });
}

/** Credentials every benchmark CPE uses when serve asks for Digest (its default). */
export const BENCH_CPE_CREDENTIALS = { username: 'bench-cpe', password: 'bench-cpe-password' } as const;

/** serve's options for CPE authentication: the default Digest with known credentials, or none. */
export function cpeAuthArgs(mode: 'digest' | 'none'): string[] {
  if (mode === 'none') return ['--cpe-auth', 'none'];
  return ['--cpe-auth', 'digest', '--cpe-username', BENCH_CPE_CREDENTIALS.username, '--cpe-password', BENCH_CPE_CREDENTIALS.password];
}

/** `npm run serve` on loopback ephemeral ports with this data folder. */
export async function startServe(dataDir: string, extraArgs: string[] = [], nodeArgs: string[] = []): Promise<ServeChild> {
  // Every bench CPE comes from 127.0.0.1, like a fleet behind one NAT: no per-address share.
  const shared = ['--max-sessions-per-address', '1000000'];
  const args = [
    'electron/server.ts',
    '--data',
    dataDir,
    '--cwmp-host',
    '127.0.0.1',
    '--cwmp-port',
    '0',
    '--http-port',
    '0',
    ...shared,
    ...extraArgs,
  ];
  const c = await startChild(args, (out) => /API token {3}: \S+/.test(out) && /local: http/.test(out), 'serve', nodeArgs);
  const out = c.output();
  const cwmpUrl = /local: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
  const apiUrl = /API and UI {2}: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
  const token = /API token {3}: (\S+)/.exec(out)?.[1] ?? '';
  return { ...c, cwmpUrl, apiUrl, token };
}

/** The ceiling: test/bench/bare-server.ts, a node:http server with canned replies. */
export async function startBare(): Promise<Child & { port: number }> {
  const c = await startChild(['test/bench/bare-server.ts'], (out) => /listening on \d+/.test(out), 'bare server');
  return { ...c, port: Number(/listening on (\d+)/.exec(c.output())?.[1] ?? 0) };
}

export interface ProcSample {
  rssBytes: number;
  peakRssBytes: number;
  /** User + system CPU seconds so far. */
  cpuSeconds: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** RSS (VmRSS), peak RSS (VmHWM) and CPU time of a process, from /proc. */
export function procSample(pid: number): ProcSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command: state is index 0, so utime (field 14) is index 11, stime index 12.
  const cpu = (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / CLOCK_TICKS;
  return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM'), cpuSeconds: cpu };
}

/** CPU seconds of this process (user + system). */
export function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
