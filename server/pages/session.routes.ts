import type { Request, Response } from 'express';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { FailedAuthentications } from '../http/auth-failure-limit.ts';
import type { CredentialVerifier } from '../http/authenticate.ts';
import { ownOrigin } from '../http/own-origin.ts';
import { parseInput } from '../http/validate.ts';
import type { Account } from '../resources/embed-sessions/embed-sessions.service.ts';
import * as sessions from '../resources/embed-sessions/embed-sessions.service.ts';
import { SESSION_AUDIENCES, scopesOf } from '../resources/embed-sessions/scopes.ts';

/** The host-session cookie: only the session routes below ever receive it. */
export const HOST_COOKIE = 'ew_host_session';
const COOKIE_PATH = '/session';

const SignInBody = z
  .object({
    audience: z.enum(SESSION_AUDIENCES as ['partner', 'developer', 'admin']),
    credential: z.string().min(1).max(512),
  })
  .strict();

function cookieOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === HOST_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * The host pages' sign-in. The page posts the long-lived credential once; the server keeps it out
 * of the page: it answers with an HttpOnly, SameSite=Strict cookie holding a random host-session
 * id (stored as a digest), and the page's widgets get embed sessions for the page's own origin
 * from POST /session/embed-session. Every state-changing route requires the page's own Origin.
 */
export function sessionRoutes(knex: Knex, verify: CredentialVerifier, failures: FailedAuthentications, publicBaseUrl: string | undefined): Router {
  const router = Router();
  const httpsAlways = publicBaseUrl?.startsWith('https:') ?? false;

  const sameOrigin = (req: Request) => {
    const own = ownOrigin(req, publicBaseUrl);
    if (req.headers.origin !== own) {
      throw new AppError('forbidden', `This route answers the host pages of ${own} only (Origin ${req.headers.origin ?? 'missing'})`);
    }
    return own;
  };
  const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'strict' as const, secure: httpsAlways || req.secure, path: COOKIE_PATH });
  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

  router.get('/session', async (req, res) => {
    const secret = cookieOf(req);
    const current = secret ? await sessions.hostSession(knex, secret) : undefined;
    // the header of every host page shows who is signed in: the cookie is HttpOnly, so it asks here
    noStore(res).json({
      audience: current?.account.kind ?? null,
      name: current ? await sessions.accountName(knex, current.account) : null,
      expires_at: current?.expiresAt.toISOString() ?? null,
    });
  });

  router.post('/session/sign-in', async (req, res) => {
    sameOrigin(req);
    const body = parseInput(SignInBody, req.body, 'body');
    const principal = await failures.counted(req, () => verify(body.audience, body.credential));
    const account: Account =
      principal.kind === 'partner'
        ? { kind: 'partner', id: principal.partnerId, credentialId: principal.tokenId }
        : principal.kind === 'developer'
          ? { kind: 'developer', id: principal.developerId, credentialId: principal.keyId }
          : { kind: 'admin' };
    const previous = cookieOf(req);
    if (previous) await sessions.endHostSession(knex, previous);
    const started = await sessions.startHostSession(knex, account);
    res.cookie(HOST_COOKIE, started.secret, { ...cookieOptions(req), maxAge: sessions.HOST_SESSION_SECONDS * 1000 });
    noStore(res).json({ audience: started.audience, name: await sessions.accountName(knex, account), expires_at: started.expiresAt.toISOString() });
  });

  router.post('/session/sign-out', async (req, res) => {
    sameOrigin(req);
    const secret = cookieOf(req);
    if (secret) await sessions.endHostSession(knex, secret);
    res.clearCookie(HOST_COOKIE, cookieOptions(req));
    noStore(res).status(204).end();
  });

  router.post('/session/embed-session', async (req, res) => {
    const origin = sameOrigin(req);
    const secret = cookieOf(req);
    const current = secret ? await sessions.hostSession(knex, secret) : undefined;
    if (!current) throw new AppError('unauthorized', 'Not signed in on this page (no host session, or it expired): sign in again');
    // The signed-in user typed the long-lived credential itself: the page's widgets get every scope.
    const session = await sessions.mint(knex, current.account, { origin, scopes: scopesOf(current.account.kind) }, { ownOrigin: origin, trustOwnOrigin: true });
    noStore(res).status(201).json(session);
  });

  return router;
}
