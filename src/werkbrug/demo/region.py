"""What the demo region is made of: its schools and centres, and the sectors of the Limburg SME landscape.

All organisation names are made up. The programmes are the starter programmes shipped in
`competences/data/starter/programmes.csv`, offered where they would be in Limburg: Duaal Leren at
secondary schools, BuSo OV3 at a special-needs school, a graduaat at a university college, leerwerk and
art. 60 work at the OCMW and the adult-education centre. The Dutch BPV programme (MBO-2) is left out:
it belongs to a Dutch region, not to Belgian Limburg.
"""

from dataclasses import dataclass, field

from werkbrug.organisations.models import Organisation
from werkbrug.vocab import CEFR, Sector, Shift, Support

K = Organisation.Kind
REGION, COUNTRY = "Limburg", "BE"
NETWORK, SECTOR_FUND = "Netwerk Duaal Leren Limburg", "Sectorfonds Voeding"
OTHER_ORGANISATIONS = [(NETWORK, K.NETWORK), (SECTOR_FUND, K.SECTOR_FUND)]


@dataclass(frozen=True)
class School:
    name: str
    kind: str
    postcode: str
    programmes: tuple[str, ...]  # keys of starter/programmes.csv
    share: int  # learners per 100 in the region
    reach_km: float  # how far its learners typically live
    ages: tuple[int, int]  # age on the first school day, youngest and oldest
    own_municipality_only: bool = False  # an OCMW serves the people of its own municipality
    # Offered since this school year: its workplaces have applied for recognition, none is granted yet.
    new_programmes: tuple[str, ...] = ()


SCHOOLS = [
    School(
        "Campus De Brug Genk",
        K.SCHOOL,
        "3600",
        ("dl-logistiek-assistent", "dl-lasser-monteerder", "dl-winkelmedewerker", "dl-medewerker-fastfood"),
        16,
        7,
        (15, 21),
    ),
    School(
        "Campus Demerdal Hasselt",
        K.SCHOOL,
        "3500",
        (
            "dl-zorgkundige",
            "dl-polyvalent-verzorgende",
            "dl-onthaalmedewerker",
            "dl-bakker",
            "dl-winkelmedewerker",
        ),
        15,
        8,
        (15, 21),
        new_programmes=("dl-onthaalmedewerker",),
    ),
    School(
        "Campus Haspengouw Sint-Truiden",
        K.SCHOOL,
        "3800",
        ("dl-medewerker-groenbeheer", "dl-bakker", "dl-ruwbouw-metselaar", "dl-winkelmedewerker"),
        11,
        8,
        (15, 21),
    ),
    School(
        "Campus Maasland Maasmechelen",
        K.SCHOOL,
        "3630",
        (
            "dl-lasser-monteerder",
            "dl-ruwbouw-metselaar",
            "dl-polyvalent-verzorgende",
            "dl-medewerker-fastfood",
        ),
        11,
        7,
        (15, 21),
    ),
    School(
        "Campus Kempenland Lommel",
        K.SCHOOL,
        "3920",
        ("dl-logistiek-assistent", "dl-onthaalmedewerker", "dl-ruwbouw-metselaar", "dl-zorgkundige"),
        11,
        9,
        (15, 21),
    ),
    School(
        "BuSo De Sprong Tongeren",
        K.SCHOOL,
        "3700",
        ("buso-ov3-logistiek-assistent", "buso-ov3-medewerker-schoonmaak", "buso-ov3-keukenmedewerker"),
        9,
        14,
        (15, 21),
    ),
    School("Hogeschool Maasvallei Diepenbeek", K.SCHOOL, "3590", ("graduaat-logistiek",), 7, 20, (18, 25)),
    School("CVO Noord-Limburg", K.TRAINING_CENTRE, "3900", ("leerwerk-groen-onderhoud",), 9, 10, (20, 55)),
    School(
        "OCMW Maasmechelen",
        K.PUBLIC_SERVICE,
        "3630",
        ("art60-werktraject-schoonmaak", "leerwerk-groen-onderhoud"),
        11,
        6,
        (20, 55),
        own_municipality_only=True,
    ),
]
LEARNERS_PER_COACH = 40

