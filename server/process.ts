import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { Logger } from './logger.ts';

/** Something to close once the server has stopped: the database, the Redis client. */
export interface Resource {
  name: string;
  close(): Promise<void>;
}

export interface ProcessHandlerOptions {
  server: Server;
  /** Closed one after the other, in this order, after the server has stopped. */
  resources: Resource[];
  logger: Logger;
  /** Past this, the process exits with 1 whatever is still open. */
  timeoutMs: number;
  /** Defaults to process.exit; tests pass their own. */
  exit?: (code: number) => void;
  /** Where the signals and process errors arrive; defaults to process. */
  target?: EventEmitter;
}

export interface ProcessHandlers {
  /** Stops the server, closes the resources, then exits (with 1 if anything went wrong). */
  shutdown(reason: string, exitCode?: number): Promise<void>;
  uninstall(): void;
}

/**
 * The process's wiring: SIGTERM and SIGINT shut down gracefully with 0; an unhandled rejection or
 * an uncaught exception is logged with its error and shuts down the same way with 1 (the state
 * of a process that threw where nobody expected it is unknown, so it does not go on serving).
 */
export function installProcessHandlers({
  server,
  resources,
  logger,
  timeoutMs,
  exit = (code) => process.exit(code),
  target = process,
}: ProcessHandlerOptions): ProcessHandlers {
  let stopping: Promise<void> | undefined;
  let exitCode = 0;
  let exited = false;
  const exitOnce = (code: number) => {
    if (exited) return;
    exited = true;
    exit(code);
  };

  function shutdown(reason: string, code = 0): Promise<void> {
    exitCode = Math.max(exitCode, code);
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down');
      const forced = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out; exiting');
        exitOnce(1);
      }, timeoutMs); // kept referenced: a close that hangs on nothing must still end in exit(1)
      // Stop accepting, let in-flight requests finish (long-lived streams are cut), then close the rest.
      const cut = setTimeout(() => server.closeAllConnections(), Math.min(2_000, timeoutMs / 2));
      cut.unref();
      await new Promise<void>((resolve) => {
        server.close(() => resolve()); // also called, with an error, when it was not listening
        server.closeIdleConnections();
      });
      clearTimeout(cut);
      for (const resource of resources) {
        try {
          await resource.close();
        } catch (error) {
          logger.error({ err: error, resource: resource.name }, 'closing failed');
          exitCode = 1;
        }
      }
      clearTimeout(forced);
      logger.info({ exitCode }, 'stopped');
      exitOnce(exitCode);
    })();
    return stopping;
  }

  const onSignal = (signal: string) => void shutdown(signal);
  const onRejection = (reason: unknown) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    void shutdown('unhandledRejection', 1);
  };
  const onException = (error: Error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  };
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);

  return {
    shutdown,
    uninstall() {
      target.off('SIGTERM', onSignal);
      target.off('SIGINT', onSignal);
      target.off('unhandledRejection', onRejection);
      target.off('uncaughtException', onException);
    },
  };
}

/** What to tell the person starting the server when it cannot listen. */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') return `Port ${port} on ${host} is already in use: stop what uses it, or start with PORT=<another port>.`;
  if (error.code === 'EACCES') return `Listening on port ${port} of ${host} is not permitted: choose a port above 1023 with PORT=<port>.`;
  return `Cannot listen on ${host}:${port}: ${error.message}`;
}
