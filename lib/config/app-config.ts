import { z } from 'zod';

/**
 * AWS commercial, GovCloud and China partition region names, e.g. `us-east-1`, `eu-central-2`,
 * `us-gov-west-1`, `cn-north-1`.
 */
const REGION_PATTERN =
  /^(us|eu|ap|ca|sa|me|af|il|mx|cn)(-gov)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;
const HOSTNAME_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const region = z.string().regex(REGION_PATTERN, 'must be an AWS region name such as "us-east-1"');
const hostname = z
  .string()
  .transform((s) => s.replace(/\.$/, '').toLowerCase())
  .pipe(
    z.string().regex(HOSTNAME_PATTERN, 'must be a fully qualified domain name such as "api.example.com"'),
  );

export const appConfigSchema = z
  .strictObject({
    /** Prefix of every stack and physical name; lowercase, starts with a letter. */
    appName: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,24}[a-z0-9]$/,
        'must be 3-26 lowercase letters, digits or hyphens, starting with a letter',
      ),
    /** The 12-digit AWS account every stack deploys to. */
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    /** Every region that serves traffic and holds a table replica. */
    regions: z
      .array(region)
      .min(2, 'must list at least 2 regions for active-active')
      .refine((r) => new Set(r).size === r.length, 'must not repeat a region'),
    /** Region of the Cognito user pool, the global table's primary stack and the failover PRIMARY record. */
    primaryRegion: region,
    /** `latency` sends users to the nearest healthy region; `failover` sends all to the primary while healthy. */
    routing: z.enum(['latency', 'failover']),
    /** Public API hostname, served by every region; each region also gets `<region>.<domainName>`. */
    domainName: hostname,
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{4,32}$/, 'must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"'),
    hostedZoneName: hostname,
    /** Email address subscribed to every region's alert topic. */
    alarmEmail: z.email('must be an email address').optional(),
    /** Point-in-time recovery window of the table. */
    pitrRecoveryDays: z.number().int('must be a whole number').min(1).max(35).default(35),
    healthCheck: z
      .strictObject({
        /** Route 53 checks every 10 s (fast, costs more) or 30 s. */
        intervalSeconds: z.union([z.literal(10), z.literal(30)], { error: 'must be 10 or 30' }).default(30),
        /** Consecutive failed checks before Route 53 marks the region unhealthy. */
        failureThreshold: z.number().int('must be a whole number').min(1).max(10).default(3),
      })
      .prefault({}),
    backup: z
      .strictObject({
        /** Days a daily recovery point is kept in the table's region. */
        retentionDays: z.number().int('must be a whole number').min(1).max(36500).default(35),
        /** Region that receives a copy of every recovery point; defaults to the first region after the primary. */
        copyRegion: region.optional(),
        /** Days a copied recovery point is kept in the copy region. */
        copyRetentionDays: z.number().int('must be a whole number').min(1).max(36500).default(90),
      })
      .prefault({}),
    cognito: z
      .strictObject({
        mfa: z.enum(['off', 'optional', 'required']).default('optional'),
        /** Name of the group whose members can read and manage every item. */
        adminGroup: z.string().min(1).max(128).default('admin'),
        memberGroup: z.string().min(1).max(128).default('member'),
      })
      .prefault({}),
    /**
     * AWS Fault Injection Service experiment templates for the chaos drills (docs/RUNBOOK.md, "Chaos drills").
     * Off by default: when on, the item-route functions also carry AWS's FIS extension layer.
     */
    chaos: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** Longest a fault may stay in place; every experiment template's actions last this long at most. */
        maxDurationMinutes: z.number().int('must be a whole number').min(1).max(60).default(10),
        /** Share of item-route invocations the Lambda experiments hit. */
        invocationPercentage: z.number().int('must be a whole number').min(1).max(100).default(100),
        /** Startup delay of the function-latency experiment. */
        startupDelayMilliseconds: z.number().int('must be a whole number').min(1).max(900_000).default(3000),
      })
      .prefault({}),
    /** Requests allowed per client IP in any 5-minute window, enforced by AWS WAF. */
    wafRateLimit: z.number().int('must be a whole number').min(10).max(2_000_000_000).default(2000),
    logRetentionDays: z
      .number()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(90),
  })
  .superRefine((c, ctx) => {
    if (!c.regions.includes(c.primaryRegion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['primaryRegion'],
        message: `must be one of regions (${c.regions.join(', ')})`,
      });
    }
    if (c.backup.copyRegion !== undefined && c.backup.copyRegion === c.primaryRegion) {
      ctx.addIssue({
        code: 'custom',
        path: ['backup', 'copyRegion'],
        message: 'must differ from primaryRegion',
      });
    }
    if (c.backup.copyRegion !== undefined && !c.regions.includes(c.backup.copyRegion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['backup', 'copyRegion'],
        message: `must be one of regions (${c.regions.join(', ')})`,
      });
    }
    if (c.domainName !== c.hostedZoneName && !c.domainName.endsWith(`.${c.hostedZoneName}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['domainName'],
        message: `must be inside hostedZoneName "${c.hostedZoneName}"`,
      });
    }
  });

/** The input shape (defaults optional), as written in cdk.json or a config file. */
export type AppConfigInput = z.input<typeof appConfigSchema>;

/** A validated config with every default filled in. */
export type AppConfig = z.output<typeof appConfigSchema> & {
  backup: { copyRegion: string };
};

/** Raised for any invalid config; `message` lists every field and why, one per line. */
export class ConfigError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: readonly string[],
  ) {
    super(`Invalid config (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates raw config and fills defaults; throws ConfigError naming each bad field. */
export function parseConfig(raw: unknown, source = 'config'): AppConfig {
  const result = appConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`,
    );
    throw new ConfigError(source, problems);
  }
  const c = result.data;
  const copyRegion = c.backup.copyRegion ?? c.regions.find((r) => r !== c.primaryRegion);
  return { ...c, backup: { ...c.backup, copyRegion: copyRegion as string } };
}

/** The hostname that reaches only `region`, used by its health check and for direct testing. */
export function regionalHostname(config: Pick<AppConfig, 'domainName'>, region: string): string {
  return `${region}.${config.domainName}`;
}
