"""Places, officials and organizations named in the two seed reports (ISW, 2025)."""

# Places below first level. parent: an ISO code or another key here.
PLACES = [
    {
        "key": "mariupol",
        "kind": "settlement",
        "parent": "UA-14",
        "name_en": "Mariupol",
        "name_uk": "Маріуполь",
        "name_ru": "Мариуполь",
    },
    {
        "key": "rubizhne",
        "kind": "settlement",
        "parent": "UA-09",
        "name_en": "Rubizhne",
        "name_uk": "Рубіжне",
        "name_ru": "Рубежное",
    },
    {
        "key": "kreminna",
        "kind": "settlement",
        "parent": "UA-09",
        "name_en": "Kreminna",
        "name_uk": "Кремінна",
        "name_ru": "Кременная",
    },
    {
        "key": "lysychansk",
        "kind": "settlement",
        "parent": "UA-09",
        "name_en": "Lysychansk",
        "name_uk": "Лисичанськ",
        "name_ru": "Лисичанск",
    },
    {
        "key": "svatove",
        "kind": "settlement",
        "parent": "UA-09",
        "name_en": "Svatove",
        "name_uk": "Сватове",
        "name_ru": "Сватово",
    },
    {
        "key": "yarkovo",
        "kind": "raion",
        "parent": "RU-TYU",
        "name_en": "Yarkovo District",
        "name_uk": "Ярковський район",
        "name_ru": "Ярковский район",
    },
    {
        "key": "shakhovskoy",
        "kind": "raion",
        "parent": "RU-MOS",
        "name_en": "Shakhovskiy Raion",
        "name_uk": "Шаховський район",
        "name_ru": "Шаховской район",
    },
    {
        "key": "kola",
        "kind": "area",
        "parent": "RU-MUR",
        "name_en": "Kola Peninsula",
        "name_uk": "Кольський півострів",
        "name_ru": "Кольский полуостров",
    },
]

