"""The gap map: where in a region learners seeking a place find none, and where one more place would help.

`region_gaps` runs the region's seeking learners through the engine (`werkbrug.matching.gaps`) and turns
its indexes into rows a coordinator reads: per home municipality and per programme how many seek a place,
how many have no candidate and why; the core competences no candidate teaches; full workplaces where one
more place would help; municipalities where a new place would reach learners without one. The figures
are read in a fixed number of queries, whatever the number of learners and workplaces.

`draw_map` lays the same figures out as an SVG drawn offline: the postcodes of the gazetteer as dots,
one circle per municipality sized by its learners without a place, workplaces with a free place as
squares. No outlines ship with werkbrug, so there are none: a "municipality" is the place name of the
gazetteer's postcodes, its centre the mean of their coordinates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from werkbrug import matching
from werkbrug.competences.models import Competence
from werkbrug.geo import Place, load_gazetteer
from werkbrug.matching import gaps as engine_gaps
from werkbrug.organisations.models import Organisation, Programme, Region
from werkbrug.organisations.travel import place_of
from werkbrug.people.models import Membership, Role, User
from werkbrug.people.scopes import signed_in
from werkbrug.placements.engine import load_region, seeking_learners
from werkbrug.placements.models import Workplace

# Why a learner has no candidate (`NoCandidate` names, lower case), in the order of the engine's filters.
# (The engine's "all_full" follows an allocation, which the gap map does not run.)
REASONS = {
    "no_programme": gettext_lazy("no programme"),
    "no_home": gettext_lazy("home postcode unknown"),
    "no_modes": gettext_lazy("no way to travel"),
    "none_recognised": gettext_lazy("no workplace recognised for the programme"),
    "too_far": gettext_lazy("too far"),
    "language": gettext_lazy("language"),
    "support": gettext_lazy("support"),
    "full": gettext_lazy("every place full"),
}
TOP_COMPETENCES, TOP_WORKPLACES, TOP_AREAS = 20, 15, 15
MARGIN_KM, MIN_SPAN_KM = 3.0, 10.0  # around the learners and workplaces drawn


def regions_for(user: User) -> QuerySet[Region]:
    """The regions whose gaps the user may read: those they coordinate in a network; staff all."""
    if not signed_in(user):
        return Region.objects.none()
    if user.is_staff:
        return Region.objects.order_by("name")
    coordinated = (
        Membership.objects.current()
        .filter(user=user, role=Role.COORDINATOR, organisation__kind=Organisation.Kind.NETWORK)
        .values("organisation__region_id")
    )
    return Region.objects.filter(pk__in=coordinated).order_by("name")


# -- the figures -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemandRow:
    """Learners seeking a place in one group (a municipality, a programme), and why some find none."""

    label: str
    seeking: int
    without: int
    reasons: dict[str, int]  # reason code -> learners, codes as in REASONS
    detail: str = ""  # the school, for a programme

    @property
    def reason_list(self) -> list[tuple[str, int]]:
        """(reason in words, learners), in the order of the engine's filters."""
        return [(str(REASONS[code]), self.reasons[code]) for code in REASONS if self.reasons.get(code)]


@dataclass(frozen=True)
class CompetenceRow:
    programme: str
    school: str
    competence: str
    learners: int  # learners with candidates, none of which teaches this core competence


@dataclass(frozen=True)
class FullWorkplaceRow:
    workplace: Workplace
    municipality: str
    learners: int  # learners without a place who pass every other check there


@dataclass(frozen=True)
class NewPlaceRow:
    municipality: str
    programme: str
    school: str
    learners: int  # learners of the programme without a place who could reach a new place there


@dataclass(frozen=True)
class Town:
    """A municipality as the gazetteer knows it: the postcodes sharing a place name, and their centre."""

    country: str
    name: str
    lat: float
    lon: float
    label: str


@dataclass
class RegionGaps:
    region: Region
    seeking: int
    without: int
    municipalities: list[DemandRow]
    programmes: list[DemandRow]
    competences: list[CompetenceRow]
    full_workplaces: list[FullWorkplaceRow]
    new_places: list[NewPlaceRow]
    free_workplaces: int
    map: GapMap | None = None