# Dutch level of the learners per programme type: (level, weight).
DUTCH_LEVELS = {
    "duaal_leren": [(CEFR.A2, 12), (CEFR.B1, 45), (CEFR.B2, 35), (CEFR.C1, 8)],
    "buso_ov3": [(CEFR.A1, 25), (CEFR.A2, 45), (CEFR.B1, 25), (CEFR.B2, 5)],
    "graduaat": [(CEFR.B1, 15), (CEFR.B2, 45), (CEFR.C1, 40)],
    "leerwerk": [(CEFR.PRE_A1, 10), (CEFR.A1, 35), (CEFR.A2, 35), (CEFR.B1, 15), (CEFR.B2, 5)],
    "art60": [(CEFR.PRE_A1, 10), (CEFR.A1, 35), (CEFR.A2, 35), (CEFR.B1, 15), (CEFR.B2, 5)],
}
# Share of learners with support needs (with consent) per programme type, and the needs they name.
SUPPORT_SHARE = {"duaal_leren": 0.12, "buso_ov3": 0.6, "graduaat": 0.08, "leerwerk": 0.3, "art60": 0.3}
SUPPORT_NEEDS = {
    "buso_ov3": [
        (Support.FIXED_STRUCTURE, 5),
        (Support.VISUAL_INSTRUCTIONS, 5),
        (Support.EXTRA_INSTRUCTION, 4),
        (Support.JOB_COACH, 3),
        (Support.QUIET_WORKSPACE, 2),
    ],
    "adult": [
        (Support.LANGUAGE_SUPPORT, 6),
        (Support.FLEXIBLE_HOURS, 4),
        (Support.EXTRA_INSTRUCTION, 3),
        (Support.JOB_COACH, 2),
        (Support.ACCESSIBLE_BUILDING, 1),
    ],
    "young": [
        (Support.EXTRA_INSTRUCTION, 4),
        (Support.FIXED_STRUCTURE, 3),
        (Support.QUIET_WORKSPACE, 2),
        (Support.VISUAL_INSTRUCTIONS, 2),
        (Support.LANGUAGE_SUPPORT, 2),
        (Support.ACCESSIBLE_BUILDING, 1),
    ],
}
# Ways to travel: (modes, weight) for learners under 18, and for adults. Bike and bus together are the
# rule for young people; some adults drive or ride a moped.
MOBILITY_YOUNG = [
    (["bike", "public_transport"], 40),
    (["public_transport"], 14),
    (["bike"], 12),
    (["walk", "public_transport"], 10),
    (["walk", "bike"], 6),
    (["moped", "public_transport"], 8),
    (["moped"], 5),
    (["walk"], 2),
]
MOBILITY_ADULT = [
    (["public_transport"], 18),
    (["bike", "public_transport"], 26),
    (["car"], 14),
    (["car", "bike"], 6),
    (["bike"], 10),
    (["walk", "public_transport"], 12),
    (["moped"], 8),
    (["moped", "public_transport"], 4),
    (["walk"], 2),
]
# The longest trip a learner accepts, one way: (minutes, weight); most between half an hour and an hour.
TRAVEL_MINUTES = [
    (20, 1),
    (25, 2),
    (30, 8),
    (35, 7),
    (40, 14),
    (45, 20),
    (50, 14),
    (55, 6),
    (60, 22),
    (75, 6),
]
INTERESTS = [
    "Werken met mijn handen",
    "Buiten werken",
    "Met mensen werken",
    "Koken en bakken",
    "Machines en techniek",
    "Sport en bewegen",
    "Alles netjes ordenen",
    "Klanten helpen",
    "Dieren en planten",
    "Computers",
]
WISHES = [
    "Dicht bij huis, met de fiets bereikbaar",
    "Liefst geen weekendwerk",
    "Een vaste mentor die tijd heeft om uit te leggen",
    "Vroeg beginnen is geen probleem",
    "In een klein team",
    "Bereikbaar met de bus, niet vóór 8 uur",
    "Later een vaste job bij hetzelfde bedrijf",
]
TRAININGS = [
    ("Basisopleiding mentor", NETWORK),
    ("Mentor in duaal leren", NETWORK),
    ("Werkplekleren begeleiden", SECTOR_FUND),
]
WITHDRAWAL_REASONS = [
    "Het bedrijf is verhuisd en heeft op de nieuwe plek geen mentor.",
    "Op vraag van het bedrijf: tijdelijk geen leerlingen door een reorganisatie.",
    "De mentor is vertrokken en er is geen vervanger.",
]
HOSPITALITY_NAMES = [
    "De Kroon",
    "Het Pleintje",
    "De Zwaan",
    "Den Dries",
    "'t Hoekske",
    "De Molen",
    "De Kempen",
    "Het Gulden Vlies",
    "De Vier Seizoenen",
    "Den Engel",
]
CARE_NAMES = [
    "De Linde",
    "Ter Heide",
    "Sint-Anna",
    "De Wilg",
    "Hof ter Beek",
    "Zonnebloem",
    "De Kastanjelaar",
    "Ter Weyde",
    "Maasvallei",
    "Bloesemhof",
]


