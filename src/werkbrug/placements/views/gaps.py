"""The gap map: where in the region places are missing, as a map and as tables, and as a CSV file."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkbrug.organisations.models import Region
from werkbrug.placements.gapmap import REASONS, DemandRow, RegionGaps, region_gaps, regions_for


@login_required
def gap_map(request: HttpRequest) -> HttpResponse:
    """For the region's coordinators (and staff): `?region=` picks one of theirs, `?format=csv` downloads."""
    regions = list(regions_for(request.user))
    region = _chosen_region(request, regions)
    gaps = region_gaps(region)
    if request.GET.get("format") == "csv":
        return _csv_response(gaps)
    context = {"gaps": gaps, "region": region, "regions": regions}
    return render(request, "placements/gap_map.html", context)


def _chosen_region(request: HttpRequest, regions: list[Region]) -> Region:
    """The region asked for, else the one of the role the user acts in, else the first; 404 if none."""
    if not regions:
        raise Http404
    by_pk = {str(r.pk): r for r in regions}
    if "region" in request.GET:
        if request.GET["region"] not in by_pk:
            raise Http404
        return by_pk[request.GET["region"]]
    role = getattr(request, "role", None)
    organisation = role.organisation if role else None
    return by_pk.get(str(organisation.region_id) if organisation else "", regions[0])


def _csv_response(gaps: RegionGaps) -> HttpResponse:
    """The municipality and programme tables in one sheet, `;`-separated UTF-8 with a BOM, as Excel in
    Belgium and the Netherlands opens it with a double click."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Table"),
            _("Name"),
            _("School"),
            _("Learners seeking"),
            _("Without a place"),
            *map(str, REASONS.values()),
        ]
    )
    for table, rows in ((_("Municipality"), gaps.municipalities), (_("Programme"), gaps.programmes)):
        for row in rows:
            writer.writerow([table, *_csv_cells(row)])
    day = timezone.localdate().isoformat()
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gaps-{slugify(gaps.region.name)}-{day}.csv"'
    return response


def _csv_cells(row: DemandRow) -> list[object]:
    return [
        _safe(row.label),
        _safe(row.detail),
        row.seeking,
        row.without,
        *(row.reasons.get(c, 0) for c in REASONS),
    ]


def _safe(text: str) -> str:
    """A name a spreadsheet must not take for a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