def region_gaps(region: Region) -> RegionGaps:
    """The gaps of a region's seeking learners today, with the map; at most 15 queries whatever its size.

    load_region (11), the seeking learners, their programmes, and the competences and the workplaces named
    in the top rows (each only when there are such rows).
    """
    data = load_region(region)
    profiles = seeking_learners(region)
    learners = data.learners(profiles)
    engine = data.engine
    found = matching.candidates(engine, learners)
    left = engine_gaps.unplaced(found)
    homes = [place_of(p.home_country, p.home_postcode) for p in profiles]
    town_keys = [(h.country, h.name) if h else None for h in homes]
    box = _bounding_box(learners, engine.workplaces)
    towns = _towns(box, region.country)
    tables = engine_gaps.demand_gaps(
        found,
        {
            "municipality": [f"{k[0]}|{k[1]}" if k else "" for k in town_keys],
            "programme": [str(p.programme_id or "") for p in profiles],
        },
    )
    open_found = matching.candidates(engine, learners, require_places=False)
    full = engine_gaps.more_places_here(engine, learners, left, open_found)[:TOP_WORKPLACES]
    # A new place is looked for in the region's own country; learners may live across the border.
    areas = [t for t in towns.values() if t.country == region.country]
    new = engine_gaps.new_place_in(
        engine, learners, left, np.array([t.lat for t in areas]), np.array([t.lon for t in areas])
    )[:TOP_AREAS]
    missing = engine_gaps.competence_gaps(engine, learners, found)[:TOP_COMPETENCES]
    programmes = Programme.objects.select_related("school").in_bulk(
        {p.programme_id for p in profiles if p.programme_id} | {g.programme for g in [*new, *missing]}
    )
    free = engine.workplaces.places_left > 0
    gaps = RegionGaps(
        region=region,
        seeking=len(profiles),
        without=int(left.sum()),
        municipalities=_municipality_rows(tables["municipality"], towns),
        programmes=_programme_rows(tables["programme"], programmes),
        competences=_competence_rows(missing, programmes),
        full_workplaces=_full_workplace_rows(full, data.workplace_ids),
        new_places=_new_place_rows(new, areas, programmes),
        free_workplaces=int(free.sum()),
    )
    if box is not None:
        w = engine.workplaces
        gaps.map = draw_map(
            box,
            _without_by_town(town_keys, left, towns),
            list(zip(w.lat[free].tolist(), w.lon[free].tolist(), strict=True)),
            without=gaps.without,
            unknown_home=sum(1 for k, gone in zip(town_keys, left.tolist(), strict=True) if gone and not k),
        )
    return gaps


def _without_by_town(
    keys: list[tuple[str, str] | None], left: np.ndarray, towns: dict[tuple[str, str], Town]
) -> list[tuple[Town, int]]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for key, gone in zip(keys, left.tolist(), strict=True):
        if key and gone:
            counts[key] += 1
    return [(towns[k], n) for k, n in counts.items()]


def _bounding_box(learners: matching.Learners, workplaces: matching.Workplaces) -> BoundingBox | None:
    lat = np.concatenate([learners.lat, workplaces.lat])
    lon = np.concatenate([learners.lon, workplaces.lon])
    located = ~(np.isnan(lat) | np.isnan(lon))
    if not located.any():
        return None
    return BoundingBox.around(lat[located], lon[located])


def _towns(box: BoundingBox | None, home_country: str) -> dict[tuple[str, str], Town]:
    """The gazetteer's postcodes in the box, grouped by place name; names sorted, within the country."""
    if box is None:
        return {}
    grouped: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for place in box.places():
        grouped[(place.country, place.name)].append(place)
    return {
        key: Town(
            key[0],
            key[1],
            sum(p.lat for p in places) / len(places),
            sum(p.lon for p in places) / len(places),
            key[1] if key[0] == home_country else f"{key[1]} ({key[0]})",
        )
        for key, places in sorted(grouped.items())
    }


def _municipality_rows(
    rows: Iterable[engine_gaps.DemandGap], towns: dict[tuple[str, str], Town]
) -> list[DemandRow]:
    result = []
    for r in rows:
        country, _bar, name = r.label.partition("|")
        town = towns.get((country, name))
        label = town.label if town else str(_("Home postcode unknown"))
        result.append(DemandRow(label, r.learners, r.unplaced, r.reasons))
    return sorted(result, key=lambda r: (-r.without, -r.seeking, r.label))


def _programme_rows(
    rows: Iterable[engine_gaps.DemandGap], programmes: dict[int, Programme]
) -> list[DemandRow]:
    result = []
    for r in rows:
        programme = programmes.get(int(r.label)) if r.label else None
        label = programme.name if programme else str(_("No programme"))
        school = programme.school.name if programme else ""
        result.append(DemandRow(label, r.learners, r.unplaced, r.reasons, detail=school))
    return sorted(result, key=lambda r: (-r.without, -r.seeking, r.label, r.detail))


