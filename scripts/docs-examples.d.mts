// Types of scripts/docs-examples.mjs for the TypeScript test that imports it.
export const ELISION: string;
export interface Example {
  /** 1-based line of the `$ kplan` line. */
  line: number;
  command: string;
  args: string[];
  body: string[];
  bodyStart: number;
  bodyEnd: number;
}
export function docPages(root: string): string[];
export function findExamples(text: string): Example[];
export function splitArgs(text: string): string[];
export function runExample(main: (io: never) => Promise<number>, root: string, args: string[]): Promise<{ code: number; lines: string[] }>;
export function compareExample(body: string[], actual: string[]): { offset: number; message: string } | null;
export function updateExample(body: string[], actual: string[]): string[];
