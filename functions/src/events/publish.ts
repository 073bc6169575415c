import { type EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { CloudEvent } from "@sites-groups/core";

/** PutEvents takes at most this many entries per call. */
const ENTRIES_PER_CALL = 10;

/**
 * Puts events on the stage's bus, in order, 10 per call: `Source` is the event's `source`,
 * `DetailType` its type, `Detail` the whole CloudEvent, so a rule matches on `source` and
 * `detail-type` and a consumer reads `detail` as the event. Answers the ids of the events the
 * bus refused (a failed entry, or every entry of a call that failed); the processor fails their
 * records, which come again.
 */
export function busPublisher(client: EventBridgeClient, bus: string) {
  return async (events: CloudEvent[]): Promise<string[]> => {
    const refused: string[] = [];
    for (let i = 0; i < events.length; i += ENTRIES_PER_CALL) {
      const chunk = events.slice(i, i + ENTRIES_PER_CALL);
      if (refused.length > 0) {
        refused.push(...chunk.map((e) => e.id));
        continue;
      }
      const { FailedEntryCount, Entries } = await client.send(
        new PutEventsCommand({
          Entries: chunk.map((event) => ({
            EventBusName: bus,
            Source: event.source,
            DetailType: event.type,
            Detail: JSON.stringify(event),
            Time: new Date(event.time),
            Resources: [],
          })),
        }),
      );
      if (FailedEntryCount) {
        chunk.forEach((event, j) => {
          if (Entries?.[j]?.ErrorCode || !Entries?.[j]?.EventId) refused.push(event.id);
        });
      }
    }
    return refused;
  };
}
