// The parameter-tree editor of the device page (issue #11): the device's stored parameters as a
// lazy, virtualized tree with search, edits in place collected as a diff and applied as ONE
// task, instances added and deleted, subtrees refreshed from the device, and a CSV download.
// Every action is followed live to its end (TaskLine). The pure logic is in tree-model.ts.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TaskRecord } from '../../../../../shared/models.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useNow } from '../../../lib/use-now.ts';
import { AddInstanceDialog } from './AddInstanceDialog.tsx';
import { DiffBar } from './DiffBar.tsx';
import { NodeBar } from './NodeBar.tsx';
import { TaskLine } from './TaskLine.tsx';
import { treeCsv, treeCsvName } from './tree-csv.ts';
import { buildTree, isSecretPath, onlyInformParameters, type TreeNode } from './tree-model.ts';
import { apiSecretMask } from './tree-values.ts';
import type { RowActions } from './TreeRow.tsx';
import { TreeToolbar } from './TreeToolbar.tsx';
import { TreeView } from './TreeView.tsx';
import { usePendingEdits } from './use-pending-edits.ts';
import { useRevealedRows } from './use-revealed-rows.ts';
import { type TreeOp, taskEnded, useTreeOps } from './use-tree-ops.ts';
import { useTreeView } from './use-tree-view.ts';
import '../../../styles/tree.css';
import '../../../styles/tree-rows.css';

