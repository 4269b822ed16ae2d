"""Words the sandbox writes with: invented companies, places, boilerplate and traps.

Everything here is our own text. Nothing names a real company. Boilerplate (about-us, benefits,
how to apply) names no skill from the taxonomy — except the traps, which look like skills to a
naive matcher and are not ("Series C", "R&D", "go-to-market", "excel at", "send us your CV").
"""

from __future__ import annotations

from typing import NamedTuple

# (name, industry). Names are invented; several carry characters that need escaping ("&").
COMPANIES: tuple[tuple[str, str], ...] = (
    ("Quillstone Analytics", "devtools"),
    ("Marrowick Health", "health"),
    ("Ferncastle Robotics", "robotics"),
    ("Velloro Freight", "logistics"),
    ("Ostrander Bio", "biotech"),
    ("Kestrelmoor AI", "ai_lab"),
    ("Bramblegate Insurance", "insurance"),
    ("Tillwater Energy", "climate"),
    ("Corvane Payments", "fintech"),
    ("Halcyra Labs", "ai_lab"),
    ("Penrowan Retail", "retail"),
    ("Silvercask Media", "media"),
    ("Drummond & Vail", "legal"),
    ("Orrin Fieldworks", "agritech"),
    ("Lanternwick Security", "security"),
    ("Mosscroft Mobility", "mobility"),
    ("Wrenhollow Learning", "edtech"),
    ("Nettlefield Data", "devtools"),
    ("Auberon Therapeutics", "biotech"),
    ("Glimmerbank", "fintech"),
    ("Thistlewaite Logistics", "logistics"),
    ("Cinderfell Robotics", "robotics"),
    ("Pellucid Grid", "climate"),
    ("Ravenmoor Systems", "security"),
    ("Ombrell Health", "health"),
    ("Sablewing Commerce", "retail"),
    ("Ironquill Compute", "silicon"),
    ("Loomstead Studio", "media"),
    ("Tarnhelm Semiconductors", "silicon"),
    ("Vireo Lane Insurance", "insurance"),
    ("Greywick Ledger", "fintech"),
    ("Embervale Clinics", "health"),
    ("Quarrystone Maps", "mobility"),
    ("Hollowmere Research", "ai_lab"),
    ("Pinecask Foods", "retail"),
    ("Tidewright Marine", "logistics"),
    ("Cobalt Finchworks", "devtools"),
    ("Wyvernfold Games", "media"),
    ("Saltmarsh Biosciences", "biotech"),
    ("Arrowmint Software", "devtools"),
    ("Kelpforge Energy", "climate"),
    ("Fablewood Education", "edtech"),
    ("Orchardine Retail", "retail"),
    ("Gannetrock Security", "security"),
    ("Luminesk Vision", "robotics"),
    ("Harrowgate Lending", "fintech"),
    ("Nimbostrata Cloud", "devtools"),
    ("Sorrelgrove Assay", "biotech"),
    ("Cindermoss Compute", "silicon"),
    ("Larkwhistle Legal", "legal"),
)

# What each kind of company does (no skill words), "{name}" filled in.
INDUSTRY_BLURBS: dict[str, tuple[str, ...]] = {
    "logistics": (
        "{name} plans and tracks freight for thousands of shippers.",
        "{name} helps carriers fill empty trucks and tells shippers exactly when goods arrive.",
    ),
    "health": (
        "{name} runs virtual and in-person primary care for families.",
        "{name} helps clinicians spend less time on paperwork and more with patients.",
    ),
    "fintech": (
        "{name} gives small businesses payments, credit and cash-flow tools in one place.",
        "{name} builds the ledger and lending products behind hundreds of neighbourhood banks.",
    ),
    "retail": (
        "{name} sells home and kitchen goods online and in its own stores.",
        "{name} helps independent shops run their stock, orders and deliveries.",
    ),
    "climate": (
        "{name} forecasts and balances renewable power for utilities and grid operators.",
        "{name} helps buildings cut their energy use without anyone noticing.",
    ),
    "devtools": (
        "{name} makes the tools engineering teams use to understand their systems.",
        "{name} builds a data workspace used by analysts at thousands of companies.",
    ),
    "ai_lab": (
        "{name} is a research company building capable, reliable AI systems and the products around them.",
        "{name} trains large models and ships them to businesses that need them to be dependable.",
    ),
    "robotics": (
        "{name} builds autonomous robots for warehouses and factories.",
        "{name} makes cameras and robots that inspect bridges, pipes and power lines.",
    ),
    "media": (
        "{name} makes games and interactive stories played by millions.",
        "{name} runs a streaming service for independent film.",
    ),
    "insurance": (
        "{name} prices and sells home and car insurance directly to customers.",
        "{name} makes claims fast and fair for small businesses.",
    ),
    "biotech": (
        "{name} designs new medicines by pairing automated lab work with computation.",
        "{name} builds assays and lab automation for drug discovery teams.",
    ),
    "security": (
        "{name} protects companies from account takeover and payment fraud.",
        "{name} helps security teams find and fix exposed systems before attackers do.",
    ),
    "mobility": (
        "{name} builds mapping and routing for delivery fleets.",
        "{name} helps cities plan bus and bike networks from real travel patterns.",
    ),
    "edtech": (
        "{name} builds tutoring and course tools used in schools across three continents.",
        "{name} helps adults learn new trades online, at their own pace.",
    ),
    "legal": (
        "{name} builds contract software for in-house legal teams.",
        "{name} helps law firms search, draft and review documents.",
    ),
    "silicon": (
        "{name} designs chips and systems for large-scale AI training and inference.",
        "{name} builds accelerator hardware and the software stack that runs on it.",
    ),
    "agritech": (
        "{name} helps farmers plan planting and irrigation field by field.",
        "{name} tracks crops from seed to shelf for growers and buyers.",
    ),
}

