// The fleet as one list: search and filters that combine (kept in the URL), a virtualized grid
// sorted and paged by the core (keyset), checkbox selection up to "all N matching", bulk
// actions with their dialogs and live progress, a column chooser and a CSV export of the view.
import { useCallback, useState } from 'react';
import { useApiQuery } from '../api/queries.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useNow } from '../lib/use-now.ts';
import { ActiveFilters } from './devices/ActiveFilters.tsx';
import { BulkBar } from './devices/BulkBar.tsx';
import { type BulkKind, BulkDialogs } from './devices/BulkDialogs.tsx';
import { ColumnChooser } from './devices/ColumnChooser.tsx';
import { DeviceGrid } from './devices/DeviceGrid.tsx';
import { EmptyState } from './devices/EmptyState.tsx';
import { ExportButton } from './devices/ExportButton.tsx';
import { FilterBar } from './devices/FilterBar.tsx';
import { isFiltered, useListState } from './devices/list-state.ts';
import { noSelection, type Selection, selectedCount, toApiSelection } from './devices/selection.ts';
import { useColumns } from './devices/use-columns.ts';
import { useDevicePages } from './devices/use-device-pages.ts';
import { useOfflineCount } from './devices/use-offline-count.ts';
import { ValueSearch } from './devices/ValueSearch.tsx';
import '../styles/devices.css';

export function DevicesPage() {
  const state = useListState();
  const now = useNow();
  const columns = useColumns();
  const info = useApiQuery('serverInfo', {});
  const { query, rows, total } = useDevicePages(state.args);
  const filtered = isFiltered(state.args);
  // A selection belongs to the filter it was made under: a new filter starts with none.
  const [picked, setPicked] = useState<{ filterKey: string; selection: Selection }>({ filterKey: state.filterKey, selection: noSelection });
  const selection = picked.filterKey === state.filterKey ? picked.selection : noSelection;
  const setSelection = useCallback((next: Selection) => setPicked({ filterKey: state.filterKey, selection: next }), [state.filterKey]);
  const count = selectedCount(selection, total);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const offline = useOfflineCount(selection, state.filter, rows, total, now, bulk !== null);
  const { fetchNextPage } = query;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const fleet = info.data?.devices;
  const countText =
    total === null
      ? 'Loading…'
      : filtered && fleet !== undefined
        ? `${total.toLocaleString()} of ${fleet.toLocaleString()} devices`
        : `${total.toLocaleString()} devices`;

  return (
    <section className="devices-page" aria-labelledby="devices-title">
      <div className="dev-top">
        <h1 id="devices-title">Devices</h1>
        <span className="dev-count" role="status">
          {countText}
        </span>
        {query.isFetching && !query.isFetchingNextPage && total !== null && (
          <span className="dev-updating muted" aria-hidden="true">
            updating…
          </span>
        )}
        <span className="dev-top-tools">
          <ValueSearch param={state.args.param} value={state.args.value} onApply={(param, value) => state.update({ param, value })} />
          <ColumnChooser choice={columns} />
          <ExportButton args={state.args} columns={columns.visible} />
        </span>
      </div>
      <FilterBar state={state} />
      <ActiveFilters state={state} />
      {count > 0 && (
        <BulkBar
          count={count}
          allMatching={selection.mode === 'all'}
          total={total}
          filtered={filtered}
          onSelectAll={() => setSelection({ mode: 'all' })}
          onClear={() => setSelection(noSelection)}
          onAction={setBulk}
        />
      )}
      {query.isError && !query.isFetchingNextPage && (
        <ErrorAlert
          title={rows.length > 0 ? 'The list could not be updated' : 'The devices could not be loaded'}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.isPending && (
        <p className="dev-loading muted" role="status">
          Loading devices…
        </p>
      )}
      {total === 0 && !query.isPlaceholderData && <EmptyState filtered={filtered} onClear={state.clearFilters} />}
      {rows.length > 0 && (
        <DeviceGrid
          viewKey={JSON.stringify(state.args)}
          rows={rows}
          total={total}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          loadMore={loadMore}
          columns={columns.visible}
          sort={state.sort}
          order={state.order}
          onSort={state.sortBy}
          selection={selection}
          onSelection={setSelection}
          now={now}
        />
      )}
      <BulkDialogs
        kind={count > 0 ? bulk : null}
        target={{ selection: toApiSelection(selection, state.filter), count, offline }}
        onClose={() => setBulk(null)}
        onDeleted={() => setSelection(noSelection)}
      />
    </section>
  );
}
