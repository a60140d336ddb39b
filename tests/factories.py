import factory
from django.utils import timezone

from werkbrug.competences.models import Competence, Framework, Rubric
from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Organisation, Programme, Region, Site
from werkbrug.people.models import Membership, User
from werkbrug.placements.models import Workplace


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]

    name = "Limburg"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.SCHOOL
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    full_name = factory.Faker("name", locale="nl_BE")
    password = factory.PostGenerationMethodCall("set_password", "een-goed-wachtwoord")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "coach"
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=30))


class LearnerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnerProfile

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(OrganisationFactory)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"kader-{n}")
    name = factory.Sequence(lambda n: f"Kader {n}")
    kind = Framework.Kind.REGIONAL


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"C-{n:03d}")
    title_nl = factory.Sequence(lambda n: f"Competentie {n}")
    title_en = factory.Sequence(lambda n: f"Competence {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    school = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.SCHOOL)
    type = Programme.Type.DUAAL_LEREN
    name = factory.Sequence(lambda n: f"Opleiding {n}")
    rubric = factory.LazyFunction(Rubric.default)  # the four levels every test database starts with


class SiteFactory(factory.django.DjangoModelFactory):
    """A site in Genk (3600) unless told otherwise; coordinates as the gazetteer has them."""

    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.EMPLOYER)
    name = factory.Sequence(lambda n: f"Vestiging {n}")
    street = "Industrieweg"
    number = "12"
    postcode = "3600"
    municipality = "Genk"
    country = "BE"
    latitude = 50.9655
    longitude = 5.5027


class WorkplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplace

    employer = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.EMPLOYER)
    site = factory.SubFactory(SiteFactory, organisation=factory.SelfAttribute("..employer"))
    title = factory.Sequence(lambda n: f"Werkplek {n}")


# -- the workplace register, the profile and the network (model labels as strings: no imports needed) --


class ProgrammeCompetenceFactory(factory.django.DjangoModelFactory):
    """A core line of a programme's profile, to be reached at level 3 ("with some help")."""

    class Meta:
        model = "organisations.ProgrammeCompetence"

    programme = factory.SubFactory(ProgrammeFactory)
    competence = factory.SubFactory(CompetenceFactory)
    core = True
    weight = 1
    target_level = 3


class RecognitionFactory(factory.django.DjangoModelFactory):
    """An application for recognition; `granted=True` makes it a recognition in force since a month."""

    class Meta:
        model = "placements.Recognition"

    workplace = factory.SubFactory(WorkplaceFactory)
    programme = factory.SubFactory(ProgrammeFactory)

    class Params:
        granted = factory.Trait(
            status="granted",
            number=factory.Sequence(lambda n: f"WB-TEST-{n:06d}"),
            starts_on=factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=30)),
            expires_on=factory.LazyAttribute(lambda o: o.starts_on + timezone.timedelta(days=5 * 365)),
        )


class WorkplaceMentorFactory(factory.django.DjangoModelFactory):
    """A mentor named at a workplace: a current mentor of the workplace's employer."""

    class Meta:
        model = "placements.WorkplaceMentor"

    workplace = factory.SubFactory(WorkplaceFactory)
    mentor = factory.LazyAttribute(
        lambda o: MembershipFactory(role="mentor", organisation=o.workplace.employer).user
    )


class MentorTrainingFactory(factory.django.DjangoModelFactory):
    """A mentor training completed a month ago."""

    class Meta:
        model = "network.MentorTraining"

    person = factory.SubFactory(UserFactory)
    title = "Mentoropleiding"
    provider = "Syntra Limburg"
    completed_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=30))
