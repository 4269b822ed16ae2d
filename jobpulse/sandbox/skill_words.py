"""How the sandbox writes each skill down: real spellings and aliases, grouped for bullet lists.

A surface may name more than its own skill ("GitHub Actions" is CI/CD *and* names GitHub → git);
those extra skills are listed so the generator's ground truth stays exact. Surfaces never imply a
planted-trend skill other than their own, so implied mentions cannot bend a planted trend.
Following DESIGN.md "What counts as a skill mention": a library does not imply its language,
a cloud service does not imply its platform, TypeScript does not imply JavaScript.
"""

from __future__ import annotations

# skill id -> surfaces; a surface is "text" or ("text", extra implied skill ids).
SURFACES: dict[str, tuple[str | tuple[str, tuple[str, ...]], ...]] = {
    "python": ("Python",),
    "sql": ("SQL", "SQL", "PostgreSQL", "MySQL", "SQL Server", "advanced SQL"),
    "r": ("R",),
    "go": ("Go", "Golang", "Go (Golang)"),
    "java": ("Java",),
    "javascript": ("JavaScript", "Node.js"),
    "typescript": ("TypeScript",),
    "scala": ("Scala",),
    "rust": ("Rust",),
    "cpp": ("C++", "modern C++"),
    "c": ("C",),
    "csharp": ("C#",),
    "julia": ("Julia",),
    "bash": ("Bash", "shell scripting (Bash/Zsh)", "Bash scripting"),
    "spark": ("Spark", "Apache Spark"),
    "hadoop": ("Hadoop",),
    "kafka": ("Kafka", "Apache Kafka"),
    "airflow": ("Airflow", "Apache Airflow"),
    "dbt": ("dbt",),
    "snowflake": ("Snowflake",),
    "databricks": ("Databricks",),
    "aws": ("AWS", "Amazon Web Services"),
    "gcp": ("GCP", "Google Cloud"),
    "azure": ("Azure", "Microsoft Azure"),
    "docker": ("Docker", "Docker containers"),
    "kubernetes": ("Kubernetes", "K8s", "Kubernetes (EKS/GKE)"),
    "git": ("Git", "GitHub", "Git/GitHub"),
    "linux": ("Linux", "Linux (Ubuntu)"),
    "tensorflow": ("TensorFlow",),
    "pytorch": ("PyTorch",),
    "jax": ("JAX",),
    "keras": ("Keras",),
    "scikit_learn": ("scikit-learn", "sklearn"),
    "xgboost": ("XGBoost",),
    "pandas": ("pandas",),
    "numpy": ("NumPy",),
    "tableau": ("Tableau",),
    "excel": ("Excel", "Microsoft Excel"),
    "statistics": ("statistics", "applied statistics", "statistical inference"),
    "ab_testing": ("A/B testing", "A/B tests", "online experimentation (A/B testing)"),
    "machine_learning": ("machine learning", "ML"),
    "deep_learning": (("deep learning", ("machine_learning",)), ("neural networks", ("machine_learning",))),
    "nlp": ("NLP", "natural language processing"),
    "computer_vision": ("computer vision",),
    "reinforcement_learning": ("reinforcement learning",),
    "llm": ("LLMs", "large language models (LLMs)", "large language models", "LLM"),
    "transformers": ("transformers", "transformer architectures"),
    "rag": ("RAG", "retrieval-augmented generation (RAG)", "retrieval-augmented generation"),
    "prompt_engineering": ("prompt engineering",),
    "fine_tuning": ("fine-tuning", "model fine-tuning"),
    "foundation_models": ("foundation models",),
    "mlops": ("MLOps",),
    "ci_cd": ("CI/CD", ("GitHub Actions", ("git",)), "Jenkins", ("GitLab CI", ("git",))),
    "linear_regression": ("linear regression",),
    "logistic_regression": ("logistic regression",),
    "random_forest": ("random forests", "random forest models"),
    "kmeans": ("k-means", "k-means clustering"),
    "eda": ("exploratory data analysis", "exploratory data analysis (EDA)"),
    "research_experience": ("research experience",),
    # Degrees are written by DEGREE_LINES below; these surfaces serve lists and HN posts.
    "phd": ("PhD",),
    "masters": ("Master's degree",),
}

