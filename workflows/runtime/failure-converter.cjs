// Loaded by path (worker, workflow bundle and client): failure messages and
// stack traces become payloads, which the AES-GCM codec then encrypts.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
