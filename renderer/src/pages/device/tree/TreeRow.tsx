// One row of the tree: the short name indented under its object (the full path in its title and
// copied by its copy button), the value in monospace (masked for secrets, with a reveal toggle),
// the type, RO/RW and when it was last read; the actions of its kind on hover or when active.
// A writable parameter turns into its editor (ValueEditor) while edited.
import { type CSSProperties, memo, type MouseEvent, type ReactNode, useEffect, useState } from 'react';
import { copyText } from '../../../components/CopyButton.tsx';
import { formatAgo, formatTime } from '../../../lib/format.ts';
import { BreakAtDots } from './BreakAtDots.tsx';
import { isSecretPath, type TreeNode, type VisibleRow } from './tree-model.ts';
import { apiSecretMask, booleanOf, editorKind, secretMask, shortType } from './tree-values.ts';
import { TreeIcon } from './TreeIcon.tsx';
import type { PendingEdit } from './use-pending-edits.ts';
import { ValueEditor } from './ValueEditor.tsx';

export interface RowActions {
  onSelect(path: string): void;
  onToggle(path: string): void;
  onEdit(path: string): void;
  onValue(node: TreeNode, value: string): void;
  onCloseEdit(how: 'keep' | 'revert' | 'blur'): void;
  onReveal(path: string): void;
  onRefresh(node: TreeNode): void;
  onAdd(node: TreeNode): void;
  onDelete(node: TreeNode): void;
}

export interface TreeRowProps {
  row: VisibleRow;
  index: number;
  domId: string;
  top: number;
  open: boolean;
  active: boolean;
  editing: boolean;
  pending: PendingEdit | undefined;
  /** Search: the text to highlight ('' when not searching), this row a match, the current one. */
  query: string;
  match: boolean;
  current: boolean;
  revealed: boolean;
  now: number;
  actions: RowActions;
  measure(el: HTMLElement | null): void;
}

const countText = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The name with the searched text marked. */
function Marked({ text, query }: { text: string; query: string }) {
  const at = query === '' ? -1 : text.toLowerCase().indexOf(query);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + query.length)}</mark>
      {text.slice(at + query.length)}
    </>
  );
}

function CopyPath({ path }: { path: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1_500);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <button
      type="button"
      tabIndex={-1}
      className="ptree-act"
      title={copied ? 'Copied' : `Copy ${path}`}
      aria-label={`Copy path ${path}`}
      onClick={() => void copyText(path).then(() => setCopied(true))}
    >
      <TreeIcon name={copied ? 'check' : 'copy'} />
    </button>
  );
}

