import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

type Operation = readonly [name: string, value: string | undefined];

/**
 * The header writes of a middleware whose headers never depend on the request (helmet with fixed
 * options: every directive a string, no nonce), recorded once by running it against a stand-in
 * response. A middleware that reads the request, calls `next` later or with an error, or does
 * anything but set and remove headers is refused here, at startup.
 */
export function recordHeaders(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void): Operation[] {
  const operations: Operation[] = [];
  const refuse = (what: string) => () => {
    throw new Error(`recordHeaders: the middleware ${what}; its headers cannot be recorded`);
  };
  const req = new Proxy({}, { get: refuse('reads the request') }) as IncomingMessage;
  const res = new Proxy(
    {
      setHeader: (name: string, value: unknown) => {
        if (typeof value !== 'string') throw new Error(`recordHeaders: ${name} is not a string`);
        operations.push([name, value]);
      },
      removeHeader: (name: string) => void operations.push([name, undefined]),
    },
    { get: (target, key) => (key in target ? target[key as keyof typeof target] : refuse(`uses res.${String(key)}`)()) },
  ) as unknown as ServerResponse;
  let finished = false;
  middleware(req, res, (error) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('recordHeaders: the middleware did not call next at once');
  return operations;
}

/**
 * Writes the recorded headers of one of two fixed sets, chosen per request: helmet's own
 * middleware chain (a dozen middlewares, one header each) costs several times these writes, on
 * every request (docs/PERFORMANCE.md §1).
 */
export function fixedHeaders(choose: (req: IncomingMessage) => boolean, ifTrue: Operation[], ifFalse: Operation[]): RequestHandler {
  const apply = (res: ServerResponse, operations: Operation[]) => {
    for (const [name, value] of operations) {
      if (value === undefined) res.removeHeader(name);
      else res.setHeader(name, value);
    }
  };
  return (req, res, next) => {
    apply(res, choose(req) ? ifTrue : ifFalse);
    next();
  };
}
