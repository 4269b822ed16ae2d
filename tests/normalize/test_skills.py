"""Skill matching against DESIGN.md "What counts as a skill mention", one rule per case."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.skills import match_skills, skill_text
from pipeline.normalize.text import html_to_text
from warehouse.taxonomy import skills_frame


def skills_in(text: str) -> set[str]:
    found = match_skills(pl.DataFrame({"posting_id": ["p"], "text": [text]}))
    return set(found["skill_id"])


# (text, skills that must be found, skills that must not be found)
CASES = [
    # --- C, C++, C#, .NET -------------------------------------------------------------------
    ("Strong C++ skills", {"cpp"}, {"c", "csharp"}),
    ("Experience with C/C++ on Linux", {"c", "cpp", "linux"}, {"csharp"}),
    ("We write C, Python and Rust", {"c", "python", "rust"}, {"cpp"}),
    ("Backend in C# and .NET Core", {"csharp", "dotnet"}, {"c", "cpp"}),
    ("ASP.NET MVC", {"dotnet"}, set()),
    ("Proficient in C", {"c"}, set()),
    ("Modern C++17 codebase", {"cpp"}, {"c"}),
    ("We just raised our Series C, led by top investors.", set(), {"c"}),
    ("You will present to C-level executives and the C-suite.", set(), {"c"}),
    ("iOS apps in Objective-C and Swift", {"objective_c", "swift"}, {"c"}),
    ("Plan A, B, C: we always have one.", set(), {"c"}),
    ("Copyright (c) 2024 Acme", set(), {"c"}),
    # --- R --------------------------------------------------------------------------------
    ("Python or R", {"python", "r"}, set()),
    ("Fluent in R/Python", {"r", "python"}, set()),
    ("R, SQL and Tableau", {"r", "sql", "tableau"}, set()),
    ("Our R&D team builds the future", set(), {"r"}),
    ("Statistical programming in R", {"r", "statistics"}, set()),
    ("Intel(R) Xeon processors", set(), {"r"}),
    ("r/python both fine", {"r", "python"}, set()),
    ("The R-squared of the fit", set(), {"r"}),
    ("SQL, A/B testing and statistics. R is a plus.", {"sql", "ab_testing", "statistics", "r"}, set()),
    ("Knowledge of Stata. R preferred.", {"r"}, set()),
    ("Stack:\n- Rails for web server\n- R for data manipulation", {"rails", "r"}, set()),
    ("Tableau - SAS - R", {"tableau", "sas", "r"}, set()),
    ("Strong R knowledge", {"r"}, set()),
    ("Part data-driven R+D lab, part consultancy.", set(), {"r"}),
    ("Full Time | R$54k-R$96k | Rio de Janeiro", set(), {"r"}),
    ("Our team comes from Amazon, R/GA, Dell and NASA.", set(), {"r"}),
    ("Finance: GL, A/R & AP", set(), {"r"}),
    ("Big data (HDFS, M+R, Hive)", {"hdfs"}, {"r"}),
    ("The parent company of R. J. Reynolds; Niconovum AB; R.J. Reynolds Vapor", set(), {"r"}),
    ("Movies rated R, or R-rated games, are not our thing", set(), {"r"}),
    # --- Go ---------------------------------------------------------------------------------
    ("Services written in Go, Rust and Python", {"go", "rust", "python"}, set()),
    ("Golang microservices", {"go"}, set()),
    ("Go above and beyond for customers.", set(), {"go"}),
    ("Own our go-to-market strategy", set(), {"go"}),
    ("We go to market in Q3", set(), {"go"}),
    ("Go. We ship fast.", set(), {"go"}),
    ("Senior Go Engineer", {"go"}, set()),
    ("Languages:\nPython\nR\nGo\nC\n- Julia", {"python", "r", "go", "c"}, set()),
    ("- R\n- Go", {"r", "go"}, set()),
    ("About us\nGo above and beyond", set(), {"go"}),
    ("Be our go-to person for infra", set(), {"go"}),
    ("GoPro cameras", set(), {"go"}),
    # --- other ambiguous words ------------------------------------------------------------------
    ("Backed by Spark Capital and Sequoia", set(), {"spark"}),
    ("Big data with Apache Spark and Kafka", {"spark", "kafka"}, set()),
    ("PySpark jobs on Databricks", {"pyspark", "spark", "databricks"}, set()),
    ("Spark SQL for ETL", {"spark", "sql", "etl"}, set()),
    ("You will excel at building relationships", set(), {"excel"}),
    ("Candidates who excel in fast-paced teams", set(), {"excel"}),
    ("Advanced Excel and SQL", {"excel", "sql"}, set()),
    ("Proficiency with MS Excel", {"excel"}, {"masters"}),
    ("Please send your CV and cover letter", set(), {"computer_vision"}),
    ("Work on CV/NLP research problems", {"computer_vision", "nlp"}, set()),
    ("Computer vision for robotics", {"computer_vision", "robotics"}, set()),
    ("Rust, Julia or Scala", {"rust", "julia", "scala"}, set()),
    ("Please contact Julia, our recruiter.", set(), {"julia"}),
    ("Spark joy in everything you do", set(), {"spark"}),
    ("Join Tableau, a Salesforce company", set(), {"tableau"}),
    ("Dashboards in Tableau and Looker", {"tableau", "looker"}, set()),
    ("Bash scripting and zsh", {"bash"}, set()),
    ("Annual holiday bash!", set(), {"bash"}),
    ("Airflow DAGs orchestrate our jobs", {"airflow"}, set()),
    ("Rust Belt manufacturing roots", set(), {"rust"}),
    ("Ray and Dask for distributed compute", {"ray", "dask"}, set()),
    # --- punctuation inside skill names -------------------------------------------------------
    ("CI/CD pipelines", {"ci_cd"}, set()),
    ("CI / CD with GitHub Actions", {"ci_cd", "github_actions", "git"}, set()),
    ("Continuous integration and delivery", {"ci_cd"}, set()),
    ("Run A/B tests and experiments", {"ab_testing"}, set()),
    ("A/B testing and experimentation platform", {"ab_testing"}, set()),
    ("scikit-learn, sklearn or scikit learn", {"scikit_learn"}, set()),
    ("PL/SQL stored procedures", {"sql"}, set()),
    ("NoSQL stores such as MongoDB", {"nosql", "mongodb"}, {"sql"}),
    ("k-means and random forests", {"kmeans", "random_forest"}, set()),
    ("fine-tuning and finetuning LLMs", {"fine_tuning", "llm"}, set()),
    # --- instances count for their skill -------------------------------------------------------
    ("SQL Server and PostgreSQL", {"sql_server", "postgresql", "sql"}, set()),
    ("Data in MySQL", {"mysql", "sql"}, set()),
    ("Oracle Database administration", {"oracle_db", "sql"}, set()),
    ("Teradata warehouse", {"teradata", "sql"}, set()),
    ("Deploy on GKE", {"kubernetes"}, {"gcp"}),
    ("EKS and AKS clusters", {"kubernetes"}, {"aws", "azure"}),
    ("Jenkins and Travis CI", {"jenkins", "travis_ci", "ci_cd"}, set()),
    ("GitLab CI for builds", {"gitlab_ci", "gitlab", "ci_cd", "git"}, set()),
    ("Code lives on GitHub", {"github", "git"}, set()),
    ("Node.js backend", {"nodejs", "javascript"}, set()),
    ("AngularJS and Vue.js frontends", {"angular", "vue", "javascript"}, set()),
    ("Next.js app", {"nextjs", "javascript"}, set()),
    ("Ubuntu servers", {"linux"}, set()),
    ("Deep learning research", {"deep_learning", "machine_learning"}, set()),
    ("Neural networks for ranking", {"deep_learning", "machine_learning"}, set()),
    # --- a part does not imply its whole ----------------------------------------------------------
    ("PyTorch models", {"pytorch"}, {"deep_learning", "machine_learning", "python"}),
    ("BigQuery datasets", {"bigquery"}, {"gcp"}),
    ("Amazon S3 buckets and SageMaker", {"s3", "sagemaker"}, {"aws"}),
    ("TypeScript frontend", {"typescript"}, {"javascript"}),
    ("Django web app", {"django"}, {"python"}),
    ("React components", {"react"}, {"javascript"}),
    ("pandas and NumPy", {"pandas", "numpy"}, {"python"}),
    # --- degrees -----------------------------------------------------------------------------
    ("BS/MS in CS", {"masters", "bachelors"}, {"phd"}),
    ("MS or PhD in a quantitative field", {"masters", "phd"}, set()),
    ("Master's degree required", {"masters"}, set()),
    ("Master’s degree or equivalent", {"masters"}, set()),
    ("M.S. in Statistics", {"masters", "statistics"}, set()),
    ("Ph.D. in Computer Science", {"phd"}, set()),
    ("PhD preferred", {"phd"}, set()),
    ("An advanced degree is a plus", set(), {"masters", "phd"}),
    ("Graduate degree in a technical field", set(), {"masters", "phd"}),
    ("Scrum Master certification", set(), {"masters"}),
    ("Knowledge of MS Office and MS SQL", {"sql_server", "sql"}, {"masters"}),
    # --- MLOps -------------------------------------------------------------------------------
    ("Deploying ML models to production", {"mlops", "machine_learning"}, set()),
    ("Experience with MLOps tooling", {"mlops"}, set()),
    ("Build our ML platform", {"mlops", "machine_learning"}, set()),
    ("Serving machine learning models at scale", {"mlops", "machine_learning"}, set()),
    ("Deploy code daily with CI", set(), {"mlops"}),
    ("You will deploy services to production", set(), {"mlops"}),
    # --- GenAI -------------------------------------------------------------------------------
    ("LLMs, RAG and prompt engineering", {"llm", "rag", "prompt_engineering"}, set()),
    ("Retrieval-augmented generation with LangChain", {"rag", "langchain"}, set()),
    ("Foundation models and transformers", {"foundation_models", "transformers"}, set()),
    ("RLHF pipelines", {"rlhf", "fine_tuning", "reinforcement_learning"}, set()),
    ("LoRA adapters for GPT-4", {"fine_tuning", "llm"}, set()),
    ("Pinecone vector store", {"pinecone", "vector_databases"}, set()),
    # --- classic ML and statistics ------------------------------------------------------------
    ("XGBoost, linear and logistic regression", {"xgboost", "logistic_regression"}, {"gradient_boosting"}),
    ("Linear regression", {"linear_regression"}, set()),
    ("Exploratory data analysis (EDA)", {"eda"}, set()),
    ("EDA tools for chip design", set(), {"eda"}),
    ("Reinforcement learning and RL environments", {"reinforcement_learning"}, set()),
    ("Research experience and publications at NeurIPS", {"research_experience"}, set()),
    ("Statistics and statistical modeling", {"statistics"}, set()),
    # --- negation and other companies' names ---------------------------------------------------
    ("We replaced Java with Go services.", {"go"}, {"java"}),
    ("Moving away from Hadoop to Spark.", {"spark"}, {"hadoop"}),
    ("Our customers include Salesforce and Snowflake. We write Python.", {"python"}, {"salesforce", "snowflake"}),
    ("Founded by ex-Databricks engineers", set(), {"databricks"}),
    ('Aqora is the "Hugging Face for quantum computing"', {"quantum_computing"}, {"huggingface"}),
    ("Send your resume and GitHub profile", set(), {"github", "git"}),
    # --- tokens: "+" between words, hard-wrapped lines, pasted bullets --------------------------
    ("Go+Postgres backend", {"go", "postgresql", "sql"}, set()),
    ("C++17, kdb+ and q", {"cpp", "kdb"}, {"c"}),
    ("React+TS frontend", {"react", "typescript"}, set()),
    ("experience with deep neural\nnetworks", {"deep_learning", "machine_learning"}, set()),
    ("\uf0a7Master’s degree in Statistics", {"masters", "statistics"}, set()),
    # --- words that are skills only next to the right neighbours ------------------------------
    ("SQL Server, Oracle, MySQL", {"oracle_db", "sql_server", "mysql", "sql"}, set()),
    ("Former Oracle executives lead our sales team", set(), {"oracle_db", "sql"}),
    ("AWS (EC2, S3, Lambda, EMR)", {"aws", "ec2", "s3", "aws_lambda", "emr"}, set()),
    ("lambda functions in Python", {"python"}, {"aws_lambda"}),
    ("our electronic medical record (EMR) product", set(), {"emr"}),
    ("Integrations with OpenAI and Anthropic", {"openai_api", "anthropic_claude", "llm"}, set()),
    ("We use Claude Code and Cursor daily", {"ai_coding_tools", "anthropic_claude", "llm"}, set()),
    ("Power BI dashboards", {"power_bi"}, {"business_intelligence"}),
    ("BI tools such as Looker", {"business_intelligence", "looker"}, set()),
    ("regression, clustering and classification", {"regression", "clustering"}, set()),
    ("Run regression tests before each release", set(), {"regression"}),
    ("Perform EDA on customer data", {"eda"}, set()),
    ("Rails, Django or Express", {"rails", "django", "express"}, set()),
    ("Spring Boot microservices in Java", {"spring", "microservices", "java"}, set()),
    ("We hire every Spring", set(), {"spring"}),
    ("RxJS and relational databases", {"javascript", "sql"}, set()),
    ("cutting-edge AI for retail", set(), {"embedded_systems"}),
    ("REST and GraphQL APIs", {"rest_api", "graphql"}, set()),
    ("THE REST OF THE TEAM", set(), {"rest_api"}),
    ("Provide RAG status reports to the PMO", set(), {"rag"}),
    ("Models in PyTorch or TF2", {"pytorch", "tensorflow"}, set()),
    ("TF2 experience is a plus", {"tensorflow"}, set()),
    ("Perks: foosball, ping pong, TF2 Fridays and beer", set(), {"tensorflow"}),
    ("Various computer games (CS:GO, TF2)", set(), {"tensorflow"}),
    # --- GenAI model names, degrees ------------------------------------------------------------
    ("Fine-tune GPT-4 models", {"llm", "transformers", "fine_tuning"}, set()),
    ("ChatGPT power users welcome", {"llm"}, {"transformers"}),
    ("MBA preferred", {"mba", "masters"}, set()),
    ("BA/MA in Economics", {"bachelors", "masters"}, set()),
    ("Located in Boston, MA", set(), {"masters"}),
    # --- links, case, repeats -------------------------------------------------------------------
    ("Apply at https://github.com/acme/jobs", set(), {"git", "github"}),
    ("See github.com/acme for our code", set(), {"git", "github"}),
    ("Email jobs@python-shop.io", set(), {"python"}),
    ("PYTHON python Python", {"python"}, set()),
    ("JavaScript developers", {"javascript"}, {"java"}),
    ("", set(), {"python"}),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES, ids=[c[0][:40] for c in CASES])
def test_skill_mentions(text, present, absent):
    found = skills_in(text)
    assert present <= found, f"missing {present - found}"
    assert not (absent & found), f"unexpected {absent & found}"


def test_one_row_per_posting_and_skill_in_a_batch():
    docs = pl.DataFrame(
        {
            "posting_id": ["a", "b", "c", "d"],
            "text": ["Python and python, PYTHON", "Go and Rust; Python or R&D", None, "nothing here"],
        }
    )
    found = match_skills(docs)
    assert found.schema == pl.Schema({"posting_id": pl.String, "skill_id": pl.String})
    assert set(found.filter(pl.col("posting_id") == "a")["skill_id"]) == {"python"}
    assert set(found.filter(pl.col("posting_id") == "b")["skill_id"]) == {"go", "rust", "python"}
    assert found.filter(pl.col("posting_id").is_in(["c", "d"])).is_empty()


def test_the_employers_own_name_is_not_a_mention():
    docs = pl.DataFrame(
        {
            "posting_id": ["t", "u", "v"],
            "text": ["Tableau is hiring a Data Scientist (Python)", "Dashboards in Tableau", "Go and Rust"],
            "company": ["Tableau", "Acme", "Go"],
        }
    )
    found = set(match_skills(docs).iter_rows())
    assert ("t", "tableau") not in found and ("t", "python") in found
    assert ("u", "tableau") in found
    assert {("v", "go"), ("v", "rust")} <= found  # a two-letter employer name is not removed


def test_hn_escaped_html_names_its_skills_once_decoded():
    """HN writes "/" as "&#x2F;" (from 2015-08) and "+" may come as "&#x2B;": C/C++ must survive both."""
    html = pl.DataFrame({"posting_id": ["hn"], "html": ["Skills: C&#x2F;C&#x2B;&#x2B;&#x2F;Python<p>R is a plus"]})
    docs = html.select("posting_id", text=html_to_text(pl.col("html")))
    assert set(match_skills(docs)["skill_id"]) == {"c", "cpp", "python", "r"}


def test_empty_batch():
    empty = pl.DataFrame(schema={"posting_id": pl.String, "text": pl.String})
    assert match_skills(empty).is_empty()


def test_title_and_description_are_both_searched():
    docs = pl.DataFrame({"posting_id": ["x"], "title": ["Senior Go Engineer"], "description": ["Kafka at scale."]})
    docs = docs.select("posting_id", text=skill_text(pl.col("title"), pl.col("description")))
    assert set(match_skills(docs)["skill_id"]) == {"go", "kafka"}


_WORDS = [
    "Python",
    "R",
    "Go",
    "C",
    "C++",
    "SQL",
    "Spark",
    "Capital",
    "excel",
    "at",
    "Excel",
    "MS",
    "PhD",
    "/",
    ",",
    "and",
    "or",
    "R&D",
    "Series",
    "CV",
    "NLP",
    "-",
    "to",
    "market",
    "deploying",
    "ML",
    "models",
    "production",
    "in",
    "BS",
    "github.com",
    "https://x.io/a",
    "Node.js",
    ".NET",
    "é",
    "\n",
    "(",
    ")",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join), min_size=1, max_size=20))
def test_output_is_unique_and_within_the_taxonomy(texts):
    docs = pl.DataFrame({"posting_id": [str(i % 7) for i in range(len(texts))], "text": texts})
    found = match_skills(docs)
    assert not found.is_duplicated().any()
    assert set(found["skill_id"]) <= set(skills_frame()["skill_id"])
    assert set(found["posting_id"]) <= set(docs["posting_id"])
