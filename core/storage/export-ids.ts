/**
 * The ids of a request's files in the export store, in one place. Each is
 * derived from the request (and system) alone, so a retried activity finds,
 * or replaces, the file an earlier attempt wrote.
 */
const request = (requestId: string) => requestId.replace(/^req_/, '');
const system = (connectorId: string) => connectorId.replace(/^conn_/, '');

/** One system's part of the export. */
export function partExportId(requestId: string, connectorId: string): string {
  return `exp_${request(requestId)}_${system(connectorId)}`;
}

/** The access package: every system's part in one JSON document. */
export function packageExportId(requestId: string): string {
  return `exp_${request(requestId)}`;
}

/** The portability package (a ZIP). */
export function portabilityExportId(requestId: string): string {
  return `exp_${request(requestId)}_zip`;
}

/** The references a system's locate found: kept beside the export rather than returned, as they may be many. */
export function refsFileId(requestId: string, connectorId: string): string {
  return `refs_${request(requestId)}_${system(connectorId)}`;
}

/** The connector's erasure outcomes, kept for the verification pass and the manual task. */
export function erasureFileId(requestId: string, connectorId: string): string {
  return `erasure_${request(requestId)}_${system(connectorId)}`;
}
