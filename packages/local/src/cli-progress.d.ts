/** The part of cli-progress (which ships no types) that the seeding CLI uses. */
declare module "cli-progress" {
  export interface Options {
    format?: string;
    barCompleteChar?: string;
    barIncompleteChar?: string;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    etaBuffer?: number;
    fps?: number;
    stream?: NodeJS.WritableStream;
    noTTYOutput?: boolean;
  }
  export class SingleBar {
    constructor(options: Options, preset?: Options);
    start(total: number, start: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
    stop(): void;
  }
  export const Presets: { shades_classic: Options; shades_grey: Options; rect: Options; legacy: Options };
  const cliProgress: { SingleBar: typeof SingleBar; Presets: typeof Presets };
  export default cliProgress;
}
