"""Names for the people of the demo region: Flemish, and the Turkish, Moroccan, Italian and Polish names
that belong in Limburg since the coal mines recruited abroad.

Faker has no Moroccan locale (it has Arabic ones, in Arabic script), and its Turkish first names are
mostly rare ones, so those first names (and the Moroccan surnames) come from short lists of names common
among young people in Flanders. Every Faker is seeded: the same seed gives the same names.
"""

import random
from itertools import accumulate

from faker import Faker

FLEMISH, TURKISH, MOROCCAN, ITALIAN, POLISH = "nl_BE", "tr_TR", "ma", "it_IT", "pl_PL"
ORIGINS = [FLEMISH, TURKISH, MOROCCAN, ITALIAN, POLISH]
# Shares per 100 people: in the former mining towns, and elsewhere in the province. Indicative.
MINING_TOWNS = {
    "Genk",
    "Maasmechelen",
    "Beringen",
    "Houthalen-Helchteren",
    "Heusden-Zolder",
    "Dilsen-Stokkem",
    "As",
}
SHARES_MINING = list(accumulate([50, 18, 12, 14, 6]))
SHARES_ELSEWHERE = list(accumulate([84, 5, 5, 3, 3]))

TURKISH_FIRST = {
    "m": [
        "Emre",
        "Yusuf",
        "Mehmet",
        "Ahmet",
        "Burak",
        "Can",
        "Efe",
        "Kerem",
        "Mustafa",
        "Ömer",
        "Hakan",
        "Murat",
        "Serkan",
        "Volkan",
        "Arda",
        "Berkay",
        "Enes",
        "Furkan",
        "Onur",
        "Oğuz",
        "Selim",
        "Tolga",
        "Umut",
        "Yasin",
        "Eren",
    ],
    "f": [
        "Elif",
        "Zeynep",
        "Ayşe",
        "Fatma",
        "Büşra",
        "Esra",
        "Merve",
        "Selin",
        "Dilara",
        "Ebru",
        "Gül",
        "Hatice",
        "Kübra",
        "Melike",
        "Nur",
        "Özlem",
        "Rabia",
        "Sevgi",
        "Tuğba",
        "Yasemin",
        "Derya",
        "Sibel",
        "Emine",
        "Seda",
        "Ecrin",
    ],
}
MOROCCAN_FIRST = {
    "m": [
        "Mohamed",
        "Youssef",
        "Ilias",
        "Adam",
        "Ayoub",
        "Bilal",
        "Hamza",
        "Mehdi",
        "Nabil",
        "Omar",
        "Rachid",
        "Said",
        "Soufiane",
        "Tarik",
        "Zakaria",
        "Anas",
        "Imad",
        "Karim",
        "Khalid",
        "Mourad",
        "Othman",
        "Reda",
        "Yassine",
        "Hicham",
        "Anouar",
    ],
    "f": [
        "Fatima",
        "Amira",
        "Aya",
        "Hajar",
        "Imane",
        "Khadija",
        "Latifa",
        "Malika",
        "Nadia",
        "Nora",
        "Rania",
        "Safae",
        "Salma",
        "Samira",
        "Sara",
        "Souad",
        "Yasmina",
        "Zineb",
        "Hanane",
        "Loubna",
        "Meryem",
        "Nisrine",
        "Siham",
        "Ikram",
        "Chaïma",
    ],
}
MOROCCAN_LAST = [
    "El Amrani",
    "Bouzid",
    "El Idrissi",
    "Benali",
    "Aziz",
    "Boukhari",
    "El Haddad",
    "Bennani",
    "Chaoui",
    "Ouali",
    "Tahiri",
    "El Ouardi",
    "Azzouzi",
    "Bakkali",
    "Zerrouki",
    "Belhaj",
    "Cherkaoui",
    "El Khattabi",
    "Lahlou",
    "Mansouri",
    "Naciri",
    "Rahmouni",
    "Saidi",
    "Touzani",
    "Ziani",
    "Aït Ali",
    "El Mokhtari",
    "Lamrani",
    "Kaddouri",
    "Hamdaoui",
    "El Fassi",
    "Ammari",
    "Essaidi",
    "Hajji",
]


class Names:
    """Seeded name makers, one per origin. `reserved` names (the demo logins') are never made up."""

    def __init__(self, seed: int | str, reserved: frozenset[str] = frozenset()) -> None:
        self.reserved = reserved
        self._fakers: dict[str, Faker] = {}
        for locale in (FLEMISH, TURKISH, ITALIAN, POLISH):
            fake = Faker(locale)
            fake.seed_instance(seed)
            self._fakers[locale] = fake

    @property
    def flemish(self) -> Faker:
        return self._fakers[FLEMISH]

    def origin(self, rng: random.Random, municipality: str) -> str:
        shares = SHARES_MINING if municipality in MINING_TOWNS else SHARES_ELSEWHERE
        return rng.choices(ORIGINS, cum_weights=shares)[0]

    def first(self, rng: random.Random, origin: str, female: bool) -> str:
        gender = "f" if female else "m"
        if origin == TURKISH:
            return rng.choice(TURKISH_FIRST[gender])
        if origin == MOROCCAN:
            return rng.choice(MOROCCAN_FIRST[gender])
        if origin == ITALIAN and rng.random() < 0.5:  # a third generation often has a Flemish first name
            origin = FLEMISH
        fake = self._fakers[origin]
        return fake.first_name_female() if female else fake.first_name_male()

    def last(self, rng: random.Random, origin: str) -> str:
        if origin == MOROCCAN:
            return rng.choice(MOROCCAN_LAST)
        return self._fakers[origin].last_name()

    def pair(self, rng: random.Random, origin: str, female: bool) -> tuple[str, str]:
        """First name and surname."""
        while True:
            first, last = self.first(rng, origin, female), self.last(rng, origin)
            if f"{first} {last}" not in self.reserved:
                return first, last

    def person(self, rng: random.Random, origin: str, female: bool) -> str:
        return " ".join(self.pair(rng, origin, female))