@dataclass(frozen=True)
class Job:
    title: str
    programmes: tuple[str, ...]  # the first is the one the workplace teaches most of
    description: str


@dataclass(frozen=True)
class SectorPlan:
    sector: str
    share: int  # workplaces per 100
    names: tuple[str, ...]  # {last}: a surname, {place}: the municipality, {noun}: from `nouns`
    site: str  # the site's name, {place}: its municipality
    jobs: tuple[Job, ...]
    language: tuple[tuple[str, int], ...]  # Dutch needed: (level, weight)
    hours: tuple[tuple[str, tuple[str, ...]], ...]  # (hours, shifts)
    support: tuple[tuple[str, float], ...]  # support offered: (code, chance)
    places: dict[str, float] = field(default_factory=dict)  # postcode -> weight; empty: by inhabitants
    nouns: tuple[str, ...] = ()
    workplaces_per_employer: float = 2.5


A1, A2, B1, B2 = CEFR.A1, CEFR.A2, CEFR.B1, CEFR.B2
S = Support
DAY, EARLY_LATE, NIGHT, WEEKEND = Shift.DAY, Shift.EARLY_LATE, Shift.NIGHT, Shift.WEEKEND
# Support most employers who take learners can give; a sector's own list adds to it (the higher chance
# counts).
COMMON_SUPPORT = (
    (S.JOB_COACH, 0.75),
    (S.EXTRA_INSTRUCTION, 0.7),
    (S.VISUAL_INSTRUCTIONS, 0.5),
    (S.FIXED_STRUCTURE, 0.45),
    (S.ACCESSIBLE_BUILDING, 0.35),
    (S.LANGUAGE_SUPPORT, 0.3),
    (S.FLEXIBLE_HOURS, 0.25),
    (S.QUIET_WORKSPACE, 0.2),
)

