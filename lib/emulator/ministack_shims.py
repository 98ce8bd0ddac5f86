"""Gaps of the ministack emulator that the app's templates run into, filled inside the emulator.

Test tooling, never part of the app: `npm run emulator` starts ministack through this file
(`python ministack_shims.py`), which registers what the emulator's CloudFormation lacks and then runs
ministack's own `main()`. Each shim names its gap and the ministack version it was written against
(SHIMMED_VERSION); `install()` refuses any other version, so an upgrade is a deliberate step: try the
new version without a shim, delete what it no longer needs. Every shim uses the emulator's own service
code where it exists (Route 53 health checks, CloudWatch composite alarms, WAF associations, Backup
selections, DynamoDB replicas), so what it creates is visible through the emulator's APIs as on AWS.
The same list, with the shims on the Node side, is in lib/emulator/shims.ts and docs/EMULATOR.md.
"""

import json
import logging
import sys
from xml.sax.saxutils import escape

SHIMMED_VERSION = "1.5.33"

logger = logging.getLogger("emulator-shims")


def _bool(value) -> bool:
    return value is True or str(value).lower() == "true"


def _health_check_xml(caller_reference: str, config: dict) -> bytes:
    """A CreateHealthCheck request body for the properties of an AWS::Route53::HealthCheck."""
    parts = []
    for key, value in config.items():
        if key == "Regions":
            inner = "".join(f"<Region>{escape(str(r))}</Region>" for r in value)
        elif key == "ChildHealthChecks":
            inner = "".join(f"<ChildHealthCheck>{escape(str(c))}</ChildHealthCheck>" for c in value)
        elif key == "AlarmIdentifier":
            inner = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in value.items())
        elif isinstance(value, bool):
            inner = "true" if value else "false"
        else:
            inner = escape(str(value))
        parts.append(f"<{key}>{inner}</{key}>")
    return (
        '<CreateHealthCheckRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">'
        f"<CallerReference>{escape(caller_reference)}</CallerReference>"
        f"<HealthCheckConfig>{''.join(parts)}</HealthCheckConfig>"
        "</CreateHealthCheckRequest>"
    ).encode()


def _route53_health_check(p):
    """Gap (1.5.33): CloudFormation has no handler for AWS::Route53::HealthCheck; Route 53's
    CreateHealthCheck/DeleteHealthCheck exist. Ref is the health check id, as on AWS."""
    import ministack.services.route53 as r53

    def create(logical_id, props, stack_name):
        status, _, body = r53._create_health_check(
            _health_check_xml(f"{stack_name}-{logical_id}", props.get("HealthCheckConfig") or {})
        )
        if status >= 300:
            raise ValueError(f"AWS::Route53::HealthCheck create failed: {body!r}")
        hc_id = body.decode().split("<Id>", 1)[1].split("</Id>", 1)[0]
        return hc_id, {"HealthCheckId": hc_id}

    def delete(physical_id, props):
        r53._delete_health_check(physical_id)

    return {"create": create, "delete": delete}


def _composite_alarm(p):
    """Gap (1.5.33): CloudFormation has no handler for AWS::CloudWatch::CompositeAlarm; CloudWatch's
    PutCompositeAlarm/DeleteAlarms exist. Ref is the alarm name, GetAtt Arn its ARN."""
    import ministack.services.cloudwatch as cw

    def create(logical_id, props, stack_name):
        name = props.get("AlarmName") or f"{stack_name}-{logical_id}"
        request = {
            "AlarmName": name,
            "AlarmRule": props["AlarmRule"],
            "AlarmDescription": props.get("AlarmDescription", ""),
            "ActionsEnabled": _bool(props.get("ActionsEnabled", True)),
            "AlarmActions": props.get("AlarmActions", []),
            "OKActions": props.get("OKActions", []),
            "InsufficientDataActions": props.get("InsufficientDataActions", []),
        }
        status, _, body = cw._put_composite_alarm({}, request, False, True)
        if status >= 300:
            raise ValueError(f"AWS::CloudWatch::CompositeAlarm create failed: {body!r}")
        return name, {"Arn": cw._composite_alarms[name]["AlarmArn"]}

    def delete(physical_id, props):
        cw._delete_alarms({}, {"AlarmNames": [physical_id]}, False, True)

    return {"create": create, "delete": delete}


def _web_acl_association(p):
    """Gap (1.5.33): CloudFormation has no handler for AWS::WAFv2::WebACLAssociation; WAFv2's
    AssociateWebACL/DisassociateWebACL exist (the emulator does not filter requests with the ACL)."""
    import ministack.services.waf as waf

    def create(logical_id, props, stack_name):
        request = {"WebACLArn": props["WebACLArn"], "ResourceArn": props["ResourceArn"]}
        status, _, body = waf._associate_web_acl(request)
        if status >= 300:
            raise ValueError(f"AWS::WAFv2::WebACLAssociation create failed: {body!r}")
        return f"{props['ResourceArn']}|{props['WebACLArn']}", {}

    def delete(physical_id, props):
        waf._disassociate_web_acl({"ResourceArn": props.get("ResourceArn", physical_id.split("|")[0])})

    return {"create": create, "delete": delete}


