/**
 * Names of the updates, signals and queries of the request workflows: plain
 * strings, so the gateway's client uses them without loading workflow code.
 */
export const MESSAGES = {
  /** dsr: the subject's identity is verified (email code or DPO attestation). */
  verify: 'verify',
  /** dsr: the request is refused before it runs. */
  reject: 'reject',
  /** dsr: the subject or the DPO withdraws the request. */
  cancel: 'cancel',
  /** dsr: the due date moved (an extension, already in the read model). */
  deadlineChanged: 'deadlineChanged',
  /** dsr and system: where things stand. */
  progress: 'progress',
  /** system: run the system's steps again after a failure. */
  retry: 'retry',
  /** system: a person settled the system; the task holding the evidence is named. */
  resolve: 'resolve',
  /** system: the manual task was completed. */
  manualTaskDone: 'manualTaskDone',
  /** system: stop after the step under way. */
  stop: 'stop',
} as const;

export const DSR_WORKFLOW = 'dsrWorkflow';

export function dsrWorkflowId(requestId: string): string {
  return `dsr-${requestId}`;
}

export function systemWorkflowId(requestId: string, connectorId: string): string {
  return `dsr-${requestId}-${connectorId}`;
}
