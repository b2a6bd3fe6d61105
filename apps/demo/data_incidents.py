"""The incidents of the two seed reports. Summaries are ours; facts, dates, counts and
sources are the reports'. Citations name a source by its URL as cited, or a report key.

Report 1: ISW Special Report, 5 Nov 2025 ("isw-2025-11-05"), footnotes [1]-[34].
Report 2: ISW excerpt on the 'Klyazma' sanatorium ("isw-klyazma-2025"). Its takeaway on
prosecutions of Ukrainian POWs and civilians does not concern children and is not an
incident of this database.
"""

R1 = "isw-2025-11-05"
R2 = "isw-klyazma-2025"
LB_TG = "https://t.me/malvovabelova/"


def day(iso: str) -> dict:
    """Happened and reported on the day the report gives."""
    return {
        "occurred_precision": "day",
        "occurred_start": iso,
        "reported_on": iso,
        "reported_precision": "day",
    }


# Neither the report nor its sources date it.
UNDATED = {"occurred_precision": "unknown", "reported_precision": "unknown"}


INCIDENTS = [
    {
        "key": "2025-10-10-return-seven",
        "title": "Melania Trump announces return of seven deported Ukrainian children",
        "type": "return",
        **day("2025-10-10"),
        "summary": "The US First Lady announced that she had worked with Vladimir Putin to "
        "secure the return of seven Ukrainian children whom Russia had deported, and that she "
        "has an 'open channel of communication' with Putin on the issue.",
        "officials": [
            ("melania-trump", "stated", ""),
            ("putin", "other", "worked with the First Lady on the return"),
        ],
        "groups": [
            {
                "key": "g-return-seven",
                "description": "children returned to Ukraine",
                "qualifier": "exact",
                "count": 7,
                "placement": "returned",
                "destinations": ["UA"],
            }
        ],
        "citations": [
            (
                "https://x.com/i/broadcasts/1lDxLBqLPMkGm",
                "1",
                "Announcement of the return of seven children",
                "g-return-seven",
            )
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2025-10-10-dmitriev-emojis",
        "title": "Kirill Dmitriev answers the return announcement with Russian and US flag emojis",
        "type": "statement",
        **day("2025-10-10"),
        "summary": "RDIF CEO and Kremlin negotiator Kirill Dmitriev replied to the First Lady's "
        "announcement with a Russian flag, shaking hands and a US flag, treating deported "
        "children as leverage for restoring US-Russia relations (ISW assessment).",
        "officials": [("dmitriev", "stated", "")],
        "organizations": [("rdif", "other", "")],
        "citations": [
            ("https://x.com/kadmitriev/status/1976665471698280772", "2", "Dmitriev's reply", None),
            (
                "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-"
                "assessment-february-18-2025/",
                "3",
                "Dmitriev's earlier offers to the US",
                None,
            ),
            (
                "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-"
                "assessment-october-25-2025/",
                "3",
                "Dmitriev's earlier offers to the US",
                None,
            ),
            (
                "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-"
                "assessment-october-17-2025/",
                "3",
                "Dmitriev's earlier offers to the US",
                None,
            ),
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2025-10-10-senate-act",
        "title": "US Senate passes the Abducted Ukrainian Children Recovery and Accountability Act",
        "type": "other",
        **day("2025-10-10"),
        "summary": "The bipartisan act supports Ukraine's efforts to investigate and track the "
        "tens of thousands of children Russia has deported.",
        "organizations": [("us-senate", "other", "passed the act")],
        "citations": [
            (
                "https://www.klobuchar.senate.gov/public/index.cfm/news-releases?ID="
                "E96731B9-8A76-467D-AE36-E0AC17DB4FFC",
                "4",
                "Passage of the act",
                None,
            )
        ],
        "verification": "verified",
        "published": True,
    },
    {
        "key": "2025-10-24-zakharova",
        "title": "Zakharova condemns US legislation, claims "
        "122 children repatriated, calls deportation reports 'Bucha-style fakes'",
        "type": "statement",
        **day("2025-10-24"),
        "summary": "At a press conference the Foreign Ministry spokesperson called the Senate "
        "act 'anti-Russian' and 'an attempt to undermine the established dialogue between "
        "Russia and the US', said returned children had lost contact with their families 'for "
        "various reasons', claimed Russia had repatriated 122 children to parents or relatives "
        "in Ukraine, and called all statements about deportations 'Bucha-style fakes'.",
        "officials": [("zakharova", "stated", "")],
        "organizations": [("mfa", "stated", "")],
        "groups": [
            {
                "key": "g-zakharova-122",
                "description": "children Russia says it "
                "repatriated to parents or relatives in Ukraine",
                "qualifier": "exact",
                "count": 122,
                "aggregate": True,
                "claimed_by": "russian_authorities",
                "placement": "returned",
                "destinations": ["UA"],
                "accompanied": "unknown",
            }
        ],
        "citations": [
            (
                "https://www.ohchr.org/sites/default/files/documents/countries/ukraine/2022/"
                "2022-12-07-OHCHR-Thematic-Report-Killings-EN.pdf",
                "5",
                "Bucha killings are documented (the 'fakes' narrative is debunked)",
                None,
            ),
            (
                "https://t.me/MID\\_Russia/67743",
                "6",
                "Claim of 122 children repatriated",
                "g-zakharova-122",
            ),
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2025-06-istanbul-hundreds",
        "title": "Russian officials say Ukraine's Istanbul list names only 'hundreds' of children",
        "type": "statement",
        "occurred_precision": "month",
        "occurred_start": "2025-06-01",
        "occurred_as_stated": "June 2025, during the Istanbul negotiations",
        "reported_on": "2025-06-04",
        "reported_precision": "day",
        "summary": "During the June 2025 Istanbul talks, Lvova-Belova, Zakharova and Russian "
        "media said Ukraine handed over a list of 'hundreds', not 'thousands', of children, to "
        "undermine Ukraine's verified figure. Russian officials present Ukraine as the "
        "obstructive party although the Kremlin refuses meaningful negotiation (ISW).",
        "officials": [("lvova-belova", "stated", ""), ("zakharova", "stated", "")],
        "groups": [
            {
                "key": "g-istanbul-hundreds",
                "description": "children on Ukraine's list, as Russia characterises it",
                "qualifier": "unknown",
                "as_stated": "'hundreds' as opposed to 'thousands'",
                "aggregate": True,
                "claimed_by": "russian_authorities",
            }
        ],
        "citations": [
            ("https://regnum dot ru/article/3968817", "7", "The 'hundreds' claim", None),
            (
                "https://www.mk dot ru/politics/2025/06/04/lvovabelova-rossiya-ne-pokhishhala-"
                "detey-s-ukrainy.html",
                "7",
                "Lvova-Belova: Russia did not abduct children",
                None,
            ),
            (
                "https://rg dot ru/2025/06/04/zaharova-publikaciia-spiska-ukrainskih-detey-stala-"
                "shokom-dlia-sozdatelej-fejkov.html",
                "7",
                "Zakharova on the list",
                None,
            ),
            (
                "https://tsargrad dot tv/news/lvova-belova-rossija-vedjot-rabotu-po-kazhdomu-"
                "rebjonku-iz-peredannogo-ukrainoj-spiska\\_1277680",
                "7",
                "Lvova-Belova on the list",
                None,
            ),
            ("https://t.me/tass\\_agency/318730", "7", "The 'hundreds' claim (TASS)", None),
            (
                "https://understandingwar.org/research/russia-ukraine/why-putin-remains-"
                "uninterested-in-meaningful-negotiations-with-ukraine/",
                "9",
                "Kremlin unwilling to negotiate meaningfully",
                None,
            ),
            (
                "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-"
                "assessment-october-20-2025/",
                "9",
                "Kremlin unwilling to negotiate meaningfully",
                None,
            ),
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2025-06-ukraine-19546",
        "title": "Ukraine: at least 19,546 children verified "
        "as deported; names withheld from Russia",
        "type": "statement",
        "occurred_precision": "month",
        "occurred_start": "2025-06-01",
        "occurred_as_stated": "June 2025",
        "reported_on": "2025-06-04",
        "reported_precision": "day",
        "summary": "Ukraine's government has confirmed that Russia deported at least 19,546 "
        "children. Ukrainian officials chose not to hand Russia the list of verified names, "
        "fearing Russia would move children or change their names to complicate tracking, as "
        "it has done in documented cases.",
        "organizations": [("ukraine-government", "stated", "officially confirmed figure")],
        "groups": [
            {
                "key": "g-ukraine-19546",
                "description": "children Ukraine has verified as deported",
                "qualifier": "at_least",
                "count": 19546,
                "aggregate": True,
                "claimed_by": "ukrainian_authorities",
                "origins": ["UA"],
                "destinations": ["RU"],
            }
        ],
        "citations": [
            (
                "https://www.euronews.com/2025/06/04/ukraine-demands-return-of-children-taken-by-"
                "russia-how-did-kyiv-come-up-with-the-list",
                "8",
                "How Kyiv compiled the list",
                "g-ukraine-19546",
            ),
            (
                "https://www.bbc.com/news/world-europe-67488646",
                "8",
                "Russia moved children and changed names",
                None,
            ),
            (
                "https://en.interfax.com.ua/news/general/913746",
                "8",
                "Names withheld from Russia",
                None,
            ),
        ],
        "verification": "verified",
        "published": True,
    },
    {
        "key": "russia-no-documentation",
        "title": "Russia provides no documentation for the children it has taken",
        "type": "other",
        "occurred_precision": "unknown",
        "reported_on": "2025-11-05",
        "reported_precision": "day",
        "summary": "Russia has not provided documentation for any of the children it has taken "
        "from Ukraine, in violation of its international legal obligations.",
        "citations": [
            (
                "https://files-profile.medicine.yale.edu/documents/5444c3da-1285-489e-"
                "926a-b6d5cfb699a2",
                "10",
                "No documentation provided",
                None,
            )
        ],
        "verification": "corroborated",
        "published": False,
    },
    {
        "key": "2022-06-09-108-awaiting",
        "title": "Lvova-Belova: 108 children from Donetsk "
        "Oblast await placement in Russian families",
        "type": "statement",
        **day("2022-06-09"),
        "summary": "Lvova-Belova told RIA Novosti that 108 children from occupied Donetsk "
        "Oblast were awaiting placement in families in Moscow, Tula, Kaluga, Rostov and "
        "Voronezh oblasts and Yamalo-Nenets Autonomous Okrug.",
        "origins": ["UA-14"],
        "destinations": ["RU-MOS", "RU-TUL", "RU-KLU", "RU-ROS", "RU-VOR", "RU-YAN"],
        "occupied": True,
        "officials": [("lvova-belova", "stated", "to RIA Novosti")],
        "groups": [
            {
                "key": "g-108",
                "description": "children awaiting placement in families",
                "qualifier": "exact",
                "count": 108,
                "placement": "family_pending",
            }
        ],
        "citations": [
            (
                "https://ria.ru/20220608/deti-1793939863.html",
                "11",
                "108 children awaiting placement",
                "g-108",
            ),
            (LB_TG + "354", "11", "108 children awaiting placement", "g-108"),
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2022-07-22-kaluga-25",
        "title": "Kaluga Oblast families 'took in' 25 orphans from Donetsk Oblast",
        "type": "foster",
        **day("2022-07-22"),
        "summary": "Lvova-Belova stated that families in Kaluga Oblast had 'taken in' 25 "
        "orphans from occupied Donetsk Oblast.",
        "origins": ["UA-14"],
        "destinations": ["RU-KLU"],
        "occupied": True,
        "officials": [("lvova-belova", "stated", "")],
        "groups": [
            {
                "key": "g-kaluga-25",
                "description": "orphans taken in by families",
                "qualifier": "exact",
                "count": 25,
                "placement": "family",
                "orphan_status": "orphans",
            }
        ],
        "citations": [(LB_TG + "384", "12", "25 orphans taken in", "g-kaluga-25")],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-08-23-krasnodar-mariupol",
        "title": "Krasnodar Krai: over 1,000 Mariupol "
        "children 'found new families'; 300 await adoption",
        "type": "adoption",
        **day("2022-08-23"),
        "summary": "A Krasnodar Krai administration post, since deleted, said 'children from "
        "Mariupol are looking for new families': over 1,000 had 'already found new families' "
        "in Tyumen, Irkutsk and Kemerovo oblasts and Altai Krai, and 300 were in Krasnodar "
        "Krai orphanages awaiting adoption. The post survives only as an archived copy and "
        "screenshots.",
        "origins": ["mariupol"],
        "destinations": ["RU-TYU", "RU-IRK", "RU-KEM", "RU-ALT", "RU-KDA"],
        "occupied": True,
        "organizations": [("krasnodar-admin", "stated", "post since deleted")],
        "groups": [
            {
                "key": "g-mariupol-1000",
                "description": "Mariupol children who 'found new families'",
                "qualifier": "over",
                "count": 1000,
                "as_stated": "over 1,000",
                "placement": "family",
                "origins": ["mariupol"],
                "destinations": ["RU-TYU", "RU-IRK", "RU-KEM", "RU-ALT"],
            },
            {
                "key": "g-krasnodar-300",
                "description": "children in Krasnodar Krai orphanages awaiting adoption",
                "qualifier": "exact",
                "count": 300,
                "placement": "orphanage",
                "origins": ["mariupol"],
                "destinations": ["RU-KDA"],
            },
        ],
        "citations": [
            ("krasnodar-post-2022-08-23", "13", "The original post (removed)", None),
            (
                "https://understandingwar.org/research/russia-ukraine/putin-is-still-stealing-"
                "ukrainian-children-2/",
                "13",
                "Screenshot of the removed post",
                None,
            ),
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2022-10-07-mod-234",
        "title": "Russian MoD flights transferred 234 children "
        "from Donetsk Oblast to Moscow Oblast",
        "type": "transfer",
        **day("2022-10-07"),
        "summary": "Lvova-Belova stated that Russian Ministry of Defense flights had "
        "transferred 234 Ukrainian children from occupied Donetsk Oblast to Moscow Oblast. The "
        "125 who arrived on 16 Sep 2022 are among them.",
        "origins": ["UA-14"],
        "destinations": ["RU-MOS"],
        "occupied": True,
        "officials": [("lvova-belova", "stated", "")],
        "organizations": [("mod", "transported", "MoD flights")],
        "groups": [
            {
                "key": "g-234",
                "description": "children flown by the MoD",
                "qualifier": "exact",
                "count": 234,
                "placement": "unknown",
            }
        ],
        "citations": [(LB_TG + "644", "15", "234 children in total", "g-234")],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2022-09-16-mod-125",
        "title": "'Largest group in recent memory': 125 children "
        "arrive in Moscow Oblast on MoD flights",
        "type": "transfer",
        **day("2022-09-16"),
        "summary": "Lvova-Belova posted that 'the largest group of children and teenagers in "
        "recent memory', 125 in total, had arrived in Moscow Oblast from occupied Donetsk "
        "Oblast on Russian Ministry of Defense flights.",
        "origins": ["UA-14"],
        "destinations": ["RU-MOS"],
        "occupied": True,
        "officials": [("lvova-belova", "stated", "")],
        "organizations": [("mod", "transported", "MoD flights")],
        "groups": [
            {
                "key": "g-125",
                "description": "children and teenagers",
                "qualifier": "exact",
                "count": 125,
                "placement": "unknown",
                "links": [("g-234", "part")],
            }
        ],
        "citations": [(LB_TG + "569", "14", "125 children arrived", "g-125")],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2022-09-22-nizhny-25",
        "title": "25 children from Donetsk Oblast arrive in "
        "Nizhny Novgorod Oblast to 'meet their adoptive parents'",
        "type": "adoption",
        **day("2022-09-22"),
        "summary": "Lvova-Belova posted footage of 25 children from occupied Donetsk Oblast "
        "arriving in Nizhny Novgorod Oblast to 'meet their adoptive parents'.",
        "origins": ["UA-14"],
        "destinations": ["RU-NIZ"],
        "occupied": True,
        "officials": [("lvova-belova", "stated", "posted footage")],
        "groups": [
            {
                "key": "g-nizhny-25",
                "qualifier": "exact",
                "count": 25,
                "description": "children meeting adoptive parents",
                "placement": "adoption",
            }
        ],
        "citations": [(LB_TG + "580", "16", "25 children arriving", "g-nizhny-25")],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-09-25-kola-11",
        "title": "Kola Peninsula families adopted 11 children from Donetsk and Luhansk oblasts",
        "type": "adoption",
        **day("2022-09-25"),
        "summary": "The Murmansk Ministry of Information Policy reported that families from the "
        "Kola Peninsula had adopted 11 children from occupied Donetsk and Luhansk oblasts.",
        "origins": ["UA-14", "UA-09"],
        "destinations": ["kola"],
        "occupied": True,
        "organizations": [("murmansk-info", "stated", "")],
        "groups": [
            {
                "key": "g-kola-11",
                "qualifier": "exact",
                "count": 11,
                "description": "adopted children",
                "placement": "adoption",
            }
        ],
        "citations": [
            (
                "https://fedpress dot ru/news/51/society/3103958",
                "17",
                "11 children adopted",
                "g-kola-11",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-09-28-omsk-17",
        "title": "Omsk Oblast families adopted 17 orphans from Donetsk and Luhansk oblasts",
        "type": "adoption",
        **day("2022-09-28"),
        "summary": "Argumenty i Fakty reported that families in Omsk Oblast had adopted 17 "
        "orphans from occupied Donetsk and Luhansk oblasts.",
        "origins": ["UA-14", "UA-09"],
        "destinations": ["RU-OMS"],
        "occupied": True,
        "groups": [
            {
                "key": "g-omsk-17",
                "qualifier": "exact",
                "count": 17,
                "description": "orphans",
                "placement": "adoption",
                "orphan_status": "orphans",
            }
        ],
        "citations": [
            (
                "https://omsk.aif dot ru/society/reys\\_v\\_novuyu\\_zhizn\\_omskie\\_semi"
                "\\_prinyali\\_na\\_vospitanie\\_17\\_sirot\\_iz\\_donbassa?ysclid="
                "mdt8zor9u6593353999",
                "18",
                "17 orphans adopted",
                "g-omsk-17",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-09-30-novosibirsk-49",
        "title": "Novosibirsk Oblast calls for families "
        "for 49 children aged 1-18 from Donetsk and Luhansk oblasts",
        "type": "statement",
        **day("2022-09-30"),
        "summary": "The Novosibirsk Oblast Social Policy Department called for the placement "
        "of 49 children from occupied Donetsk and Luhansk oblasts, aged one to 18, with "
        "Novosibirsk Oblast families.",
        "origins": ["UA-14", "UA-09"],
        "destinations": ["RU-NVS"],
        "occupied": True,
        "organizations": [("novosibirsk-social", "stated", "")],
        "groups": [
            {
                "key": "g-novosibirsk-49",
                "qualifier": "exact",
                "count": 49,
                "description": "children to be placed with families",
                "age_min": 1,
                "age_max": 18,
                "ages_as_stated": "aged one to 18",
                "placement": "family_pending",
            }
        ],
        "citations": [
            (
                "https://fedpress dot ru/news/54/society/3107888",
                "19",
                "Call to place 49 children",
                "g-novosibirsk-49",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "united-russia-shakhovskoy",
        "title": "United Russia thanks a Shakhovskiy Raion "
        "family for adopting at least four children from Donetsk Oblast",
        "type": "adoption",
        **UNDATED,
        "summary": "The ruling United Russia party sent a family from Shakhovskiy Raion, Moscow "
        "Oblast, a letter of gratitude for adopting at least four children from occupied "
        "Donetsk Oblast.",
        "origins": ["UA-14"],
        "destinations": ["shakhovskoy"],
        "occupied": True,
        "organizations": [("united-russia", "other", "sent a letter of gratitude")],
        "groups": [
            {
                "key": "g-shakhovskoy-4",
                "qualifier": "at_least",
                "count": 4,
                "description": "children adopted by one family",
                "placement": "adoption",
            }
        ],
        "citations": [
            (
                "https://vk dot com/wall-30023195\\_34776",
                "20",
                "Letter of gratitude",
                "g-shakhovskoy-4",
            ),
            (
                "https://www.er-shahovskaya dot ru/news/1766",
                "20",
                "Letter of gratitude",
                "g-shakhovskoy-4",
            ),
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-10-04-bashkortostan-32",
        "title": "Bashkortostan brought 32 children aged "
        "7-11 from Donetsk Oblast for 'permanent residence'",
        "type": "transfer",
        **day("2022-10-04"),
        "summary": "Bashkortostan's Minister of Family, Labor, and Social Protection stated "
        "that the republic's authorities had brought 32 children aged seven to 11 from "
        "occupied Donetsk Oblast for 'permanent residence'.",
        "origins": ["UA-14"],
        "destinations": ["RU-BA"],
        "occupied": True,
        "officials": [("ivanova", "stated", "")],
        "organizations": [("bashkortostan-ministry", "organized", "")],
        "groups": [
            {
                "key": "g-bashkortostan-32",
                "qualifier": "exact",
                "count": 32,
                "age_min": 7,
                "age_max": 11,
                "ages_as_stated": "aged seven to 11",
                "placement": "permanent_residence",
            }
        ],
        "citations": [
            (
                "https://gtrkrb dot ru/proekty/vesti-intervyu/285711-lenara-ivanova-"
                "udivlyaet-skolko-bashkirii-lyudey-pozhelavshih-usynovit?ysclid="
                "m8q4k86ny731183590&utm\\_source=yandex.ru&utm\\_medium=organic&utm"
                "\\_campaign=yandex.ru&utm\\_referrer=yandex.ru",
                "21",
                "32 children brought",
                "g-bashkortostan-32",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-10-11-tyumen-15",
        "title": "15 children from Luhansk Oblast adopted in "
        "Tyumen Oblast, seven of them in Yarkovo District",
        "type": "adoption",
        **day("2022-10-11"),
        "summary": "Natalia Titova of Yarkovo District stated that 15 children from occupied "
        "Luhansk Oblast had been adopted into families in Tyumen Oblast; seven of them, aged "
        "two to 14, into families in Yarkovo District.",
        "origins": ["UA-09"],
        "destinations": ["RU-TYU"],
        "occupied": True,
        "officials": [("titova", "stated", "")],
        "groups": [
            {
                "key": "g-tyumen-15",
                "qualifier": "exact",
                "count": 15,
                "description": "children adopted in Tyumen Oblast",
                "placement": "adoption",
            },
            {
                "key": "g-yarkovo-7",
                "qualifier": "exact",
                "count": 7,
                "description": "children adopted in Yarkovo District",
                "age_min": 2,
                "age_max": 14,
                "ages_as_stated": "aged two to 14",
                "placement": "adoption",
                "destinations": ["yarkovo"],
                "links": [("g-tyumen-15", "part")],
            },
        ],
        "citations": [
            ("https://yar72 dot ru/archives/23026", "22", "15 adopted, 7 in Yarkovo", None)
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-10-13-novosibirsk-24",
        "title": "24 children aged 2-16 from Luhansk "
        "Oblast arrive in Novosibirsk Oblast for adoption",
        "type": "adoption",
        **day("2022-10-13"),
        "summary": "Lvova-Belova reported that 24 children aged two to 16 from occupied Luhansk "
        "Oblast, some with unspecified disabilities, had arrived in Novosibirsk Oblast for "
        "adoption.",
        "origins": ["UA-09"],
        "destinations": ["RU-NVS"],
        "occupied": True,
        "officials": [("lvova-belova", "stated", "")],
        "groups": [
            {
                "key": "g-novosibirsk-24",
                "qualifier": "exact",
                "count": 24,
                "description": "children arriving for adoption",
                "age_min": 2,
                "age_max": 16,
                "ages_as_stated": "aged two to 16",
                "placement": "adoption",
                "with_disabilities": "some",
            }
        ],
        "citations": [(LB_TG + "668", "23", "24 children arrived", "g-novosibirsk-24")],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2025-10-01-novosibirsk-24-followup",
        "title": "Novosibirsk media report on the 24 Luhansk children three years on",
        "type": "adoption",
        **day("2025-10-01"),
        "summary": "Novosibirsk Oblast media detailed the lives of the 24 children from "
        "Luhansk Oblast in Novosibirsk families over the past three years. These are the same "
        "children as those reported on 13 Oct 2022.",
        "origins": ["UA-09"],
        "destinations": ["RU-NVS"],
        "occupied": True,
        "groups": [
            {
                "key": "g-novosibirsk-24-2025",
                "qualifier": "exact",
                "count": 24,
                "description": "children living in Novosibirsk families",
                "placement": "family",
                "links": [("g-novosibirsk-24", "same")],
            }
        ],
        "citations": [
            (
                "https://www.nsktv dot ru/news/obshchestvo/vesti\\_uznali\\_o\\_zhizni"
                "\\_detey\\_iz\\_novykh\\_rossiyskikh\\_regionov\\_v\\_novosibirskikh"
                "\\_semyakh/",
                "24",
                "The 24 children three years on",
                "g-novosibirsk-24-2025",
            )
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2022-11-10-photo-album-288",
        "title": "Lvova-Belova gives Pushilin an album of "
        "288 children who 'found parents' in 15 federal subjects",
        "type": "adoption",
        **day("2022-11-10"),
        "summary": "Meeting DNR head Denis Pushilin, Lvova-Belova presented him with a photo "
        "album of 288 Ukrainian children who 'found parents' in 15 Russian federal subjects.",
        "origins": ["UA-14"],
        "destinations": ["RU"],
        "occupied": True,
        "officials": [
            ("lvova-belova", "visited", "presented the album"),
            ("pushilin", "received", ""),
        ],
        "groups": [
            {
                "key": "g-album-288",
                "qualifier": "exact",
                "count": 288,
                "description": "children who 'found parents' in 15 federal subjects",
                "placement": "family",
            }
        ],
        "citations": [(LB_TG + "752", "25", "Album of 288 children", "g-album-288")],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-12-14-yamal-20",
        "title": "Yamalo-Nenets families adopted over 20 children from four occupied oblasts",
        "type": "adoption",
        **day("2022-12-14"),
        "summary": "Governor Dmitry Artyukhov stated that families in the Okrug had adopted "
        "over 20 children from occupied Donetsk, Kherson, Zaporizhzhia and Luhansk oblasts.",
        "origins": ["UA-14", "UA-65", "UA-23", "UA-09"],
        "destinations": ["RU-YAN"],
        "occupied": True,
        "officials": [("artyukhov", "stated", "")],
        "groups": [
            {
                "key": "g-yamal-20",
                "qualifier": "over",
                "count": 20,
                "as_stated": "over 20",
                "description": "adopted children",
                "placement": "adoption",
            }
        ],
        "citations": [
            (
                "https://sever-press.ru/news/obshchestvo/jamalskie-semi-prinjali-"
                "desjatki-detey-donbassa/",
                "26",
                "Over 20 adopted",
                "g-yamal-20",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2022-12-21-ryazan-6",
        "title": "Lvova-Belova visits Ryazan Oblast family that "
        "adopted six siblings from Donetsk Oblast",
        "type": "adoption",
        **day("2022-12-21"),
        "summary": "Lvova-Belova visited a family in Ryazan Oblast that had adopted six "
        "siblings from occupied Donetsk Oblast.",
        "origins": ["UA-14"],
        "destinations": ["RU-RYA"],
        "occupied": True,
        "officials": [("lvova-belova", "visited", "")],
        "groups": [
            {
                "key": "g-ryazan-6",
                "qualifier": "exact",
                "count": 6,
                "description": "siblings",
                "placement": "adoption",
                "siblings": "all",
            }
        ],
        "citations": [(LB_TG + "920", "27", "Six siblings adopted", "g-ryazan-6")],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2023-02-16-putin-appeals",
        "title": "Putin: significant increase in Russian "
        "families seeking to adopt children from occupied Ukraine",
        "type": "statement",
        **day("2023-02-16"),
        "summary": "Vladimir Putin said that appeals from Russian families seeking to adopt "
        "children from occupied Ukraine had increased significantly since 2022.",
        "officials": [("putin", "stated", "")],
        "citations": [
            (
                "https://ria dot ru/20230216/regiony-1852439917.html",
                "28",
                "Increase in adoption appeals",
                None,
            )
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2023-07-annual-report-700000",
        "title": "Commissioner's annual report: 700,000 "
        "children 'accepted', at least 1,500 orphans, 380 in foster families",
        "type": "statement",
        # From 2022 (a year) to the report of July 2023 (a month): no day is given.
        "occurred_precision": "range",
        "occurred_start": "2022-01-01",
        "occurred_start_precision": "year",
        "occurred_end": "2023-07-01",
        "occurred_end_precision": "month",
        "occurred_as_stated": "since 2022 (as of the July 2023 annual report)",
        "reported_on": "2023-07-01",
        "reported_precision": "month",
        "summary": "The Office of the Russian Commissioner for Children's Rights reported that "
        "Russia had 'accepted' 700,000 children from Ukraine since 2022, most with parents or "
        "legal guardians; at least 1,500 orphans from occupied Donetsk and Luhansk oblasts also "
        "arrived, 380 of whom were placed in foster families across 19 federal subjects.",
        "origins": ["UA"],
        "destinations": ["RU"],
        "occupied": True,
        "officials": [("lvova-belova", "stated", "annual report of her office")],
        "organizations": [("ombudsman-federal", "stated", "annual report")],
        "groups": [
            {
                "key": "g-700000",
                "description": "children 'accepted' from Ukraine",
                "qualifier": "exact",
                "count": 700000,
                "as_stated": "a total of 700,000",
                "aggregate": True,
                "claimed_by": "russian_authorities",
                "accompanied": "most",
                "accompanied_note": "the majority came with parents or legal guardians",
                "placement": "unknown",
            },
            {
                "key": "g-orphans-1500",
                "description": "orphans from Donetsk and Luhansk oblasts",
                "qualifier": "at_least",
                "count": 1500,
                "orphan_status": "orphans",
                "accompanied": "none",
                "origins": ["UA-14", "UA-09"],
            },
            {
                "key": "g-foster-380",
                "description": "orphans placed in foster families across 19 federal subjects",
                "qualifier": "exact",
                "count": 380,
                "placement": "foster",
                "orphan_status": "orphans",
                "origins": ["UA-14", "UA-09"],
                "links": [("g-orphans-1500", "part")],
            },
        ],
        "citations": [
            (
                "https://www.rbc dot ru/politics/30/07/2023/64c6c3119a794777ebcc7766?from=from"
                "\\_main\\_11",
                "29",
                "700,000 children 'accepted'",
                "g-700000",
            ),
            (
                "https://www.rbc dot ru/politics/30/07/2023/64c6c3119a794777ebcc7766?from=from"
                "\\_main\\_11",
                "30",
                "At least 1,500 orphans, 380 in foster families",
                "g-orphans-1500",
            ),
        ],
        "verification": "corroborated",
        "published": True,
    },
    {
        "key": "2024-09-05-moscow-oblast-213",
        "title": "Moscow Oblast: 213 Ukrainian orphans "
        "and children without parental care, 112 in foster families",
        "type": "statement",
        **day("2024-09-05"),
        "summary": "Moscow Oblast's children's-rights commissioner said that as of 5 Sep 2024, "
        "213 Ukrainian orphans and children without parental care lived in the oblast, 112 "
        "of them with foster families, and that they struggled to adapt because of 'the "
        "consequences of Russophobic propaganda'.",
        "origins": ["UA"],
        "destinations": ["RU-MOS"],
        "occupied": True,
        "officials": [("mishonova", "stated", "")],
        "groups": [
            {
                "key": "g-mosobl-213",
                "qualifier": "exact",
                "count": 213,
                "description": "orphans and children without parental care",
                "orphan_status": "orphans_or_without_care",
                "placement": "unknown",
            },
            {
                "key": "g-mosobl-112",
                "qualifier": "exact",
                "count": 112,
                "description": "living with foster families",
                "placement": "foster",
                "orphan_status": "orphans_or_without_care",
                "links": [("g-mosobl-213", "part")],
            },
        ],
        "citations": [
            (
                "https://detimo dot mosreg.ru/sobytiya/novosti-ministerstva/kseniya-"
                "misonova-rasskazala-o-detyax-donbassa-v-podmoskove",
                "31",
                "213 children, 112 in foster families",
                "g-mosobl-213",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2024-11-01-baptism",
        "title": "ROC bishop baptises foster children in Moscow "
        "Oblast, including five from Donetsk Oblast",
        "type": "other",
        **day("2024-11-01"),
        "summary": "Bishop Kirill of Sergiev Posad and Dmitrov baptised foster children in "
        "Moscow Oblast, including five children aged six to 16 from occupied Donetsk Oblast, at "
        "an event organized by the World Russian People's Council and the Office of the "
        "Moscow Children's Rights Commissioner.",
        "origins": ["UA-14"],
        "destinations": ["RU-MOS"],
        "occupied": True,
        "officials": [("bishop-kirill", "other", "conducted the baptism")],
        "organizations": [
            ("roc", "other", ""),
            ("wrpc", "organized", ""),
            ("ombudsman-moscow", "organized", ""),
        ],
        "groups": [
            {
                "key": "g-baptism-5",
                "qualifier": "exact",
                "count": 5,
                "age_min": 6,
                "age_max": 16,
                "ages_as_stated": "aged six to 16",
                "description": "foster children baptised",
                "placement": "foster",
            }
        ],
        "citations": [
            (
                "https://detimo.mosreg dot ru/sobytiya/novosti-ministerstva/episkop-"
                "sergievo-posadskii-i-dmitrovskii-kirill-soversil-tainstvo-kreshheniya-"
                "dlya-detei-iz-priyomnyx-semei-podmoskovya",
                "32",
                "Baptism of five",
                "g-baptism-5",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2024-11-08-bryansk-20",
        "title": "Bryansk Oblast commissioner: 20 children from "
        "Donetsk and Luhansk oblasts live in a shelter",
        "type": "orphanage",
        **day("2024-11-08"),
        "summary": "Inna Mukhina visited an orphanage in Bryansk Oblast and stated that 20 "
        "children from occupied Donetsk and Luhansk oblasts were living there.",
        "origins": ["UA-14", "UA-09"],
        "destinations": ["RU-BRY"],
        "occupied": True,
        "officials": [("mukhina", "visited", "")],
        "organizations": [("bryansk-shelter", "held", "")],
        "groups": [
            {
                "key": "g-bryansk-20",
                "qualifier": "exact",
                "count": 20,
                "description": "children living at the shelter",
                "placement": "orphanage",
                "facility": "bryansk-shelter",
            }
        ],
        "citations": [
            (
                "https://deti.gov dot ru/Press-Centr/region-news/15370",
                "33",
                "20 children at the shelter",
                "g-bryansk-20",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "2025-10-22-samara-13",
        "title": "Samara Oblast families adopted 13 children "
        "from Zaporizhzhia Oblast 'in the last month'",
        "type": "adoption",
        # "In the last month" before the statement of 22 Oct: the day it started is not
        # given, so the start is only its month.
        "occurred_precision": "approximate",
        "occurred_start": "2025-09-01",
        "occurred_start_precision": "month",
        "occurred_end": "2025-10-22",
        "occurred_end_precision": "day",
        "occurred_as_stated": "in the last month (stated on 22 Oct 2025)",
        "reported_on": "2025-10-22",
        "reported_precision": "day",
        "summary": "Governor Vyacheslav Fedorishchev told the Federation Council that Samara "
        "Oblast families had adopted 13 children from occupied Zaporizhzhia Oblast in the "
        "last month.",
        "origins": ["UA-23"],
        "destinations": ["RU-SAM"],
        "occupied": True,
        "officials": [("fedorishchev", "stated", "at a meeting with the Federation Council")],
        "groups": [
            {
                "key": "g-samara-13",
                "qualifier": "exact",
                "count": 13,
                "description": "adopted children",
                "placement": "adoption",
            }
        ],
        "citations": [
            (
                "https://ria dot ru/20251022/rossiya-2049925738.html",
                "34",
                "13 adopted in the last month",
                "g-samara-13",
            )
        ],
        "verification": "unverified",
        "published": True,
    },
    # Report 2
    {
        "key": "2025-03-klyazma-39",
        "title": "'Helping Ours' Foundation takes 39 children "
        "from Luhansk Oblast to the FMBA 'Klyazma' sanatorium",
        "type": "treatment",
        # The month is certain; "late" is only in the words.
        "occurred_precision": "month",
        "occurred_start": "2025-03-01",
        "occurred_as_stated": "late March 2025",
        "reported_on": "2025-03-30",
        "reported_precision": "day",
        "summary": "Russian-controlled Donbas media reported that 39 children from occupied "
        "Rubizhne, Kreminna, Lysychansk and Svatove travelled to the FMBA-run 'Klyazma' "
        "sanatorium near Moscow for 'treatment', facilitated by the 'Helping Ours' Foundation. "
        "Some travelled with their mothers; how many is unclear. The towns lie within 15 km of "
        "the front line, over 700 km from the sanatorium.",
        "origins": ["rubizhne", "kreminna", "lysychansk", "svatove"],
        "destinations": ["RU-MOS"],
        "occupied": True,
        "organizations": [
            ("helping-ours", "facilitated", ""),
            ("klyazma", "held", ""),
            ("fmba", "other", "runs the sanatorium"),
        ],
        "groups": [
            {
                "key": "g-klyazma-39",
                "qualifier": "exact",
                "count": 39,
                "description": "children sent for 'treatment'",
                "placement": "medical",
                "facility": "klyazma",
                "accompanied": "some",
                "accompanied_note": "some travelled with their mothers; how many is unclear",
            }
        ],
        "citations": [(R2, "", "39 children to 'Klyazma'", "g-klyazma-39")],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "klyazma-since-2022",
        "title": "Over 1,200 Ukrainians, including children, deported to 'Klyazma' since 2022",
        "type": "treatment",
        "occurred_precision": "since",
        "occurred_start": "2022-01-01",
        "occurred_start_precision": "year",
        "occurred_as_stated": "since 2022",
        "reported_precision": "unknown",
        "summary": "Russia has reportedly deported over 1,200 Ukrainians, including children, "
        "from occupied Luhansk and Donetsk oblasts to the 'Klyazma' sanatorium since 2022.",
        "origins": ["UA-09", "UA-14"],
        "destinations": ["RU-MOS"],
        "occupied": True,
        "organizations": [("klyazma", "held", "")],
        "groups": [
            {
                "key": "g-klyazma-1200",
                "qualifier": "over",
                "count": 1200,
                "as_stated": "over 1,200 Ukrainians, including children",
                "includes_adults": True,
                "placement": "medical",
                "facility": "klyazma",
            }
        ],
        "citations": [(R2, "", "Over 1,200 Ukrainians since 2022", "g-klyazma-1200")],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "crimea-gru-club",
        "title": "Military intelligence veterans open a "
        "military-patriotic club for Ukrainian youth in occupied Crimea",
        "type": "camp",
        **UNDATED,
        "summary": "Russian military intelligence veterans opened a military-patriotic "
        "education club in occupied Crimea where Ukrainian children will train according to "
        "Soviet and Russian special-forces and counterintelligence doctrine.",
        "destinations": ["UA-43"],
        "occupied": True,
        "to_occupied": True,
        "organizations": [("crimea-club", "organized", "")],
        "groups": [
            {
                "key": "g-crimea-club",
                "qualifier": "unknown",
                "description": "Ukrainian youth trained at the club",
                "placement": "camp",
                "facility": "crimea-club",
                "origins": ["UA-43"],
            }
        ],
        "citations": [(R2, "", "Club opened", None)],
        "verification": "unverified",
        "published": True,
    },
    {
        "key": "sim-card-passportization",
        "title": "Occupation authorities require Russian citizenship to obtain a SIM card",
        "type": "passportization",
        **UNDATED,
        "summary": "Russian occupation authorities continue coerced passportization in "
        "occupied Ukraine by making Russian citizenship a prerequisite for a SIM card.",
        "origins": ["UA"],
        "occupied": True,
        "citations": [(R2, "", "SIM cards require Russian citizenship", None)],
        "verification": "unverified",
        "published": False,
    },
]