def _competence_rows(
    rows: Sequence[engine_gaps.CompetenceGap], programmes: dict[int, Programme]
) -> list[CompetenceRow]:
    if not rows:
        return []
    competences = Competence.objects.in_bulk({g.competence for g in rows})
    return [
        CompetenceRow(
            programmes[g.programme].name,
            programmes[g.programme].school.name,
            competences[g.competence].title,
            g.learners,
        )
        for g in rows
    ]


def _new_place_rows(
    rows: Sequence[engine_gaps.AreaGap], areas: list[Town], programmes: dict[int, Programme]
) -> list[NewPlaceRow]:
    return [
        NewPlaceRow(
            areas[g.area].label, programmes[g.programme].name, programmes[g.programme].school.name, g.learners
        )
        for g in rows
    ]


def _full_workplace_rows(rows: Sequence[engine_gaps.WorkplaceGap], ids: list[int]) -> list[FullWorkplaceRow]:
    if not rows:
        return []
    workplaces = Workplace.objects.select_related("employer", "site").in_bulk(
        [ids[g.workplace] for g in rows]
    )
    result = []
    for g in rows:
        wp = workplaces[ids[g.workplace]]
        place = place_of(wp.site.country, wp.site.postcode)
        result.append(FullWorkplaceRow(wp, place.name if place else wp.site.municipality, g.learners))
    return result


# -- the map -----------------------------------------------------------------------------------------

LAT_KM = 111.32  # km per degree of latitude, as organisations.travel.travel_area
WIDTH = 600  # SVG units; the page scales it to the screen
LINE = 28  # a line of the legend
MAX_RADIUS = 30.0
LABELLED = 8
FONT = 18  # labels; a phone shows the map at about 0.6 times its size
NICE_KM = (1, 2, 5, 10, 20, 50, 100, 200)
DOT, GAP_FILL, GAP_STROKE, FREE, INK = "#9aa3aa", "#e6550d", "#a63603", "#1a7f4b", "#1d2a33"


@dataclass(frozen=True)
class BoundingBox:
    """A box in degrees around the points of interest, with a margin, never smaller than MIN_SPAN_KM."""

    south: float
    west: float
    north: float
    east: float

    @classmethod
    def around(cls, lat: np.ndarray, lon: np.ndarray) -> BoundingBox:
        mid_lat = (float(lat.min()) + float(lat.max())) / 2
        lon_km = LAT_KM * math.cos(math.radians(mid_lat))
        half_h = max((float(lat.max()) - float(lat.min())) * LAT_KM / 2 + MARGIN_KM, MIN_SPAN_KM / 2)
        half_w = max((float(lon.max()) - float(lon.min())) * lon_km / 2 + MARGIN_KM, MIN_SPAN_KM / 2)
        # Keep the map between landscape 5:3 and portrait 4:5, so it reads on a phone and a desktop alike.
        half_h, half_w = max(half_h, half_w * 0.6), max(half_w, half_h / 1.25)
        mid_lon = (float(lon.min()) + float(lon.max())) / 2
        return cls(
            mid_lat - half_h / LAT_KM,
            mid_lon - half_w / lon_km,
            mid_lat + half_h / LAT_KM,
            mid_lon + half_w / lon_km,
        )

    @property
    def lon_km(self) -> float:
        return LAT_KM * math.cos(math.radians((self.south + self.north) / 2))

    @property
    def width_km(self) -> float:
        return (self.east - self.west) * self.lon_km

    @property
    def height_km(self) -> float:
        return (self.north - self.south) * LAT_KM

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def places(self) -> list[Place]:
        return [p for p in load_gazetteer().places() if self.contains(p.lat, p.lon)]


@dataclass(frozen=True)
class GapCircle:
    x: float
    y: float
    r: float
    name: str
    count: int


@dataclass(frozen=True)
class MapLabel:
    x: float
    y: float
    text: str
    anchor: str  # start, middle or end


