import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { EcosystemElement } from '../internal/ecosystem-element.ts';
import { API, FakeEventSource, faults, type Handler, stubFetch } from './fake-api.ts';

/**
 * The reliability suite every widget runs: for each fault the widget lands in its error state
 * with a retry button, nothing reaches the host page's error handlers, the host's own script
 * keeps running, and retry recovers once the API answers.
 */
export function describeFaults(options: {
  /** Creates the element with these `api-base` and `timeout` attributes (and any credential it needs). */
  mount: (apiBase: string, timeout: number) => Promise<EcosystemElement>;
  /** A healthy API for the recovery step. */
  healthy: Handler;
}) {
  describe('when the API misbehaves', () => {
    let restoreEventSource: () => void;
    beforeEach(() => (restoreEventSource = FakeEventSource.install()));
    afterEach(() => restoreEventSource());

    for (const [name, fault] of Object.entries(faults)) {
      it(`shows the error state with retry, keeps the host page running, and recovers: ${name}`, async () => {
        const hostErrors: unknown[] = [];
        const onError = (event: ErrorEvent) => hostErrors.push(event.error ?? event.message);
        const onRejection = (event: PromiseRejectionEvent) => hostErrors.push(event.reason);
        window.addEventListener('error', onError);
        window.addEventListener('unhandledrejection', onRejection);
        let hostTicks = 0;
        const hostScript = setInterval(() => hostTicks++, 20);
        const network = stubFetch(fault);
        try {
          const element = await options.mount(API, 300);
          await waitUntil(() => element.state === 'error', `never reached the error state (${element.state})`, { timeout: 4000 });
          const retry = [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.closest('.error'));
          expect(retry, 'retry button').to.exist;
          expect(element.shadowRoot!.querySelector('[role="alert"]')).to.exist;
          expect(hostTicks, 'host script kept running').to.be.greaterThan(3);
          network.restore();
          const healthy = stubFetch(options.healthy);
          try {
            retry!.click();
            await waitUntil(() => element.state === 'data' || element.state === 'empty', `retry did not recover (${element.state})`, { timeout: 3000 });
          } finally {
            healthy.restore();
          }
          expect(hostErrors, 'errors thrown into the host page').to.deep.equal([]);
        } finally {
          network.restore();
          clearInterval(hostScript);
          window.removeEventListener('error', onError);
          window.removeEventListener('unhandledrejection', onRejection);
        }
      });
    }
  });
}

export { fixture };
