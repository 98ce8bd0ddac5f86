import { z } from 'zod';
import { newRegionsProblems, pipelineConfigSchema, regionOrderProblems } from './pipeline-config';
import { regionProblem } from './regions';

const HOSTNAME_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * ACM refuses a certificate whose first domain name (its common name) is longer than 64 characters
 * (RFC 5280); `domainName` is that first name. Later names (`<region>.<domainName>`) are subject
 * alternative names, which may be up to 253 characters, so they need no limit of their own here.
 * Source: ACM API reference, RequestCertificate, DomainName.
 */
export const MAX_CERTIFICATE_DOMAIN_LENGTH = 64;

const region = z.string().superRefine((name, ctx) => {
  const problem = regionProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** Cognito group names: 1-128 letters, marks, symbols, digits or punctuation; no spaces (CreateGroup). */
const cognitoGroupName = z
  .string()
  .regex(
    /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u,
    'must be 1-128 characters without spaces (a Cognito group name)',
  );
const hostname = z
  .string()
  .transform((s) => s.replace(/\.$/, '').toLowerCase())
  .pipe(
    z.string().regex(HOSTNAME_PATTERN, 'must be a fully qualified domain name such as "api.example.com"'),
  );

/**
 * AWS Backup Vault Lock on both vaults (min retention = that vault's retention). `governance` can be
 * changed or removed by principals allowed `backup:DeleteBackupVaultLockConfiguration`; `compliance` sets
 * ChangeableForDays, and once that grace time has passed NOBODY (not AWS, not the account root) can
 * change or remove the lock or delete a recovery point before it expires. See docs/DEPLOY.md.
 */
const vaultLock = z
  .strictObject({
    mode: z.enum(['none', 'governance', 'compliance']).default('governance'),
    /** Compliance mode only: days after the deploy during which the lock can still be changed or removed. */
    changeableForDays: z
      .number()
      .int('must be a whole number')
      .min(3, 'must be at least 3: AWS Backup enforces a 72-hour cooling-off period before the lock')
      .max(36500)
      .optional(),
  })
  .superRefine((l, ctx) => {
    if (l.mode === 'compliance' && l.changeableForDays === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['changeableForDays'],
        message:
          'is required when mode is "compliance": after that many days the lock can never be changed or removed',
      });
    }
    if (l.mode !== 'compliance' && l.changeableForDays !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['changeableForDays'],
        message: `must not be set when mode is "${l.mode}": ChangeableForDays is what makes a lock compliance mode (immutable)`,
      });
    }
  });

/**
 * Routing health beyond `/health` (lib/constructs/item-route-health-alarms.ts): each region's records follow
 * a CALCULATED Route 53 health check over its `/health` check and one CLOUDWATCH_METRIC check per item-route
 * alarm, so a region whose item routes fail leaves DNS while `/health` still passes. Route 53 copies an
 * alarm's metric, statistic, period, threshold and evaluation periods; it supports only standard-resolution
 * metrics and the statistics Average, Minimum, Maximum, Sum and SampleCount (Route 53 API Reference,
 * AlarmIdentifier). See docs/ARCHITECTURE.md, "Routing health".
 */
const itemRouteAlarm = z.strictObject({
  enabled: z.boolean().default(true),
  /** An item route's share of 5xx answers (API Gateway `5XXError`, Average) above which it fails. */
  errorRatePercent: z.number().gt(0, 'must be above 0').max(100).default(5),
  /**
   * An item route's average latency (API Gateway `Latency`, Average, not p99: Route 53 refuses percentile
   * alarms) above which it fails. API Gateway ends integrations after 29 s, so a higher limit never fires.
   */
  averageLatencyMs: z
    .number()
    .int('must be a whole number')
    .min(1)
    .max(
      29_000,
      'must be at most 29000: API Gateway answers every request within 29 s, so a higher limit could never fire',
    )
    .default(3000),
  /** Length of one evaluation period; standard-resolution metrics only (Route 53), so whole minutes. */
  periodSeconds: z
    .union([z.literal(60), z.literal(120), z.literal(300)], {
      error: 'must be 60, 120 or 300: Route 53 can watch only standard-resolution (whole-minute) alarms',
    })
    .default(60),
  /** Periods in a row that must breach (all of them: Route 53 cannot follow an "M out of N" alarm). */
  evaluationPeriods: z.number().int('must be a whole number').min(1).max(10).default(3),
  /**
   * What Route 53 reports while an alarm has no data (a route without traffic). `Healthy`: quiet routes never
   * take a region out, and a region taken out (so receiving no more traffic) comes back once the window
   * is empty. `LastKnownStatus` keeps it out until data says OK: only with synthetic item traffic to
   * `<region>.<domainName>` (the sandbox's item-route canaries), else a region once out stays out.
   */
  insufficientData: z
    .string()
    .default('Healthy')
    .refine((v) => v !== 'Unhealthy', {
      message:
        'must not be "Unhealthy": every region whose item routes get no traffic for a while would leave DNS',
    })
    .pipe(z.enum(['Healthy', 'LastKnownStatus'], { error: 'must be "Healthy" or "LastKnownStatus"' })),
});

