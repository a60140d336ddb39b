"""What the people of the demo write in a trajectory: Dutch text data, not interface strings.

Short and plain, the way a mentor types on a phone between tasks and a coach writes after a visit. No
names, so every line fits every learner.
"""

from werkbrug.vocab import Sector

PLAN_DRAFT_NOTE = "Ontwerp op basis van de opleiding en de werkplek"
PEER_COACH_NOTE = (
    "Een leerling van het laatste jaar (Junior Praktijkopleider) helpt met plannen en met de eerste "
    "weken op de werkplek."
)

KICKOFF_NOTES = [
    "Startgesprek op de werkplek. Opleidingsplan samen overlopen, rondleiding gekregen, werkrooster en "
    "afspraken over ziekte en verlof besproken.",
    "Kennismaking met de mentor en het team. De leerling stelde zelf vragen over het werk; de eerste "
    "fase van het plan is duidelijk.",
    "Startgesprek: uren, pauzes, werkkledij en veiligheid besproken. Wie belt wie bij afwezigheid staat "
    "nu op papier.",
]
VISIT_NOTES = [
    "Werkplekbezoek. De mentor is tevreden over de inzet; tempo mag nog omhoog. De leerling voelt zich "
    "goed in het team.",
    "Bezoek tijdens de ochtendshift. Taken van deze fase gezien; de leerling werkt nauwkeurig maar vraagt "
    "nog vaak bevestiging.",
    "Korte rondgang en gesprek met de mentor. Stiptheid was even een probleem, is nu in orde.",
    "Werkplekbezoek met evaluatie erbij. Mentor en leerling zien de vooruitgang allebei; we kijken "
    "samen naar de volgende fase.",
    "Bezoek: de leerling toonde zelf wat hij of zij deze maand leerde. Goede sfeer, duidelijke "
    "feedback van de mentor.",
    "Gesprek met mentor en leerling. Communicatie met collega's verloopt beter; veiligheid blijft een "
    "aandachtspunt.",
]
CALL_NOTES = [
    "Telefoon met de mentor: alles loopt, geen bijzonderheden.",
    "Mentor belde: de leerling was twee keer te laat. Afgesproken om dit met de leerling te bespreken.",
    "Kort telefoongesprek met de leerling na de check-in. Het gaat weer beter.",
    "Telefoon met de ouder over het rooster tijdens de examens.",
    "Mentor gebeld om het volgende bezoek te plannen en de evaluatie te bespreken.",
]
ONLINE_NOTES = [
    "Online overleg met mentor en leerling over het aangepaste rooster.",
    "Videogesprek met de mentor: evaluatie samen overlopen, vooral de verschillen in score besproken.",
]
PAUSE_CALL_NOTES = [
    "Telefoon met de leerling en de ouder: het traject wordt even gepauzeerd. We bellen volgende week "
    "opnieuw.",
    "Mentor en leerling gebeld: afgesproken om te pauzeren tot het beter gaat. De plaats blijft vrij.",
]

# Agreements by whoever does it: (what, days to do it in); those of the start-up meeting, and later ones.
START_AGREEMENTS = {
    "learner": [
        ("Werkschoenen en werkkledij meebrengen", 7),
        ("Bij ziekte voor 8 uur de mentor bellen", 7),
        ("Busabonnement aanvragen", 10),
        ("Telefoon in de kluis tijdens het werk", 7),
        ("Op tijd vertrekken: de bus van 7.10 uur nemen", 7),
    ],
    "mentor": [
        ("Vaste vervanger aanduiden als de mentor afwezig is", 14),
        ("Werkrooster van de komende maand doorsturen", 7),
        ("Veiligheidsinstructie geven voor de machines", 10),
    ],
    "coach": [
        ("Schoolrooster afstemmen met de werkplek", 10),
        ("Volgend werkplekbezoek inplannen", 14),
    ],
    "parent": [
        ("Getekende overeenkomst terugbezorgen", 10),
        ("Vervoer regelen op de dagen zonder bus", 7),
    ],
}
AGREEMENTS = {
    "learner": [
        ("Elke vrijdag het logboek invullen", 14),
        ("Eigen evaluatie invullen voor het volgende bezoek", 14),
        ("Vragen stellen als een taak niet duidelijk is, niet wachten", 14),
        ("Zelf een nieuwe taak kiezen om te oefenen", 21),
    ],
    "mentor": [
        ("Evaluatie van deze maand invullen", 10),
        ("Na elke dienst vijf minuten feedback geven", 14),
        ("Taken van de volgende fase tonen en samen oefenen", 21),
        ("Een collega aanduiden die helpt bij drukte", 14),
    ],
    "coach": [
        ("Opleidingsplan bijwerken na dit gesprek", 7),
        ("Ondersteuning bij taal regelen met de leerlingenbegeleiding", 21),
        ("Contact opnemen met de ouder over de afwezigheden", 7),
        ("Evaluatie bespreken met de leerling op school", 14),
    ],
    "parent": [("Samen het rooster van de examens bekijken", 10)],
}
# Elif's own agreement after the last visit, coming up.
STAGIAIR_AGREEMENTS = {
    "learner": [("Zelf een klant helpen van begin tot eind en het in het logboek schrijven", 9)]
}
REVIEW_AGREEMENTS = {
    "learner": [("Zelf een doel kiezen voor de volgende periode", 21)],
    "mentor": [("Meer zelfstandige taken geven in de volgende fase", 28)],
    "coach": [("Plan aanpassen aan wat we in de voortgangsbespreking zagen", 14)],
}

