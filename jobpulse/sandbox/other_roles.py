"""The non-ML postings (role `other`): the jobs a real board lists next to the ML roles.

They matter for the report: titles near the ML roles (Data Analyst, AI Product Manager, Data
Engineer) must not be counted as ML roles, and their text carries the traps a naive skill
matcher falls into (a project's "RAG status", "go-to-market", "excel at", "send us your CV").
"""

from __future__ import annotations

from .roles import PostingKind, titles_of

OTHER_KINDS: tuple[PostingKind, ...] = (
    PostingKind(
        "data_analyst", "other", None, None, 0.14, "Analytics",
        titles_of("Data Analyst", "Senior Data Analyst", "Business Intelligence Analyst",
           "Data Analyst, Growth"),
        {"sql": 0.8, "excel": 0.5, "tableau": 0.45, "python": 0.35, "r": 0.1, "statistics": 0.25,
         "ab_testing": 0.12, "eda": 0.08, "snowflake": 0.1, "dbt": 0.08},
        ("Build and maintain dashboards in {tableau}",
         "Answer business questions with {sql}, quickly and accurately",
         "Maintain weekly reporting for the sales and finance teams",
         "Build planning models in {excel}",
         "Document metric definitions so everyone uses the same numbers"),
    ),
    PostingKind(
        "data_engineer", "other", None, None, 0.16, "Data Platform",
        titles_of("Data Engineer", "Senior Data Engineer", "Analytics Engineer", "Data Platform Engineer"),
        {"python": 0.75, "sql": 0.8, "spark": 0.45, "airflow": 0.45, "kafka": 0.3, "dbt": 0.35,
         "snowflake": 0.3, "databricks": 0.2, "aws": 0.4, "gcp": 0.2, "docker": 0.3,
         "kubernetes": 0.15, "scala": 0.15, "java": 0.12, "git": 0.2, "ci_cd": 0.2,
         "hadoop": 0.06},
        ("Build batch and streaming pipelines with {spark}",
         "Own orchestration in {airflow}",
         "Model the warehouse in {dbt}",
         "Keep data fresh, tested and documented",
         "Run event streams on {kafka}",
         "Load data from dozens of sources into {snowflake}"),
    ),
    PostingKind(
        "backend", "other", None, None, 0.18, "Engineering",
        titles_of("Backend Software Engineer", "Software Engineer, Backend", "Senior Backend Engineer",
           "Site Reliability Engineer", "Full Stack Engineer"),
        {"go": 0.35, "java": 0.35, "python": 0.4, "sql": 0.5, "docker": 0.5, "kubernetes": 0.4,
         "aws": 0.4, "gcp": 0.15, "ci_cd": 0.35, "git": 0.3, "typescript": 0.2,
         "javascript": 0.12, "rust": 0.1, "kafka": 0.15, "linux": 0.25, "bash": 0.15},
        ("Design and build APIs that serve millions of requests a day",
         "Write services in {go}",
         "Write services in {java}",
         "Own {sql} schemas and migrations",
         "Improve the reliability and observability of our core services",
         "Run our services on {kubernetes}",
         "Keep the build fast and green in {ci_cd}",
         "Build internal tools with React and {typescript}"),
    ),
    PostingKind(
        "product_manager", "other", None, None, 0.12, "Product",
        titles_of("Product Manager", "Senior Product Manager", "Product Manager, Platform",
           "Group Product Manager"),
        {"sql": 0.15, "ab_testing": 0.2},
        ("Write clear product requirements and keep them up to date",
         "Talk to customers every week and bring what you learn back to the team",
         "Own the go-to-market plan together with marketing and sales",
         "Report the RAG status of your roadmap to leadership every two weeks",
         "Decide what we will not build, and explain why",
         "Read launch results from {ab_testing} with the data science team"),
    ),
    PostingKind(
        "ai_product_manager", "other", None, None, 0.08, "Product",
        titles_of("AI Product Manager", "Product Manager, AI", "Senior AI Product Manager"),
        {"llm": 0.5, "rag": 0.15, "ab_testing": 0.2, "sql": 0.15, "machine_learning": 0.3,
         "prompt_engineering": 0.1},
        ("Define the roadmap for AI features built on {llm}",
         "Work with AI engineers to define evaluation criteria before anything ships",
         "Own launch plans and adoption metrics for AI features",
         "Decide where {rag} helps customers and where it does not",
         "Keep a RAG status for every launch and share it weekly"),
    ),
    PostingKind(
        "recruiter", "other", None, None, 0.1, "People",
        titles_of("Technical Recruiter", "Recruiter", "Senior Technical Recruiter",
           "Talent Acquisition Partner"),
        {},
        ("Partner with hiring managers on engineering and research roles",
         "Review CVs and run first-round phone screens",
         "Keep every candidate informed at every step",
         "Build talent pipelines for hard-to-fill roles",
         "Track funnel metrics and share them with leadership"),
    ),
    PostingKind(
        "clinical_scientist", "other", None, None, 0.07, "Clinical",
        titles_of("Clinical Scientist", "Senior Clinical Scientist", "Clinical Research Scientist"),
        {"statistics": 0.5, "r": 0.35, "python": 0.15, "phd": 0.5, "masters": 0.2, "sql": 0.05},
        ("Design clinical studies together with the medical team",
         "Analyse trial data with {r}",
         "Write study protocols, reports and regulatory submissions",
         "Apply {statistics} to endpoints and safety signals",
         "Work with clinical sites and investigators across Europe and North America"),
    ),
    PostingKind(
        "account_executive", "other", None, None, 0.08, "Sales",
        titles_of("Account Executive", "Enterprise Account Executive", "Account Executive, Mid-Market"),
        {},
        ("Own a book of mid-market accounts",
         "Work with solutions architects on technical evaluations",
         "Close new business and hit quarterly targets",
         "Work closely with the go-to-market leadership on territory plans",
         "Keep the CRM accurate so forecasts can be trusted"),
    ),
    PostingKind(
        "legal_counsel", "other", None, None, 0.04, "Legal",
        titles_of("Legal Counsel", "Senior Commercial Counsel", "Privacy Counsel"),
        {},
        ("Advise on commercial contracts and data protection",
         "Negotiate enterprise agreements with customers and suppliers",
         "Keep our policies in line with new AI and privacy regulation",
         "Train teams on what they can and cannot promise customers"),
    ),
    PostingKind(
        "frontend", "other", None, None, 0.03, "Engineering",
        titles_of("Frontend Engineer", "Senior Frontend Engineer"),
        {"typescript": 0.7, "javascript": 0.45, "git": 0.2, "ci_cd": 0.15},
        ("Build the web app in React and {typescript}",
         "Own the design system together with product design",
         "Make the app fast on slow networks and old laptops",
         "Write front-end code in {javascript}"),
    ),
)

# Why the non-ML requirement bullets look as they do: lines a real posting would carry for jobs
# that need no taxonomy skill at all.
OTHER_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "legal_counsel": ("A JD and admission to practise; an LL.M. is a plus",
                      "Experience with commercial contracts in a technology company"),
    "recruiter": ("Experience hiring engineers or researchers",
                  "A warm, direct way of talking to people"),
    "account_executive": ("A record of closing complex deals",
                          "You are comfortable talking to C-level buyers"),
}
