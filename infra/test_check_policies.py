"""Tests of infra/check_policies.py: what the IAM gate refuses and what it lets through.

Run: python -m unittest discover -s infra -p 'test_*.py'   (scripts/check-infra does)
"""

import unittest

from check_policies import findings_of, missing_grants

BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"


def role(statements, managed=(BASIC,)):
    return {
        "Resources": {
            "FnRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "ManagedPolicyArns": list(managed),
                    "Policies": [
                        {
                            "PolicyName": "FnRolePolicy0",
                            "PolicyDocument": {"Statement": statements},
                        }
                    ],
                },
            }
        }
    }


TABLE_ARN = {"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t"}


class CheckPolicies(unittest.TestCase):
    def test_statements_on_named_resources_pass(self):
        template = role(
            [{"Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": [TABLE_ARN]}]
        )
        self.assertEqual(findings_of(template), [])

    def test_a_wildcard_resource_is_refused(self):
        template = role([{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}])
        self.assertEqual(len(findings_of(template)), 1)

    def test_a_wildcard_resource_inside_a_list_is_refused(self):
        template = role(
            [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": [TABLE_ARN, "*"]}]
        )
        self.assertEqual(len(findings_of(template)), 1)

    def test_a_whole_service_action_is_refused_even_on_a_named_resource(self):
        template = role([{"Effect": "Allow", "Action": ["dynamodb:*"], "Resource": TABLE_ARN}])
        self.assertIn("grants a whole service", findings_of(template)[0])

    def test_not_resource_is_refused(self):
        template = role(
            [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": TABLE_ARN}]
        )
        self.assertIn("NotAction/NotResource", findings_of(template)[0])

    def test_deny_statements_may_use_wildcards(self):
        template = role([{"Effect": "Deny", "Action": "*", "Resource": "*"}])
        self.assertEqual(findings_of(template), [])

    def test_a_managed_policy_off_the_allow_list_is_refused(self):
        template = role([], managed=(BASIC, "arn:aws:iam::aws:policy/AdministratorAccess"))
        self.assertIn("AdministratorAccess", findings_of(template)[0])

    def test_standalone_policy_resources_are_checked_too(self):
        template = {
            "Resources": {
                "Extra": {
                    "Type": "AWS::IAM::Policy",
                    "Properties": {
                        "PolicyDocument": {
                            "Statement": {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}
                        }
                    },
                }
            }
        }
        self.assertEqual(len(findings_of(template)), 1)


if __name__ == "__main__":
    unittest.main()


class RequiredGrants(unittest.TestCase):
    QUEUE = {"Fn::Sub": ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${q}",
                         {"q": {"Fn::GetAtt": ["PlanningQueue", "QueueName"]}}]}
    NEEDED = [("FnRole", "sqs:SendMessage", "PlanningQueue")]

    def test_a_wildcard_action_on_the_named_queue_grants_it(self):
        template = role([{"Effect": "Allow", "Action": ["sqs:SendMessage*"], "Resource": self.QUEUE}])
        self.assertEqual(missing_grants(template, self.NEEDED), [])

    def test_a_grant_on_another_queue_is_missing(self):
        other = {"Fn::GetAtt": ["FanoutQueue", "Arn"]}
        template = role([{"Effect": "Allow", "Action": ["sqs:SendMessage*"], "Resource": other}])
        self.assertEqual(len(missing_grants(template, self.NEEDED)), 1)
