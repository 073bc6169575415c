/**
 * The local stand-in for Lambda's event source mapping: reads the table's stream on DynamoDB
 * Local (or LocalStack) and hands its records, in order and in batches, to the same stream
 * processor the stack deploys (functions/src/events/process.ts, or the rollups processor,
 * functions/src/rollups/process.ts: one runner each, as each has its own mapping), with the
 * mapping's policy:
 * - a partial batch response sends the batch again from the record it names;
 * - a batch that throws is split in two (bisect on error);
 * - after `retries` retries, the record that keeps failing goes to the dead-letter list (and a
 *   line on the console) and the shard moves on: a poison record never blocks it.
 * A shard is read from its oldest record (TRIM_HORIZON): events are stored once whatever is read
 * again, so a restart over a kept database only re-reads.
 */
import { DescribeTableCommand, type DynamoDBClient, UpdateTableCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import { tableDefinition } from "@sites-groups/core";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { localRegion } from "./config.ts";
import { localClient } from "./dynamodb-local.ts";

/** A record as Lambda passes it to a function (times in epoch seconds, the stream's ARN on it). */
export type LambdaStreamRecord = DynamoDBRecord;

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

/** A record given up on, as the mapping's on-failure destination would be told of it. */
export interface DeadLetter {
  shardId: string;
  sequenceNumber: string | undefined;
  eventID: string | undefined;
  keys: Record<string, unknown> | undefined;
  reason: string;
  at: string;
}

export interface StreamRunnerOptions {
  endpoint: string;
  table: string;
  handler: StreamHandler;
  /** Records per invocation, as the mapping's batch size (100). */
  batchSize?: number;
  /** Retries of a failing batch before its failing record is dead-lettered (the mapping's retry attempts). */
  retries?: number;
  /** Pause between reads of a shard that had nothing new. */
  pollMs?: number;
  /** Pause before the first retry (doubles each time, at most 1 s). */
  backoffMs?: number;
  /** The processor's name in the log lines (`events`, `rollups`). */
  name?: string;
  log?: (line: string) => void;
}

export interface StreamRunner {
  readonly deadLetters: readonly DeadLetter[];
  /** Resolves once every record written before the call has been handed to the processor. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The table's stream ARN, after enabling the stream on a table made without one. */
async function streamOf(client: DynamoDBClient, table: string): Promise<string> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  if (Table?.LatestStreamArn && Table.StreamSpecification?.StreamEnabled) return Table.LatestStreamArn;
  await client.send(
    new UpdateTableCommand({
      TableName: table,
      StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.stream },
    }),
  );
  const again = await client.send(new DescribeTableCommand({ TableName: table }));
  if (!again.Table?.LatestStreamArn) throw new Error(`table ${table} has no stream, and enabling one failed`);
  return again.Table.LatestStreamArn;
}

function toLambda(record: StreamRecord, arn: string): LambdaStreamRecord {
  const { dynamodb, ...rest } = record;
  const created = dynamodb?.ApproximateCreationDateTime;
  // the images are the same wire format in both; only the time's type differs
  return {
    ...rest,
    eventSourceARN: arn,
    dynamodb: {
      ...dynamodb,
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
    },
  } as LambdaStreamRecord;
}

interface Shard {
  id: string;
  parent: string | undefined;
  iterator: string | undefined;
  /** The last record handed on (or dead-lettered): where the shard is read again after a failed read. */
  checkpoint: string | undefined;
  closed: boolean;
}

