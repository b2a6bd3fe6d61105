"""Every source the two seed reports cite, with the URL exactly as cited.

Hosts written as "ria dot ru" are kept that way in url_as_cited; normalization turns
them into addresses. Dates are those the address or the report gives, never guessed.
"""

ISW = "Institute for the Study of War (ISW)"

REPORTS = [
    {"key": "isw-2025-11-05", "title": "Russia is turning deported Ukrainian children into "
     "bargaining chips (Special Report, Karolina Hird)", "publisher": ISW, "kind": "report",
     "language": "en", "published_on": "2025-11-05", "speaker_kind": "independent"},
    {"key": "isw-klyazma-2025", "title": "ISW assessment excerpt: 'Helping Ours' Foundation "
     "and the 'Klyazma' sanatorium (late March 2025)", "publisher": ISW, "kind": "report",
     "language": "en", "speaker_kind": "independent",
     "notes": "The excerpt carries no date or address; it reports Donbas media of 30 Mar 2025."},
    {"key": "krasnodar-post-2022-08-23", "title": "Krasnodar Krai administration post: "
     "'children from Mariupol are looking for new families'", "publisher":
     "Krasnodar Krai administration", "kind": "official_site", "language": "ru",
     "published_on": "2022-08-23", "speaker_kind": "russian_official",
     "availability": "removed", "availability_note": "Removed from the administration "
     "website. Ukrainian sources reposted screenshots and ISW located an archived version "
     "(footnote 13 of the ISW special report of 5 Nov 2025)."},
]

