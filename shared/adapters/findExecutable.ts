import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * The executable's path: `name` itself when it contains a slash, else the first executable match on
 * `searchPath` (PATH-style). Undefined when there is none.
 */
export function findExecutable(name: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  const candidates = name.includes('/') ? [name] : searchPath.split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
