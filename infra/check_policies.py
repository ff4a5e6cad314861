"""Fails on IAM grants broader than the template's rule allows.

Usage: python infra/check_policies.py EXPANDED.json   (the output of infra/translate.py)

The rule (docs/deploy.md, "Permissions"): every inline statement names its resources,
no `"Resource": "*"` and no `"Action": "*"` or `"<service>:*"`; the only managed
policies are the ones below, each attached by SAM for a reason AWS imposes. Checks the
expanded template, so it also sees what SAM policy templates and events generate.
Also fails when a grant the code needs (REQUIRED_GRANTS) is missing. Prints one line
per finding and exits 1 if there is any.
"""

import fnmatch
import json
import sys

# Managed policies SAM attaches, and why each is acceptable.
ALLOWED_MANAGED_POLICIES = {
    # Attached by SAM to every function role it generates: logs:CreateLogGroup,
    # CreateLogStream and PutLogEvents, on "*". It can only write logs.
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    # Attached for `Tracing: Active`. X-Ray's PutTraceSegments and PutTelemetryRecords
    # support no resource-level permissions, so AWS requires "*" here.
    "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
}


# Grants the code relies on, per function role: (role, action, resource logical id).
# A function without one fails only at run time on AWS, where the tests do not look.
REQUIRED_GRANTS = [
    # The planner re-enqueues a campaign whose run ran out of time
    # (functions/planner/src/lib.rs) and writes fan-out batches.
    ("PlannerFunctionRole", "sqs:SendMessage", "PlanningQueue"),
    ("PlannerFunctionRole", "sqs:SendMessage", "FanoutQueue"),
    # The scheduler checks a step's friend against its audience, lists every
    # channel for the daily reconcile and marks the day done
    # (crates/broadcast/src/scheduler.rs, functions/scheduler/src/lib.rs).
    ("SchedulerFunctionRole", "dynamodb:GetItem", "FriendsTable"),
    ("SchedulerFunctionRole", "dynamodb:Scan", "OrganizationsTable"),
    ("SchedulerFunctionRole", "dynamodb:PutItem", "IdempotencyTable"),
    # The redirect reads a tracked link, counts its click in a transaction (click
    # mark put, counts update) and reports first clicks (functions/redirect).
    ("RedirectFunctionRole", "dynamodb:GetItem", "DesignerTable"),
    ("RedirectFunctionRole", "dynamodb:PutItem", "DesignerTable"),
    ("RedirectFunctionRole", "dynamodb:UpdateItem", "DesignerTable"),
    ("RedirectFunctionRole", "sqs:SendMessage", "MenuJobsQueue"),
]


def as_list(value):
    return value if isinstance(value, list) else [value]


def statement_findings(where, statement):
    findings = []
    if statement.get("Effect") != "Allow":
        return findings
    for action in as_list(statement.get("Action", [])):
        if isinstance(action, str) and (action == "*" or action.endswith(":*")):
            findings.append(f"{where}: action {action!r} grants a whole service")
    if "NotAction" in statement or "NotResource" in statement:
        findings.append(f"{where}: NotAction/NotResource grants by exclusion")
    for resource in as_list(statement.get("Resource", [])):
        if resource == "*":
            findings.append(f"{where}: actions {statement.get('Action')} on Resource '*'")
    return findings


def policy_documents(name, resource):
    """(where, document) of every inline policy of a role or policy resource."""
    properties = resource.get("Properties", {})
    if resource["Type"] == "AWS::IAM::Role":
        for policy in properties.get("Policies", []):
            yield f"{name}/{policy.get('PolicyName')}", policy.get("PolicyDocument", {})
    elif resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        yield name, properties.get("PolicyDocument", {})


def findings_of(template):
    findings = []
    for name, resource in template.get("Resources", {}).items():
        for where, document in policy_documents(name, resource):
            for statement in as_list(document.get("Statement", [])):
                findings.extend(statement_findings(where, statement))
        if resource["Type"] == "AWS::IAM::Role":
            for arn in resource.get("Properties", {}).get("ManagedPolicyArns", []):
                if arn not in ALLOWED_MANAGED_POLICIES:
                    findings.append(f"{name}: managed policy {arn} is not on the allow-list")
    return findings


def grants(template, role, action, resource):
    """Whether an Allow statement of `role` grants `action` on a resource whose
    definition refers to the logical id `resource`."""
    definition = template.get("Resources", {}).get(role)
    if not definition:
        return False
    for _, document in policy_documents(role, definition):
        for statement in as_list(document.get("Statement", [])):
            if statement.get("Effect") != "Allow":
                continue
            actions = [a for a in as_list(statement.get("Action", [])) if isinstance(a, str)]
            if not any(fnmatch.fnmatchcase(action, a) for a in actions):
                continue
            if any(resource in json.dumps(r) for r in as_list(statement.get("Resource", []))):
                return True
    return False


def missing_grants(template, required=REQUIRED_GRANTS):
    return [
        f"{role}: lacks {action} on {resource}, which the code needs"
        for role, action, resource in required
        if not grants(template, role, action, resource)
    ]


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        template = json.load(f)
    findings = findings_of(template) + missing_grants(template)
    for finding in findings:
        print(f"check_policies: {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
