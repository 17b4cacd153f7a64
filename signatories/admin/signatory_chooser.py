"""The Signatory chooser, open only to people who may see the signatory listing.

Wagtail's snippet chooser checks no permission: any admin user could list every signatory,
drafts included, and look names up by id. These views ask what the listing asks.
"""

from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.views import chooser

# The permissions Wagtail's own snippet listing accepts (generic IndexView).
LISTING_PERMISSIONS = ["add", "change", "delete", "view"]


class ListingPermissionRequired(PermissionCheckedMixin):
    any_permission_required = LISTING_PERMISSIONS


class SignatoryChooseView(ListingPermissionRequired, chooser.ChooseView):
    pass


class SignatoryChooseResultsView(ListingPermissionRequired, chooser.ChooseResultsView):
    pass


class SignatoryChosenView(ListingPermissionRequired, chooser.SnippetChosenView):
    pass


class SignatoryChosenMultipleView(ListingPermissionRequired, chooser.SnippetChosenMultipleView):
    pass


class SignatoryChooserViewSet(chooser.SnippetChooserViewSet):
    """Wagtail's snippet chooser with every view behind the listing's permissions; creating
    from the chooser already needs the "add" permission."""

    choose_view_class = SignatoryChooseView
    choose_results_view_class = SignatoryChooseResultsView
    chosen_view_class = SignatoryChosenView
    chosen_multiple_view_class = SignatoryChosenMultipleView