export function ParameterTree({ deviceId }: { deviceId: string }) {
  const params = useApiQuery('getParameters', { id: deviceId });
  const device = useApiQuery('getDevice', { id: deviceId });
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(() => new Set());
  // Secrets come masked; the ones revealed are read again in clear.
  const data = useRevealedRows(deviceId, params.data, revealed);
  const model = useMemo(() => buildTree(data ?? []), [data]);
  // Common settings resolved on this device: the search finds 'wifi.ssid' or 'Wi-Fi name' too.
  const settings = useApiQuery('getDeviceSettings', { id: deviceId });
  const aliases = useMemo(
    () => new Map((settings.data ?? []).flatMap((s) => (s.path === null ? [] : [[s.path, `${s.key} ${s.label}`.toLowerCase()] as const]))),
    [settings.data],
  );
  const view = useTreeView(deviceId, model, aliases);
  useOpenPathParam(model.byPath.size > 0, view);
  const edits = usePendingEdits(deviceId);
  const ops = useTreeOps(deviceId);
  const treeRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<{ path: string; before: string | undefined } | null>(null);
  const [adding, setAdding] = useState<TreeNode | null>(null);
  const [deleting, setDeleting] = useState<TreeNode | null>(null);
  const [ended, setEnded] = useState<ReadonlySet<number>>(() => new Set());

  // Handlers read the latest edits and model through refs, so the row actions stay the same
  // object and a keystroke in one editor does not re-render every row.
  const latest = useRef({ edits, model, editing, view });
  useEffect(() => {
    latest.current = { edits, model, editing, view };
  });

  const { start } = ops;
  const refresh = useCallback(
    (node: TreeNode | null) => {
      const path = node?.path ?? '';
      const what = node === null ? 'the whole tree' : node.object ? node.path : node.name;
      void start('refresh', `Reading ${what} from the device`, { name: 'refresh', path }, [path]);
    },
    [start],
  );

  const actions = useMemo<RowActions>(
    () => ({
      onSelect: (path) => latest.current.view.select(path),
      onToggle: (path) => latest.current.view.toggle(path),
      onEdit: (path) => {
        latest.current.view.select(path);
        setEditing({ path, before: latest.current.edits.edits.get(path)?.value });
      },
      onValue: (node, value) => {
        // The core's mask is never sent back as a value: an edit back to it is no edit.
        if (isSecretPath(node.path) && value === apiSecretMask) latest.current.edits.remove(node.path);
        else latest.current.edits.set(node.path, value, node.row?.value ?? null, node.row?.type ?? null);
      },
      onCloseEdit: (how) => {
        const { editing: open, edits: e, model: m } = latest.current;
        if (open === null) return;
        if (how === 'revert') {
          const row = m.byPath.get(open.path)?.row ?? null;
          if (open.before === undefined) e.remove(open.path);
          else e.set(open.path, open.before, row?.value ?? null, row?.type ?? null);
        }
        setEditing(null);
        if (how !== 'blur') treeRef.current?.focus({ preventScroll: true });
      },
      onReveal: (path) =>
        setRevealed((prev) => {
          const next = new Set(prev);
          if (!next.delete(path)) next.add(path);
          return next;
        }),
      onRefresh: refresh,
      onAdd: setAdding,
      onDelete: setDeleting,
    }),
    [refresh],
  );

  const onEnded = useCallback(
    (op: TreeOp, task: TaskRecord) => {
      setEnded((prev) => new Set(prev).add(op.key));
      void queryClient.invalidateQueries({ queryKey: ['getParameters', { id: deviceId }] });
      if (task.status !== 'done') return;
      const { edits: e, view: v } = latest.current;
      if (op.kind === 'apply') e.confirmed(op.values);
      const r = task.result;
      if (op.kind === 'add' && typeof r === 'object' && r !== null && 'path' in r && typeof r.path === 'string') {
        // The new instance, opened and selected: it shows as soon as the refetched tree holds it.
        v.reveal(r.path, true);
        v.select(r.path);
      }
      if (op.kind === 'delete' && v.activePath?.startsWith(op.paths[0] ?? '\u0000')) {
        const table = latest.current.model.byPath.get(op.paths[0] ?? '')?.parent;
        if (table) v.select(table.path);
      }
    },
    [deviceId, queryClient],
  );

  const applying = ops.ops.some((o) => o.kind === 'apply' && o.refused === null && !ended.has(o.key) && !(o.task && taskEnded(o.task)));
  const apply = (): void => {
    const values = edits.list.map((e): [string, string] => [e.path, e.value]);
    const n = values.length;
    void start(
      'apply',
      `Applying ${n} change${n === 1 ? '' : 's'}`,
      { name: 'setParameterValues', values },
      edits.list.map((e) => e.path),
      values,
    );
  };

  const download = (): void => {
    const blob = new Blob(['\uFEFF', treeCsv(model)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = treeCsvName(device.data?.serialNumber ?? deviceId, new Date());
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const activeNode = view.activePath === null ? null : (model.byPath.get(view.activePath) ?? null);
  const informOnly = data !== undefined && (data.length === 0 || onlyInformParameters(data));
  const refreshingAll = ops.ops.some((o) => o.kind === 'refresh' && o.paths[0] === '' && o.refused === null && !ended.has(o.key));
  return (
    <section className="panel ptree-panel" aria-label="Parameters">
      <TreeToolbar
        query={view.query}
        onQuery={view.setQuery}
        matches={view.search.matches.length}
        current={view.currentIndex + 1}
        onJump={view.jump}
        parameters={model.leaves}
        onCollapseAll={view.collapseAll}
        onRefreshAll={() => refresh(null)}
        refreshing={refreshingAll}
        onDownload={download}
      />
      {informOnly && (
        <div className="ptree-empty note">
          <p>
            <strong>Only what the device reported when it last informed is known</strong> ({data.length.toLocaleString()} parameter
            {data.length === 1 ? '' : 's'}): its full tree has never been read.
          </p>
          <button type="button" className="primary" disabled={refreshingAll} onClick={() => refresh(null)}>
            Read the whole tree
          </button>
        </div>
      )}
      {ops.ops.length > 0 && (
        <div className="ptree-ops">
          {ops.ops.map((op) => (
            <TaskLine key={op.key} deviceId={deviceId} op={op} now={now} onEnded={onEnded} onDismiss={ops.dismiss} />
          ))}
        </div>
      )}
      <DiffBar
        edits={edits.list}
        ready={edits.ready}
        invalid={edits.invalid}
        applying={applying}
        onApply={apply}
        onDiscard={edits.discard}
        onRemove={edits.remove}
        onShow={(path) => {
          view.reveal(path);
          view.select(path);
        }}
      />
      {params.isError && <ErrorAlert error={params.error} onRetry={() => void params.refetch()} />}
      {params.isPending ? (
        <p className="muted ptree-loading">Loading parameters…</p>
      ) : (
        <TreeView
          treeRef={treeRef}
          label="Parameters"
          rows={view.rows}
          indexOf={view.indexOf}
          activePath={view.activePath}
          isOpen={view.isOpen}
          editingPath={editing?.path ?? null}
          pending={edits.edits}
          query={view.query.trim().toLowerCase()}
          matches={view.matchSet}
          currentMatch={view.current}
          revealed={revealed}
          now={now}
          actions={actions}
        />
      )}
      <NodeBar
        node={activeNode}
        revealed={activeNode !== null && revealed.has(activeNode.path)}
        onEdit={(n) => actions.onEdit(n.path)}
        onRefresh={refresh}
        onAdd={setAdding}
        onDelete={setDeleting}
        onReveal={actions.onReveal}
      />
      {adding !== null && (
        <AddInstanceDialog
          table={adding}
          busy={false}
          onCancel={() => setAdding(null)}
          onConfirm={(values) => {
            setAdding(null);
            void start('add', `Adding an instance to ${adding.path}`, { name: 'addObject', path: adding.path, values }, [adding.path]);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.path ?? ''}?`}
        confirmLabel="Delete instance"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting === null) return;
          setDeleting(null);
          void start('delete', `Deleting ${deleting.path}`, { name: 'deleteObject', path: deleting.path }, [deleting.path]);
        }}
      >
        <p>
          The device removes this entry and its {deleting?.leafCount ?? 0} parameter{deleting?.leafCount === 1 ? '' : 's'}. This cannot be
          undone from here.
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** ?path=Device.X.Y (a link from the Settings tab): that row revealed and selected once the tree holds it. */
function useOpenPathParam(loaded: boolean, view: { reveal(path: string): void; select(path: string): void }): void {
  const [params, setParams] = useSearchParams();
  const path = params.get('path');
  const { reveal, select } = view;
  useEffect(() => {
    if (path === null || !loaded) return;
    reveal(path);
    select(path);
    const next = new URLSearchParams(params);
    next.delete('path');
    setParams(next, { replace: true });
  }, [path, loaded, params, reveal, select, setParams]);
}
