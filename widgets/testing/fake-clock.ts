/**
 * A clock the test moves by hand, for the widgets' timers (the search debounce, the automatic
 * retry, the request timeout). While it is installed, `setTimeout` and `clearTimeout` queue
 * callbacks on fake time, which passes only when the test says so: a test of a 350 ms debounce
 * then passes or fails the same way on a fast machine and on a loaded one.
 *
 * Promises, Lit updates and the stubbed network still run for real; `until` and `runUntil` wait
 * for them. @open-wc's `waitUntil` and axe-core (`to.be.accessible()`) use timers of their own:
 * call `uninstall()` before using them.
 */
export interface FakeClock {
  /** Moves time forward by `ms`, running every timer that falls due in order; promises and renders settle after each one. */
  tick(ms: number): Promise<void>;
  /** Waits for promises, renders and the stubbed network until `condition` holds; fake time stands still. */
  until(condition: () => unknown, message: string): Promise<void>;
  /**
   * Lets fake time pass until `condition` holds, at most `atMost` ms in all: between real tasks
   * (promises, renders, the stubbed network) it runs the next timer as soon as one falls within
   * the budget. For a timer the test cannot see being set, such as the retry after a failed
   * request; keep the budget below the request timeout so that only such timers run.
   */
  runUntil(condition: () => unknown, message: string, atMost: number): Promise<void>;
  /** Puts the real timers back; timers still pending on the fake clock are dropped. */
  uninstall(): void;
}

interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

/** A failure detector for the waits, in real time: far above what any wait here takes, below Mocha's test timeout. */
const GIVE_UP_MS = 10_000;
/** Fake timer ids start high, so they never match a real timer's id. */
const FIRST_ID = 1_000_000_000;

export function installFakeClock(): FakeClock {
  const realSetTimeout = window.setTimeout;
  const realClearTimeout = window.clearTimeout;
  const timers = new Map<number, Timer>();
  let now = 0;
  let seq = 0;
  let nextId = FIRST_ID;
  let installed = true;

  window.setTimeout = ((handler: TimerHandler, delay = 0, ...args: unknown[]) => {
    if (typeof handler !== 'function') throw new TypeError('the fake clock runs functions only');
    const id = nextId++;
    timers.set(id, { at: now + Math.max(0, Number(delay) || 0), seq: seq++, run: () => handler(...args) });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined && !timers.delete(id)) realClearTimeout(id); // a timer set before the clock was installed
  }) as typeof window.clearTimeout;

  /** One real task: the promises, renders and body reads that were waiting run. */
  const settle = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));
  const next = (): [number, Timer] | undefined =>
    [...timers].reduce<[number, Timer] | undefined>(
      (first, entry) => (!first || entry[1].at < first[1].at || (entry[1].at === first[1].at && entry[1].seq < first[1].seq) ? entry : first),
      undefined,
    );
  const fire = async ([id, timer]: [number, Timer]) => {
    timers.delete(id);
    now = timer.at;
    timer.run();
    await settle();
  };
  const giveUp = (message: string) => {
    const pending = [...timers.values()].map((timer) => timer.at - now).sort((a, b) => a - b);
    return new Error(`${message} (fake clock at ${now} ms, timers pending in ${JSON.stringify(pending)} ms)`);
  };

  return {
    async tick(ms) {
      const end = now + ms;
      await settle();
      for (let due = next(); due && due[1].at <= end; due = next()) await fire(due);
      now = end;
      await settle();
    },
    async until(condition, message) {
      const started = performance.now();
      while (!(await condition())) {
        if (performance.now() - started > GIVE_UP_MS) throw giveUp(message);
        await settle();
      }
    },
    async runUntil(condition, message, atMost) {
      const end = now + atMost;
      const started = performance.now();
      while (!(await condition())) {
        await settle();
        const due = next();
        if (due && due[1].at <= end) await fire(due);
        else if (performance.now() - started > GIVE_UP_MS) throw giveUp(message);
      }
    },
    uninstall() {
      if (!installed) return;
      installed = false;
      timers.clear();
      window.setTimeout = realSetTimeout;
      window.clearTimeout = realClearTimeout;
    },
  };
}
