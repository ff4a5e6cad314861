# Runs moto_server with DynamoDB requests serialized by one lock.
#
# Why: moto's DynamoDB backend is not safe under its own threaded server. A
# TransactWriteItems checks its conditions and applies its writes without a lock,
# and deep-copies (then, on cancellation, restores) whole tables, so concurrent
# requests can both pass a condition, lose each other's writes, or fail with a 500
# ("dictionary changed size during iteration"). Real DynamoDB is serializable per
# item and its transactions are isolated; one lock around DynamoDB requests gives
# moto that behaviour. Other services (SQS long polls) still run concurrently.
import sys
import threading

import moto.server
from moto.moto_server.werkzeug_app import DomainDispatcherApplication

_lock = threading.Lock()
_call = DomainDispatcherApplication.__call__


def _serialized(self, environ, start_response):
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
        with _lock:
            # moto builds the whole response before returning it.
            return list(_call(self, environ, start_response))
    return _call(self, environ, start_response)


DomainDispatcherApplication.__call__ = _serialized
moto.server.main(sys.argv[1:])
