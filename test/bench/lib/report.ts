// The printed tables (the JSON file carries everything; this is the summary a human reads).
import type { BenchResults } from '../run.ts';
import { cpuUsPerSession } from '../scenarios/inform.ts';

type Cell = string | number | null | undefined;

export function table(headers: string[], rows: Cell[][]): string[] {
  const text = rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)];
}

export function printTables(r: BenchResults, log: (line: string) => void): void {
  const s = r.scenarios;
  const out = (title: string, lines: string[]): void => {
    log(`\n${title}`);
    for (const l of lines) log(`  ${l}`);
  };
  if (s.inform !== undefined) {
    const i = s.inform;
    const rows: Cell[][] = i.levels.map((l) => [
      `c=${l.concurrency}`,
      l.bare.sessionsPerSec,
      l.serve.sessionsPerSec,
      l.ratio,
      l.serve.latency.p50Ms,
      l.serve.latency.p99Ms,
      l.serve.serverCores,
      cpuUsPerSession(l.serve),
      l.machineBound?.ratio,
      l.inProcess?.sessionsPerSec,
    ]);
    for (const v of i.variants) {
      rows.push([
        `c=${v.concurrency} ${v.label}`,
        v.bare.sessionsPerSec,
        v.serve.sessionsPerSec,
        v.ratio,
        v.serve.latency.p50Ms,
        v.serve.latency.p99Ms,
        v.serve.serverCores,
        cpuUsPerSession(v.serve),
        null,
        null,
      ]);
    }
    out(
      `Inform throughput (${i.parametersPerInform} parameters, ${i.informBytes}-byte Inform; sessions/s; latency per session in ms; median-ratio pair of ${i.rounds})`,
      [
        ...table(['load', 'bare', 'serve', 'ratio', 'p50', 'p99', 'serve cores', 'us CPU/session', 'ratio bound', 'in-process'], rows),
        "ratio bound: the ratio if serve's and the driver's CPU per session were spread perfectly over every core",
        `durability: ${i.durability.acknowledged} sessions acknowledged, ${i.durability.stored.sessions} stored, ${i.durability.stored.okSessions} ok: ${i.durability.allStored ? 'all stored' : 'MISMATCH'}`,
      ],
    );
  }
  if (s.storm !== undefined) {
    const t = s.storm;
    out(
      'Bootstrap storm',
      table(
        [
          'devices',
          'at once',
          'max-sessions',
          'drain s',
          'devices/s',
          'Inform statuses',
          'empty POST',
          'p50 ms',
          'p99 ms',
          'registered',
          'only 503s',
        ],
        [
          [
            t.devices,
            t.concurrency,
            t.maxSessions,
            t.drainSeconds,
            t.devicesPerSec,
            JSON.stringify(t.informStatuses),
            JSON.stringify(t.endStatuses),
            t.sessionLatency.p50Ms,
            t.sessionLatency.p99Ms,
            `${t.stored.devices}${t.allRegistered ? ' (all)' : ' (MISSING)'}`,
            t.onlyDeliberate5xx ? 'yes' : 'NO',
          ],
        ],
      ),
    );
  }
  if (s.discovery !== undefined) {
    const d = s.discovery;
    if (d.skipped !== null) out('Full discovery', [d.skipped]);
    else {
      out(
        `Full discovery (${d.models.map((m) => `${m.file} ${m.nodes}`).join(', ')})`,
        table(
          [
            'devices',
            'complete',
            'refresh p50 ms',
            'p99 ms',
            'round trips',
            'ms/round trip',
            'ACS CPU ms',
            'sim CPU ms',
            'rows/device',
            'rows written/s',
            'DB MiB',
          ],
          [
            [
              d.devices,
              d.complete,
              d.perDevice.p50Ms,
              d.perDevice.p99Ms,
              d.roundTripsPerDevice,
              d.msPerRoundTrip,
              d.acsCpuMsPerDevice,
              d.simulatorCpuMsPerDevice,
              d.rowsPerDevice,
              d.rowsWrittenPerSec,
              d.databaseMiB,
            ],
          ],
        ),
      );
    }
  }
  if (s.fleet !== undefined) {
    const f = s.fleet;
    out(
      `Fleet: ${f.devices} devices x ${f.parametersPerDevice} parameters (${f.parameterRows} rows), database ${f.databaseMiB} MiB, ` +
        `${f.cached ? 'cached' : 'populated'} in ${f.populateSeconds} s; serve RSS ${f.serveRssMiB.afterQueries} MiB (peak ${f.serveRssMiB.peak})`,
      table(
        ['query', 'p50 ms', 'p99 ms', 'matches', 'via'],
        Object.entries(f.queries).map(([k, v]) => [k, v.p50Ms, v.p99Ms, v.matches, v.via]),
      ),
    );
  }
  if (s.history !== undefined) {
    const h = s.history;
    out(
      `History pruning: ${h.devices} devices, sessions ${h.sessionsBefore} -> ${h.sessionsAfter}, database ${h.databaseMiB} MiB`,
      table(
        ['pass', 'seconds', 'rows removed', 'rows/s', 'us CPU/device', 'longest loop block ms'],
        h.passes.map((p) => [p.label, p.seconds, p.rowsRemoved, p.rowsPerSec, p.usPerDevice, p.maxLoopBlockMs]),
      ),
    );
  }
  if (s.ui !== undefined) {
    const u = s.ui;
    if (u.skipped !== null) out('Web UI in Chromium', [u.skipped]);
    else {
      const row = (label: string, l: { p50Ms: number; p99Ms: number; maxMs: number; count: number } | null): Cell[] => [
        label,
        l?.p50Ms,
        l?.p99Ms,
        l?.maxMs,
        l?.count,
      ];
      out(
        `Web UI in Chromium: the device list with ${u.devices} devices (targets: first render < 300 ms, search p99 < 150 ms)`,
        table(
          ['measure', 'p50 ms', 'p99 ms', 'max ms', 'samples'],
          [
            row('first rows, from navigation start', u.firstRenderMs),
            row('first rows, from a route change', u.routeChangeMs),
            row('search input -> matching rows', u.searchMs),
          ],
        ),
      );
    }
  }
  if (s.tree !== undefined) {
    const t = s.tree;
    if (t.skipped !== null) out('Parameter tree in Chromium', [t.skipped]);
    else {
      const row = (label: string, l: { p50Ms: number; p99Ms: number; maxMs: number; count: number } | null): Cell[] => [
        label,
        l?.p50Ms,
        l?.p99Ms,
        l?.maxMs,
        l?.count,
      ];
      out(
        `Parameter tree in Chromium: one device of ${t.parameters} parameters (${t.rows} rows, ${t.model}; targets: open < 300 ms, search < 100 ms)`,
        table(
          ['measure', 'p50 ms', 'p99 ms', 'max ms', 'samples'],
          [row('Parameters tab click -> first rows', t.openMs), row('search input -> first match revealed', t.searchMs)],
        ),
      );
    }
  }
  if (s.files !== undefined) {
    const f = s.files;
    out(`Serving a library file: ${f.downloads} simultaneous downloads of ${f.fileBytes} bytes over loopback (target ratio >= 0.8)`, [
      ...table(
        ['server', 'MB/s'],
        [
          ['bare node:http + createReadStream', f.bareMBps],
          ['DeskACS /files/<token>', f.deskacsMBps],
          ['ratio', f.ratio],
        ],
      ),
      `RSS ${f.rssStartMiB} MiB at start, ${f.rssBeforeMiB} MiB after the first pair of rounds, ${f.rssAfterMiB} MiB after the last; fetches logged: ${f.logged} of ${f.served}`,
    ]);
  }
  if (s.profile !== undefined) {
    const p = s.profile.profile;
    out(
      `Profile of serve at c=${s.profile.concurrency} (${s.profile.load.sessionsPerSec} sessions/s under the profiler; % of busy CPU time)`,
      [
        ...table(
          ['area (self time)', '%'],
          Object.entries(p.areas).map(([k, v]) => [k, v]),
        ),
        '',
        ...table(
          ['hot path (inclusive)', '%'],
          Object.entries(p.hotPaths).map(([k, v]) => [k, v]),
        ),
        '',
        ...table(
          ['function (self)', 'where', '%'],
          p.topSelf.slice(0, 10).map((e) => [e.fn, e.where, e.pct]),
        ),
        `raw profile: ${s.profile.profileFile}`,
        '',
        ...table(
          ['store write path, per periodic session', 'us'],
          [
            ['own commits (Inform, then session end; one CPE at a time)', s.profile.store.ownCommitsUs],
            ['32 sessions share one commit (group commit)', s.profile.store.sharedCommitUs],
            ['in memory (CPU only)', s.profile.store.memoryUs],
            ['WAL pages written per Inform commit', s.profile.store.walPagesPerInform],
          ],
        ),
      ],
    );
  }
  if (s.metrics !== undefined) {
    const m = s.metrics;
    out(
      `Metrics storage: ${m.devices} devices x ${m.seriesPerDevice} series, ${m.samplesPerSeriesPerDay} samples/series/day (dbstat bytes)`,
      [
        ...table(
          ['figure', 'value'],
          [
            ['bytes/device/year (hourly aggregates)', m.hourlyBytesPerDevicePerYear],
            ['bytes/device raw window (7 days)', m.rawWindowBytesPerDevice],
            ['bytes/device steady state (13 months hourly + 7 days raw)', m.steadyStateBytesPerDevice],
            ['bytes per raw sample / per hourly row', `${m.bytesPerRawSample} / ${m.bytesPerHourlyRow}`],
            ['samples written per second', m.writeRowsPerSec],
            ['downsampling + pruning pass (s)', m.downsampleSeconds],
          ],
        ),
      ],
    );
  }
}