def _backup_selection(p):
    """Gap (1.5.33): CloudFormation has no handler for AWS::Backup::BackupSelection; Backup's
    CreateBackupSelection/DeleteBackupSelection exist. Ref is the selection id."""
    import ministack.services.backup as backup

    def create(logical_id, props, stack_name):
        plan_id = props["BackupPlanId"]
        status, _, body = backup._create_selection(plan_id, {"BackupSelection": props["BackupSelection"]})
        if status >= 300:
            raise ValueError(f"AWS::Backup::BackupSelection create failed: {body!r}")
        selection_id = json.loads(body)["SelectionId"]
        return selection_id, {"SelectionId": selection_id, "BackupPlanId": plan_id}

    def delete(physical_id, props):
        backup._delete_selection(props.get("BackupPlanId", ""), physical_id)

    return {"create": create, "delete": delete}


def _waf_logging_configuration(p):
    """Gap (1.5.33): neither CloudFormation nor the WAFv2 API has logging configurations
    (AWS::WAFv2::LoggingConfiguration, PutLoggingConfiguration). The shim checks what AWS checks on
    create (the web ACL exists; every destination is a log group named aws-waf-logs-*) and records it;
    nothing is logged. Ref is the web ACL's ARN, as on AWS."""
    import ministack.services.waf as waf

    configurations = {}

    def create(logical_id, props, stack_name):
        acl_arn = props["ResourceArn"]
        _, error = waf._resolve_local_web_acl(acl_arn)
        if error is not None:
            raise ValueError(f"AWS::WAFv2::LoggingConfiguration: no web ACL {acl_arn}")
        for destination in props.get("LogDestinationConfigs") or []:
            name = destination.split(":log-group:", 1)[-1]
            if ":logs:" in destination and not name.startswith("aws-waf-logs-"):
                raise ValueError(f"WAF log groups must be named aws-waf-logs-*: {destination}")
        configurations[acl_arn] = props
        return acl_arn, {}

    def delete(physical_id, props):
        configurations.pop(physical_id, None)

    return {"create": create, "delete": delete}


def _synthetics_canary(p):
    """Gap (1.5.33): the emulator has no CloudWatch Synthetics at all. The shim checks the canary name
    as CreateCanary does (lowercase letters, digits, - and _, at most 255) and records the canary; it
    never runs. Ref is the name; GetAtt Id a generated id and State RUNNING or READY."""
    import uuid

    canaries = {}

    def create(logical_id, props, stack_name):
        name = props.get("Name", "")
        if not name or len(name) > 255 or not all(c.isdigit() or c in "abcdefghijklmnopqrstuvwxyz-_" for c in name):
            raise ValueError(f"AWS::Synthetics::Canary Name {name!r}: lowercase letters, digits, - and _ only")
        state = "RUNNING" if _bool(props.get("StartCanaryAfterCreation", False)) else "READY"
        canaries[name] = {"Id": str(uuid.uuid4()), "State": state}
        return name, dict(canaries[name])

    def delete(physical_id, props):
        canaries.pop(physical_id, None)

    return {"create": create, "delete": delete}


def _kms_replica_key(p):
    """Gap (1.5.33): CloudFormation has no handler for AWS::KMS::ReplicaKey; KMS's ReplicateKey exists
    (same key id and material in the replica's region). The shim calls it on the primary key, from the
    primary's region as AWS does, with the template's key policy. Ref is the key id, GetAtt Arn and KeyId."""
    import ministack.services.kms as kms
    from ministack.core.responses import get_account_id, get_region, request_scope

    def create(logical_id, props, stack_name):
        primary = props["PrimaryKeyArn"]
        replica_region = get_region()
        request = {"KeyId": primary, "ReplicaRegion": replica_region, "Description": props.get("Description", "")}
        if props.get("KeyPolicy") is not None:
            policy = props["KeyPolicy"]
            request["Policy"] = policy if isinstance(policy, str) else json.dumps(policy)
        if props.get("Tags"):
            request["Tags"] = [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in props["Tags"]]
        with request_scope(get_account_id(), primary.split(":")[3]):
            status, _, body = kms._replicate_key(request)
        if status >= 300:
            raise ValueError(f"AWS::KMS::ReplicaKey create failed: {body!r}")
        metadata = json.loads(body)["ReplicaKeyMetadata"]
        return metadata["KeyId"], {"Arn": metadata["Arn"], "KeyId": metadata["KeyId"]}

    def delete(physical_id, props):
        kms._schedule_key_deletion({"KeyId": physical_id, "PendingWindowInDays": 7})

    return {"create": create, "delete": delete}


