import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';

/** One bundled Lambda package. */
export interface BundledHandler {
  readonly name: string;
  /** The bundle Lambda loads (index.js). */
  readonly file: string;
  /** Bytes of index.js: what the runtime parses at init. */
  readonly bytes: number;
  /** Bytes of index.js.map, shipped too (0 without source maps). */
  readonly mapBytes: number;
}

/** Bundles `entry` into `<outDir>/<name>/index.js`, as NodejsFunction would. */
export async function bundleHandler(
  name: string,
  entry: string,
  outDir: string,
  options: BuildOptions,
): Promise<BundledHandler> {
  const file = join(outDir, name, 'index.js');
  await build({ ...options, entryPoints: [entry], outfile: file, logLevel: 'silent' });
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return { name, file, bytes: size(file), mapBytes: size(`${file}.map`) };
}
