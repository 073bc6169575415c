/**
 * A clock for the services (`createServices({ now })`, through `createTestDatabase({ now })`): the
 * real time plus what the test moved it on by, so that a test that needs time to pass (an event's
 * settle time) moves the clock instead of waiting. Tests over HTTP, whose handlers build their own
 * services, fake the process's `Date` instead (vitest's `vi.useFakeTimers({ toFake: ["Date"] })`).
 */
export interface TestClock {
  now: () => Date;
  /** Moves the clock on by `ms` for every later `now()`. */
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}