def _metric_math_alarm(p):
    """Gap (1.5.33): CloudFormation refuses AWS::CloudWatch::Alarm with `Metrics` (metric math), and
    PutMetricAlarm has no metric math either. The alarm is recorded with its `Metrics` and without a
    single metric, so it exists (composite alarms can name it) but is never evaluated."""
    original = p._cw_metric_alarm_record

    def record(name, props):
        if not props.get("Metrics"):
            return original(name, props)
        single = {k: v for k, v in props.items() if k != "Metrics"}
        single.update(MetricName="metric-math", Namespace="emulator-shim")
        alarm = original(name, single)
        for key in ("MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Period", "Dimensions"):
            alarm.pop(key, None)
        alarm["Metrics"] = props["Metrics"]
        return alarm

    p._cw_metric_alarm_record = record


def _global_table_replicas(p):
    """Gap (1.5.33): CloudFormation's AWS::DynamoDB::GlobalTable creates the table in the stack's
    region only and ignores `Replicas`. The shim adds every other replica through DynamoDB's own
    UpdateTable ReplicaUpdates code, which the emulator implements (and replicates writes with)."""
    import ministack.services.dynamodb as ddb
    from ministack.core.responses import get_region

    original_create = p._ddb_global_table_create

    def create(logical_id, props, stack_name):
        physical_id, attrs = original_create(logical_id, props, stack_name)
        home = get_region()
        others = [r["Region"] for r in props.get("Replicas", []) if r.get("Region") not in (None, home)]
        if others:
            table = ddb._tables[physical_id]
            error = ddb._apply_replica_updates(
                physical_id, table, [{"Create": {"RegionName": region}} for region in others]
            )
            if error is not None:
                raise ValueError(f"AWS::DynamoDB::GlobalTable replicas failed: {error[2]!r}")
            attrs = {**attrs, "StreamArn": table.get("LatestStreamArn")}
        return physical_id, attrs

    original_delete = p._ddb_global_table_delete

    def delete(physical_id, props):
        table = ddb._tables.get(physical_id)
        if table is not None:
            others = [r for r in ddb._replica_group(table) if r != get_region()]
            ddb._apply_replica_updates(physical_id, table, [{"Delete": {"RegionName": r}} for r in others])
        original_delete(physical_id, props)

    handlers = dict(p._RESOURCE_HANDLERS["AWS::DynamoDB::GlobalTable"])
    handlers.update(create=create, delete=delete)
    handlers.pop("update", None)  # the app never updates its replicas in an emulator run
    return handlers


def _ssm_batch_resources():
    """Gap (1.5.33): with AUTH=true, SSM GetParameters/DeleteParameters (a list of `Names`) are
    authorized against resource `*`, so a role allowed exactly those parameters is denied. AWS authorizes
    each named parameter; the shim has the emulator's own evaluator check every one of them.
    (CDK's cross-region export writer deletes its parameters with DeleteParameters on stack delete.)"""
    import contextvars

    import ministack.core.iam_actions as actions
    import ministack.core.iam_evaluator as evaluator

    batch = contextvars.ContextVar("emulator_shim_ssm_batch", default=None)
    original_extract = actions.extract_resource_arn
    original_enforce = evaluator.enforce

    def extract(service, method, path, headers, body, query_params, region, account_id):
        arn = original_extract(service, method, path, headers, body, query_params, region, account_id)
        batch.set(None)
        if service != "ssm" or arn != "*":
            return arn
        if actions._action_from_target(headers) not in ("GetParameters", "DeleteParameters"):
            return arn
        try:
            names = json.loads(body or b"{}").get("Names") or []
        except (ValueError, AttributeError):
            return arn
        if not names or not all(isinstance(n, str) and n for n in names):
            return arn
        arns = [f"arn:aws:ssm:{region}:{account_id}:parameter/{n.lstrip('/')}" for n in names]
        batch.set(arns)
        return arns[0]

    def enforce(access_key_id, iam_action, service, region, resource_arn="*", service_context=None):
        arns = batch.get()
        if service != "ssm" or not arns or resource_arn != arns[0]:
            return original_enforce(access_key_id, iam_action, service, region, resource_arn, service_context)
        batch.set(None)
        for arn in arns:
            denied = original_enforce(access_key_id, iam_action, service, region, arn, service_context)
            if denied:
                return denied
        return None

    actions.extract_resource_arn = extract
    evaluator.enforce = enforce