SECTORS = [
    SectorPlan(
        Sector.LOGISTICS,
        16,
        (
            "{last} Logistics",
            "Transport {last}",
            "{place} Distributie",
            "{last} Warehousing",
            "Expeditie {last}",
        ),
        "Magazijn {place}",
        (
            Job(
                "Magazijnmedewerker",
                ("dl-logistiek-assistent", "buso-ov3-logistiek-assistent"),
                "Je ontvangt goederen, controleert ze met de scanner en zet ze op de juiste plaats.",
            ),
            Job(
                "Orderpicker",
                ("buso-ov3-logistiek-assistent", "dl-logistiek-assistent"),
                "Je verzamelt bestellingen met de scanner en maakt ze klaar voor verzending.",
            ),
            Job(
                "Medewerker expeditie",
                ("dl-logistiek-assistent",),
                "Je pakt zendingen in, kleeft etiketten en laadt de vrachtwagens mee.",
            ),
            Job(
                "Assistent transportplanning",
                ("graduaat-logistiek", "dl-logistiek-assistent"),
                "Je plant ritten mee, volgt zendingen op en belt met chauffeurs en klanten.",
            ),
        ),
        ((A1, 10), (A2, 50), (B1, 35), (B2, 5)),
        (
            ("ma-vr 6:00-14:00 / 14:00-22:00", (EARLY_LATE,)),
            ("ma-vr 8:00-16:30", (DAY,)),
            ("zo-do 22:00-6:00", (NIGHT,)),
        ),
        (*COMMON_SUPPORT, (S.LANGUAGE_SUPPORT, 0.4), (S.FIXED_STRUCTURE, 0.3)),
        places={"3600": 5, "3920": 4, "3580": 3, "3500": 2, "3550": 1, "3980": 1, "3530": 1, "3900": 1},
        workplaces_per_employer=3.5,
    ),
    SectorPlan(
        Sector.RETAIL,
        14,
        (
            "Buurtsuper {last}",
            "Doe-het-zelf {last}",
            "Fietsen {last}",
            "Schoenen {last}",
            "Tuincentrum {last}",
        ),
        "Winkel {place}",
        (
            Job(
                "Winkelmedewerker",
                ("dl-winkelmedewerker",),
                "Je vult rekken aan, helpt klanten zoeken en houdt de winkel netjes.",
            ),
            Job(
                "Kassamedewerker",
                ("dl-winkelmedewerker",),
                "Je rekent af aan de kassa, beantwoordt vragen van klanten en telt je kassa.",
            ),
            Job(
                "Vakkenvuller",
                ("dl-winkelmedewerker", "buso-ov3-logistiek-assistent"),
                "Je pakt leveringen uit, vult de rekken aan en let op de vervaldata.",
            ),
        ),
        ((A1, 5), (A2, 40), (B1, 45), (B2, 10)),
        (("di-za 9:00-18:00", (DAY, WEEKEND)), ("ma-za 8:00-20:00, in beurten", (EARLY_LATE, WEEKEND))),
        (*COMMON_SUPPORT, (S.FLEXIBLE_HOURS, 0.3), (S.ACCESSIBLE_BUILDING, 0.3)),
        workplaces_per_employer=1.8,
    ),
    SectorPlan(
        Sector.HOSPITALITY,
        13,
        ("Brasserie {noun}", "Restaurant {noun}", "Frituur {noun}", "Eetcafé {noun}", "Hotel {noun}"),
        "{place}",
        (
            Job(
                "Keukenhulp",
                ("buso-ov3-keukenmedewerker", "dl-medewerker-fastfood"),
                "Je maakt groenten schoon, helpt bij de bereiding en houdt de keuken proper.",
            ),
            Job(
                "Medewerker fastfood",
                ("dl-medewerker-fastfood",),
                "Je bakt en serveert snacks, neemt bestellingen op en houdt de zaak netjes.",
            ),
            Job(
                "Zaalmedewerker",
                ("dl-medewerker-fastfood", "buso-ov3-keukenmedewerker"),
                "Je dekt tafels, brengt gerechten rond en ruimt af.",
            ),
        ),
        ((A1, 10), (A2, 45), (B1, 40), (B2, 5)),
        (("wo-zo 11:00-22:00, in beurten", (EARLY_LATE, WEEKEND)), ("di-za 10:00-15:00", (DAY, WEEKEND))),
        (*COMMON_SUPPORT, (S.FLEXIBLE_HOURS, 0.25), (S.FIXED_STRUCTURE, 0.25)),
        nouns=tuple(HOSPITALITY_NAMES),
        workplaces_per_employer=1.6,
    ),
    SectorPlan(
        Sector.CARE,
        14,
        ("WZC {noun}", "Woonzorgcentrum {noun}", "Thuiszorg {last}", "Dagcentrum {noun}"),
        "{place}",
        (
            Job(
                "Zorgkundige in opleiding",
                ("dl-zorgkundige", "dl-polyvalent-verzorgende"),
                "Je helpt bewoners bij het wassen, eten en bewegen, samen met een zorgkundige.",
            ),
            Job(
                "Polyvalent verzorgende",
                ("dl-polyvalent-verzorgende", "dl-zorgkundige"),
                "Je zorgt mee voor bewoners, helpt in de leefgroep en bij activiteiten.",
            ),
            Job(
                "Medewerker schoonmaak zorg",
                ("buso-ov3-medewerker-schoonmaak", "art60-werktraject-schoonmaak"),
                "Je poetst kamers en gangen volgens een vast plan en de hygiëneregels.",
            ),
        ),
        ((A2, 15), (B1, 55), (B2, 30)),
        (
            ("7:00-15:00 / 14:00-21:30, ook in het weekend", (EARLY_LATE, WEEKEND)),
            ("ma-vr 8:00-16:30", (DAY,)),
        ),
        (*COMMON_SUPPORT, (S.FIXED_STRUCTURE, 0.3), (S.ACCESSIBLE_BUILDING, 0.5), (S.QUIET_WORKSPACE, 0.2)),
        nouns=tuple(CARE_NAMES),
        workplaces_per_employer=3.5,
    ),
    SectorPlan(
        Sector.CONSTRUCTION,
        11,
        ("Bouwbedrijf {last}", "{last} & Zonen", "Renovatie {last}", "Bouwonderneming {last}"),
        "Stelplaats {place}",
        (
            Job(
                "Metselaar",
                ("dl-ruwbouw-metselaar",),
                "Je metselt muren, maakt mortel aan en werkt mee op de werf.",
            ),
            Job(
                "Medewerker ruwbouw",
                ("dl-ruwbouw-metselaar",),
                "Je helpt bij bekisting, betonwerk en metselwerk op nieuwbouwwerven.",
            ),
        ),
        ((A1, 15), (A2, 55), (B1, 30)),
        (("ma-vr 7:30-16:00", (DAY,)),),
        (*COMMON_SUPPORT, (S.FIXED_STRUCTURE, 0.2)),
        workplaces_per_employer=2.2,
    ),
    SectorPlan(
        Sector.METAL,
        8,
        ("{last} Metaalbouw", "Staalbouw {last}", "Laswerken {last}", "Metaalconstructies {place}"),
        "Atelier {place}",
        (
            Job(
                "Lasser-monteerder",
                ("dl-lasser-monteerder",),
                "Je last en monteert stalen onderdelen volgens een plan, met de juiste bescherming.",
            ),
            Job(
                "Plaatbewerker",
                ("dl-lasser-monteerder",),
                "Je zaagt, plooit en boort plaatstaal en controleert de maten.",
            ),
        ),
        ((A2, 50), (B1, 45), (B2, 5)),
        (("ma-vr 7:00-15:30", (DAY,)), ("ma-vr 6:00-14:00 / 14:00-22:00", (EARLY_LATE,))),
        (*COMMON_SUPPORT, (S.VISUAL_INSTRUCTIONS, 0.4)),
        places={"3600": 6, "3630": 1, "3500": 1, "3920": 1, "3550": 1, "3590": 1, "3650": 1},
        workplaces_per_employer=2.5,
    ),
    SectorPlan(
        Sector.HORTICULTURE,
        7,
        (
            "Fruitbedrijf {last}",
            "Boomgaard {last}",
            "Groenbeheer {last}",
            "Tuinaanleg {last}",
            "Kwekerij {last}",
        ),
        "{place}",
        (
            Job(
                "Medewerker fruitteelt",
                ("dl-medewerker-groenbeheer", "leerwerk-groen-onderhoud"),
                "Je snoeit en plukt fruit, en helpt bij het sorteren in de loods.",
            ),
            Job(
                "Medewerker groenonderhoud",
                ("leerwerk-groen-onderhoud", "dl-medewerker-groenbeheer"),
                "Je maait, snoeit hagen en houdt parken en tuinen net.",
            ),
            Job(
                "Tuinaanlegger",
                ("dl-medewerker-groenbeheer",),
                "Je legt tuinen aan: grondwerk, planten, paden en afsluitingen.",
            ),
        ),
        ((A1, 30), (A2, 50), (B1, 20)),
        (("ma-vr 7:30-16:30, in de pluk ook op zaterdag", (DAY, WEEKEND)),),
        (*COMMON_SUPPORT, (S.LANGUAGE_SUPPORT, 0.4), (S.FLEXIBLE_HOURS, 0.2)),
        places={"3800": 6, "3840": 2, "3890": 1, "3870": 1, "3850": 1, "3700": 1, "3740": 1, "3500": 1},
        workplaces_per_employer=2.0,
    ),
    SectorPlan(
        Sector.CLEANING,
        6,
        ("Schoonmaak {last}", "{last} Cleaning", "Poetsdienst {place}", "Glazenwasserij {last}"),
        "Kantoor {place}",
        (
            Job(
                "Schoonmaker kantoren",
                ("art60-werktraject-schoonmaak", "buso-ov3-medewerker-schoonmaak"),
                "Je poetst kantoren en sanitair volgens een vast plan, vroeg of 's avonds.",
            ),
            Job(
                "Medewerker schoonmaak scholen",
                ("buso-ov3-medewerker-schoonmaak", "art60-werktraject-schoonmaak"),
                "Je maakt klaslokalen en gangen schoon, in een vaste ploeg.",
            ),
        ),
        ((A1, 45), (A2, 45), (B1, 10)),
        (("ma-vr 6:00-10:00 en 17:00-21:00", (EARLY_LATE,)), ("ma-vr 8:00-16:00", (DAY,))),
        (*COMMON_SUPPORT, (S.LANGUAGE_SUPPORT, 0.5), (S.FIXED_STRUCTURE, 0.4), (S.FLEXIBLE_HOURS, 0.3)),
        workplaces_per_employer=3.0,
    ),
    SectorPlan(
        Sector.OFFICE,
        6,
        ("Boekhoudkantoor {last}", "Verzekeringen {last}", "Sociaal secretariaat {last}", "Immo {last}"),
        "Kantoor {place}",
        (
            Job(
                "Onthaalmedewerker",
                ("dl-onthaalmedewerker",),
                "Je ontvangt bezoekers, neemt de telefoon op en verwerkt de post.",
            ),
            Job(
                "Administratief medewerker",
                ("dl-onthaalmedewerker", "graduaat-logistiek"),
                "Je typt gegevens in, klasseert en maakt eenvoudige documenten op.",
            ),
        ),
        ((A2, 5), (B1, 45), (B2, 50)),
        (("ma-vr 8:30-17:00", (DAY,)),),
        (*COMMON_SUPPORT, (S.QUIET_WORKSPACE, 0.4), (S.ACCESSIBLE_BUILDING, 0.4)),
        workplaces_per_employer=1.5,
    ),
    SectorPlan(
        Sector.FOOD,
        5,
        ("Bakkerij {last}", "Slagerij {last}", "Patisserie {last}", "Chocolaterie {last}"),
        "{place}",
        (
            Job(
                "Bakker",
                ("dl-bakker",),
                "Je kneedt deeg, vormt brood en koeken en bakt ze af in de oven.",
            ),
            Job(
                "Verkoper bakkerij",
                ("dl-bakker", "dl-winkelmedewerker"),
                "Je helpt klanten in de winkel, snijdt brood en rekent af.",
            ),
        ),
        ((A1, 10), (A2, 50), (B1, 35), (B2, 5)),
        (("di-za 4:00-12:00", (EARLY_LATE, WEEKEND)), ("ma-vr 6:00-14:00", (EARLY_LATE,))),
        (*COMMON_SUPPORT, (S.FIXED_STRUCTURE, 0.3)),
        workplaces_per_employer=1.6,
    ),
]
SECTOR_PLANS = {plan.sector: plan for plan in SECTORS}


