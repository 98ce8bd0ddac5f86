import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** The BundlingOptions fields this translation knows; any other set field is refused, never ignored. */
const KNOWN = new Set([
  'minify',
  'sourceMap',
  'sourceMapMode',
  'sourcesContent',
  'target',
  'format',
  'externalModules',
  'keepNames',
  'define',
  'loader',
  'mainFields',
  'banner',
  'footer',
]);

/**
 * The esbuild options NodejsFunction derives from `bundling` (aws-cdk-lib's `Bundling.buildEsbuildArgs`:
 * `--bundle --platform=node --target --format --minify --sourcemap --external:...`). Externals default
 * to `[]` here: NodejsFunction's own default for Node ≥ 18 (`@aws-sdk/*` external) would make the
 * bench measure a package without the SDK, so a caller relying on it must say so explicitly.
 */
export function toEsbuildOptions(bundling: Readonly<BundlingOptions>): BuildOptions {
  const unknown = Object.entries(bundling)
    .filter(([k, v]) => v !== undefined && !KNOWN.has(k))
    .map(([k]) => k);
  if (unknown.length > 0) {
    throw new Error(
      `The bench cannot reproduce these Lambda bundling settings: ${unknown.join(', ')}. ` +
        'Teach lib/bench/esbuild-options.ts how NodejsFunction applies them.',
    );
  }
  if (!bundling.target) {
    throw new Error('Lambda bundling settings must name the esbuild target (e.g. node22)');
  }
  const sourceMapEnabled = bundling.sourceMapMode !== undefined || bundling.sourceMap === true;
  const mode = bundling.sourceMapMode ?? 'default';
  return {
    bundle: true,
    platform: 'node',
    target: bundling.target,
    ...(bundling.format ? { format: bundling.format as BuildOptions['format'] } : {}),
    minify: bundling.minify === true,
    ...(sourceMapEnabled
      ? { sourcemap: mode === 'default' ? true : (mode as BuildOptions['sourcemap']) }
      : {}),
    ...(bundling.sourcesContent === false ? { sourcesContent: false } : {}),
    external: [...(bundling.externalModules ?? [])],
    ...(bundling.keepNames ? { keepNames: true } : {}),
    ...(bundling.define ? { define: { ...bundling.define } } : {}),
    ...(bundling.loader ? { loader: { ...bundling.loader } as BuildOptions['loader'] } : {}),
    ...(bundling.mainFields ? { mainFields: [...bundling.mainFields] } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(bundling.footer ? { footer: { js: bundling.footer } } : {}),
  };
}
