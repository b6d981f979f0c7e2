// Types of scripts/run.mjs (plain JavaScript, so that it runs without tsx) for the TypeScript that imports it.
export interface FileStamp {
  size: number;
  mtimeMs: number;
}
export interface BundleRecord {
  version: 1;
  inputs: Record<string, FileStamp>;
}
export const projectRoot: string;
export const outDir: string;
export const COMMANDS: string[];
export const SETTLE_MS: number;
export function staleReason(record: BundleRecord | undefined, stat: (rel: string) => FileStamp | undefined): string | null;
export const ABSENT: Readonly<FileStamp>;
export const EXTRA_INPUTS: string[];
export function makeRecord(inputs: string[], stat: (rel: string) => FileStamp | undefined, startedAt: number, optional?: string[]): BundleRecord | null;
export function sourceInputs(metafile: { inputs: Record<string, unknown> }): string[];
export function whyStale(name: string): string | null;
export function compile(name: string): Promise<void>;