@dataclass
class GapMap:
    """The laid-out map: SVG units, equirectangular around the box's middle latitude."""

    width: int
    height: int  # the map area; the legend goes below it
    dots: list[tuple[float, float]]
    circles: list[GapCircle]  # largest first, so smaller ones are drawn on top
    squares: list[tuple[float, float]]
    labels: list[MapLabel]
    scale_km: int
    scale_px: float
    title: str
    description: str
    key_counts: list[int] = field(default_factory=list)  # the counts the legend's circles stand for

    def radius(self, count: int) -> float:
        biggest = max((c.count for c in self.circles), default=1)
        return MAX_RADIUS * math.sqrt(count / biggest)

    @property
    def key_height(self) -> float:
        """The legend's first line: as high as its biggest circle."""
        return 2 * max((self.radius(n) for n in self.key_counts), default=6) + 12

    @property
    def legend_height(self) -> float:
        return self.key_height + 3 * LINE + 8

    def svg(self) -> SafeString:
        """The map as inline SVG: an image whose title and description say it in words."""
        total = self.height + self.legend_height
        head = format_html(
            '<svg class="d-block w-100 h-auto border rounded" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="gapmap-title gapmap-desc" xmlns="http://www.w3.org/2000/svg" '
            'font-family="system-ui, sans-serif">'
            '<title id="gapmap-title">{}</title><desc id="gapmap-desc">{}</desc>'
            '<rect width="{}" height="{}" fill="#f8f9fa"/><rect y="{}" width="{}" height="{}" fill="#fff"/>',
            self.width,
            _n(total),
            self.title,
            self.description,
            self.width,
            self.height,
            self.height,
            self.width,
            _n(self.legend_height),
        )
        dots = format_html_join(
            "", '<circle cx="{}" cy="{}" r="1.8"/>', ((_n(x), _n(y)) for x, y in self.dots)
        )
        circles = format_html_join(
            "",
            '<circle class="wb-gap" cx="{}" cy="{}" r="{}"><title>{}</title></circle>',
            ((_n(c.x), _n(c.y), _n(c.r), _circle_title(c)) for c in self.circles),
        )
        squares = format_html_join(
            "",
            '<rect x="{}" y="{}" width="8" height="8"/>',
            ((_n(x - 4), _n(y - 4)) for x, y in self.squares),
        )
        labels = format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="{}">{}</text>',
            ((_n(lb.x), _n(lb.y), lb.anchor, lb.text) for lb in self.labels),
        )
        body = format_html(
            '<g fill="{}">{}</g>'
            '<g fill="{}" fill-opacity="0.55" stroke="{}" stroke-width="1.5">{}</g>'
            '<g fill="{}" stroke="#fff" stroke-width="1">{}</g>'
            '<g font-size="{}" font-weight="600" fill="{}" stroke="#fff" stroke-width="4" '
            'stroke-linejoin="round" paint-order="stroke">{}</g>',
            DOT,
            dots,
            GAP_FILL,
            GAP_STROKE,
            circles,
            FREE,
            squares,
            FONT,
            INK,
            labels,
        )
        return format_html("{}{}{}</svg>", head, body, self._legend())

    def _legend(self) -> SafeString:
        """Four lines under the map: the circles and what they count, the squares, the dots, the scale."""
        top = self.height
        cy = top + self.key_height / 2
        keys, x = [], 14.0
        for count in self.key_counts:
            r = self.radius(count)
            keys.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="0.55" stroke="{}" '
                    'stroke-width="1.5"/><text x="{}" y="{}">{}</text>',
                    _n(x + r),
                    _n(cy),
                    _n(r),
                    GAP_FILL,
                    GAP_STROKE,
                    _n(x + 2 * r + 5),
                    _n(cy + 5),
                    count,
                )
            )
            x += 2 * r + 20 + 10 * len(str(count))
        line = top + self.key_height + LINE / 2
        return format_html(
            '<g font-size="17" fill="{ink}">{keys}<text x="{kx}" y="{ky}">{without}</text>'
            '<rect x="16" y="{sq}" width="8" height="8" fill="{free}"/>'
            '<text x="34" y="{t1}">{free_text}</text>'
            '<circle cx="20" cy="{l2}" r="2.5" fill="{dot}"/><text x="34" y="{t2}">{dot_text}</text>'
            '<path d="M16 {bar} v6 h{px} v-6" fill="none" stroke="{ink}" stroke-width="2"/>'
            '<text x="{bx}" y="{t3}">{km}</text>'
            '<text x="{cx}" y="{t3}" text-anchor="end" font-size="14" fill="#4b5761">{credit}</text></g>',
            ink=INK,
            keys=format_html_join("", "{}", ((k,) for k in keys)),
            kx=_n(x),
            ky=_n(cy + 5),
            without=_("learners without a place"),
            sq=_n(line - 4),
            free=FREE,
            t1=_n(line + 5),
            free_text=_("workplace with a free place"),
            l2=_n(line + LINE),
            dot=DOT,
            t2=_n(line + LINE + 5),
            dot_text=_("postcode"),
            bar=_n(line + 2 * LINE - 3),
            px=_n(self.scale_px),
            bx=_n(24 + self.scale_px),
            t3=_n(line + 2 * LINE + 5),
            km=_("%(km)s km") % {"km": self.scale_km},
            cx=self.width - 10,
            credit=_("Postcodes © GeoNames (CC BY 4.0)"),
        )