REVIEW_SUMMARIES = {
    "slow": [
        "De leerling zet kleine stappen. Stiptheid en omgaan met feedback vragen nog aandacht; we houden "
        "de eerste fase wat langer aan.",
        "Vooruitgang is er, maar trager dan gepland. Mentor en school begeleiden samen meer; volgende "
        "bespreking kijken we of het tempo omhoog kan.",
    ],
    "steady": [
        "Goede vooruitgang in de taken van deze fase. De leerling werkt nauwkeurig en vraagt op tijd hulp. "
        "Volgende stap: meer zelfstandig werken.",
        "Leerling, mentor en trajectbegeleider zien dezelfde groei. Het plan blijft zoals het is.",
        "De leerling is goed ingewerkt in het team. Tempo en zelfvertrouwen groeien; we houden de fasen "
        "van het plan aan.",
    ],
    "fast": [
        "Sterke vooruitgang: de leerling doet de taken van deze fase al zelfstandig. We schuiven sneller "
        "door naar meer verantwoordelijkheid.",
        "De leerling neemt zelf initiatief en helpt nieuwe collega's. Mentor en school zijn erg tevreden.",
    ],
}

EVALUATION_COMMENTS = {
    "mentor": [
        "Werkt graag en is stipt. Mag nog wat meer zelf vragen stellen.",
        "Goede week gehad, het tempo gaat omhoog.",
        "Nog wat onzeker bij nieuwe taken, maar leert snel.",
        "Komt soms te laat. Verder goed bezig.",
        "Klanten en collega's zijn tevreden.",
        "Doet de basistaken zelfstandig. Volgende stap: plannen.",
    ],
    "coach": [
        "Besproken tijdens het werkplekbezoek; mentor en leerling zijn het grotendeels eens.",
        "Op school zie ik dezelfde groei.",
        "Taalgebruik op de werkvloer gaat vooruit.",
        "Let op de verschillen met de eigen inschatting van de leerling.",
    ],
    "learner": [
        "Ik leer veel en de collega's zijn vriendelijk.",
        "Soms gaat het nog te snel voor mij.",
        "Ik kan nu al veel alleen doen.",
        "Ik wil graag meer verschillende taken doen.",
        "Het is zwaar maar ik vind het leuk.",
    ],
}
SCORE_COMMENTS = {
    "below": [
        "Nog oefenen, lukt met hulp.",
        "Weet hoe het moet, maar nog niet vlot.",
        "Hier werken we de komende weken aan.",
    ],
    "reached": [
        "Lukt zelfstandig.",
        "Doet dit nu zonder hulp.",
        "Sterk punt.",
    ],
}

CHECKIN_NOTES = {
    "good": [
        "Vandaag mocht ik alleen werken.",
        "Leuke week!",
        "Mijn mentor zei dat ik het goed doe.",
        "Ik heb iets nieuws geleerd.",
    ],
    "worrying": [
        "Ik ben moe, de dagen zijn lang.",
        "Een collega doet niet vriendelijk tegen mij.",
        "Ik weet niet goed wat ik moet doen als de mentor er niet is.",
        "Thuis is het moeilijk op dit moment.",
        "Ik vind de bus 's ochtends te vroeg.",
        "Ik wil graag praten over mijn rooster.",
    ],
}

