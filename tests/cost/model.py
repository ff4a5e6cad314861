"""docs/cost.md's arithmetic: AWS list prices (ap-northeast-1) times the request
counts the system tests measure (`cargo test -p otodoke-system-tests -- --nocapture`).

Usage: python3 tests/cost/model.py   (prints the tables docs/cost.md shows)
"""

JPY_PER_USD = 155.0

# ap-northeast-1 list prices, USD (no free tier applied).
PRICE = {
    "lambda_request": 0.20 / 1e6,
    "lambda_gb_s_arm": 0.0000133334,
    "apigw_http_request": 1.29 / 1e6,
    "dynamodb_wru": 0.7135 / 1e6,  # on-demand write request unit
    "dynamodb_rru": 0.1425 / 1e6,  # on-demand read request unit
    "sqs_standard_request": 0.40 / 1e6,
    "sqs_fifo_request": 0.50 / 1e6,
    "secretsmanager_secret_month": 0.40,
    "secretsmanager_call": 0.05 / 1e4,
    "kms_request": 0.03 / 1e4,
    "logs_ingest_gb": 0.76,
    "alarm_month": 0.10,
    "dynamodb_storage_gb_month": 0.285,
    "dynamodb_pitr_gb_month": 0.228,
}
MEMORY_GB = 128 / 1024

# Per unit of work, as measured (see docs/cost.md for where each number comes from).
# Lambda durations are what the handlers took against moto on the loaded 2-core
# machine: upper bounds (moto answers in 5-20 ms where DynamoDB answers in 2-10).
UNITS = {
    # one inbound text message: webhook + responder (one responder batch per message)
    "inbound": dict(
        apigw=1, lambda_invocations=2, lambda_seconds=0.087 + 0.30,
        wru=11.5, rru=5.0, sqs_fifo=1 + 2, secrets=0.0, kms=0.0, log_kb=4,
    ),
    # one follow: webhook + responder (greeting reply)
    "follow": dict(
        apigw=1, lambda_invocations=2, lambda_seconds=0.09 + 0.30,
        wru=12.0, rru=6.5, sqs_fifo=1 + 2, secrets=0.0, kms=0.0, log_kb=4,
    ),
    # one campaign recipient: planner + sender (batches of 500)
    "recipient": dict(
        apigw=0, lambda_invocations=(1 + 3) / 1200, lambda_seconds=(4.72 + 0.69) / 1200,
        wru=0.02, rru=0.15, sqs_std=12 / 1200, secrets=0.0, kms=0.0, log_kb=0.01,
    ),
    # one staff reply through the admin API (measured by the system test
    # staff_answer_from_the_inbox_...: 15 items written, 3 of 5 transactionally: the
    # idempotency claim and completion, the entry, the thread and its index
    # entries, the report counters; 1 Secrets Manager call on a cold cache).
    "staff_reply": dict(
        apigw=1, lambda_invocations=1, lambda_seconds=0.1,
        wru=30.0, rru=9.0, sqs_fifo=0, secrets=1, kms=1, log_kb=2,
    ),
    # one console read through the admin API (measured: the inbox list 3.5 read
    # units, a thread 5, a campaign's report 4, a day's report 1.5; 4 on average).
    "console_read": dict(
        apigw=1, lambda_invocations=1, lambda_seconds=0.07,
        wru=0.0, rru=4.0, log_kb=1,
    ),
    # one tracked-link click: the redirect (1 GetItem, 1 transaction of 2 items)
    # and, for a friend's first click, 1 message to the menu jobs queue and the
    # menus function's run of it.
    "link_click": dict(
        apigw=1, lambda_invocations=2, lambda_seconds=0.05 + 0.05,
        wru=4.0, rru=1.0 + 2.0, sqs_std=3, log_kb=2,
    ),
}

# Per month whatever the traffic.
FIXED = dict(
    # EventBridge calls the scheduler every minute; an idle run makes 5 Queries
    # (2.5 read units) as measured.
    scheduler=dict(lambda_invocations=43_200, lambda_seconds=43_200 * 0.03,
                   rru=43_200 * 2.5, log_kb=43_200 * 0.5),
    # Lambda's pollers long-poll the three queues (about 5 pollers x 3 polls/min).
    esm_polls=dict(sqs_std=2 * 5 * 3 * 43_200, sqs_fifo=5 * 3 * 43_200),
    secrets=2,  # one channel: its secret and token
    alarms=16,  # the template's CloudWatch alarms
)


def unit_usd(u):
    return (
        u.get("apigw", 0) * PRICE["apigw_http_request"]
        + u.get("lambda_invocations", 0) * PRICE["lambda_request"]
        + u.get("lambda_seconds", 0) * MEMORY_GB * PRICE["lambda_gb_s_arm"]
        + u.get("wru", 0) * PRICE["dynamodb_wru"]
        + u.get("rru", 0) * PRICE["dynamodb_rru"]
        + u.get("sqs_std", 0) * PRICE["sqs_standard_request"]
        + u.get("sqs_fifo", 0) * PRICE["sqs_fifo_request"]
        + u.get("secrets", 0) * PRICE["secretsmanager_call"]
        + u.get("kms", 0) * PRICE["kms_request"]
        + u.get("log_kb", 0) / 1024 / 1024 * PRICE["logs_ingest_gb"]
    )


def fixed_usd():
    f = FIXED
    return (
        unit_usd(f["scheduler"])
        + unit_usd(f["esm_polls"])
        + f["secrets"] * PRICE["secretsmanager_secret_month"]
        + f["alarms"] * PRICE["alarm_month"]
        # friends (10,000 x 1 KB) and a year of conversations (40,000 x 1 KB), with PITR
        + 0.05 * (PRICE["dynamodb_storage_gb_month"] + PRICE["dynamodb_pitr_gb_month"])
    )


def jpy(usd):
    return usd * JPY_PER_USD


if __name__ == "__main__":
    print("| unit of work | USD | JPY |")
    print("|---|---:|---:|")
    for name, u in UNITS.items():
        print(f"| {name} | {unit_usd(u):.8f} | {jpy(unit_usd(u)):.5f} |")
    store = {
        "inbound": 3_000,
        "staff_reply": 200,
        "recipient": 30_000,
        "follow": 300,
        # staff opening the inbox and threads, reports: a few reads per reply
        "console_read": 2_000,
    }
    print()
    print("| reference store, per month | count | JPY |")
    print("|---|---:|---:|")
    total = 0.0
    for name, n in store.items():
        cost = jpy(n * unit_usd(UNITS[name]))
        total += cost
        print(f"| {name} | {n:,} | {cost:.1f} |")
    fixed = jpy(fixed_usd())
    total += fixed
    print(f"| fixed (scheduler, queue polling, 2 secrets, 16 alarms, storage) | | {fixed:.1f} |")
    print(f"| **total** | | **{total:.0f}** |")
    print()
    m = 1_000_000 * unit_usd(UNITS["inbound"])
    print(f"per 1M inbound messages: USD {m:.2f} = JPY {jpy(m):,.0f}")
