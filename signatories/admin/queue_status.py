"""What the join-request queue shows above its table from other apps, through a Wagtail hook.

Approving sends emails through the task worker, which the home app watches; this app never
depends on home, so home registers under ``JOIN_REQUEST_QUEUE_STATUS_HOOK`` a function that takes
the request and returns a component to show (or None).
"""

from wagtail import hooks

JOIN_REQUEST_QUEUE_STATUS_HOOK = "signatories_join_request_queue_status"


def queue_status_components(request):
    found = (function(request) for function in hooks.get_hooks(JOIN_REQUEST_QUEUE_STATUS_HOOK))
    return [component for component in found if component is not None]
