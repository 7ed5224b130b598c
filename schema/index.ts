import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './identity.js';
import './connector-description.js';
import './connector.js';
import './crawl.js';
import './subject.js';
import './request.js';
import './request-updates.js';
import './request-actions.js';
import './manual-task.js';
import './consent-types.js';
import './consent.js';
import './consent-purpose.js';
import './can-contact.js';
import './processing.js';
import './register.js';
// One import per type file; request types add theirs here.

export const schema = builder.toSchema();
