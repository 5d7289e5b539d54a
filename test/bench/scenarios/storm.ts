import type { BenchOptions } from '../lib/options.ts';
export async function runStorm(o: BenchOptions, log: (line: string) => void): Promise<{ todo: true }> {
  void o; log('todo');
  return { todo: true };
}