/** `arn:<partition>:ses:<region>:<account>:identity/<domain or address>` */
const SES_IDENTITY_ARN = /^arn:aws(?:-cn|-us-gov)?:ses:([a-z0-9-]+):(\d{12}):identity\/(.+)$/;

/**
 * Where a user pool may send with Amazon SES: its own Region, or, for pools in the Regions of Cognito's
 * original SES mapping, that mapped Region (Cognito developer guide, "Amazon SES email configuration
 * Regions"; CloudFormation: "the Region value of the SourceArn parameter must indicate a supported AWS
 * Region of your user pool. Typically, the Region in the SourceArn and the user pool Region are the same").
 */
export const LEGACY_SES_REGION: Readonly<Record<string, string>> = {
  'ca-central-1': 'us-east-1',
  'us-east-2': 'us-east-1',
  'ap-northeast-1': 'us-west-2',
  'ap-northeast-2': 'us-west-2',
  'ap-south-1': 'us-west-2',
  'ap-southeast-1': 'us-west-2',
  'ap-southeast-2': 'us-west-2',
  'eu-central-1': 'eu-west-1',
  'eu-west-2': 'eu-west-1',
};

/** Cognito sends its mail through this SES identity instead of its built-in sender (about 50 mails a day). */
const cognitoEmail = z.strictObject({
  /** Sender address: the SES identity itself, or an address in the identity's domain. */
  fromAddress: z.email('must be an email address'),
  /** Display name before the address (`Name <address>`). */
  fromName: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[^<>"\r\n]+$/, 'must not contain <, >, " or line breaks')
    .optional(),
  replyTo: z.email('must be an email address').optional(),
  /** Verified SES identity (domain or address) in `primaryRegion` or its legacy SES Region. */
  sesIdentityArn: z
    .string()
    .regex(
      SES_IDENTITY_ARN,
      'must be an SES identity ARN such as "arn:aws:ses:us-east-1:111111111111:identity/example.com"',
    ),
  configurationSet: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be an SES configuration set name (1-64 letters, digits, _ or -)')
    .optional(),
});

/** Region, account and identity of a validated `cognito.email.sesIdentityArn`. */
export function parseSesIdentityArn(arn: string): { region: string; account: string; identity: string } {
  const m = SES_IDENTITY_ARN.exec(arn);
  if (!m) throw new Error(`not an SES identity ARN: ${arn}`);
  return { region: m[1], account: m[2], identity: m[3] };
}

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
    domainName: hostname.refine((d) => d.length <= MAX_CERTIFICATE_DOMAIN_LENGTH, {
      message: `must be at most ${MAX_CERTIFICATE_DOMAIN_LENGTH} characters: it is the first name of each region's ACM certificate, and ACM refuses longer ones`,
    }),
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
        itemRouteAlarm: itemRouteAlarm.prefault({}),
      })
      .prefault({}),
    backup: z
      .strictObject({
        /** Days a daily recovery point is kept in the table's region. */
        retentionDays: z.number().int('must be a whole number').min(1).max(36500).default(35),
        /**
         * Region that receives a copy of every recovery point. Defaults to the first region in `regions`
         * that is not the primary, so appending a region never moves the copies.
         */
        copyRegion: region.optional(),
        /** Days a copied recovery point is kept in the copy region. */
        copyRetentionDays: z.number().int('must be a whole number').min(1).max(36500).default(90),
        vaultLock: vaultLock.prefault({}),
      })
      .prefault({}),
    cognito: z
      .strictObject({
        /** @default - Cognito's built-in sender (no-reply@verificationemail.com, about 50 mails a day) */
        email: cognitoEmail.optional(),
        mfa: z.enum(['off', 'optional', 'required']).default('optional'),
        /** Name of the group whose members can read and manage every item. */
        adminGroup: cognitoGroupName.default('admin'),
        memberGroup: cognitoGroupName.default('member'),
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
    /** Optional delivery pipeline (lib/config/pipeline-config.ts); absent = direct `cdk deploy --all`. */
    pipeline: pipelineConfigSchema.optional(),
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
    if (c.cognito.adminGroup === c.cognito.memberGroup) {
      // Two AWS::Cognito::UserPoolGroup resources with one name: the second fails with GroupExistsException.
      ctx.addIssue({
        code: 'custom',
        path: ['cognito', 'memberGroup'],
        message: `must differ from cognito.adminGroup ("${c.cognito.adminGroup}"): a user pool holds each group name once`,
      });
    }
    if (c.domainName !== c.hostedZoneName && !c.domainName.endsWith(`.${c.hostedZoneName}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['domainName'],
        message: `must be inside hostedZoneName "${c.hostedZoneName}"`,
      });
    }
    for (const message of c.pipeline?.regionOrder
      ? regionOrderProblems(c.pipeline.regionOrder, c.regions, c.primaryRegion)
      : []) {
      ctx.addIssue({ code: 'custom', path: ['pipeline', 'regionOrder'], message });
    }
    for (const message of c.pipeline
      ? newRegionsProblems(c.pipeline.newRegions, c.regions, c.primaryRegion)
      : []) {
      ctx.addIssue({ code: 'custom', path: ['pipeline', 'newRegions'], message });
    }
    if (c.pipeline?.probeItems && c.cognito.mfa === 'required') {
      ctx.addIssue({
        code: 'custom',
        path: ['pipeline', 'probeItems'],
        message:
          'must be false while cognito.mfa is "required": the synthetic user cannot answer an MFA challenge',
      });
    }
  })
  .superRefine((c, ctx) => {
    const email = c.cognito.email;
    const arn =
      email && SES_IDENTITY_ARN.test(email.sesIdentityArn)
        ? parseSesIdentityArn(email.sesIdentityArn)
        : undefined;
    if (!email || !arn) return;
    const path = ['cognito', 'email', 'sesIdentityArn'];
    const allowed = [c.primaryRegion, LEGACY_SES_REGION[c.primaryRegion]].filter(Boolean);
    if (!allowed.includes(arn.region)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `must be in ${allowed.join(' or ')}: a user pool in ${c.primaryRegion} can send only with SES there`,
      });
    }
    if (arn.account !== c.account) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `must be in account ${c.account}: Cognito cannot send with another account's SES identity`,
      });
    }
    const from = email.fromAddress.toLowerCase();
    const identity = arn.identity.toLowerCase();
    const covered = identity.includes('@') ? from === identity : from.split('@')[1] === identity;
    if (!covered) {
      ctx.addIssue({
        code: 'custom',
        path: ['cognito', 'email', 'fromAddress'],
        message: identity.includes('@')
          ? `must be ${arn.identity}, the verified SES address of sesIdentityArn`
          : `must be an address in ${arn.identity}, the verified SES domain of sesIdentityArn`,
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
  const copyRegion = c.backup.copyRegion ?? defaultCopyRegion(c);
  return { ...c, backup: { ...c.backup, copyRegion } };
}

/**
 * The backup copy region when `backup.copyRegion` is not set: the first region in `regions` that is not
 * the primary. Not "the region after the primary": with that rule, appending a region to a list that
 * ends with the primary would move every future copy (and the copy vault) to the new region.
 */
export function defaultCopyRegion(c: Pick<AppConfig, 'regions' | 'primaryRegion'>): string {
  const copyRegion = c.regions.find((r) => r !== c.primaryRegion);
  // The schema guarantees at least two distinct regions, one of them the primary.
  if (copyRegion === undefined) throw new Error('regions must hold a region besides primaryRegion');
  return copyRegion;
}

/** The hostname that reaches only `region`, used by its health check and for direct testing. */
export function regionalHostname(config: Pick<AppConfig, 'domainName'>, region: string): string {
  return `${region}.${config.domainName}`;
}
