import type { Request } from 'express';

/**
 * The API's own public origin, where its host pages live: PUBLIC_BASE_URL when set, else as this
 * request reached the server (its protocol honours TRUST_PROXY).
 */
export function ownOrigin(req: Request, publicBaseUrl: string | undefined): string {
  return publicBaseUrl ? new URL(publicBaseUrl).origin : `${req.protocol}://${req.get('host')}`;
}
