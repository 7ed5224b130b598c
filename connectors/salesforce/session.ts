/**
 * The jsforce connection and how it logs in. jsforce is pointed at the org only
 * through its own options (loginUrl, instanceUrl, oauth2.loginUrl), so the same
 * code talks to a real org or to the local emulator.
 */
import { Connection } from 'jsforce';
import { ConnectorError } from '../../core/errors.js';
import type { SalesforceConfig, SalesforceSecrets } from './config.js';
import { loginFailure } from './errors.js';

export class SalesforceSession {
  readonly conn: Connection;
  /** Re-authentications during the current call: a session rejected right after a fresh login is not refreshed again. */
  #refreshesThisCall = 0;

  constructor(
    private readonly config: SalesforceConfig,
    private readonly secrets: SalesforceSecrets,
  ) {
    const oauth2 = secrets.clientId ? { loginUrl: config.loginUrl, clientId: secrets.clientId, clientSecret: secrets.clientSecret } : undefined;
    this.conn = new Connection({
      loginUrl: config.loginUrl,
      instanceUrl: config.instanceUrl,
      version: config.apiVersion,
      oauth2,
      // jsforce calls this when the API answers 401 INVALID_SESSION_ID, then retries the call.
      refreshFn: (_conn, callback) => {
        if (this.#refreshesThisCall >= 1) {
          callback(new Error('Salesforce rejected the session again right after a new login'));
          return;
        }
        this.#refreshesThisCall++;
        this.#authenticate().then(
          () => callback(null, this.conn.accessToken ?? undefined),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
  }

  /** How the connector logs in, for messages: never the credentials. */
  get flow(): string {
    if (this.secrets.username) return this.secrets.clientId ? 'OAuth username-password flow' : 'SOAP login';
    return 'OAuth client-credentials flow';
  }

  get instanceUrl(): string {
    return this.conn.instanceUrl;
  }

  /** Logs in; throws ConnectorError (authentication or unreachable) with the reason. */
  async login(): Promise<void> {
    try {
      await this.#authenticate();
    } catch (error) {
      throw loginFailure(error, this.config.loginUrl, this.flow);
    }
  }

  /** A new API call starts: it may refresh an expired session once. */
  beginCall(): void {
    this.#refreshesThisCall = 0;
  }

  async close(): Promise<void> {
    // Sessions end on their own; revoking would also end the sessions of other Gardien processes sharing the user.
  }

  async #authenticate(): Promise<void> {
    const { username, password, securityToken, clientId } = this.secrets;
    if (username && password) {
      const secret = password + (securityToken ?? '');
      if (clientId) await this.conn.loginByOAuth2(username, secret);
      else await this.conn.loginBySoap(username, secret);
    } else {
      await this.conn.authorize({ grant_type: 'client_credentials' });
    }
    if (!this.conn.accessToken) throw new ConnectorError('authentication', `Salesforce at ${this.config.loginUrl} returned no session`);
  }
}