@dataclass(frozen=True)
class FixedEmployer:
    """An employer the demo logins need, with its sites (postcodes) and workplace titles."""

    name: str
    sector: str
    sites: tuple[tuple[str, str], ...]  # (site name, postcode)
    jobs: tuple[str, ...]  # titles from the sector's jobs, one workplace each, spread over the sites
    places: tuple[int, ...] = ()  # places per job this school year, where the logins' story needs them


FIXED_EMPLOYERS = [
    # The demo mentor's bakery: two apprentice bakers and Elif in the shop since September, a place
    # for the learner the mentor is to read about, and one more.
    FixedEmployer(
        "Bakkerij Vandeweyer",
        Sector.FOOD,
        (("Bakkerij Genk", "3600"),),
        ("Bakker", "Verkoper bakkerij"),
        places=(3, 2),
    ),
    FixedEmployer(
        "Logistiek Lommel",
        Sector.LOGISTICS,
        (("Distributiecentrum Lommel", "3920"), ("Crossdock Beringen", "3580"), ("Crossdock Genk", "3600")),
        (
            "Magazijnmedewerker",
            "Orderpicker",
            "Medewerker expeditie",
            "Assistent transportplanning",
            "Orderpicker",
        ),
    ),
    FixedEmployer(
        "WZC Hemelrijk",
        Sector.CARE,
        (("WZC Hemelrijk", "3700"),),
        ("Zorgkundige in opleiding", "Polyvalent verzorgende", "Medewerker schoonmaak zorg"),
    ),
]
