import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from home.models import StatementPage, TakeActionPage
from signatories.choices import Level
from signatories.models import JoinPage, JoinRequest, Signatory


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    name = factory.Sequence(lambda n: f"Organization {n:05d}")
    level = Level.STATE
    state = "CA"
    live = True

    class Params:
        national = factory.Trait(level=Level.NATIONAL, state="")


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    name = factory.Sequence(lambda n: f"Requesting Organization {n:05d}")
    level = Level.STATE
    state = "TX"
    contact_name = "Pat Organizer"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    consented_at = factory.LazyFunction(timezone.now)
    # Most tests moderate requests whose contact has confirmed; `unconfirmed=True` for others.
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        unconfirmed = factory.Trait(confirmed_at=None)


class StatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StatementPage

    title = "Our statement"


class TakeActionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TakeActionPage

    title = "Take Action"
    slug = "take-action"


class JoinPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = JoinPage

    title = "Add your organization"
    slug = "join"
    thank_you_title = "Thank you for adding your organization"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))