function TreeRowView(props: TreeRowProps) {
  const { row, actions, pending, editing, query } = props;
  const { node } = row;
  const stored = node.row;
  const writable = !node.object && stored?.writable === true;
  const secret = isSecretPath(node.path);
  const value = pending?.value ?? stored?.value ?? '';
  const masked = secret && !props.revealed && value !== '';
  const kind = node.object ? null : editorKind(node.path, stored?.type ?? null);
  const expandable = node.object && node.children.length > 0;
  const style: CSSProperties & Record<'--level', number> = { transform: `translateY(${props.top}px)`, '--level': node.level - 1 };
  const cls = [
    'ptree-row',
    node.object ? 'object' : 'leaf',
    props.active ? 'active' : '',
    props.match ? 'match' : '',
    props.current ? 'current' : '',
  ];
  if (pending !== undefined) cls.push(pending.check.state === 'bad' ? 'changed refused' : 'changed');
  const instances = node.table ? node.children.filter((c) => c.instance).length : 0;
  const label = node.object
    ? `${node.name}, ${node.table ? countText(instances, 'entry', 'entries') : countText(node.leafCount, 'parameter')}`
    : `${node.name}: ${masked ? 'hidden' : value === '' ? 'empty' : value}${pending !== undefined ? ' (changed)' : ''}, ${shortType(stored?.type ?? null)}, ${writable ? 'writable' : 'read-only'}`;
  const stop = (e: MouseEvent): void => e.stopPropagation();

  let valueCell: ReactNode;
  if (node.object) {
    valueCell = (
      <span className="muted">{node.table ? countText(instances, 'entry', 'entries') : countText(node.leafCount, 'parameter')}</span>
    );
  } else if (editing) {
    valueCell = (
      <ValueEditor
        path={node.path}
        name={node.name}
        type={stored?.type ?? null}
        // A secret not revealed holds the core's mask: its editor starts empty, never from the mask.
        value={secret && pending === undefined && value === apiSecretMask ? '' : value}
        secret={secret}
        revealed={props.revealed}
        check={pending?.check ?? null}
        onChange={(v) => actions.onValue(node, v)}
        onClose={actions.onCloseEdit}
      />
    );
  } else {
    const on = kind === 'boolean' ? booleanOf(value) : null;
    valueCell = (
      <>
        {writable && kind === 'boolean' && on !== null ? (
          <button
            type="button"
            role="switch"
            tabIndex={-1}
            aria-checked={on}
            aria-label={`${node.name}: ${on ? 'on' : 'off'}`}
            className={`ptree-switch${on ? ' on' : ''}`}
            onClick={(e) => {
              stop(e);
              actions.onSelect(node.path);
              actions.onValue(node, on ? 'false' : 'true');
            }}
          >
            <span className="ptree-switch-knob" aria-hidden="true" />
            <span>{on ? 'On' : 'Off'}</span>
          </button>
        ) : (
          // biome-ignore lint/a11y/noStaticElementInteractions: the mouse's way in; the keyboard's is Enter on the row
          // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles Enter for the active row
          <span
            className={`ptree-val mono${writable ? ' editable' : ''}${value === '' ? ' empty' : ''}`}
            title={masked ? 'Hidden' : value}
            onClick={writable ? () => actions.onEdit(node.path) : undefined}
          >
            {masked ? secretMask : value === '' ? '(empty)' : <Marked text={value} query={secret ? '' : query} />}
          </span>
        )}
        {secret && value !== '' && (
          <button
            type="button"
            tabIndex={-1}
            className="ptree-act"
            aria-label={props.revealed ? `Hide ${node.name}` : `Reveal ${node.name}`}
            title={props.revealed ? 'Hide' : 'Reveal'}
            onClick={(e) => {
              stop(e);
              actions.onReveal(node.path);
            }}
          >
            <TreeIcon name={props.revealed ? 'eye-off' : 'eye'} />
          </button>
        )}
        {pending !== undefined && (
          <span className={`ptree-was${pending.check.state === 'bad' ? ' bad' : ''}`}>
            {pending.check.state === 'bad' ? (
              <BreakAtDots text={pending.check.message} />
            ) : (
              `was ${secret ? secretMask : `“${pending.original ?? ''}”`}`
            )}
          </span>
        )}
      </>
    );
  }

  return (
    // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the tree, which points at its active row (aria-activedescendant)
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tree's own key handler moves, opens and edits the active row
    <div
      ref={props.measure}
      data-index={props.index}
      id={props.domId}
      role="treeitem"
      aria-level={node.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={expandable ? props.open : undefined}
      aria-selected={props.active}
      aria-label={label}
      className={cls.filter((c) => c !== '').join(' ')}
      style={style}
      onClick={() => actions.onSelect(node.path)}
      onDoubleClick={() => (writable ? actions.onEdit(node.path) : expandable ? actions.onToggle(node.path) : undefined)}
    >
      <div className="ptree-cell ptree-name" title={node.path}>
        {expandable ? (
          <span
            className={`ptree-twisty${props.open ? ' open' : ''}`}
            aria-hidden="true"
            onClick={(e) => {
              stop(e);
              actions.onSelect(node.path);
              actions.onToggle(node.path);
            }}
          >
            <TreeIcon name="chevron" />
          </span>
        ) : (
          <span className="ptree-twisty none" aria-hidden="true" />
        )}
        <span className="ptree-label">
          <Marked text={node.name} query={query} />
        </span>
      </div>
      <div className="ptree-cell ptree-value">{valueCell}</div>
      <div className="ptree-cell ptree-type" title={stored?.type ?? ''}>
        {node.object ? '' : shortType(stored?.type ?? null)}
      </div>
      <div className="ptree-cell ptree-access">{node.object ? '' : writable ? <span className="ptree-rw">RW</span> : 'RO'}</div>
      <div className="ptree-cell ptree-read" title={stored === null ? '' : `Last read ${formatTime(stored.updatedAt)}`}>
        {stored === null || node.object ? '' : formatAgo(stored.updatedAt, props.now)}
      </div>
      <div className="ptree-cell ptree-actions">
        <CopyPath path={node.path} />
        <button
          type="button"
          tabIndex={-1}
          className="ptree-act"
          title={node.object ? 'Read this subtree from the device' : 'Read this value from the device'}
          aria-label={`Refresh ${node.path} from the device`}
          onClick={(e) => {
            stop(e);
            actions.onRefresh(node);
          }}
        >
          <TreeIcon name="refresh" />
        </button>
        {node.table && (
          <button
            type="button"
            tabIndex={-1}
            className="ptree-act"
            title="Add an instance"
            aria-label={`Add an instance to ${node.path}`}
            onClick={(e) => {
              stop(e);
              actions.onAdd(node);
            }}
          >
            <TreeIcon name="add" />
          </button>
        )}
        {node.instance && (
          <button
            type="button"
            tabIndex={-1}
            className="ptree-act danger"
            title="Delete this instance"
            aria-label={`Delete ${node.path}`}
            onClick={(e) => {
              stop(e);
              actions.onDelete(node);
            }}
          >
            <TreeIcon name="delete" />
          </button>
        )}
      </div>
    </div>
  );
}

export const TreeRow = memo(TreeRowView);
