"""Fails when the template's tables differ from the code's schema.

Usage: python infra/check_schema.py crates/aws/src/schema.rs infra/template.yaml

`crates/aws/src/schema.rs` (`tables()`) is where the storage code declares each table's
keys, indexes and TTL (docs/data-model.md explains it); the template must declare the
same, or a deployed stack would lack an index the code queries. This reads the
`t(...)` / `idx(...)` calls of `tables()` and the `const` names they use, and compares
them with every AWS::DynamoDB::Table of the template (matched by the table name's
`-<suffix>` ending): key schema, attribute types (all strings), global and local
indexes with their keys and projections, and the TTL attribute.

If schema.rs changes shape so that this cannot read it, it says so and fails: then
update this reader (it is small) together with the schema.
"""

import re
import sys

import yaml


class CfnLoader(yaml.SafeLoader):
    """A YAML loader that accepts CloudFormation's short-form tags (!Ref, !Sub...)."""


def _tagged(loader, _suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


CfnLoader.add_multi_constructor("!", _tagged)


def code_schema(source):
    """{suffix: spec} from the text of schema.rs; raises ValueError if unreadable."""
    consts = dict(re.findall(r'pub const (\w+): &str = "([^"]*)";', source))
    ttl = consts.get("TTL")
    body = re.search(r"pub fn tables\(\) -> Vec<TableSpec> \{(.*?)\n\}", source, re.S)
    if not body or not ttl:
        raise ValueError("no `pub fn tables()` or no `TTL` const")
    body = body.group(1)

    def value(token):
        token = token.strip()
        if token.startswith('"'):
            return token.strip('"')
        if token in consts:
            return consts[token]
        raise ValueError(f"unknown name {token!r}")

    def option(token):
        token = token.strip()
        if token == "None":
            return None
        m = re.fullmatch(r"Some\((.*)\)", token)
        if not m:
            raise ValueError(f"expected Some(..) or None, got {token!r}")
        return value(m.group(1))

    def indexes(text):
        found = []
        for args in re.findall(r"idx\(([^()]*(?:\([^()]*\)[^()]*)*)\)", text):
            parts = [p.strip() for p in split_args(args)]
            if len(parts) != 4:
                raise ValueError(f"idx with {len(parts)} arguments: {args!r}")
            found.append(
                (value(parts[0]), value(parts[1]), option(parts[2]), parts[3] == "true")
            )
        return sorted(found)

    tables = {}
    for call in top_level_calls(body, "t("):
        parts = split_args(call)
        if len(parts) != 5:
            raise ValueError(f"t(..) with {len(parts)} arguments")
        suffix = value(parts[0])
        tables[suffix] = {
            "hash": consts["PK"],
            "range": option(parts[1]),
            "global": indexes(parts[2]),
            "local": indexes(parts[3]),
            "ttl": ttl if parts[4].strip() == "true" else None,
        }
    if not tables:
        raise ValueError("no t(..) calls in tables()")
    return tables


def top_level_calls(text, opener):
    """The argument text of each `opener ... )` call, with nested parentheses."""
    calls, i = [], 0
    while True:
        i = text.find(opener, i)
        if i < 0:
            return calls
        if i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
            i += 1
            continue
        depth, j = 1, i + len(opener)
        while depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        calls.append(text[i + len(opener) : j - 1])
        i = j


def split_args(text):
    """Splits on the commas that are not inside (), [] or quotes."""
    parts, depth, current, quoted = [], 0, "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if not quoted:
            depth += ch in "([" and 1 or 0
            depth -= ch in ")]" and 1 or 0
            if ch == "," and depth == 0:
                parts.append(current)
                current = ""
                continue
        current += ch
    if current.strip():
        parts.append(current)
    return parts


def template_schema(template):
    """{suffix: spec} for every DynamoDB table of the template."""
    tables = {}
    for name, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::DynamoDB::Table":
            continue
        p = resource["Properties"]
        table_name = p["TableName"]
        table_name = table_name if isinstance(table_name, str) else str(table_name)
        suffix = table_name.rsplit("-", 1)[-1]
        types = {a["AttributeName"]: a["AttributeType"] for a in p["AttributeDefinitions"]}

        def keys(schema):
            hash_ = next(k["AttributeName"] for k in schema if k["KeyType"] == "HASH")
            range_ = next((k["AttributeName"] for k in schema if k["KeyType"] == "RANGE"), None)
            return hash_, range_

        def indexes(entries):
            out = []
            for i in entries or []:
                h, r = keys(i["KeySchema"])
                out.append((i["IndexName"], h, r, i["Projection"]["ProjectionType"] == "ALL"))
            return sorted(out)

        hash_, range_ = keys(p["KeySchema"])
        ttl = p.get("TimeToLiveSpecification", {})
        tables[suffix] = {
            "resource": name,
            "types": types,
            "hash": hash_,
            "range": range_,
            "global": indexes(p.get("GlobalSecondaryIndexes")),
            "local": indexes(p.get("LocalSecondaryIndexes")),
            "ttl": ttl.get("AttributeName") if ttl.get("Enabled") else None,
        }
    return tables


def differences(code, deployed):
    found = []
    for suffix in sorted(set(code) | set(deployed)):
        if suffix not in deployed:
            found.append(f"table {suffix}: in schema.rs, missing from the template")
            continue
        if suffix not in code:
            found.append(f"table {suffix}: in the template, not in schema.rs")
            continue
        c, d = code[suffix], deployed[suffix]
        for field in ("hash", "range", "global", "local", "ttl"):
            if c[field] != d[field]:
                found.append(f"table {suffix} ({d['resource']}): {field} is {d[field]!r} in the template, {c[field]!r} in schema.rs")
        for attribute, kind in d["types"].items():
            if kind != "S":
                found.append(f"table {suffix}: attribute {attribute} is {kind}, schema.rs keys are all strings")
    return found


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        source = f.read()
    try:
        code = code_schema(source)
    except ValueError as e:
        print(f"check_schema: cannot read {argv[1]} ({e}); update infra/check_schema.py", file=sys.stderr)
        return 1
    with open(argv[2], encoding="utf-8") as f:
        deployed = template_schema(yaml.load(f, Loader=CfnLoader))
    found = differences(code, deployed)
    for line in found:
        print(f"check_schema: {line}")
    if not found:
        print(f"check_schema: {len(code)} tables match schema.rs")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
