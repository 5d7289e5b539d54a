// Above the tree: the search inside it ("N matches", Enter or the arrows jump between them, the
// matches revealed by opening their objects), Collapse all, reading the whole tree again, and
// the CSV download (secrets masked).
import { TreeIcon } from './TreeIcon.tsx';

export interface TreeToolbarProps {
  query: string;
  onQuery(q: string): void;
  matches: number;
  /** 1-based position of the current match, 0 when none. */
  current: number;
  onJump(by: 1 | -1): void;
  parameters: number;
  onCollapseAll(): void;
  onRefreshAll(): void;
  refreshing: boolean;
  onDownload(): void;
}

export function TreeToolbar(props: TreeToolbarProps) {
  const { query, matches, current, onJump } = props;
  const searching = query.trim() !== '';
  return (
    <div className="ptree-toolbar">
      <div className="ptree-search">
        <input
          type="search"
          className="ptree-search-input"
          aria-label="Search parameters"
          placeholder="Search parameters (name or value)…"
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              onJump(e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? -1 : 1);
            } else if (e.key === 'Escape' && searching) {
              e.preventDefault();
              props.onQuery('');
            }
          }}
        />
        <span className="ptree-count" role="status">
          {searching
            ? matches === 0
              ? 'No matches'
              : `${current > 0 ? `${current.toLocaleString()} of ` : ''}${matches.toLocaleString()} match${matches === 1 ? '' : 'es'}`
            : `${props.parameters.toLocaleString()} parameters`}
        </span>
        {searching && matches > 0 && (
          <span className="ptree-jump">
            <button type="button" aria-label="Previous match" title="Previous match (Shift+Enter)" onClick={() => onJump(-1)}>
              ↑
            </button>
            <button type="button" aria-label="Next match" title="Next match (Enter)" onClick={() => onJump(1)}>
              ↓
            </button>
          </span>
        )}
      </div>
      <div className="ptree-tools">
        <button type="button" onClick={props.onCollapseAll}>
          Collapse all
        </button>
        <button type="button" onClick={props.onRefreshAll} disabled={props.refreshing} title="Read every parameter from the device again">
          <TreeIcon name="refresh" /> Read all
        </button>
        <button type="button" onClick={props.onDownload} title="The tree as CSV (secrets masked)">
          <TreeIcon name="download" /> CSV
        </button>
      </div>
    </div>
  );
}
