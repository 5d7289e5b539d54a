// The rollout's devices: serial, wave, state, from -> to version and what happened. Virtualized:
// a rollout may hold tens of thousands of devices.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { Link } from 'react-router';
import type { RolloutDevice } from '../../../../shared/models-files.ts';
import { DeviceStateChip } from './rollout-words.tsx';

const rowHeight = 34;

export function RolloutDevices({ devices }: { devices: RolloutDevice[] }) {
  const scroller = useRef<HTMLTableSectionElement>(null);
  const v = useVirtualizer({
    count: devices.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  return (
    <table className="rdev-table" aria-rowcount={devices.length + 1}>
      <caption className="sr-only">Devices of the rollout</caption>
      <thead>
        <tr className="rdev-row rdev-head" aria-rowindex={1}>
          <th scope="col">Serial</th>
          <th scope="col">Wave</th>
          <th scope="col">State</th>
          <th scope="col">Version</th>
          <th scope="col">What happened</th>
        </tr>
      </thead>
      <tbody ref={scroller} className="rdev-scroll">
        {v.getVirtualItems().map((item) => {
          const d = devices[item.index];
          if (d === undefined) return null;
          return (
            <tr
              key={d.deviceId}
              aria-rowindex={item.index + 2}
              className="rdev-row"
              data-device-id={d.deviceId}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
            >
              <td className="mono rdev-serial">
                <Link to={`/devices/${encodeURIComponent(d.deviceId)}`} title={d.deviceId}>
                  {d.serialNumber || d.deviceId}
                </Link>
              </td>
              <td>{d.wave}</td>
              <td>
                <DeviceStateChip state={d.state} />
              </td>
              <td className="mono rdev-version" title={`${d.fromVersion || '?'} → ${d.toVersion ?? '…'}`}>
                {d.fromVersion || '?'} → {d.toVersion ?? '…'}
              </td>
              <td className="rdev-message" title={d.message}>
                {d.message === '' ? <span className="muted">{stateHint(d)}</span> : d.message}
              </td>
            </tr>
          );
        })}
        <tr className="rdev-spacer" style={{ height: v.getTotalSize() }} />
      </tbody>
    </table>
  );
}

/** What a device without a message is doing, in words. */
function stateHint(d: RolloutDevice): string {
  if (d.state === 'waiting') return `waits for wave ${d.wave}`;
  if (d.state === 'downloading') return 'fetching the file';
  if (d.state === 'rebooting') return 'installing; waiting for it to come back';
  if (d.state === 'verified') return `runs ${d.toVersion ?? 'the new version'}`;
  return '';
}
