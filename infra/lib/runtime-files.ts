import { createRequire } from "node:module";
import path from "node:path";

/**
 * Shell commands for NodejsFunction's `afterBundling` hook: copy the files a route's entry lists
 * (`files` of its route record; files its handler reads at run time, which esbuild cannot
 * see) beside the bundle, into `node_modules/<package>/`, where the handler's
 * `createRequire(import.meta.url)` finds them in `/var/task`. Copied from the installed package:
 * synthesis stays offline (NodejsFunction's `nodeModules` would run an install).
 */
export function copyRuntimeFiles(files: readonly string[], functionsDir: string, outputDir: string): string[] {
  const resolve = createRequire(path.join(functionsDir, "package.json")).resolve;
  return files.flatMap((file) => {
    const target = path.join(outputDir, "node_modules", file);
    return [`mkdir -p "${path.dirname(target)}"`, `cp "${resolve(file)}" "${target}"`];
  });
}