OFFICIALS = [
    {
        "key": "lvova-belova",
        "name_en": "Maria Lvova-Belova",
        "name_ru": "Мария Львова-Белова",
        "name_uk": "Марія Львова-Бєлова",
        "affiliation": "russian_state",
        "variants": [
            "Lvova-Belova",
            "Lvova Belova",
            "Lvov-Belov",
            "Maria Lvova Belova",
            "Мария Алексеевна Львова-Белова",
        ],
        "positions": [
            {
                "title": "Presidential Commissioner for Children's Rights",
                "organization": "ombudsman-federal",
                "region": "RU",
            }
        ],
    },
    {
        "key": "zakharova",
        "name_en": "Maria Zakharova",
        "name_ru": "Мария Захарова",
        "name_uk": "Марія Захарова",
        "affiliation": "russian_state",
        "variants": ["Maria Zakharova", "Mariya Zakharova"],
        "positions": [
            {"title": "Foreign Ministry Spokesperson", "organization": "mfa", "region": "RU"}
        ],
    },
    {
        "key": "dmitriev",
        "name_en": "Kirill Dmitriev",
        "name_ru": "Кирилл Дмитриев",
        "name_uk": "Кирило Дмитрієв",
        "affiliation": "russian_state",
        "variants": ["Kirill Dmitriyev"],
        "positions": [{"title": "CEO, Russian Direct Investment Fund", "organization": "rdif"}],
    },
    {
        "key": "pushilin",
        "name_en": "Denis Pushilin",
        "name_ru": "Денис Пушилин",
        "name_uk": "Денис Пушилін",
        "affiliation": "occupation",
        "variants": [],
        "positions": [
            {"title": "Head of the 'Donetsk People's Republic' (DNR)", "region": "UA-14"}
        ],
    },
    {
        "key": "putin",
        "name_en": "Vladimir Putin",
        "name_ru": "Владимир Путин",
        "name_uk": "Володимир Путін",
        "affiliation": "russian_state",
        "wikidata_id": "Q7747",
        "variants": [],
        "positions": [{"title": "President of Russia", "region": "RU"}],
    },
    {
        "key": "ivanova",
        "name_en": "Lenara Ivanova",
        "name_ru": "Ленара Хакимовна Иванова",
        "name_uk": "",
        "affiliation": "russian_state",
        "variants": ["Lenara Khakimovna"],
        "notes": "The ISW report calls her 'Lenara Khakimovna' (first name and patronymic); the "
        "cited interview's address names her Lenara Ivanova.",
        "positions": [
            {
                "title": "Minister of Family, Labor, and Social Protection",
                "organization": "bashkortostan-ministry",
                "region": "RU-BA",
            }
        ],
    },
    {
        "key": "titova",
        "name_en": "Natalia Titova",
        "name_ru": "Наталья Титова",
        "name_uk": "Наталія Тітова",
        "affiliation": "russian_state",
        "variants": ["Natalya Titova"],
        "positions": [
            {
                "title": "Chief Specialist for Guardianship, Trusteeship, and Child "
                "Protection, Yarkovo District",
                "region": "yarkovo",
            }
        ],
    },
    {
        "key": "artyukhov",
        "name_en": "Dmitry Artyukhov",
        "name_ru": "Дмитрий Артюхов",
        "name_uk": "Дмитро Артюхов",
        "affiliation": "russian_state",
        "variants": ["Dmitry Artukhov", "Dmitriy Artyukhov"],
        "positions": [{"title": "Governor of Yamalo-Nenets Autonomous Okrug", "region": "RU-YAN"}],
    },
    {
        "key": "mishonova",
        "name_en": "Kseniya Mishonova",
        "name_ru": "Ксения Мишонова",
        "name_uk": "Ксенія Мішонова",
        "affiliation": "russian_state",
        "variants": ["Ksenia Mishonova", "Kseniya Misonova"],
        "positions": [
            {"title": "Moscow Oblast Commissioner for Children's Rights", "region": "RU-MOS"}
        ],
    },
    {
        "key": "bishop-kirill",
        "name_en": "Bishop Kirill of Sergiev Posad and Dmitrov",
        "name_ru": "Епископ Сергиево-Посадский и Дмитровский Кирилл",
        "name_uk": "",
        "affiliation": "russian_other",
        "variants": [],
        "positions": [
            {
                "title": "Bishop of Sergiev Posad and Dmitrov",
                "organization": "roc",
                "region": "RU-MOS",
            }
        ],
    },
    {
        "key": "mukhina",
        "name_en": "Inna Mukhina",
        "name_ru": "Инна Мухина",
        "name_uk": "Інна Мухіна",
        "affiliation": "russian_state",
        "variants": [],
        "positions": [
            {"title": "Bryansk Oblast Children's Rights Commissioner", "region": "RU-BRY"}
        ],
    },
    {
        "key": "fedorishchev",
        "name_en": "Vyacheslav Fedorishchev",
        "name_ru": "Вячеслав Федорищев",
        "name_uk": "В'ячеслав Федоріщев",
        "affiliation": "russian_state",
        "variants": ["Vyacheslav Fedorishchev"],
        "positions": [{"title": "Governor of Samara Oblast", "region": "RU-SAM"}],
    },
    {
        "key": "melania-trump",
        "name_en": "Melania Trump",
        "name_ru": "Мелания Трамп",
        "name_uk": "Меланія Трамп",
        "affiliation": "international",
        "variants": [],
        "positions": [{"title": "First Lady of the United States"}],
    },
]

