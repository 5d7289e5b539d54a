// POST /api/files?name=&fileType=&version=&manufacturer=&oui=&productClass= with the raw file as
// the body: outside the mechanical JSON mapping because the body is the file itself, streamed to
// disk (never whole in memory) by the same service as the chunked upload methods.
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { apiArgSchemas } from '../../../shared/contract-args.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { AddFileResult } from '../../../shared/models-files.ts';
import { describeIssues } from '../api-validate.ts';
import type { FileService } from '../services/files.ts';

export const FILE_UPLOAD_PATH = '/api/files';

/** The file's metadata: beginFileUpload's arguments without the size (the body's length is). */
const metaSchema = v.omit(apiArgSchemas.beginFileUpload, ['size']);

export async function addFileFromRequest(
  req: IncomingMessage,
  query: URLSearchParams,
  addFile: FileService['addStream'],
): Promise<AddFileResult> {
  const raw = Object.fromEntries([...query.keys()].map((k) => [k, query.getAll(k).at(-1) ?? '']));
  const parsed = v.safeParse(metaSchema, raw);
  if (!parsed.success) {
    req.resume();
    throw new AcsError('bad_request', describeIssues('POST /api/files', parsed.issues));
  }
  const length = req.headers['content-length'];
  const declared = length === undefined ? null : Number(length);
  if (declared !== null && !Number.isSafeInteger(declared)) throw new AcsError('bad_request', 'bad Content-Length');
  if (declared === 0) req.resume();
  return addFile(parsed.output, req, declared);
}
