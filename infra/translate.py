"""Expands the SAM template into the plain CloudFormation that AWS would deploy.

Usage: python infra/translate.py infra/template.yaml OUT.json

It runs aws-sam-translator, the library behind the AWS::Serverless-2016-10-31 transform,
offline, so that the gates can inspect what SAM generates (the functions' IAM roles and
their policy-template statements, the event source mappings, the HTTP API routes and
authorizer, the schedules) and not only what the template says. It fails (exit 1,
errors on stderr) on anything the real transform would refuse.

What it changes to run offline, and why that does not hide anything:
- Local CodeUri paths become a placeholder S3 URI, as `sam package` would make them.
- Managed policy names resolve to their well-known ARNs without calling IAM.
- Pseudo-parameters use a fixed region (ap-northeast-1, the default deployment region).
"""

import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "ap-northeast-1")

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

PLACEHOLDER_CODE = "s3://otodoke-placeholder-bucket/code.zip"


class OfflineManagedPolicies:
    """Answers managed-policy names with their ARNs (AWS-managed policies only)."""

    def load(self):
        return {}

    def __getattr__(self, _name):
        raise AttributeError(_name)


def package_code_uris(template):
    """Points every local CodeUri at a placeholder object, as `sam package` would."""
    function_globals = template.get("Globals", {}).get("Function", {})
    if isinstance(function_globals.get("CodeUri"), str):
        function_globals["CodeUri"] = PLACEHOLDER_CODE
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        properties = resource.setdefault("Properties", {})
        if isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = PLACEHOLDER_CODE


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, destination = argv[1], argv[2]
    with open(source, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    package_code_uris(template)
    try:
        expanded = transform(template, {}, OfflineManagedPolicies())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(f"{source}: {cause.message}", file=sys.stderr)
        return 1
    with open(destination, "w", encoding="utf-8") as f:
        json.dump(expanded, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