# Skills grouped the way postings group them in requirement bullets.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "languages": (
        "python",
        "sql",
        "r",
        "go",
        "java",
        "javascript",
        "typescript",
        "scala",
        "rust",
        "cpp",
        "c",
        "csharp",
        "julia",
        "bash",
    ),
    "ml_libraries": ("pytorch", "tensorflow", "jax", "keras", "scikit_learn", "xgboost", "pandas", "numpy"),
    "data_tools": ("spark", "hadoop", "kafka", "airflow", "dbt", "snowflake", "databricks", "tableau", "excel"),
    "cloud": ("aws", "gcp", "azure"),
    "engineering": ("docker", "kubernetes", "ci_cd", "git", "linux", "mlops"),
    "genai": ("llm", "rag", "prompt_engineering", "fine_tuning", "foundation_models", "transformers"),
    "ml_fields": ("machine_learning", "deep_learning", "nlp", "computer_vision", "reinforcement_learning"),
    "methods": (
        "statistics",
        "ab_testing",
        "eda",
        "linear_regression",
        "logistic_regression",
        "random_forest",
        "kmeans",
    ),
    "credentials": ("phd", "masters", "research_experience"),
}

# Bullet templates per category; {list} becomes the joined surfaces ("Python, SQL and Go").
CATEGORY_BULLETS: dict[str, tuple[str, ...]] = {
    "languages": (
        "Strong programming skills in {list}",
        "You write clean, well-tested code in {list}",
        "Production experience with {list}",
        "Fluency in {list}",
    ),
    "ml_libraries": (
        "Hands-on experience with {list}",
        "You have trained and debugged models with {list}",
        "Comfortable with the usual toolkit: {list}",
    ),
    "data_tools": (
        "Experience with data tooling such as {list}",
        "You have built pipelines on {list}",
        "Working knowledge of {list}",
    ),
    "cloud": (
        "Experience running workloads on {list}",
        "Familiarity with at least one major cloud ({list})",
        "You have shipped services on {list}",
    ),
    "engineering": (
        "Solid engineering habits: {list}",
        "Experience with {list}",
        "You are at home with {list}",
    ),
    "genai": (
        "Experience building products with {list}",
        "Practical knowledge of {list}",
        "You have shipped features that rely on {list}",
    ),
    "ml_fields": (
        "A solid grounding in {list}",
        "Depth in {list}",
        "Applied experience in {list}",
    ),
    "methods": (
        "A strong foundation in {list}",
        "Comfort with {list}",
        "Experience applying {list} to messy real-world data",
    ),
}

# Degree lines: which degrees are named decides the wording ("advanced degree" names neither).
DEGREE_LINES: dict[frozenset[str], tuple[str, ...]] = {
    frozenset({"phd"}): (
        "A PhD in computer science, mathematics, physics or a related field",
        "A PhD in a field close to our work, or equivalent research output",
        "A Ph.D. in a quantitative discipline",
    ),
    frozenset({"masters"}): (
        "A Master's degree in a quantitative field, or equivalent experience",
        "BS/MS in computer science, mathematics or a related field",
        "An MSc in mathematics, economics, computer science or similar",
    ),
    frozenset({"phd", "masters"}): (
        "An MS or PhD in computer science, mathematics or a related field",
        "A Master's or PhD in a quantitative discipline",
    ),
    frozenset(): (
        "An advanced degree is a plus but not required",
        "A degree in a quantitative field, or equivalent practical experience",
        "A graduate degree is welcome, never required",
    ),
}

RESEARCH_LINES = (
    "Research experience, ideally with publications at venues such as NeurIPS, ICML or ICLR",
    "A track record of research experience: papers, open-source work or thesis projects",
    "Research experience in an academic or industrial lab",
)


def surfaces_of(skill: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(text, skills that text names) for every way the sandbox writes `skill`."""
    out = []
    for surface in SURFACES[skill]:
        if isinstance(surface, str):
            out.append((surface, frozenset({skill})))
        else:
            text, extra = surface
            out.append((text, frozenset({skill, *extra})))
    return tuple(out)


SURFACE_TABLE: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {skill: surfaces_of(skill) for skill in SURFACES}

CATEGORY_OF: dict[str, str] = {skill: category for category, skills in CATEGORIES.items() for skill in skills}
