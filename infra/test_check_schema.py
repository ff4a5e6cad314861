"""Tests of infra/check_schema.py: reading schema.rs and spotting drift.

Run: python -m unittest discover -s infra -p 'test_*.py'   (scripts/check-infra does)
"""

import unittest

from check_schema import code_schema, differences

SCHEMA_RS = '''
pub const PK: &str = "pk";
pub const SK: &str = "sk";
pub const TTL: &str = "expires_at";
pub mod index {
    pub const BY_DEST: &str = "destination";
}
pub fn tables() -> Vec<TableSpec> {
    use index::*;
    vec![
        t("organizations", Some(SK), vec![idx(BY_DEST, "dest", None, true)], vec![], false),
        t("idempotency", None, vec![], vec![], true),
    ]
}
'''


def deployed(**overrides):
    tables = {
        "organizations": {
            "resource": "OrganizationsTable",
            "types": {"pk": "S", "sk": "S", "dest": "S"},
            "hash": "pk",
            "range": "sk",
            "global": [("destination", "dest", None, True)],
            "local": [],
            "ttl": None,
        },
        "idempotency": {
            "resource": "IdempotencyTable",
            "types": {"pk": "S"},
            "hash": "pk",
            "range": None,
            "global": [],
            "local": [],
            "ttl": "expires_at",
        },
    }
    for suffix, changes in overrides.items():
        tables[suffix] = {**tables[suffix], **changes}
    return tables


class CheckSchema(unittest.TestCase):
    def test_reads_tables_keys_indexes_and_ttl_from_schema_rs(self):
        code = code_schema(SCHEMA_RS)
        self.assertEqual(code["organizations"]["global"], [("destination", "dest", None, True)])
        self.assertEqual(code["organizations"]["range"], "sk")
        self.assertEqual(code["idempotency"]["ttl"], "expires_at")
        self.assertIsNone(code["organizations"]["ttl"])

    def test_a_matching_template_has_no_differences(self):
        self.assertEqual(differences(code_schema(SCHEMA_RS), deployed()), [])

    def test_a_missing_index_is_reported(self):
        found = differences(code_schema(SCHEMA_RS), deployed(organizations={"global": []}))
        self.assertEqual(len(found), 1)
        self.assertIn("organizations", found[0])

    def test_a_missing_ttl_is_reported(self):
        found = differences(code_schema(SCHEMA_RS), deployed(idempotency={"ttl": None}))
        self.assertIn("ttl", found[0])

    def test_a_table_missing_from_the_template_is_reported(self):
        tables = deployed()
        del tables["idempotency"]
        self.assertIn("missing from the template", differences(code_schema(SCHEMA_RS), tables)[0])

    def test_a_numeric_key_attribute_is_reported(self):
        found = differences(
            code_schema(SCHEMA_RS),
            deployed(idempotency={"types": {"pk": "N"}}),
        )
        self.assertIn("attribute pk is N", found[0])

    def test_an_unreadable_schema_is_an_error_not_a_pass(self):
        with self.assertRaises(ValueError):
            code_schema("pub fn something_else() {}")


if __name__ == "__main__":
    unittest.main()
