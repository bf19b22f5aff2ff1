import { EcosystemElement } from './ecosystem-element.ts';
import { EmbedSession } from './embed-session.ts';
import type { Translations } from './i18n.ts';

/** The signed-out state's words: here rather than with the shared ones, off the public widgets' pages. */
const signIn: Translations<string> = { en: 'Sign in to see this.', fr: 'Connectez-vous pour voir ceci.' };

/**
 * An element that reads a signed-in account's data with a short-lived embed session: the host
 * page's server mints it with its long-lived credential (which never reaches the browser) and
 * `fetchSession` fetches it from there.
 */
export abstract class AuthenticatedElement<Data = unknown> extends EcosystemElement<Data> {
  static override properties = { ...EcosystemElement.properties, fetchSession: { attribute: false } };

  /**
   * Returns an embed session from the host page's own server (`{ client_secret, expires_at }` as
   * minted by `POST /v1/…/embed-sessions`, or the client secret alone). Called when the element
   * first needs it, again about a minute before it expires and after a 401 `session_expired`;
   * elements given the same function share one call. A rejected call, or an answer without a
   * client secret, shows the error state. A property only: no credential in markup.
   */
  declare fetchSession: (() => Promise<{ client_secret: string; expires_at?: string; expires_in?: number } | string>) | undefined;

  /** @internal */
  readonly session = new EmbedSession(this);

  /** The idle message: what to do while there is no `fetchSession`. */
  protected get signInMessage(): string {
    return signIn[this.language];
  }
}
