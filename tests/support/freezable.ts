/**
 * The API over a DynamoDB Local of the test file's own, which the file may freeze: SIGSTOP to that
 * child alone, for a bounded time, always resumed (the fault-injection tests of unknown outcomes).
 */
import { services } from "@sites-groups/functions/commons/context";
import { type RunningDynamoDb, startDynamoDbLocal } from "@sites-groups/local/dynamodb-local";
import { afterAll } from "vitest";
import { startTestApi, type TestApi } from "./api.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FreezableApi {
  api: TestApi;
  /**
   * Freezes the engine for `ms` as the handlers send their `nth` change write (a transaction, or
   * a PutItem that is not a key's record), so that writes are surely in flight when it stops.
   */
  freezeOnWrite(nth: number, ms: number): Promise<void>;
}

/** Call in `beforeAll` (it takes a while: a JVM starts). */
export async function startFreezableApi(): Promise<FreezableApi> {
  let dynamo: RunningDynamoDb | undefined;
  // registered first, so it runs after the API's own clean-up
  afterAll(async () => {
    await dynamo?.stop();
  });
  dynamo = await startDynamoDbLocal();
  const api = await startTestApi({ endpoint: dynamo.endpoint, stream: true });

  /** Freezes the engine for `ms`, and lets it go whatever happens. */
  async function frozen(ms: number): Promise<void> {
    dynamo?.pause();
    try {
      await sleep(ms);
    } finally {
      dynamo?.resume();
    }
  }

  function freezeOnWrite(nth: number, ms: number): Promise<void> {
    const stack = services().db.client.middlewareStack;
    let seen = 0;
    return new Promise<void>((resolve, reject) => {
      stack.add(
        (next, context) => async (args) => {
          const name = String(context.commandName).replace(/Command$/, "");
          const change =
            name === "TransactWriteItems" ||
            (name === "PutItem" && !JSON.stringify(args.input).includes("idempotency#"));
          if (change && ++seen === nth) {
            stack.remove("freezeOnWrite");
            frozen(ms).then(resolve, reject);
          }
          return next(args);
        },
        { step: "initialize", name: "freezeOnWrite", priority: "low" },
      );
    });
  }

  return { api, freezeOnWrite };
}
