/** Where the money rules read the time (undated payments and refunds, hold periods, payout runs); tests pass their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
