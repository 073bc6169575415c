import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { createPositions, eventSource, processRecords } from "@sites-groups/core";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { services } from "#commons/context";
import { eventSettings } from "#commons/environment";
import { logger, metrics } from "#commons/powertools";
import { invocationTracer } from "#commons/tracing";
import { busPublisher } from "./publish.ts";

/** One per container: positions increase strictly across the batches it handles. */
const positions = createPositions();
let publish: ReturnType<typeof busPublisher> | undefined;

/**
 * The stream processor: the table's stream records become the change events of API.md "Events",
 * stored once in the table and put on the stage's bus (core events/processor.ts). Invoked by the
 * event source mapping (infra) in AWS, and by the local stream runner in `pnpm dev`; answers a
 * partial batch response naming the first record it could not handle.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  // the batch's DynamoDB calls are traced when X-Ray samples it (commons/tracing.ts)
  await invocationTracer();
  const { bus, stage } = eventSettings();
  if (bus) publish ??= busPublisher(new EventBridgeClient({}), bus);
  const { db, events } = services();
  const result = await processRecords(event.Records, {
    db,
    reader: events.reader,
    positions,
    source: eventSource(stage),
    ...(publish ? { publish } : {}),
    onFailure: (record, error) =>
      logger.error("a stream record did not become its event", {
        eventID: record.eventID,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        keys: record.dynamodb?.Keys,
        error,
      }),
  });
  if (result.events.length > 0) {
    metrics.addMetric("EventsStored", "Count", result.events.length);
    metrics.publishStoredMetrics();
  }
  return { batchItemFailures: result.batchItemFailures };
}