ORGANIZATIONS = [
    {
        "key": "ombudsman-federal",
        "name_en": "Office of the Russian Presidential Commissioner for Children's Rights",
        "name_ru": "Аппарат Уполномоченного при Президенте Российской Федерации по правам ребёнка",
        "kind": "ombudsman",
        "region": "RU",
    },
    {
        "key": "mfa",
        "name_en": "Russian Ministry of Foreign Affairs",
        "acronym": "MFA",
        "name_ru": "Министерство иностранных дел Российской Федерации",
        "kind": "state_body",
        "region": "RU",
    },
    {
        "key": "rdif",
        "name_en": "Russian Direct Investment Fund",
        "acronym": "RDIF",
        "name_ru": "Российский фонд прямых инвестиций",
        "kind": "state_body",
        "region": "RU",
    },
    {
        "key": "mod",
        "name_en": "Russian Ministry of Defense",
        "acronym": "MoD",
        "name_ru": "Министерство обороны Российской Федерации",
        "kind": "military",
        "region": "RU",
    },
    {
        "key": "fmba",
        "name_en": "Federal Medical and Biological Agency",
        "acronym": "FMBA",
        "name_ru": "Федеральное медико-биологическое агентство",
        "kind": "state_body",
        "region": "RU",
    },
    {
        "key": "klyazma",
        "name_en": "'Klyazma' sanatorium",
        "name_ru": "санаторий «Клязьма»",
        "kind": "sanatorium",
        "region": "RU-MOS",
        "parent": "fmba",
        "notes": "Run by the FMBA; located just northeast of Moscow.",
    },
    {
        "key": "helping-ours",
        "name_en": "'Helping Ours' Foundation",
        "kind": "foundation",
        "notes": "Russian foundation; cooperates with the 'Klyazma' sanatorium (ISW).",
    },
    {
        "key": "united-russia",
        "name_en": "United Russia",
        "name_ru": "Единая Россия",
        "kind": "party",
        "region": "RU",
    },
    {
        "key": "roc",
        "name_en": "Russian Orthodox Church",
        "acronym": "ROC",
        "name_ru": "Русская православная церковь",
        "kind": "religious",
        "region": "RU",
    },
    {
        "key": "wrpc",
        "name_en": "World Russian People's Council",
        "name_ru": "Всемирный русский народный собор",
        "kind": "other",
        "region": "RU",
    },
    {
        "key": "ombudsman-moscow",
        "name_en": "Office of the Moscow Children's Rights Commissioner",
        "kind": "ombudsman",
        "notes": "As named in the ISW report; whether Moscow city or Moscow Oblast is not stated.",
    },
    {
        "key": "krasnodar-admin",
        "name_en": "Krasnodar Krai administration",
        "kind": "state_body",
        "region": "RU-KDA",
    },
    {
        "key": "murmansk-info",
        "name_en": "Murmansk Oblast Ministry of Information Policy",
        "kind": "state_body",
        "region": "RU-MUR",
    },
    {
        "key": "novosibirsk-social",
        "name_en": "Novosibirsk Oblast Social Policy Department",
        "kind": "state_body",
        "region": "RU-NVS",
    },
    {
        "key": "bashkortostan-ministry",
        "name_en": "Ministry of Family, Labor, and Social "
        "Protection of the Republic of Bashkortostan",
        "kind": "state_body",
        "region": "RU-BA",
    },
    {
        "key": "bryansk-shelter",
        "name_en": "Orphanage / shelter in Bryansk Oblast (unnamed)",
        "kind": "orphanage",
        "region": "RU-BRY",
        "notes": "Visited by Inna Mukhina on 8 Nov 2024; the report does not name it.",
    },
    {
        "key": "crimea-club",
        "name_en": "Military-patriotic club of Russian military "
        "intelligence veterans (occupied Crimea)",
        "kind": "camp",
        "region": "UA-43",
        "notes": "Trains Ukrainian youth in Soviet and Russian special-forces and "
        "counterintelligence doctrine (ISW).",
    },
    {
        "key": "ukraine-government",
        "name_en": "Government of Ukraine",
        "name_uk": "Уряд України",
        "kind": "state_body",
        "region": "UA",
    },
    {"key": "us-senate", "name_en": "United States Senate", "kind": "legislature"},
]
