import { OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { toEsbuildOptions } from '../../../lib/bench/esbuild-options';
import { LAMBDA_BUNDLING } from '../../../lib/constructs/lambda-function';

describe('toEsbuildOptions', () => {
  it('maps the CDK app’s own settings as NodejsFunction does, bundling the AWS SDK', () => {
    expect(toEsbuildOptions(LAMBDA_BUNDLING)).toEqual({
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      minify: true,
      sourcemap: true,
      external: [],
    });
  });

  it('passes externals, source map modes and the other supported fields through', () => {
    const options = toEsbuildOptions({
      target: 'node20',
      format: OutputFormat.ESM,
      externalModules: ['@aws-sdk/*'],
      sourceMapMode: SourceMapMode.INLINE,
      sourcesContent: false,
      keepNames: true,
      define: { X: '1' },
      mainFields: ['module', 'main'],
      banner: '/* b */',
    });
    expect(options).toMatchObject({
      external: ['@aws-sdk/*'],
      format: 'esm',
      sourcemap: 'inline',
      sourcesContent: false,
      keepNames: true,
      define: { X: '1' },
      mainFields: ['module', 'main'],
      banner: { js: '/* b */' },
      minify: false,
    });
  });

  it('refuses settings it cannot reproduce instead of measuring a different bundle', () => {
    expect(() => toEsbuildOptions({ target: 'node22', nodeModules: ['sharp'] })).toThrow(/nodeModules/);
    expect(() => toEsbuildOptions({ minify: true })).toThrow('must name the esbuild target');
  });
});
