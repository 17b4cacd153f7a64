"""The app's models, where Django and Wagtail look for them. JoinPage lives with the rest of
joining; the joining modules import the model modules here directly, never this package, so
loading the models does not run in a circle through the join page's views."""

from ..joining.page import JoinPage
from .import_job import ImportJob
from .import_mapping import ImportMapping
from .join_request import JoinRequest
from .organization import OrganizationFields
from .signatory import Signatory

__all__ = [
    "ImportJob",
    "ImportMapping",
    "JoinPage",
    "JoinRequest",
    "OrganizationFields",
    "Signatory",
]
