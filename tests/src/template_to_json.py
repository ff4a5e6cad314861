# Prints infra/template.yaml as JSON with CloudFormation's short-form tags in their
# long form (!Ref x -> {"Ref": x}, !GetAtt a.b -> {"Fn::GetAtt": [a, b]},
# !Sub s -> {"Fn::Sub": s}, any other !X v -> {"Fn::X": v}), for src/iam.rs.
# Run with moto's venv interpreter (PyYAML comes with moto).
import json
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


def construct(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {"Fn::" + suffix: value}


Loader.add_multi_constructor("!", construct)
with open(sys.argv[1], encoding="utf-8") as f:
    json.dump(yaml.load(f, Loader=Loader), sys.stdout, default=str)
