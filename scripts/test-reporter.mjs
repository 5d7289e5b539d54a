// Test reporter for node's runner: one line per test, failure details inline, and a closing
// line `N passed, N failed, N skipped` that CI reads as the verdict.
import { inspect } from 'node:util';

export default async function* reporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for await (const event of source) {
    const { type, data } = event;
    if (type !== 'test:pass' && type !== 'test:fail') {
      if (type === 'test:stderr' || type === 'test:stdout') yield data.message;
      continue;
    }
    if (data.details?.type === 'suite') {
      // A skipped describe() runs none of its tests and reports no test events: count the
      // suite itself, so "skipped on this machine" shows in the verdict instead of vanishing.
      if (data.skip) {
        skipped += 1;
        yield `${'  '.repeat(data.nesting ?? 0)}skip    ${data.name} (suite)${skipReason(data.skip)}\n`;
        continue;
      }
      if (type === 'test:fail' && data.details.error?.failureType !== 'subtestsFailed') {
        failed += 1;
        failures.push(`${data.name}: ${describe(data.details.error)}`);
        yield `not ok  ${data.name} (suite)\n`;
      }
      continue;
    }
    const indent = '  '.repeat(data.nesting ?? 0);
    const ms = data.details?.duration_ms?.toFixed(0) ?? '?';
    if (data.skip || data.todo) {
      skipped += 1;
      yield `${indent}skip    ${data.name}${skipReason(data.skip)}\n`;
    } else if (type === 'test:pass') {
      passed += 1;
      yield `${indent}ok      ${data.name} (${ms} ms)\n`;
    } else {
      failed += 1;
      const text = describe(data.details?.error);
      failures.push(`${data.file ?? ''} > ${data.name}\n${text}`);
      yield `${indent}not ok  ${data.name} (${ms} ms)\n${indentText(text, `${indent}        `)}\n`;
    }
  }
  if (failures.length > 0) {
    yield `\nFailures:\n${failures.map((f, i) => `${i + 1}) ${f}`).join('\n\n')}\n`;
  }
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}

function skipReason(skip) {
  return typeof skip === 'string' ? ` # SKIP ${skip}` : ' # SKIP';
}

function describe(error) {
  if (!error) return 'unknown failure';
  const cause = error.cause ?? error;
  return cause instanceof Error ? (cause.stack ?? cause.message) : inspect(cause, { depth: 4 });
}

function indentText(text, indent) {
  return text
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}
