"""The editors' side: the Signatory viewset, the join-request queue and its decisions, bulk
actions, background tasks and the editor tools' menu items. signatories/wagtail_hooks.py
registers them."""