def _n(value: float) -> str:
    """A coordinate with one decimal, always with a dot whatever the language."""
    return f"{value:.1f}"


def _circle_title(c: GapCircle) -> str:
    return ngettext(
        "%(place)s: %(n)s learner without a place", "%(place)s: %(n)s learners without a place", c.count
    ) % {"place": c.name, "n": c.count}


def draw_map(
    box: BoundingBox,
    towns: Sequence[tuple[Town, int]],
    free: Sequence[tuple[float, float]],
    *,
    without: int,
    unknown_home: int = 0,
) -> GapMap:
    """Lay out the map: gazetteer postcodes in the box, a circle per town with learners without a place
    (area in proportion to their number), workplaces with a free place (lat, lon) as squares."""
    scale = WIDTH / box.width_km  # SVG units per km
    height = round(box.height_km * scale)
    lon_km = box.lon_km

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon - box.west) * lon_km * scale, (box.north - lat) * LAT_KM * scale

    biggest = max((n for _t, n in towns), default=1)
    circles = sorted(
        (
            GapCircle(*xy(t.lat, t.lon), MAX_RADIUS * math.sqrt(n / biggest), t.label, n)
            for t, n in towns
            if n > 0
        ),
        key=lambda c: (-c.count, c.name),
    )
    scale_km = _nice_km(box.width_km / 5)
    gap_map = GapMap(
        width=WIDTH,
        height=height,
        dots=[xy(p.lat, p.lon) for p in box.places()],
        circles=circles,
        squares=[xy(lat, lon) for lat, lon in free if box.contains(lat, lon)],
        labels=_labels(circles, WIDTH, height),
        scale_km=scale_km,
        scale_px=scale_km * scale,
        title=str(_("Map: where places are missing")),
        description=_description(circles, without, unknown_home),
    )
    gap_map.key_counts = _key_counts(biggest) if circles else []
    return gap_map


def _nice_km(km: float) -> int:
    return max((n for n in NICE_KM if n <= km), default=NICE_KM[0])


def _key_counts(biggest: int) -> list[int]:
    """The counts the legend's circles stand for: the biggest and, when it differs enough, a smaller one."""
    small = max((n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500) if n <= biggest / 3), default=0)
    return [small, biggest] if small else [biggest]


def _description(circles: Sequence[GapCircle], without: int, unknown_home: int) -> str:
    if not without:
        return str(_("Every learner seeking a place has at least one workplace within reach."))
    text = ngettext("%(n)s learner without a place", "%(n)s learners without a place", without) % {
        "n": without
    }
    if circles:
        text += "; " + _("most in %(place)s (%(n)s)") % {"place": circles[0].name, "n": circles[0].count}
    if unknown_home:
        text += "; " + ngettext(
            "%(n)s with an unknown home postcode is not on the map",
            "%(n)s with an unknown home postcode are not on the map",
            unknown_home,
        ) % {"n": unknown_home}
    return text + "."


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _labels(circles: Sequence[GapCircle], width: float, height: float) -> list[MapLabel]:
    """A label beside each of the biggest circles: right, left, above or below it, wherever it covers
    the fewest other labels and circles, and never outside the map when it can help it."""
    obstacles = [(c.x - c.r * 0.8, c.y - c.r * 0.8, c.x + c.r * 0.8, c.y + c.r * 0.8) for c in circles]
    taken: list[Box] = []
    labels = []
    for c in circles[:LABELLED]:
        text = f"{c.name} ({c.count})"
        w = 0.6 * FONT * len(text)
        tries = [  # (x, baseline, anchor, left edge)
            (c.x + c.r + 4, c.y + FONT / 3, "start", c.x + c.r + 4),
            (c.x - c.r - 4, c.y + FONT / 3, "end", c.x - c.r - 4 - w),
            (c.x, c.y - c.r - 6, "middle", c.x - w / 2),
            (c.x, c.y + c.r + FONT + 2, "middle", c.x - w / 2),
        ]
        boxes = [(left, y - FONT + 2, left + w, y + 3) for _x, y, _anchor, left in tries]
        costs = [_label_cost(b, taken, obstacles, width, height) for b in boxes]
        best = costs.index(min(costs))
        taken.append(boxes[best])
        x, y, anchor, _left = tries[best]
        labels.append(MapLabel(x, y, text, anchor))
    return labels


def _label_cost(
    box: Box, labels: list[Box], circles: list[Box], width: float, height: float
) -> tuple[bool, int]:
    outside = box[0] < 2 or box[2] > width - 2 or box[1] < 2 or box[3] > height - 2
    return outside, 3 * sum(_overlap(box, b) for b in labels) + sum(_overlap(box, b) for b in circles)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