COMPANY_FACTS = (
    "Founded in {founded}, we are about {size} people across {offices}.",
    "We are profitable, growing, and still small enough that everyone knows everyone.",
    "Our customers range from two-person startups to some of the largest companies in their field.",
    "We work in small teams that own their problems end to end.",
)

# Traps: they look like skills (C, R, Spark, Go, Excel, CV) and are not.
ABOUT_TRAPS = (
    "We raised our Series C in {year} and are growing the team across every function.",
    "Our R&D team works closely with universities and hospitals.",
    "We are backed by Spark Ridge Partners and Northcove Ventures.",
    "This year we are scaling our go-to-market team across Europe.",
    "Our founders previously ran C-suite teams at large insurers and retailers.",
)

GENERIC_REQUIREMENTS = (
    "{years}+ years of experience in a similar role",
    "You excel at explaining complex results to non-technical partners",
    "Clear written communication; we work mostly in documents",
    "You take ownership and follow through",
    "Comfortable with ambiguity in a fast-moving team",
    "Curiosity about our customers and their problems",
)

STUDENT_REQUIREMENT = "You are a current student graduating within the next 18 months"

BENEFITS = (
    "Competitive salary and meaningful equity",
    "Private health, dental and vision cover for you and your family",
    "25 days of paid holiday plus public holidays",
    "A learning budget of 2,000 a year for books, courses and conferences",
    "Flexible working hours and a home office stipend",
    "16 weeks of fully paid parental leave",
    "Pension or 401(k) matching",
    "Mental health support through a confidential counselling service",
    "An annual team offsite somewhere warm",
    "A paid sabbatical after four years",
    "Commuter and cycle-to-work benefits",
)

HOW_TO_APPLY = (
    "Send us your CV and a short note about a project you are proud of.",
    "Go ahead and apply even if you do not meet every requirement; we care more about what you can learn.",
    "Questions about the role? Write to {email} and a person will answer.",
    "Apply with your CV or a link to your work; cover letters are optional.",
)

EEO = (
    "{name} is an equal opportunity employer. We welcome applicants of every background and "
    "will make reasonable adjustments to our hiring process on request."
)

# Heading wording differs between companies, like real boards.
HEADING_STYLES: tuple[dict[str, str], ...] = (
    {
        "about": "About {name}",
        "duties": "What you'll do",
        "requirements": "What we're looking for",
        "nice": "Nice to have",
        "benefits": "Benefits",
        "pay": "Pay range",
        "apply": "How to apply",
    },
    {
        "about": "Who we are",
        "duties": "Responsibilities",
        "requirements": "Requirements",
        "nice": "Bonus points",
        "benefits": "What we offer",
        "pay": "Compensation",
        "apply": "Applying",
    },
    {
        "about": "The company",
        "duties": "The role",
        "requirements": "About you",
        "nice": "It would be great if you also have",
        "benefits": "Perks & benefits",
        "pay": "Salary",
        "apply": "Next steps",
    },
)


class Office(NamedTuple):
    display: str  # how boards write it: "Berlin, Germany"
    city: str
    region: str | None
    country: str
    iso2: str
    currency: str | None  # None: postings there publish no salary


