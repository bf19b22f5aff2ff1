/** Where the server reads the time for rules that depend on it (hold periods, payout runs); tests pass their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
