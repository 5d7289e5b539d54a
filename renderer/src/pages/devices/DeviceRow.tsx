// One device in the virtual list: a checkbox, then one cell per shown column. Cells truncate
// with the full value in their title, so a 1024 px window never scrolls sideways.
import { memo, type MouseEvent } from 'react';
import { Link } from 'react-router';
import type { DeviceSummary } from '../../../../shared/models.ts';
import type { Column } from './columns.tsx';

export interface DeviceRowProps {
  device: DeviceSummary;
  index: number;
  domId: string;
  top: number;
  columns: readonly Column[];
  selected: boolean;
  active: boolean;
  now: number;
  onRowClick(index: number): void;
  onCheck(index: number, e: MouseEvent<HTMLInputElement>): void;
}

export const devicePath = (id: string): string => `/devices/${encodeURIComponent(id)}`;

export const DeviceRow = memo(function DeviceRow({
  device: d,
  index,
  domId,
  top,
  columns,
  selected,
  active,
  now,
  onRowClick,
  onCheck,
}: DeviceRowProps) {
  return (
    <div
      role="row"
      id={domId}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`dev-row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onRowClick(index)}
    >
      <div role="gridcell" className="dev-check">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${d.serialNumber}`}
          checked={selected}
          onChange={() => undefined}
          onClick={(e) => {
            e.stopPropagation();
            onCheck(index, e);
          }}
        />
      </div>
      {columns.map((c) => {
        const text = c.text(d, now);
        return (
          <div
            key={c.id}
            role="gridcell"
            className={`dev-cell col-${c.id}${c.mono === true ? ' mono' : ''}`}
            title={text === '' ? undefined : text}
          >
            {c.id === 'serial' ? (
              <Link to={devicePath(d.id)} tabIndex={-1}>
                {d.serialNumber}
              </Link>
            ) : c.cell !== undefined ? (
              c.cell(d, now)
            ) : (
              text || <span className="muted">—</span>
            )}
          </div>
        );
      })}
    </div>
  );
});
