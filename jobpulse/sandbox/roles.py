"""The kinds of posting the sandbox writes: titles, skill profiles and duties for each role.

A *posting kind* is a role id plus its specialism (ML engineers) or focus (data scientists), or
one of the non-ML jobs that make up role `other`. Each has a base skill profile — the probability
that a posting mentions each skill — which the planted trends (trends.py) override per role.

Duty phrases use `{skill}` placeholders (written with one of the skill's surfaces) or
`{skill+skill|literal}` when fixed wording itself names skills ("build the ML platform" is MLOps
and machine learning by DESIGN.md's definition). A phrase is only used when all the skills it
names were chosen for the posting, so the text never mentions a skill the ground truth lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Title:
    text: str
    # Skills the title names that the description must then name too (only for skills a
    # planted trend or a narrow specialism depends on); the title is used only if they were chosen.
    needs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PostingKind:
    key: str
    role: str
    specialism: str | None
    focus: str | None
    weight: float  # share within its role
    department: str
    titles: tuple[Title, ...]
    profile: dict[str, float] = field(hash=False)
    duties: tuple[str, ...] = ()


def titles_of(*texts: str) -> tuple[Title, ...]:
    return tuple(Title(t) for t in texts)


# Share of postings per role, before the planted volume trend takes its cut (trends.py).
BASE_ROLE_SHARES = {
    "data_scientist": 0.25,
    "ml_engineer": 0.28,
    "research_scientist": 0.09,
    "research_engineer": 0.09,
    "other": 0.29,
}

_DS = {"python": 0.85, "sql": 0.65, "git": 0.25, "bash": 0.08, "statistics": 0.55,
       "machine_learning": 0.5, "aws": 0.15, "gcp": 0.1, "azure": 0.08, "pandas": 0.3,
       "numpy": 0.12, "r": 0.3, "spark": 0.12, "tableau": 0.12, "scikit_learn": 0.2,
       "xgboost": 0.12, "linear_regression": 0.08, "logistic_regression": 0.08,
       "random_forest": 0.06, "kmeans": 0.04, "ab_testing": 0.2, "eda": 0.12, "phd": 0.12,
       "masters": 0.35, "snowflake": 0.08, "dbt": 0.05, "airflow": 0.04, "llm": 0.06,
       "nlp": 0.05, "excel": 0.05, "databricks": 0.05}
_MLE = {"python": 0.88, "sql": 0.35, "git": 0.3, "bash": 0.15, "linux": 0.15, "aws": 0.35,
        "gcp": 0.2, "azure": 0.12, "ci_cd": 0.35, "mlops": 0.35, "kubernetes": 0.4,
        "machine_learning": 0.85, "deep_learning": 0.3, "scikit_learn": 0.2, "spark": 0.2,
        "airflow": 0.12, "kafka": 0.08, "java": 0.1, "go": 0.08, "scala": 0.06, "rust": 0.05,
        "cpp": 0.1, "llm": 0.15, "nlp": 0.1, "computer_vision": 0.08, "masters": 0.2,
        "phd": 0.08, "xgboost": 0.08, "jax": 0.03, "keras": 0.04}
_AIE = {"python": 0.85, "sql": 0.3, "java": 0.15, "go": 0.15, "typescript": 0.25,
        "javascript": 0.1, "ci_cd": 0.3, "git": 0.3, "transformers": 0.3,
        "prompt_engineering": 0.35, "foundation_models": 0.2, "fine_tuning": 0.3, "docker": 0.3,
        "kubernetes": 0.2, "aws": 0.3, "gcp": 0.15, "azure": 0.15, "pytorch": 0.25, "nlp": 0.2,
        "machine_learning": 0.4, "mlops": 0.1, "deep_learning": 0.1}
_RS = {"python": 0.75, "sql": 0.05, "git": 0.1, "bash": 0.05, "pytorch": 0.6, "jax": 0.25,
       "tensorflow": 0.12, "machine_learning": 0.7, "deep_learning": 0.5, "computer_vision": 0.3,
       "reinforcement_learning": 0.25, "nlp": 0.2, "llm": 0.35, "transformers": 0.3,
       "foundation_models": 0.2, "phd": 0.85, "masters": 0.15, "research_experience": 0.75,
       "statistics": 0.15, "cpp": 0.1, "aws": 0.05, "gcp": 0.05, "docker": 0.05}
_RE = {"python": 0.85, "cpp": 0.2, "rust": 0.05, "git": 0.2, "bash": 0.12, "linux": 0.15,
       "pytorch": 0.65, "jax": 0.2, "tensorflow": 0.1, "machine_learning": 0.65,
       "deep_learning": 0.45, "llm": 0.35, "transformers": 0.3, "computer_vision": 0.2,
       "reinforcement_learning": 0.15, "phd": 0.35, "masters": 0.35, "research_experience": 0.45,
       "docker": 0.2, "kubernetes": 0.15, "aws": 0.12, "gcp": 0.12, "ci_cd": 0.12, "mlops": 0.12,
       "fine_tuning": 0.15, "foundation_models": 0.12}


def _with(base: dict[str, float], **changes: float) -> dict[str, float]:
    return {**base, **changes}


ML_KINDS: tuple[PostingKind, ...] = (
    PostingKind(
        "ds_analytics", "data_scientist", None, "analytics", 0.5, "Data Science",
        titles_of("Data Scientist", "Data Scientist, Analytics", "Product Data Scientist",
           "Data Scientist - Experimentation", "Data Scientist, Product Analytics"),
        _with(_DS, ab_testing=0.65, statistics=0.75, tableau=0.35, eda=0.35, excel=0.15,
              machine_learning=0.3, xgboost=0.04, scikit_learn=0.1),
        ("Design and analyse {ab_testing} that shape product decisions",
         "Partner with product managers to define metrics and success criteria",
         "Turn ambiguous business questions into clear analyses and recommendations",
         "Build dashboards in {tableau} that leadership actually uses",
         "Run {eda} on new data sources before they reach company reporting",
         "Write {sql} against our warehouse to answer questions quickly and reliably",
         "Apply {statistics} to separate real effects from noise",
         "Own the measurement plan for new launches",
         "Present findings to product leads and C-level stakeholders"),
    ),
    PostingKind(
        "ds_modelling", "data_scientist", None, "modelling", 0.5, "Data Science",
        (Title("Data Scientist"), Title("Data Scientist, Machine Learning"),
         Title("Data Scientist - Modeling"), Title("Data Scientist, Forecasting"),
         Title("Data Scientist, Risk Modeling")),
        _with(_DS, machine_learning=0.85, scikit_learn=0.5, xgboost=0.4, linear_regression=0.25,
              logistic_regression=0.25, random_forest=0.2, kmeans=0.12, deep_learning=0.2,
              ab_testing=0.08, tableau=0.05, nlp=0.1),
        ("Build {machine_learning} models that forecast demand and flag risk early",
         "Develop churn and pricing models with {xgboost}",
         "Prototype models in {python} and hand them over cleanly to engineering",
         "Segment customers with {kmeans} and explain the segments to marketing",
         "Fit {logistic_regression} and {random_forest} baselines before reaching for anything fancier",
         "Train and evaluate models with {scikit_learn}",
         "Explain model results and trade-offs to non-technical partners",
         "Pull and shape training data with {sql}",
         "Keep analysis code reviewed and versioned in {git}"),
    ),
    PostingKind(
        "mle_generic", "ml_engineer", None, None, 0.55, "Engineering",
        (Title("Machine Learning Engineer"),
         Title("ML Engineer"),
         Title("Software Engineer, Machine Learning"),
         Title("Machine Learning Engineer, Recommendations"),
         Title("ML Engineer - Search Ranking")),
        _MLE,
        ("Design, train and ship {machine_learning} models for search, ranking and recommendations",
         "Build training pipelines in {pytorch}",
         "Maintain and extend production models written in {tensorflow}",
         "Package models with {docker} and {mlops|run them in production} with proper monitoring",
         "Set up {ci_cd} for model code and data validation",
         "Work with data engineers on feature pipelines in {spark}",
         "Improve the latency and cost of online inference",
         "Own features end to end, from offline evaluation to launch",
         "Write design docs and review code from teammates"),
    ),
    PostingKind(
        "mle_platform", "ml_engineer", "ml_platform", None, 0.2, "Platform",
        (Title("ML Engineer, Platform"),
         Title("ML Infrastructure Engineer"),
         Title("Machine Learning Platform Engineer"),
         Title("MLOps Engineer", frozenset({"mlops"})),
         Title("ML Platform Engineer")),
        _with(_MLE, mlops=0.8, ci_cd=0.55, airflow=0.25, kafka=0.15, go=0.2, spark=0.3,
              kubernetes=0.7, deep_learning=0.1),
        ("{mlops+machine_learning|Build and run the ML platform} that every model team uses",
         "Own our feature store, model registry and training orchestration",
         "Run GPU training jobs on {kubernetes}",
         "Automate model releases with {ci_cd}",
         "Build workflow orchestration on {airflow}",
         "Make it easy for scientists to {mlops|deploy, serve and monitor models in production}",
         "Run streaming features on {kafka}",
         "Write platform services in {go}",
         "Provision infrastructure on {aws} with Terraform"),
    ),
    PostingKind(
        "mle_hardware", "ml_engineer", "ml_hardware", None, 0.12, "Silicon",
        (Title("ML Compiler Engineer"),
         Title("ML Hardware Engineer"),
         Title("Machine Learning Accelerator Engineer"),
         Title("ML Performance Engineer, GPU Kernels")),
        _with(_MLE, cpp=0.8, c=0.35, rust=0.15, linux=0.4, python=0.7, aws=0.08, gcp=0.04,
              azure=0.03, sql=0.05, ci_cd=0.15, mlops=0.05, kubernetes=0.1, spark=0.02),
        ("Write and optimise kernels for our {machine_learning|ML} accelerators in {cpp}",
         "Extend our compiler stack (MLIR/LLVM) to lower new operators",
         "Profile model workloads on GPUs and custom silicon",
         "Write low-level runtime code in {c}",
         "Bring up new boards on {linux}",
         "Co-design numerics and memory layouts with the hardware team",
         "Port {pytorch} models to our accelerator runtime",
         "Work with the thermal team on power and airflow limits for dense racks",
         "Build device tooling in {rust}"),
    ),
    PostingKind(
        "mle_solutions", "ml_engineer", "ml_solutions_architect", None, 0.13, "Field Engineering",
        (Title("ML Solutions Architect"),
         Title("Machine Learning Solutions Architect"),
         Title("Solutions Architect, Machine Learning"),
         Title("AI/ML Solutions Architect")),
        _with(_MLE, aws=0.6, gcp=0.35, azure=0.35, llm=0.3, rag=0.15, sql=0.45, cpp=0.02,
              kubernetes=0.25, deep_learning=0.1),
        ("Guide customers from the first workshop to a signed proof of concept",
         "Design reference architectures on {aws}",
         "Design reference architectures on {azure}",
         "Run technical workshops with customer data science teams",
         "Help customers design {rag} assistants over their own documents",
         "Translate customer requirements into solution designs and cost estimates",
         "Feed what you learn in the field back to product and engineering",
         "Build demos in {python} that customers can run themselves",
         "Partner with our go-to-market team on strategic accounts"),
    ),
    PostingKind(
        "aie", "ai_engineer", None, None, 1.0, "AI",
        (Title("AI Engineer"), Title("Applied AI Engineer"), Title("AI Engineer, Agents"),
         Title("Software Engineer, AI"), Title("GenAI Engineer", frozenset({"llm"})),
         Title("LLM Engineer", frozenset({"llm"})),
         Title("Generative AI Engineer", frozenset({"llm"}))),
        _AIE,
        ("Build AI-powered features for our product, from prototype to launch",
         "Design {rag} pipelines that ground answers in customer documents",
         "Integrate {llm} into our core product workflows",
         "Evaluate output quality with offline test sets and human review",
         "Own {prompt_engineering} and the evaluation harness around it",
         "Run {fine_tuning} of our own models on proprietary data",
         "Build agents that call internal APIs safely",
         "Ship backend services in {go}",
         "Ship backend services in {java}",
         "Build product surfaces in {typescript}",
         "Work with {foundation_models} from several providers and pick the right one for each task",
         "Set up guardrails, tracing and cost monitoring for AI features",
         "Adapt {transformers} to domain-specific tasks"),
    ),
    PostingKind(
        "rs", "research_scientist", None, None, 1.0, "Research",
        (Title("Research Scientist"), Title("Applied Research Scientist"),
         Title("Research Scientist, Computer Vision", frozenset({"computer_vision"})),
         Title("Research Scientist, Reinforcement Learning", frozenset({"reinforcement_learning"})),
         Title("Research Scientist, LLMs", frozenset({"llm"})),
         Title("Research Scientist - Foundation Models", frozenset({"foundation_models"}))),
        _RS,
        ("Lead research on {computer_vision} problems that matter for our products",
         "Develop new methods in {reinforcement_learning} for planning and control",
         "Publish at top venues and collaborate with academic partners",
         "Run careful ablations to test new ideas quickly",
         "Train large models with {pytorch}",
         "Train large models with {jax}",
         "Push the state of the art in reasoning for {llm}",
         "Study the scaling behaviour of {foundation_models}",
         "Mentor junior researchers and interns",
         "Turn research prototypes into techniques the product teams can use"),
    ),
    PostingKind(
        "re", "research_engineer", None, None, 1.0, "Research",
        (Title("Research Engineer"), Title("Research Engineer, Pretraining"),
         Title("Research Engineer - Multimodal"), Title("Research Engineer, Post-Training"),
         Title("Machine Learning Research Engineer")),
        _RE,
        ("Build and scale training infrastructure for large models",
         "Implement research ideas in {pytorch} and make them fast",
         "Write high-performance data loading and evaluation code in {cpp}",
         "Run large distributed training jobs and debug them when they fail",
         "Build evaluation suites for {llm}",
         "Work side by side with research scientists from idea to result",
         "Profile and optimise training of {transformers}",
         "Keep research code reproducible with {git} and {docker}",
         "Run {fine_tuning} and post-training runs at scale"),
    ),
)
