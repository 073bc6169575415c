import { deadlineOf, withDeadline } from "@sites-groups/core";
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { services } from "#commons/context";
import { logger, metrics } from "#commons/powertools";
import { invocationTracer } from "#commons/tracing";

/**
 * The rollups processor: the table's stream records become the maintained items of API.md "The
 * hierarchy" (below items, ledgers, summaries; core rollups/processor.ts), apart from the events
 * processor so that maintaining them never delays an event. Invoked by its own event source mapping
 * (infra) in AWS and by the local stream runner in `pnpm dev`; answers a partial batch response
 * naming the record to redeliver from. Its work stops before the invocation's timeout, so that a
 * batch too long for one invocation fails cleanly and is redelivered (what it wrote stays written).
 */
export async function handler(event: DynamoDBStreamEvent, context?: Partial<Context>): Promise<DynamoDBBatchResponse> {
  // the batch's DynamoDB calls are traced when X-Ray samples it (commons/tracing.ts)
  await invocationTracer();
  const remaining = context?.getRemainingTimeInMillis?.();
  const run = () =>
    services().hierarchy.maintain(event.Records, (record, error) =>
      logger.error("stream records were not folded into the hierarchy", {
        eventID: record.eventID,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        keys: record.dynamodb?.Keys,
        error,
      }),
    );
  const { batchItemFailures, stats } =
    remaining === undefined ? await run() : await withDeadline(deadlineOf(remaining), run);
  if (stats.items > 0) {
    metrics.addMetric("RollupItemsRecomputed", "Count", stats.items);
    metrics.addMetric("RollupItemsWritten", "Count", stats.ledgers + stats.below + stats.summaries);
    metrics.publishStoredMetrics();
  }
  return { batchItemFailures };
}