OFFICES: tuple[Office, ...] = tuple(
    Office(*o)
    for o in (
        ("San Francisco, CA", "San Francisco", "California", "United States", "US", "USD"),
        ("New York, NY", "New York", "New York", "United States", "US", "USD"),
        ("Seattle, WA", "Seattle", "Washington", "United States", "US", "USD"),
        ("Austin, TX", "Austin", "Texas", "United States", "US", "USD"),
        ("Boston, MA", "Boston", "Massachusetts", "United States", "US", "USD"),
        ("Denver, CO", "Denver", "Colorado", "United States", "US", "USD"),
        ("London", "London", "England", "United Kingdom", "GB", "GBP"),
        ("Berlin, Germany", "Berlin", "Berlin", "Germany", "DE", "EUR"),
        ("Munich, Germany", "Munich", "Bavaria", "Germany", "DE", "EUR"),
        ("Amsterdam, Netherlands", "Amsterdam", "North Holland", "Netherlands", "NL", "EUR"),
        ("Paris, France", "Paris", "Île-de-France", "France", "FR", "EUR"),
        ("Dublin, Ireland", "Dublin", "Leinster", "Ireland", "IE", "EUR"),
        ("Zürich, Switzerland", "Zürich", "Zürich", "Switzerland", "CH", "CHF"),
        ("Toronto, Canada", "Toronto", "Ontario", "Canada", "CA", "CAD"),
        ("Bangalore, India", "Bangalore", "Karnataka", "India", "IN", None),
        ("Singapore", "Singapore", None, "Singapore", "SG", "SGD"),
    )
)

# Remote wording per country of the office the posting hangs off.
REMOTE_NAMES = {
    "US": "Remote - US",
    "GB": "Remote - UK",
    "DE": "Remote (Europe)",
    "NL": "Remote (Europe)",
    "FR": "Remote (Europe)",
    "IE": "Remote (Europe)",
    "CH": "Remote (Europe)",
    "CA": "Remote - Canada",
    "IN": "Remote - India",
    "SG": "Remote (APAC)",
}

# Local money per USD, for salary ranges; rounded, fixed on purpose (no live rates).
CURRENCY_PER_USD = {"USD": 1.0, "GBP": 0.62, "EUR": 0.72, "CHF": 0.88, "CAD": 1.2, "SGD": 1.15}
CURRENCY_SYMBOL = {"USD": "$", "GBP": "£", "EUR": "€", "CHF": "CHF ", "CAD": "CA$", "SGD": "S$"}

# Yearly base pay midpoint in USD per posting kind.
PAY_MIDPOINT_USD = {
    "ds_analytics": 145_000,
    "ds_modelling": 160_000,
    "mle_generic": 180_000,
    "mle_platform": 185_000,
    "mle_hardware": 190_000,
    "mle_solutions": 170_000,
    "aie": 185_000,
    "rs": 230_000,
    "re": 205_000,
    "data_analyst": 105_000,
    "data_engineer": 160_000,
    "backend": 165_000,
    "product_manager": 170_000,
    "ai_product_manager": 185_000,
    "recruiter": 110_000,
    "clinical_scientist": 140_000,
    "account_executive": 130_000,
    "legal_counsel": 190_000,
    "frontend": 155_000,
}

# (prefix or suffix, seniority id, pay factor, weight)
SENIORITY = (
    ("", None, 1.0, 44),
    ("Senior ", "senior", 1.25, 25),
    ("Staff ", "staff", 1.5, 7),
    ("Lead ", "lead", 1.4, 5),
    ("Principal ", "principal", 1.7, 3),
    ("Junior ", "junior", 0.75, 4),
    (" Intern", "intern", 0.0, 4),
    (" II", "mid", 1.05, 8),
)

HN_THREAD_TEXT = (
    "Post here if your company is hiring. Put the location first and write REMOTE, ONSITE, "
    "INTERNS or VISA where they apply.<p>One top-level post per company, written by someone "
    "who works there; no agencies or job boards.<p>Please keep replies on topic: questions "
    "for the poster are fine, complaints about the job are not."
)

HN_REPLIES = (
    "Is this open to people based in Canada?",
    "Do you sponsor visas for the research roles?",
    "Applied last month and never heard back; is the role still open?",
    "What does the interview process look like?",
    "Is the salary range the same for remote candidates?",
)

HN_REPLY_ANSWERS = (
    "Yes, we hire anywhere in North America. Mention this thread when you apply.",
    "We do, for most roles. Email me directly and I will check.",
)

HN_AUTHORS = (
    "quillfox",
    "tarnbeck",
    "mossy_dev",
    "hollowpine",
    "ironwren",
    "saltlake_sam",
    "kelpie",
    "vellum42",
    "orrin_j",
    "embercat",
    "gannet",
    "sorrelr",
    "lanternjo",
    "nettle",
    "brambleb",
    "cobaltfinch",
    "wyvern9",
    "arrowmint_hr",
    "fernc",
    "marrowdoc",
)