# The learner's and the mentor's logbook, by sector where the work differs; "" for any sector.
LOG_LEARNER = {
    "": [
        "Vandaag voor het eerst een taak helemaal alleen gedaan.",
        "Nieuwe collega leren kennen. Fijne dag.",
        "Veel gevraagd aan mijn mentor, ik snap het nu beter.",
        "Drukke dag, maar ik hield het tempo vol.",
    ],
    Sector.LOGISTICS: [
        "Vandaag zelf een levering gecontroleerd met de scanner.",
        "Orders gepickt in de koelcel. Koud maar leuk.",
    ],
    Sector.RETAIL: [
        "Vandaag aan de kassa gestaan met mijn mentor ernaast.",
        "Rekken aangevuld en de houdbaarheid gecontroleerd.",
    ],
    Sector.FOOD: [
        "Vandaag zelf het deeg voor de pistolets gemaakt.",
        "Om 4 uur begonnen. Zwaar, maar de koffiekoeken waren mooi.",
    ],
    Sector.HOSPITALITY: [
        "Vandaag de saladebar klaargezet voor de lunch.",
        "Hygiëneregels in de keuken opnieuw overlopen.",
    ],
    Sector.CARE: [
        "Vandaag geholpen bij het ontbijt van de bewoners.",
        "Een bewoner vertelde over vroeger. Mooi gesprek.",
    ],
    Sector.METAL: [
        "Eerste lasnaad die goed was volgens mijn mentor.",
        "Veiligheidsbril en handschoenen: nooit vergeten.",
    ],
    Sector.CONSTRUCTION: [
        "Vandaag mee een muur gemetst.",
        "Werf opgeruimd en materiaal geteld.",
    ],
    Sector.HORTICULTURE: [
        "Hagen gesnoeid in het park.",
        "Geleerd hoe de bladblazer veilig werkt.",
    ],
    Sector.CLEANING: [
        "Vandaag alleen de vergaderzalen gepoetst.",
        "Nieuwe producten leren kennen, met de juiste dosering.",
    ],
    Sector.OFFICE: [
        "Vandaag de telefoon beantwoord aan het onthaal.",
        "Bezoekers geregistreerd en badges gemaakt.",
    ],
}
LOG_MENTOR = [
    "Goed gewerkt vandaag, zelfstandig en nauwkeurig.",
    "Was vandaag 20 minuten te laat, besproken.",
    "Heeft een collega spontaan geholpen. Top.",
    "Nieuwe taak uitgelegd; volgende week samen herhalen.",
    "Werkt veilig en houdt de werkplek netjes.",
]

ABSENCE_NOTES = {
    "illness": ["Ziek gemeld bij de mentor.", "Doktersbriefje binnengebracht.", ""],
    "excused": ["Afspraak bij de tandarts.", "Familiale omstandigheden.", "Rijexamen."],
    "unexcused": ["Niet verwittigd.", "Niet komen opdagen; ouder gebeld."],
}

PAUSE_NOTES = {
    "illness": "Langere ziekte; we pauzeren tot de dokter groen licht geeft.",
    "personal": "Moeilijke thuissituatie. Eerst rust, daarna bekijken we het samen opnieuw.",
    "break": "De leerling wil eerst de lessen op school inhalen.",
    "workplace": "De werkplek is enkele weken dicht voor verbouwingen.",
    "other": "In overleg met leerling, ouder en mentor even gepauzeerd.",
}

OUTCOME_NOTES = {
    "job_here": "Krijgt een contract bij de werkplek na het traject.",
    "job_elsewhere": "Vond werk in dezelfde sector, dichter bij huis.",
    "learning": "Gaat verder leren: volgend jaar een vervolgopleiding.",
    "seeking": "Zoekt nu werk; de trajectbegeleider gaf contacten door.",
    "other": "",
}
LEFT_NOTES = {
    "mismatch": "Leerling en werkplek pasten niet bij elkaar; we zoeken samen een nieuwe plaats.",
    "motivation": "De motivatie was weg. Gesprek met leerling en ouder gehad.",
    "mobility": "De werkplek was met de bus niet op tijd te bereiken.",
    "health": "Gestopt om gezondheidsredenen.",
    "personal": "Gestopt door de situatie thuis.",
    "workplace": "De werkplek kon geen mentor meer vrijmaken.",
    "job": "Vond een vaste job bij een ander bedrijf.",
    "other": "Gestopt in overleg.",
}
FOLLOW_UP_NOTES = {
    "working": ["Werkt nog steeds, tevreden.", "Werkt voltijds, vast contract."],
    "learning": ["Volgt een vervolgopleiding.", "Is gestart met een nieuwe opleiding."],
    "seeking": ["Zoekt nog werk; ingeschreven bij VDAB.", "Solliciteert; twee gesprekken gepland."],
    "other": ["Zorgt voor een familielid thuis."],
    "unreachable": ["Twee keer gebeld, geen antwoord."],
}
SURVEY_COMMENTS = {
    "learner": [
        "Meer tijd met mijn mentor.",
        "De trajectbegeleider mocht vaker komen.",
        "Alles was goed.",
        "Duidelijker uitleg in het begin.",
        "",
    ],
    "mentor": [
        "Sneller contact met de school als er iets is.",
        "Minder papierwerk.",
        "Goede samenwerking, graag opnieuw.",
        "",
    ],
}
