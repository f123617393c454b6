import { readFile } from 'node:fs/promises';

/**
 * The parsed JSON content of `path` as `unknown` (callers validate it), or undefined when the file
 * does not exist.
 *
 * @throws for other read errors and for malformed JSON, with the path in the message.
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${path} is not valid JSON`, { cause: error });
  }
}