def _dynamodb_leading_keys():
    """Gap (1.5.33): with AUTH=true the emulator never puts `dynamodb:LeadingKeys` in the request's
    condition context, so a policy conditioned on it with ForAllValues allows any partition and one with
    the recommended Null check refuses every request. AWS sets it to the partition-key value of the item a
    single-item request names (`Key`, or `Item` for PutItem); the shim adds it from the table's key schema."""
    import ministack.core.iam_actions as actions
    import ministack.services.dynamodb as ddb

    # app.py imports it from iam_actions inside its request handler, on every request.
    original = actions.dynamodb_service_context

    def context(body):
        ctx = original(body)
        try:
            data = json.loads(body or b"{}")
            name = str(data.get("TableName", "")).split(":table/")[-1]
            item = data.get("Key") or data.get("Item")
            table = ddb._tables.get(name)
            if not isinstance(item, dict) or not table:
                return ctx
            hash_key = next(k["AttributeName"] for k in table["KeySchema"] if k["KeyType"] == "HASH")
            value = next(iter((item.get(hash_key) or {}).values()), None)
            if isinstance(value, str):
                return {**ctx, "dynamodb:LeadingKeys": [value]}
        except (ValueError, AttributeError, KeyError, StopIteration, TypeError):
            pass
        return ctx

    actions.dynamodb_service_context = context


def _get_stack_output_region():
    """Gap (1.5.33): Fn::GetStackOutput ignores its Region parameter (the emulator takes it for an
    aws-cdk-local helper) and looks the stack up in the consuming stack's region, so a cross-region
    reference fails with "Output ... not found". AWS resolves it in Region (default: the consuming
    stack's); the shim runs the emulator's own resolution scoped to that region."""
    import importlib

    from ministack.core.responses import get_account_id, get_region, request_scope

    engine = importlib.import_module("ministack.services.cloudformation.engine")
    original = engine._resolve_refs

    def resolve(value, resources, params, conditions, mappings, *rest, **kwargs):
        spec = value.get("Fn::GetStackOutput") if isinstance(value, dict) and len(value) == 1 else None
        if isinstance(spec, dict) and spec.get("Region") is not None:
            region = original(spec["Region"], resources, params, conditions, mappings, *rest, **kwargs)
            if region and region != get_region():
                local = {"Fn::GetStackOutput": {k: v for k, v in spec.items() if k != "Region"}}
                with request_scope(get_account_id(), str(region)):
                    return original(local, resources, params, conditions, mappings, *rest, **kwargs)
        return original(value, resources, params, conditions, mappings, *rest, **kwargs)

    for name in ("engine", "changesets", "handlers", "stacks", "provisioners"):
        module = importlib.import_module(f"ministack.services.cloudformation.{name}")
        if getattr(module, "_resolve_refs", None) is original:
            module._resolve_refs = resolve


#: Resource types the emulator's CloudFormation lacks: type -> factory of its handlers.
MISSING_TYPES = {
    "AWS::Route53::HealthCheck": _route53_health_check,
    "AWS::CloudWatch::CompositeAlarm": _composite_alarm,
    "AWS::WAFv2::WebACLAssociation": _web_acl_association,
    "AWS::Backup::BackupSelection": _backup_selection,
    "AWS::WAFv2::LoggingConfiguration": _waf_logging_configuration,
    "AWS::Synthetics::Canary": _synthetics_canary,
    "AWS::KMS::ReplicaKey": _kms_replica_key,
}


def install() -> None:
    """Registers every shim; refuses an emulator version the shims were not written for."""
    from importlib.metadata import version

    found = version("ministack")
    if found != SHIMMED_VERSION:
        raise SystemExit(
            f"emulator shims were written for ministack {SHIMMED_VERSION}, found {found}: "
            "check each shim against the new version, then update SHIMMED_VERSION"
        )
    import ministack.app as app
    import ministack.services.cloudformation.provisioners as p

    for resource_type, factory in MISSING_TYPES.items():
        if resource_type in p._RESOURCE_HANDLERS:
            raise SystemExit(f"ministack now handles {resource_type}: delete its shim")
        p._RESOURCE_HANDLERS[resource_type] = factory(p)
    _metric_math_alarm(p)
    p._RESOURCE_HANDLERS["AWS::DynamoDB::GlobalTable"] = _global_table_replicas(p)
    _ssm_batch_resources()
    _dynamodb_leading_keys()
    _get_stack_output_region()

    # Not an AWS gap: with USE_SSL the emulator also binds port 443 when it can (for Cognito issuer
    # URLs). On a shared machine or CI runner that is a port nobody asked for; serve GATEWAY_PORT only.
    original_bindable = app._port_is_bindable
    app._port_is_bindable = lambda host, port: port != 443 and original_bindable(host, port)


if __name__ == "__main__":
    install()
    from ministack.app import main

    sys.argv = [sys.argv[0]]
    main()