export async function startStreamRunner(options: StreamRunnerOptions): Promise<StreamRunner> {
  const { endpoint, table, handler, batchSize = 100, retries = 3, pollMs = 100, backoffMs = 100 } = options;
  const name = options.name ?? "events";
  const log = options.log ?? ((line: string) => console.log(line));
  const client = localClient(endpoint);
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: localRegion(),
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const arn = await streamOf(client, table);
  const shards = new Map<string, Shard>();
  const deadLetters: DeadLetter[] = [];
  let stopped = false;
  let round = 0;
  const waiters: { round: number; resolve: () => void }[] = [];

  async function refreshShards() {
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ...(start ? { ExclusiveStartShardId: start } : {}) }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId && !shards.has(shard.ShardId)) {
          shards.set(shard.ShardId, {
            id: shard.ShardId,
            parent: shard.ParentShardId,
            iterator: undefined,
            checkpoint: undefined,
            closed: false,
          });
        }
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  function deadLetter(shard: Shard, record: LambdaStreamRecord, reason: string) {
    const letter: DeadLetter = {
      shardId: shard.id,
      sequenceNumber: record.dynamodb?.SequenceNumber,
      eventID: record.eventID,
      keys: record.dynamodb?.Keys,
      reason,
      at: new Date().toISOString(),
    };
    deadLetters.push(letter);
    log(
      `${name}: gave up on stream record ${letter.sequenceNumber} (${JSON.stringify(letter.keys)}) after ${retries} retries: ${reason}; it is in the dead-letter list`,
    );
  }

  /** Hands a batch to the processor until every record is handled or dead-lettered. */
  async function deliver(shard: Shard, batch: LambdaStreamRecord[]): Promise<void> {
    let pending = batch;
    let attempt = 0;
    while (pending.length > 0 && !stopped) {
      let failedAt: number;
      let reason: string;
      try {
        const result = await handler({ Records: pending });
        const failure = result?.batchItemFailures?.[0]?.itemIdentifier;
        if (failure === undefined) return;
        failedAt = Math.max(
          0,
          pending.findIndex((r) => r.dynamodb?.SequenceNumber === failure),
        );
        reason = "the processor reported it failed";
      } catch (error) {
        // a function error: split the batch, as the mapping's bisect-on-error does
        if (pending.length > 1) {
          const half = Math.ceil(pending.length / 2);
          await deliver(shard, pending.slice(0, half));
          await deliver(shard, pending.slice(half));
          return;
        }
        failedAt = 0;
        reason = `the processor threw: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (failedAt > 0) attempt = 0; // progress: the count starts again from the failing record
      pending = pending.slice(failedAt);
      if (attempt >= retries) {
        deadLetter(shard, pending[0] as LambdaStreamRecord, reason);
        pending = pending.slice(1);
        attempt = 0;
        continue;
      }
      await sleep(Math.min(1000, backoffMs * 2 ** attempt));
      attempt += 1;
    }
  }

  /** An iterator at the shard's checkpoint, or at its oldest record before anything was read. */
  async function openShard(shard: Shard): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: shard.id,
        ...(shard.checkpoint
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: shard.checkpoint }
          : { ShardIteratorType: "TRIM_HORIZON" }),
      }),
    );
    return ShardIterator;
  }

  /**
   * The next records of a shard. An iterator that no longer reads (DynamoDB Local answers
   * TrimmedDataAccessException to one opened while the shard was empty; an iterator expires) is
   * replaced at once by one opened after the checkpoint: retrying it would fail forever, and
   * waiting would delay every event.
   */
  async function readShard(shard: Shard): Promise<GetRecordsCommandOutput | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      shard.iterator ??= await openShard(shard);
      if (!shard.iterator) return undefined;
      try {
        return await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }));
      } catch (error) {
        shard.iterator = undefined;
        const name = (error as { name?: string }).name;
        if (attempt > 0 || (name !== "TrimmedDataAccessException" && name !== "ExpiredIteratorException")) throw error;
      }
    }
  }

  /** One read of every open shard whose parent is done; true when any record came. */
  async function readShards(): Promise<boolean> {
    let any = false;
    for (const shard of shards.values()) {
      if (shard.closed || stopped) continue;
      if (shard.parent && shards.has(shard.parent) && !shards.get(shard.parent)?.closed) continue;
      const read = await readShard(shard);
      if (!read) {
        shard.closed = true;
        continue;
      }
      const { Records, NextShardIterator } = read;
      if (Records && Records.length > 0) {
        any = true;
        await deliver(
          shard,
          Records.map((r) => toLambda(r, arn)),
        );
        if (stopped) return any;
        shard.checkpoint = Records.at(-1)?.dynamodb?.SequenceNumber ?? shard.checkpoint;
      }
      shard.iterator = NextShardIterator;
      if (!NextShardIterator) shard.closed = true;
    }
    return any;
  }

  const running = (async () => {
    let lastRefresh = 0;
    while (!stopped) {
      try {
        if (Date.now() - lastRefresh > 1000) {
          await refreshShards();
          lastRefresh = Date.now();
        }
        const any = await readShards();
        if (!any) {
          // a round that found nothing: everything written before it started has been handed on
          round += 1;
          for (const waiter of waiters.splice(0)) {
            if (waiter.round < round - 1) waiter.resolve();
            else waiters.push(waiter);
          }
          await sleep(pollMs);
        }
      } catch (error) {
        if (stopped) break;
        log(`${name}: reading the stream failed, trying again: ${error instanceof Error ? error.message : error}`);
        await sleep(1000);
      }
    }
  })();

  return {
    deadLetters,
    caughtUp: () => new Promise<void>((resolve) => waiters.push({ round, resolve })),
    async stop() {
      stopped = true;
      await running;
      for (const waiter of waiters.splice(0)) waiter.resolve();
      streams.destroy();
      client.destroy();
    },
  };
}
