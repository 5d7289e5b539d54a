// Retrying a finished task: its stored arguments turned back into the task request they came
// from, so the retry is parsed and checked against today's stored tree like a new task (the
// tree may have changed since: a parameter gone, now read-only).
import type { TaskSpec } from '../../../../shared/tasks.ts';
import { parseTaskSpec } from './task-spec.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolved {name, value, type} values back to [name, value, type] tuples. */
function tuples(values: unknown): unknown {
  if (!Array.isArray(values)) return values;
  return values.map((v) => (isObj(v) && typeof v.name === 'string' ? [v.name, v.value, v.type] : v));
}

/** The task request a task's stored arguments (task-validate.ts StoredTaskArgs) were made from. */
export function specFromStoredArgs(args: unknown): TaskSpec {
  if (!isObj(args)) return parseTaskSpec(args);
  switch (args.name) {
    case 'setParameterValues':
      return parseTaskSpec({ name: args.name, values: tuples(args.values) });
    case 'addObject':
      return parseTaskSpec(args.values === undefined ? { name: args.name, path: args.path } : { ...args, values: tuples(args.values) });
    case 'setConnectionRequestCredentials':
      // The credentials it set are kept in its arguments: the retry sets the same ones.
      return parseTaskSpec({ name: args.name, username: args.username, password: args.password });
    default:
      return parseTaskSpec(args);
  }
}