# (footnote, url as cited, kind, language, publisher, published_on, speaker_kind, speaker)
URLS = [
    ("1", "https://x.com/i/broadcasts/1lDxLBqLPMkGm", "video", "en", "X (broadcast)",
     "2025-10-10", "international", "melania-trump"),
    ("2", "https://x.com/kadmitriev/status/1976665471698280772", "social", "", "X",
     "2025-10-10", "russian_official", "dmitriev"),
    ("3", "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-"
     "assessment-february-18-2025/", "report", "en", ISW, "2025-02-18", "independent", None),
    ("3", "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-"
     "assessment-october-25-2025/", "report", "en", ISW, "2025-10-25", "independent", None),
    ("3", "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-"
     "assessment-october-17-2025/", "report", "en", ISW, "2025-10-17", "independent", None),
    ("4", "https://www.klobuchar.senate.gov/public/index.cfm/news-releases?ID=E96731B9-8A76-"
     "467D-AE36-E0AC17DB4FFC", "legislation", "en", "Office of Senator Amy Klobuchar", None,
     "international", None),
    ("5", "https://www.ohchr.org/sites/default/files/documents/countries/ukraine/2022/"
     "2022-12-07-OHCHR-Thematic-Report-Killings-EN.pdf", "report", "en", "OHCHR",
     "2022-12-07", "international", None),
    ("6", "https://t.me/MID\\_Russia/67743", "telegram", "ru",
     "Russian Ministry of Foreign Affairs (Telegram)", None, "russian_official", "zakharova"),
    ("7", "https://regnum dot ru/article/3968817", "media", "ru", "Regnum", None,
     "russian_state_media", None),
    ("7", "https://www.mk dot ru/politics/2025/06/04/lvovabelova-rossiya-ne-pokhishhala-detey-"
     "s-ukrainy.html", "media", "ru", "Moskovsky Komsomolets", "2025-06-04",
     "russian_official", "lvova-belova"),
    ("7", "https://rg dot ru/2025/06/04/zaharova-publikaciia-spiska-ukrainskih-detey-stala-"
     "shokom-dlia-sozdatelej-fejkov.html", "state_media", "ru", "Rossiyskaya Gazeta",
     "2025-06-04", "russian_official", "zakharova"),
    ("7", "https://tsargrad dot tv/news/lvova-belova-rossija-vedjot-rabotu-po-kazhdomu-"
     "rebjonku-iz-peredannogo-ukrainoj-spiska\\_1277680", "media", "ru", "Tsargrad", None,
     "russian_official", "lvova-belova"),
    ("7", "https://t.me/tass\\_agency/318730", "telegram", "ru", "TASS (Telegram)", None,
     "russian_state_media", None),
    ("8", "https://www.euronews.com/2025/06/04/ukraine-demands-return-of-children-taken-by-"
     "russia-how-did-kyiv-come-up-with-the-list", "media", "en", "Euronews", "2025-06-04",
     "independent", None),
    ("8", "https://www.bbc.com/news/world-europe-67488646", "media", "en", "BBC", None,
     "independent", None),
    ("8", "https://en.interfax.com.ua/news/general/913746", "media", "en", "Interfax-Ukraine",
     None, "independent", None),
    ("9", "https://understandingwar.org/research/russia-ukraine/why-putin-remains-"
     "uninterested-in-meaningful-negotiations-with-ukraine/", "report", "en", ISW, None,
     "independent", None),
    ("9", "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign-"
     "assessment-october-20-2025/", "report", "en", ISW, "2025-10-20", "independent", None),
    ("10", "https://files-profile.medicine.yale.edu/documents/5444c3da-1285-489e-926a-"
     "b6d5cfb699a2", "report", "en", "Yale School of Public Health, Humanitarian Research Lab",
     None, "independent", None),
    ("11", "https://ria.ru/20220608/deti-1793939863.html", "state_media", "ru", "RIA Novosti",
     "2022-06-08", "russian_official", "lvova-belova"),
    ("11", "https://t.me/malvovabelova/354", "telegram", "ru", "Maria Lvova-Belova (Telegram)",
     None, "russian_official", "lvova-belova"),
    ("12", "https://t.me/malvovabelova/384", "telegram", "ru", "Maria Lvova-Belova (Telegram)",
     "2022-07-22", "russian_official", "lvova-belova"),
    ("13", "https://understandingwar.org/research/russia-ukraine/putin-is-still-stealing-"
     "ukrainian-children-2/", "report", "en", ISW, None, "independent", None),
    ("14", "https://t.me/malvovabelova/569", "telegram", "ru", "Maria Lvova-Belova (Telegram)",
     "2022-09-16", "russian_official", "lvova-belova"),
    ("15", "https://t.me/malvovabelova/644", "telegram", "ru", "Maria Lvova-Belova (Telegram)",
     "2022-10-07", "russian_official", "lvova-belova"),
    ("16", "https://t.me/malvovabelova/580", "telegram", "ru", "Maria Lvova-Belova (Telegram)",
     "2022-09-22", "russian_official", "lvova-belova"),
    ("17", "https://fedpress dot ru/news/51/society/3103958", "media", "ru", "FederalPress",
     "2022-09-25", "russian_official", None),
    ("18", "https://omsk.aif dot ru/society/reys\\_v\\_novuyu\\_zhizn\\_omskie\\_semi\\_prinyali"
     "\\_na\\_vospitanie\\_17\\_sirot\\_iz\\_donbassa?ysclid=mdt8zor9u6593353999", "media", "ru",
     "Argumenty i Fakty (Omsk)", "2022-09-28", "russian_state_media", None),
    ("19", "https://fedpress dot ru/news/54/society/3107888", "media", "ru", "FederalPress",
     "2022-09-30", "russian_official", None),
    ("20", "https://vk dot com/wall-30023195\\_34776", "social", "ru", "VK", None,
     "russian_official", None),
    ("20", "https://www.er-shahovskaya dot ru/news/1766", "official_site", "ru",
     "United Russia, Shakhovskaya branch", None, "russian_official", None),
    ("21", "https://gtrkrb dot ru/proekty/vesti-intervyu/285711-lenara-ivanova-udivlyaet-"
     "skolko-bashkirii-lyudey-pozhelavshih-usynovit?ysclid=m8q4k86ny731183590&utm\\_source="
     "yandex.ru&utm\\_medium=organic&utm\\_campaign=yandex.ru&utm\\_referrer=yandex.ru",
     "state_media", "ru", "GTRK Bashkortostan", "2022-10-04", "russian_official", "ivanova"),
    ("22", "https://yar72 dot ru/archives/23026", "media", "ru", "yar72.ru (Yarkovo District)",
     "2022-10-11", "russian_official", "titova"),
    ("23", "https://t.me/malvovabelova/668", "telegram", "ru", "Maria Lvova-Belova (Telegram)",
     "2022-10-13", "russian_official", "lvova-belova"),
    ("24", "https://www.nsktv dot ru/news/obshchestvo/vesti\\_uznali\\_o\\_zhizni\\_detey\\_iz"
     "\\_novykh\\_rossiyskikh\\_regionov\\_v\\_novosibirskikh\\_semyakh/", "state_media", "ru",
     "Vesti Novosibirsk (NSKTV)", "2025-10-01", "russian_state_media", None),
    ("25", "https://t.me/malvovabelova/752", "telegram", "ru", "Maria Lvova-Belova (Telegram)",
     "2022-11-10", "russian_official", "lvova-belova"),
    ("26", "https://sever-press.ru/news/obshchestvo/jamalskie-semi-prinjali-desjatki-detey-"
     "donbassa/", "media", "ru", "Sever-Press", "2022-12-14", "russian_official", "artyukhov"),
    ("27", "https://t.me/malvovabelova/920", "telegram", "ru", "Maria Lvova-Belova (Telegram)",
     "2022-12-21", "russian_official", "lvova-belova"),
    ("28", "https://ria dot ru/20230216/regiony-1852439917.html", "state_media", "ru",
     "RIA Novosti", "2023-02-16", "russian_official", "putin"),
    ("29", "https://www.rbc dot ru/politics/30/07/2023/64c6c3119a794777ebcc7766?from=from"
     "\\_main\\_11", "media", "ru", "RBC", "2023-07-30", "russian_official", "lvova-belova"),
    ("31", "https://detimo dot mosreg.ru/sobytiya/novosti-ministerstva/kseniya-misonova-"
     "rasskazala-o-detyax-donbassa-v-podmoskove", "official_site", "ru",
     "Moscow Oblast children's-rights commissioner (mosreg.ru)", None, "russian_official",
     "mishonova"),
    ("32", "https://detimo.mosreg dot ru/sobytiya/novosti-ministerstva/episkop-sergievo-"
     "posadskii-i-dmitrovskii-kirill-soversil-tainstvo-kreshheniya-dlya-detei-iz-priyomnyx-"
     "semei-podmoskovya", "official_site", "ru",
     "Moscow Oblast children's-rights commissioner (mosreg.ru)", None, "russian_official",
     None),
    ("33", "https://deti.gov dot ru/Press-Centr/region-news/15370", "official_site", "ru",
     "Office of the Russian Commissioner for Children's Rights (deti.gov.ru)", None,
     "russian_official", "mukhina"),
    ("34", "https://ria dot ru/20251022/rossiya-2049925738.html", "state_media", "ru",
     "RIA Novosti", "2025-10-22", "russian_official", "fedorishchev"),
]
# Footnote 30 cites the same article as footnote 29 (for a different claim): it is one
# Source with two Citations, see the incidents.
