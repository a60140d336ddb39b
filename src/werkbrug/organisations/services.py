"""Changes to organisations, sites and programmes. Each runs in one transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from werkbrug.organisations.models import Programme, Site
from werkbrug.organisations.travel import known_postcode
from werkbrug.people.models import User


class SiteError(Exception):
    """A user-facing refusal; the message is translated."""


@transaction.atomic
def site_save(*, site: Site, by: User) -> Site:
    """Store a site with the coordinates of its postcode; refuse a postcode the gazetteer does not know."""
    known = known_postcode(site.country, site.postcode)
    if known is None:
        raise SiteError(
            _("We do not know postcode %(postcode)s in %(country)s.")
            % {"postcode": site.postcode, "country": site.get_country_display()}
        )
    site.postcode, place = known
    site.latitude, site.longitude = place.lat, place.lon
    if not site.municipality:
        site.municipality = place.name
    site.save()
    return site


@transaction.atomic
def programme_save(*, programme: Programme, by: User) -> Programme:
    """Create or change a programme's details (its profile is changed by `profile_import`)."""
    programme.save()
    return programme
