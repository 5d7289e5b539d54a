// Below the tree: the active row's full path (wrapping at its dots) with the row's actions as
// ordinary buttons, so every action of the tree is one Tab away from it for the keyboard.
import { CopyButton } from '../../../components/CopyButton.tsx';
import { BreakAtDots } from './BreakAtDots.tsx';
import { isSecretPath, type TreeNode } from './tree-model.ts';

export interface NodeBarProps {
  node: TreeNode | null;
  revealed: boolean;
  onEdit(node: TreeNode): void;
  onRefresh(node: TreeNode): void;
  onAdd(node: TreeNode): void;
  onDelete(node: TreeNode): void;
  onReveal(path: string): void;
}

/** A path that wraps after its dots, never inside a name. */
export function DottedPath({ path }: { path: string }) {
  return (
    <span className="mono ptree-path">
      <BreakAtDots text={path} />
    </span>
  );
}

export function NodeBar({ node, revealed, onEdit, onRefresh, onAdd, onDelete, onReveal }: NodeBarProps) {
  if (node === null) return <p className="ptree-nodebar muted">Select a row to see its full path and actions.</p>;
  const writable = !node.object && node.row?.writable === true;
  return (
    <div className="ptree-nodebar" role="group" aria-label="Selected row">
      <DottedPath path={node.path} />
      <span className="ptree-nodebar-actions">
        <CopyButton value={node.path} what="path" label="Copy path" />
        {writable && (
          <button type="button" onClick={() => onEdit(node)}>
            Edit
          </button>
        )}
        {isSecretPath(node.path) && (node.row?.value ?? '') !== '' && (
          <button type="button" onClick={() => onReveal(node.path)}>
            {revealed ? 'Hide' : 'Reveal'}
          </button>
        )}
        <button type="button" onClick={() => onRefresh(node)}>
          {node.object ? 'Refresh subtree' : 'Refresh value'}
        </button>
        {node.table && (
          <button type="button" onClick={() => onAdd(node)}>
            Add instance
          </button>
        )}
        {node.instance && (
          <button type="button" className="danger-outline" onClick={() => onDelete(node)}>
            Delete
          </button>
        )}
      </span>
    </div>
  );
}
